// The rules language, one statement a line (rules/README.md):
//   rule ID / scope S / threshold NAME = NUMBER / let NAME = EXPR / when COND /
//   severity LEVEL [if EXPR] / confidence LEVEL [if EXPR]: REASON / title T / advice T /
//   change conf K=V[, K=V] | change code T / saving EXPR / method TEXT / causes ID... / end
#include <algorithm>
#include <cctype>

#include "rules/rule_set.hpp"

namespace clusop::rules {
namespace {

constexpr size_t kMaxLineBytes = 4096;
constexpr size_t kMaxRules = 1000;
constexpr size_t kMaxStatementsPerRule = 200;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool IsIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 64 || !(std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

// Splits "word rest" at the first blank.
std::pair<std::string_view, std::string_view> Word(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return {s.substr(0, i), Trim(s.substr(i))};
}

bool IsLevel(std::string_view s) { return s == "high" || s == "medium" || s == "low"; }

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

class RuleParser {
 public:
  RuleParser(bool user, RuleSet* out) : user_(user), out_(out) {}

  void Line(int number, std::string_view raw) {
    line_ = number;
    if (raw.size() > kMaxLineBytes) return Fail("line longer than " + std::to_string(kMaxLineBytes) + " bytes");
    const std::string_view text = Trim(raw);
    if (text.empty() || text[0] == '#') return;
    const auto [keyword, rest] = Word(text);
    if (keyword == "rule") return Begin(rest);
    if (!in_rule_) {
      if (!skipping_) Error("", "expected 'rule ID' before '" + std::string(keyword) + "'");
      return;
    }
    if (skipping_) {
      if (keyword == "end") EndSkipped();
      return;
    }
    if (++statements_ > kMaxStatementsPerRule) return Fail("more than " + std::to_string(kMaxStatementsPerRule) + " statements in one rule");
    if (keyword == "end") return End();
    if (keyword == "scope") return ScopeLine(rest);
    if (!scope_set_) return Fail("expected 'scope' (application, stage, sql_execution, join, executor) as the rule's first statement");
    if (keyword == "threshold") return ThresholdLine(rest);
    if (keyword == "let") return LetLine(rest);
    if (keyword == "when") return WhenLine(rest);
    if (keyword == "severity") return GuardedLine(rest, /*confidence=*/false);
    if (keyword == "confidence") return GuardedLine(rest, /*confidence=*/true);
    if (keyword == "title") return TemplateLine(rest, &rule_.title, false);
    if (keyword == "advice") return TemplateLine(rest, &rule_.advice, true);
    if (keyword == "change") return ChangeLine(rest);
    if (keyword == "saving") return SavingLine(rest);
    if (keyword == "method") {
      rule_.method = std::string(rest);
      return;
    }
    if (keyword == "causes") return CausesLine(rest);
    Fail("unknown statement '" + std::string(keyword) +
         "' (expected scope, threshold, let, when, severity, confidence, title, advice, change, saving, method, causes or end)");
  }

  void Finish() {
    if (in_rule_ && !skipping_) {
      line_ = rule_.line;
      Error(rule_.id, "rule '" + rule_.id + "' has no 'end'");
    }
  }

 private:
  void Error(const std::string& rule, const std::string& message) {
    out_->errors.push_back({rule, line_, (user_ ? "user rules, line " : "built-in rules, line ") + std::to_string(line_) + ": " + message});
  }
  // A fault inside a rule: the rule is left out, lines are skipped to its 'end'.
  void Fail(const std::string& message) {
    Error(rule_.id, message);
    skipping_ = true;
  }
  void EndSkipped() {
    in_rule_ = false;
    skipping_ = false;
  }

  void Begin(std::string_view id) {
    if (in_rule_ && !skipping_) {
      Error(rule_.id, "rule '" + rule_.id + "' has no 'end' before the next 'rule'");
    }
    rule_ = Rule{};
    rule_.id = std::string(id);
    rule_.line = line_;
    rule_.user = user_;
    in_rule_ = true;
    skipping_ = false;
    scope_set_ = false;
    statements_ = 0;
    if (!IsIdentifier(id)) return Fail("a rule id is lower-case letters, digits and '_' (got '" + std::string(id) + "')");
    if (out_->rules.size() >= kMaxRules) return Fail("more than " + std::to_string(kMaxRules) + " rules");
  }

  void ScopeLine(std::string_view rest) {
    if (scope_set_) return Fail("'scope' given twice");
    if (rest == "job") return Fail("scope 'job' has no KPIs yet (the scan keeps no per-job facts): use stage or application");
    if (!ParseScope(rest, &rule_.scope)) return Fail("unknown scope '" + std::string(rest) + "' (expected application, stage, sql_execution, join or executor)");
    scope_set_ = true;
  }

  int Resolve(std::string_view name, std::string* error) const {
    if (int i = KpiIndex(rule_.scope, name); i >= 0) return i;
    if (rule_.scope != Scope::kApplication)
      if (int i = KpiIndex(Scope::kApplication, name); i >= 0) return rule_.app_offset() + i;
    for (size_t i = 0; i < rule_.thresholds.size(); ++i)
      if (rule_.thresholds[i].name == name) return rule_.threshold_offset() + static_cast<int>(i);
    for (size_t i = 0; i < rule_.lets.size(); ++i)
      if (rule_.lets[i].name == name) return rule_.let_offset() + static_cast<int>(i);
    *error = "unknown name '" + std::string(name) + "': not a " + ScopeName(rule_.scope) +
             " KPI, an application KPI, nor a threshold or let declared above (KPIs: rules/README.md)";
    return -1;
  }

  bool Compile(std::string_view text, Expression* out) {
    std::string error;
    if (CompileExpression(text, [this](std::string_view n, std::string* e) { return Resolve(n, e); }, out, &error)) return true;
    Fail(error);
    return false;
  }

  bool NameFree(std::string_view name) {
    std::string ignored;
    if (!IsIdentifier(name)) {
      Fail("a name is lower-case letters, digits and '_' (got '" + std::string(name) + "')");
      return false;
    }
    if (Resolve(name, &ignored) >= 0) {
      Fail("'" + std::string(name) + "' is already a KPI, threshold or let");
      return false;
    }
    return true;
  }

  void ThresholdLine(std::string_view rest) {
    if (!rule_.lets.empty()) return Fail("thresholds come before the first 'let'");
    const size_t eq = rest.find('=');
    if (eq == std::string_view::npos) return Fail("expected 'threshold NAME = NUMBER'");
    const std::string_view name = Trim(rest.substr(0, eq));
    std::string_view value = rest.substr(eq + 1);
    if (const size_t hash = value.find('#'); hash != std::string_view::npos) value = value.substr(0, hash);
    value = Trim(value);
    bool negative = !value.empty() && value[0] == '-';
    if (negative) value.remove_prefix(1);
    double number = 0;
    if (!NameFree(name)) return;
    if (!ParseNumberWithUnit(value, &number)) return Fail("threshold '" + std::string(name) + "': expected a number such as 5, 60s, 10MiB or 25%");
    rule_.thresholds.push_back({std::string(name), negative ? -number : number, line_});
  }

  void LetLine(std::string_view rest) {
    const size_t eq = rest.find('=');
    if (eq == std::string_view::npos) return Fail("expected 'let NAME = EXPRESSION'");
    const std::string_view name = Trim(rest.substr(0, eq));
    if (!NameFree(name)) return;
    Let let;
    let.name = std::string(name);
    if (!Compile(Trim(rest.substr(eq + 1)), &let.expression)) return;
    rule_.lets.push_back(std::move(let));
  }

  void WhenLine(std::string_view rest) {
    std::string error;
    if (!CompileCondition(rest, [this](std::string_view n, std::string* e) { return Resolve(n, e); }, &rule_.when, &error))
      Fail(error);
  }

  void GuardedLine(std::string_view rest, bool confidence) {
    std::string_view reason;
    if (confidence) {
      const size_t colon = rest.find(':');
      if (colon == std::string_view::npos) return Fail("expected 'confidence HIGH|MEDIUM|LOW [if EXPRESSION]: reason'");
      reason = Trim(rest.substr(colon + 1));
      rest = Trim(rest.substr(0, colon));
    }
    const auto [level, guard] = Word(rest);
    std::string lower(level);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!IsLevel(lower)) return Fail(std::string(confidence ? "confidence" : "severity") + " is high, medium or low (got '" + std::string(level) + "')");
    Guarded g;
    g.level = confidence ? Upper(lower) : lower;
    if (!guard.empty()) {
      const auto [if_word, condition] = Word(guard);
      if (if_word != "if" || condition.empty()) return Fail("expected 'if EXPRESSION' after the level");
      if (!Compile(condition, &g.condition)) return;
    }
    if (confidence && !ParseTemplate(reason, &g.reason)) return;
    (confidence ? rule_.confidences : rule_.severities).push_back(std::move(g));
  }

  bool ParseTemplate(std::string_view text, Template* out) {
    size_t i = 0;
    while (i < text.size()) {
      const size_t open = text.find('{', i);
      if (open == std::string_view::npos) {
        out->pieces.push_back({std::string(text.substr(i))});
        break;
      }
      if (open > i) out->pieces.push_back({std::string(text.substr(i, open - i))});
      const size_t close = text.find('}', open);
      if (close == std::string_view::npos) {
        Fail("'{' without '}' in text");
        return false;
      }
      std::string_view inside = text.substr(open + 1, close - open - 1);
      TemplatePiece piece;
      if (const size_t colon = inside.find(':'); colon != std::string_view::npos) {
        piece.format = std::string(Trim(inside.substr(colon + 1)));
        inside = inside.substr(0, colon);
        static const char* const kFormats[] = {"duration", "bytes", "int", "pct", "ratio"};
        if (std::none_of(std::begin(kFormats), std::end(kFormats), [&](const char* f) { return piece.format == f; })) {
          Fail("unknown format '" + piece.format + "' (expected duration, bytes, int, pct or ratio)");
          return false;
        }
      }
      const std::string_view name = Trim(inside);
      if (int t = TextIndex(rule_.scope, name); t >= 0) {
        piece.kind = TemplatePiece::kText;
        piece.index = t;
      } else if (int a = TextIndex(Scope::kApplication, name); a >= 0 && rule_.scope != Scope::kApplication) {
        piece.kind = TemplatePiece::kAppText;
        piece.index = a;
      } else {
        std::string error;
        piece.kind = TemplatePiece::kValue;
        piece.index = Resolve(name, &error);
        if (piece.index < 0) {
          Fail("in {" + std::string(name) + "}: " + error);
          return false;
        }
      }
      out->pieces.push_back(std::move(piece));
      i = close + 1;
    }
    return true;
  }

  void TemplateLine(std::string_view rest, Template* out, bool append) {
    if (!append && !out->empty()) return Fail("'title' given twice");
    if (append && !out->empty()) out->pieces.push_back({" "});
    ParseTemplate(rest, out);
  }

  void ChangeLine(std::string_view rest) {
    if (!rule_.change_kind.empty()) return Fail("'change' given twice");
    const auto [kind, text] = Word(rest);
    if (kind != "conf" && kind != "code") return Fail("expected 'change conf KEY=VALUE[, KEY=VALUE]' or 'change code TEXT'");
    if (text.empty()) return Fail("'change' without its text");
    if (kind == "conf" && text.find('=') == std::string_view::npos) return Fail("'change conf' expects KEY=VALUE");
    rule_.change_kind = kind == "conf" ? "spark_conf" : "code";
    ParseTemplate(text, &rule_.change);
  }

  void SavingLine(std::string_view rest) {
    if (!rule_.saving.empty()) return Fail("'saving' given twice");
    Compile(rest, &rule_.saving);
  }

  void CausesLine(std::string_view rest) {
    while (!rest.empty()) {
      const auto [id, tail] = Word(rest);
      if (!IsIdentifier(id)) return Fail("'causes' lists rule ids (got '" + std::string(id) + "')");
      rule_.causes.emplace_back(id);
      rest = tail;
    }
  }

  void End() {
    in_rule_ = false;
    line_ = rule_.line;  // a missing part is named at the rule's first line
    if (rule_.when.empty()) return Error(rule_.id, "rule '" + rule_.id + "' has no 'when'");
    if (rule_.title.empty()) return Error(rule_.id, "rule '" + rule_.id + "' has no 'title'");
    if (rule_.saving.empty()) return Error(rule_.id, "rule '" + rule_.id + "' has no 'saving'");
    auto same = [&](const Rule& r) { return r.id == rule_.id; };
    out_->rules.erase(std::remove_if(out_->rules.begin(), out_->rules.end(), same), out_->rules.end());
    out_->rules.push_back(std::move(rule_));
  }

  bool user_;
  RuleSet* out_;
  Rule rule_;
  int line_ = 0;
  bool in_rule_ = false;
  bool skipping_ = false;
  bool scope_set_ = false;
  size_t statements_ = 0;
};

}  // namespace

int Rule::app_offset() const { return static_cast<int>(Kpis(scope).size()); }

int Rule::threshold_offset() const {
  return app_offset() + (scope == Scope::kApplication ? 0 : static_cast<int>(Kpis(Scope::kApplication).size()));
}

void ParseRules(std::string_view text, bool user, RuleSet* out) {
  RuleParser parser(user, out);
  int number = 0;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    parser.Line(++number, text.substr(begin, end - begin));
    begin = end + 1;
  }
  parser.Finish();
}

}  // namespace clusop::rules
