#include "rules/evaluate.hpp"

#include <cmath>
#include <cstdio>

namespace clusop::rules {
namespace {

bool Holds(double v) { return !std::isnan(v) && v != 0; }

std::string Render(const Template& t, const std::vector<double>& slots, const FactRow& row, const FactRow& app) {
  std::string out;
  for (const TemplatePiece& p : t.pieces) {
    switch (p.kind) {
      case TemplatePiece::kLiteral: out += p.literal; break;
      case TemplatePiece::kText: out += row.texts[p.index]; break;
      case TemplatePiece::kAppText: out += app.texts[p.index]; break;
      case TemplatePiece::kValue: out += FormatValue(slots[p.index], p.format); break;
    }
  }
  return out;
}

// "k=v, k2=v2" -> pairs.
std::vector<std::pair<std::string, std::string>> ConfPairs(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find(',', begin);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(begin, end - begin);
    const size_t eq = item.find('=');
    auto trim = [](std::string s) {
      while (!s.empty() && s.front() == ' ') s.erase(s.begin());
      while (!s.empty() && s.back() == ' ') s.pop_back();
      return s;
    };
    if (eq != std::string::npos) out.emplace_back(trim(item.substr(0, eq)), trim(item.substr(eq + 1)));
    begin = end + 1;
  }
  return out;
}

void SetIds(Scope scope, const FactRow& row, Finding* f) {
  f->scope = scope == Scope::kJoin ? "sql_execution" : ScopeName(scope);
  f->stage_id = row.stage_id;
  f->stage_attempt = row.stage_attempt;
  f->execution_id = row.execution_id;
  f->job_id = row.job_id;
  f->executor_id = row.executor_id;
  f->code_location = row.code_location;
  const std::vector<std::string_view>& names = Texts(scope);
  for (size_t i = 0; i < names.size() && i < row.texts.size(); ++i)
    if (!row.texts[i].empty()) f->subject.emplace_back(std::string(names[i]), row.texts[i]);
}

void EvaluateRule(const Rule& rule, const FactRow& row, const FactRow& app, std::vector<double>* slots_buffer,
                  std::vector<Finding>* out) {
  std::vector<double>& slots = *slots_buffer;
  slots.resize(static_cast<size_t>(rule.slot_count()));
  std::copy(row.values.begin(), row.values.end(), slots.begin());
  if (rule.scope != Scope::kApplication) std::copy(app.values.begin(), app.values.end(), slots.begin() + rule.app_offset());
  for (size_t i = 0; i < rule.thresholds.size(); ++i) slots[rule.threshold_offset() + i] = rule.thresholds[i].value;
  for (size_t i = 0; i < rule.lets.size(); ++i) slots[rule.let_offset() + i] = rule.lets[i].expression.Evaluate(slots.data());
  for (const Conjunct& c : rule.when)
    if (!Holds(c.whole.Evaluate(slots.data()))) return;

  Finding f;
  f.rule = rule.id;
  SetIds(rule.scope, row, &f);
  for (const Conjunct& c : rule.when) {
    Evidence e;
    if (c.comparison) {
      e.kpi = c.left.text;
      e.value = c.left.Evaluate(slots.data());
      e.op = c.op;
      e.threshold = c.right.Evaluate(slots.data());
    } else {
      e.kpi = c.whole.text;
      e.value = 1;
      e.op = "is";
    }
    f.evidence.push_back(std::move(e));
  }
  for (const Guarded& g : rule.severities)
    if (g.condition.empty() || Holds(g.condition.Evaluate(slots.data()))) {
      f.severity = g.level;
      break;
    }
  int lowest = 4;
  for (const Guarded& g : rule.confidences) {
    if (!g.condition.empty() && !Holds(g.condition.Evaluate(slots.data()))) continue;
    const int order = g.level == "HIGH" ? 3 : g.level == "MEDIUM" ? 2 : 1;
    if (order < lowest) {
      lowest = order;
      f.confidence = g.level;
    }
    f.reasons.push_back(Render(g.reason, slots, row, app));
  }
  const double saving = rule.saving.Evaluate(slots.data());
  f.time_ms = std::isfinite(saving) && saving > 0 ? std::round(saving) : 0;
  f.method = rule.method;
  f.title = Render(rule.title, slots, row, app);
  f.advice = Render(rule.advice, slots, row, app);
  f.change_kind = rule.change_kind;
  f.change_text = Render(rule.change, slots, row, app);
  if (f.change_kind == "spark_conf") f.conf = ConfPairs(f.change_text);
  f.causes = rule.causes;
  f.parent_execution = rule.scope == Scope::kStage ? row.execution_id : -1;
  out->push_back(std::move(f));
}

}  // namespace

std::string FormatValue(double v, const std::string& format) {
  if (std::isnan(v)) return "unknown";
  char buf[64];
  if (format == "duration") {
    const double s = v / 1000.0;
    if (s < 1) std::snprintf(buf, sizeof buf, "%.0f ms", v);
    else if (s < 60) std::snprintf(buf, sizeof buf, "%.1f s", s);
    else if (s < 3600) std::snprintf(buf, sizeof buf, "%.0fm %02.0fs", std::floor(s / 60), std::fmod(s, 60));
    else std::snprintf(buf, sizeof buf, "%.0fh %02.0fm", std::floor(s / 3600), std::floor(std::fmod(s, 3600) / 60));
  } else if (format == "bytes") {
    static const char* const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int u = 0;
    double x = v;
    while (std::fabs(x) >= 1024 && u < 5) {
      x /= 1024;
      ++u;
    }
    std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", x, kUnits[u]);
  } else if (format == "pct") {
    std::snprintf(buf, sizeof buf, "%.0f%%", v * 100);
  } else if (format == "ratio") {
    std::snprintf(buf, sizeof buf, "%.1f", v);
  } else if (format == "int" || (std::fabs(v) < 1e15 && v == std::floor(v))) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.3g", v);
  }
  return buf;
}

std::vector<Finding> Evaluate(const RuleSet& rules, const RuleFacts& facts) {
  std::vector<Finding> out;
  std::vector<double> slots;
  for (const Rule& rule : rules.rules) {
    if (rule.scope == Scope::kApplication) {
      EvaluateRule(rule, facts.application, facts.application, &slots, &out);
      continue;
    }
    for (const FactRow& row : facts.Of(rule.scope)) EvaluateRule(rule, row, facts.application, &slots, &out);
  }
  return out;
}

}  // namespace clusop::rules
