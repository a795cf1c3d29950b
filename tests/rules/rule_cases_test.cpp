// One runner over tests/rules/cases/*.json. A case holds KPI rows by scope (names from the rule
// vocabulary; an unknown name fails the case), optional user rules, threshold overrides and
// mutes, and what must come out: the exact set of ranked recommendations (rule and ids), their
// cascades, and the rule errors (line and words). What is not listed must not fire.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "rank/rank.hpp"
#include "rules/evaluate.hpp"
#include "rules/rule_set.hpp"
#include "support/test_files.hpp"

namespace clusop::rules {
namespace {

using nlohmann::json;

std::string CaseDir() { return testing::SourceDir() + "/tests/rules/cases"; }

// A row from {"kpi": value | null, "name"/"call_site"...: "text", ...}.
FactRow ReadRow(Scope scope, const json& object, std::string* error) {
  FactRow row = EmptyRow(scope);
  for (const auto& [key, value] : object.items()) {
    if (key == "execution_id" && scope == Scope::kStage) {  // a stage's SQL execution
      row.execution_id = value.get<int64_t>();
      continue;
    }
    if (int k = KpiIndex(scope, key); k >= 0) {
      row.values[k] = value.is_null() ? std::nan("") : value.get<double>();
    } else if (int t = TextIndex(scope, key); t >= 0) {
      row.texts[t] = value.get<std::string>();
    } else {
      *error += "unknown " + std::string(ScopeName(scope)) + " KPI '" + key + "'; ";
    }
  }
  auto id = [&](const char* name) {
    const int k = KpiIndex(scope, name);
    return k >= 0 && !std::isnan(row.values[k]) ? static_cast<int64_t>(row.values[k]) : int64_t{-1};
  };
  if (scope == Scope::kStage) {
    row.stage_id = id("stage_id");
    row.stage_attempt = std::max<int64_t>(id("attempt"), 0);
  }
  if (scope == Scope::kSqlExecution || scope == Scope::kJoin) row.execution_id = id("execution_id");
  if (scope == Scope::kExecutor) row.executor_id = row.texts[TextIndex(scope, "executor_id")];
  return row;
}

RuleFacts ReadFacts(const json& facts, std::string* error) {
  RuleFacts out;
  out.application = ReadRow(Scope::kApplication, facts.value("application", json::object()), error);
  for (Scope scope : {Scope::kStage, Scope::kSqlExecution, Scope::kJoin, Scope::kExecutor}) {
    const json rows = facts.value(ScopeName(scope), json::array());
    for (const json& row : rows)
      out.rows[static_cast<int>(scope)].push_back(ReadRow(scope, row, error));
  }
  return out;
}

// "task_skew stage 3", "missed_broadcast sql_execution 2", "idle_executors application"
std::string Describe(const std::string& rule, const std::string& scope, int64_t stage, int64_t execution,
                     const std::string& executor) {
  std::string out = rule + " " + scope;
  if (scope == "stage") out += " " + std::to_string(stage);
  if (scope == "sql_execution") out += " " + std::to_string(execution);
  if (scope == "executor") out += " " + executor;
  return out;
}

std::string Describe(const json& expected) {
  return Describe(expected.at("rule"), expected.at("scope"), expected.value("stage_id", int64_t{-1}),
                  expected.value("execution_id", int64_t{-1}), expected.value("executor_id", ""));
}

class RuleCase : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleCase, FiresExactlyWhatItExpects) {
  const json c = json::parse(testing::ReadFile(GetParam()));
  SCOPED_TRACE(c.value("why", ""));
  RuleOptions options;
  options.user_rules = c.value("rules", "");
  const json thresholds = c.value("thresholds", json::object());
  const json mute = c.value("mute", json::array());
  for (const auto& [k, v] : thresholds.items()) options.thresholds[k] = v.get<double>();
  for (const json& m : mute) options.mute.push_back(m.get<std::string>());
  const auto set = CompileRules(options);

  std::string fact_errors;
  const RuleFacts facts = ReadFacts(c.at("facts"), &fact_errors);
  ASSERT_EQ(fact_errors, "") << "the case names KPIs the vocabulary does not have";

  std::vector<Finding> findings = Evaluate(*set, facts);
  RankFindings(&findings, ClusterPrice{});

  std::multiset<std::string> got, want;
  for (const Finding& f : findings) {
    got.insert(Describe(f.rule, f.scope, f.stage_id, f.execution_id, f.executor_id));
    EXPECT_FALSE(f.title.empty()) << f.rule;
    EXPECT_GE(f.time_ms, 0) << f.rule;
    EXPECT_FALSE(f.usd.has_value()) << "no cluster price was given";
    EXPECT_FALSE(f.evidence.empty()) << f.rule;
  }
  const json fired = c.at("expect").at("fired");
  for (const json& e : fired) want.insert(Describe(e));
  EXPECT_EQ(got, want);

  for (const json& e : fired) {
    if (!e.contains("cascade")) continue;
    const auto it = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) {
      return Describe(f.rule, f.scope, f.stage_id, f.execution_id, f.executor_id) == Describe(e);
    });
    if (it == findings.end()) continue;
    std::multiset<std::string> cascade, want_cascade;
    for (const CascadeEntry& x : it->cascade) cascade.insert(x.rule);
    for (const json& r : e.at("cascade")) want_cascade.insert(r.get<std::string>());
    EXPECT_EQ(cascade, want_cascade) << Describe(e);
  }
  if (c.at("expect").contains("first")) {
    ASSERT_FALSE(findings.empty());
    EXPECT_EQ(findings.front().rule, c.at("expect").at("first").get<std::string>());
  }

  const json expected_errors = c.at("expect").value("rule_errors", json::array());
  ASSERT_EQ(set->errors.size(), expected_errors.size());
  for (size_t i = 0; i < expected_errors.size(); ++i) {
    EXPECT_EQ(set->errors[i].line, expected_errors[i].value("line", -1));
    EXPECT_NE(set->errors[i].message.find(expected_errors[i].at("contains").get<std::string>()), std::string::npos)
        << set->errors[i].message;
  }
}

std::vector<std::string> Cases() {
  std::vector<std::string> out;
  for (const std::string& f : testing::ListFiles(CaseDir()))
    if (f.size() > 5 && f.compare(f.size() - 5, 5, ".json") == 0) out.push_back(f);
  return out;
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(info.param.find_last_of('/') + 1);
  name = name.substr(0, name.size() - 5);
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, RuleCase, ::testing::ValuesIn(Cases()), CaseName);

}  // namespace
}  // namespace clusop::rules
