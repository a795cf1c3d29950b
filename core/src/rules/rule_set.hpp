#pragma once
// Rules as data: the built-in rules file (rules/builtin.rules, compiled in) and the user's own,
// in the same line-oriented language (rules/README.md). A rule that does not parse is left out
// with an error naming its line; the others still run.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rank/finding.hpp"
#include "rules/expression.hpp"
#include "rules/vocabulary.hpp"

namespace clusop::rules {

// Literal text and {name[:format]} references to KPIs, texts, thresholds and lets.
struct TemplatePiece {
  std::string literal;
  enum Kind : uint8_t { kLiteral, kValue, kText, kAppText } kind = kLiteral;
  int index = -1;                    // slot (kValue) or text index
  std::string format;                // duration, bytes, int, pct, ratio; "" plain
};
struct Template {
  std::vector<TemplatePiece> pieces;
  bool empty() const { return pieces.empty(); }
};

struct Threshold {
  std::string name;
  double value = 0;
  int line = 0;
};

struct Let {
  std::string name;
  Expression expression;
};

struct Guarded {
  std::string level;                 // severity or confidence level
  Expression condition;              // empty: always
  Template reason;                   // confidence only
};

struct Rule {
  std::string id;
  int line = 0;
  bool user = false;
  Scope scope = Scope::kStage;
  std::vector<Threshold> thresholds;
  std::vector<Let> lets;
  std::vector<Conjunct> when;
  std::vector<Guarded> severities;
  std::vector<Guarded> confidences;
  Template title, advice, change;
  std::string change_kind;           // spark_conf | code | "" (no change line)
  Expression saving;
  std::string method;
  std::vector<std::string> causes;

  // Slots: the scope's KPIs, then the application's (other scopes), thresholds, lets.
  int app_offset() const;
  int threshold_offset() const;
  int let_offset() const { return threshold_offset() + static_cast<int>(thresholds.size()); }
  int slot_count() const { return let_offset() + static_cast<int>(lets.size()); }
};

struct RuleSet {
  std::vector<Rule> rules;
  std::vector<RuleError> errors;
};

// Parses a rules file; good rules are appended to `out->rules`, faults to `out->errors`.
// `user` marks a user's file (its errors say so). A rule whose id is already in the set
// replaces the earlier one.
void ParseRules(std::string_view text, bool user, RuleSet* out);

// The built-in rules (parsed once; their errors would be a build defect, tested).
const RuleSet& BuiltinRules();

// What a caller changes: user rules, threshold overrides ("rule.threshold" -> value), mutes.
struct RuleOptions {
  std::string user_rules;
  std::map<std::string, double> thresholds;
  std::vector<std::string> mute;
  bool empty() const { return user_rules.empty() && thresholds.empty() && mute.empty(); }
};

// The built-in rules with the user's added, overrides set and mutes removed; every fault
// (parse error, unknown threshold or rule) is listed in the set's errors.
std::shared_ptr<const RuleSet> CompileRules(const RuleOptions& options);

}  // namespace clusop::rules
