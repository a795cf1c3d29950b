// The built-in rules load without a fault, hold every rule id the contract names, and
// rules/README.md documents every KPI name of the vocabulary (the list lives in one place:
// core/src/rules/vocabulary.hpp; the README is checked against it, not copied from it).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "rules/expression.hpp"
#include "rules/rule_set.hpp"
#include "support/test_files.hpp"

namespace clusop::rules {
namespace {

TEST(BuiltinRules, LoadWithoutFaults) {
  const RuleSet& set = BuiltinRules();
  for (const RuleError& e : set.errors) ADD_FAILURE() << e.message;
}

TEST(BuiltinRules, HoldEveryContractRule) {
  const char* const kIds[] = {"task_skew",     "spill",          "gc_pressure",       "missed_broadcast",
                              "tiny_tasks",    "too_few_partitions", "shuffle_partitions", "idle_executors",
                              "task_failures", "speculation_waste", "large_collect",     "python_udf",
                              "nested_loop_join", "aqe_off",     "small_files",       "engine_fallback"};
  const RuleSet& set = BuiltinRules();
  for (const char* id : kIds)
    EXPECT_TRUE(std::any_of(set.rules.begin(), set.rules.end(), [&](const Rule& r) { return r.id == id; })) << id;
  for (const Rule& r : set.rules) {
    EXPECT_FALSE(r.advice.empty()) << r.id;
    EXPECT_FALSE(r.change_kind.empty()) << r.id;
    EXPECT_FALSE(r.confidences.empty()) << r.id;
    EXPECT_FALSE(r.method.empty()) << r.id;
  }
}

TEST(BuiltinRules, ReadmeDocumentsEveryKpi) {
  const std::string readme = testing::ReadFile(testing::SourceDir() + "/rules/README.md");
  for (int s = 0; s < kScopeCount; ++s) {
    const Scope scope = static_cast<Scope>(s);
    for (const KpiDef& k : Kpis(scope))
      EXPECT_NE(readme.find("| `" + std::string(k.name) + "` |"), std::string::npos) << ScopeName(scope) << " " << k.name;
    for (std::string_view t : Texts(scope))
      EXPECT_NE(readme.find("`" + std::string(t) + "`"), std::string::npos) << ScopeName(scope) << " text " << t;
  }
}

TEST(BuiltinRules, UserRuleReplacesBuiltinOfSameId) {
  RuleOptions o;
  o.user_rules = "rule spill\n scope stage\n when memory_spilled_bytes > 0\n title mine\n saving 1\nend\n";
  const auto set = CompileRules(o);
  EXPECT_TRUE(set->errors.empty());
  const auto n = std::count_if(set->rules.begin(), set->rules.end(), [](const Rule& r) { return r.id == "spill"; });
  EXPECT_EQ(n, 1);
  const auto it = std::find_if(set->rules.begin(), set->rules.end(), [](const Rule& r) { return r.id == "spill"; });
  EXPECT_TRUE(it->user);
}

TEST(BuiltinRules, UnknownOverrideAndMuteAreReported) {
  RuleOptions o;
  o.thresholds["task_skew.no_such"] = 1;
  o.thresholds["no_rule.x"] = 1;
  o.mute = {"no_rule"};
  const auto set = CompileRules(o);
  ASSERT_EQ(set->errors.size(), 3u);
  EXPECT_TRUE(std::any_of(set->errors.begin(), set->errors.end(), [](const RuleError& e) {
    return e.message.find("task_skew.no_such") != std::string::npos && e.message.find("min_excess_ms") != std::string::npos;
  })) << "names the thresholds the rule has";
}

double Eval(const std::string& text) {
  Expression e;
  std::string error;
  const bool ok = CompileExpression(text, [](std::string_view, std::string* err) { *err = "no names"; return -1; }, &e, &error);
  EXPECT_TRUE(ok) << text << ": " << error;
  return ok ? e.Evaluate(nullptr) : std::nan("");
}

TEST(Expression, Arithmetic) {
  EXPECT_EQ(Eval("1 + 2 * 3"), 7);
  EXPECT_EQ(Eval("(1 + 2) * 3"), 9);
  EXPECT_EQ(Eval("-2 * -3"), 6);
  EXPECT_EQ(Eval("10 - 4 - 3"), 3);
  EXPECT_EQ(Eval("max(2, min(5, 3))"), 3);
  EXPECT_EQ(Eval("ceil(2.1) + floor(2.9)"), 5);
  EXPECT_EQ(Eval("1MiB"), 1048576);
  EXPECT_EQ(Eval("2min"), 120000);
  EXPECT_EQ(Eval("25%"), 0.25);
  EXPECT_EQ(Eval("1 < 2 and not 3 < 2"), 1);
  EXPECT_EQ(Eval("1 > 2 or 2 >= 2"), 1);
  EXPECT_TRUE(std::isnan(Eval("1 / 0"))) << "unknown, not infinite";
  EXPECT_EQ(Eval("1 / 0 > 0"), 0) << "a comparison with an unknown is false";
}

std::string CompileError(const std::string& text) {
  Expression e;
  std::string error;
  EXPECT_FALSE(CompileExpression(text, [](std::string_view, std::string* err) { *err = "unknown name"; return -1; }, &e, &error)) << text;
  return error;
}

TEST(Expression, FaultsAreNamed) {
  EXPECT_NE(CompileError("1 +").find("value was expected"), std::string::npos);
  EXPECT_NE(CompileError("(1 + 2").find("unbalanced"), std::string::npos);
  EXPECT_NE(CompileError("1 2").find("expected an operator"), std::string::npos);
  EXPECT_NE(CompileError("max(1)").find("argument"), std::string::npos);
  EXPECT_NE(CompileError("3 % 2").find("unexpected character"), std::string::npos);
  EXPECT_NE(CompileError("10furlongs").find("bad number"), std::string::npos);
  EXPECT_NE(CompileError("x > 1").find("unknown name"), std::string::npos);
}

TEST(Expression, DepthAndLengthAreBounded) {
  EXPECT_NE(CompileError(std::string(100, '(') + "1" + std::string(100, ')')).find("nested deeper"), std::string::npos);
  std::string long_sum = "1";
  for (int i = 0; i < 300; ++i) long_sum += " + 1";
  EXPECT_NE(CompileError(long_sum).find("too long"), std::string::npos);
  std::string negations;
  for (int i = 0; i < 200; ++i) negations += "- ";
  EXPECT_EQ(Eval(negations + "1"), 1) << "unary chains are iterative";
}

}  // namespace
}  // namespace clusop::rules
