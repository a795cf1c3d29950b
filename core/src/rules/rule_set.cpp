#include <algorithm>

#include "rules/embedded_rules.hpp"
#include "rules/rule_set.hpp"

namespace clusop::rules {

const RuleSet& BuiltinRules() {
  static const RuleSet* const builtin = [] {
    auto* set = new RuleSet();
    ParseRules(kEmbeddedRules, /*user=*/false, set);
    return set;
  }();
  return *builtin;
}

std::shared_ptr<const RuleSet> CompileRules(const RuleOptions& options) {
  auto set = std::make_shared<RuleSet>(BuiltinRules());
  if (!options.user_rules.empty()) ParseRules(options.user_rules, /*user=*/true, set.get());
  for (const auto& [key, value] : options.thresholds) {
    const size_t dot = key.find('.');
    const std::string rule = dot == std::string::npos ? std::string() : key.substr(0, dot);
    const std::string name = dot == std::string::npos ? key : key.substr(dot + 1);
    auto it = std::find_if(set->rules.begin(), set->rules.end(), [&](const Rule& r) { return r.id == rule; });
    if (it == set->rules.end()) {
      set->errors.push_back({rule, -1, "threshold " + key + ": expected RULE.THRESHOLD of a known rule"});
      continue;
    }
    auto t = std::find_if(it->thresholds.begin(), it->thresholds.end(), [&](const Threshold& x) { return x.name == name; });
    if (t == it->thresholds.end()) {
      std::string known;
      for (const Threshold& x : it->thresholds) known += (known.empty() ? "" : ", ") + x.name;
      set->errors.push_back({rule, -1, "threshold " + key + ": rule " + rule + " has no threshold '" + name + "' (it has: " +
                                           (known.empty() ? "none" : known) + ")"});
      continue;
    }
    t->value = value;
  }
  for (const std::string& id : options.mute) {
    const auto before = set->rules.size();
    set->rules.erase(std::remove_if(set->rules.begin(), set->rules.end(), [&](const Rule& r) { return r.id == id; }),
                     set->rules.end());
    if (set->rules.size() == before) set->errors.push_back({id, -1, "mute " + id + ": no rule has this id"});
  }
  return set;
}

}  // namespace clusop::rules
