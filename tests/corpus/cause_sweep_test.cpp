// How often the fallback is found and its cause matches the label, per engine and per plan format,
// over the engine plans of the public corpus (../shared/corpus; skipped when absent). Found is
// scored on every plan labelled as a fallback (golden/labels.csv and MANIFEST.md); the cause on
// the MANIFEST.md rows, whose labels name one (the golden set labels none). Vanilla plans labelled
// "on an accelerator" are left out: no engine ran them, so there is no engine cause to name.
// Every cause that differs from its label must be listed in known_cause_differences.tsv.
#include <gtest/gtest.h>

#include <array>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "corpus_labels.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using testing::LabelledPlan;

// The causes a MANIFEST label names, in our vocabulary. A data type keeps an operator off the
// engine the way an expression does (our unsupported_expression); "row_to_columnar" at a scan is
// the round trip.
std::set<std::string> LabelCauses(const std::string& label) {
  static const std::pair<const char*, const char*> kWords[] = {
      {"python_udf", "python_udf"},
      {"pandas_udf", "pandas_udf"},
      {"scala_udf", "scala_udf"},
      {"unsupported_operator", "unsupported_operator"},
      {"unsupported_expression", "unsupported_expression"},
      {"unsupported_datatype", "unsupported_expression"},
      {"row_to_columnar", "row_to_columnar_roundtrip"},
      {"whole_plan_jvm", "whole_plan_jvm"},
  };
  std::set<std::string> causes;
  for (const auto& [word, cause] : kWords)
    if (label.find(word) != std::string::npos) causes.insert(cause);
  return causes;
}

// Our cause of the plan: the verdict's (the heaviest fallback's). dataset_api refines
// unsupported_operator (the operator is a typed Dataset one), which the labels do not separate.
std::string OurCause(const nlohmann::json& result) {
  if (!result.contains("verdict") || !result["verdict"].contains("cause")) return "none";
  const std::string cause = result["verdict"]["cause"].get<std::string>();
  return cause == "dataset_api" ? "unsupported_operator" : cause;
}

struct Row {
  int fallbacks = 0, found = 0, cause_labelled = 0, cause_matches = 0;
};

TEST(CauseSweep, CausesMatchLabelsOrAreKnownDifferences) {
  const std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/corpus is absent";
  std::vector<LabelledPlan> plans = testing::GoldenLabels(corpus);
  const std::vector<LabelledPlan> manifest = testing::ManifestLabels(corpus);
  plans.insert(plans.end(), manifest.begin(), manifest.end());

  const auto known = testing::KnownDifferences("known_cause_differences.tsv");
  std::set<std::string> differing;
  std::map<std::pair<std::string, std::string>, Row> table;  // (engine, format) -> counts
  for (const LabelledPlan& plan : plans) {
    if (!plan.expected_fallback || plan.source == "vanilla" || plan.source == "spark") continue;
    const auto result =
        nlohmann::json::parse(testing::AnalyzeThroughApi(testing::ReadFile(corpus + "/" + plan.file)));
    const std::string format = result.contains("parse") ? result["parse"]["format"].get<std::string>() : "no plan";
    Row& row = table[{plan.source, format}];
    ++row.fallbacks;
    const bool found = result.contains("has_fallback") && result["has_fallback"].get<bool>();
    row.found += found;
    const std::set<std::string> labelled = LabelCauses(plan.cause);
    if (labelled.empty()) continue;
    ++row.cause_labelled;
    const std::string ours = OurCause(result);
    if (found && labelled.count(ours)) {
      ++row.cause_matches;
      continue;
    }
    differing.insert(plan.file);
    if (!known.count(plan.file))
      ADD_FAILURE() << plan.file << ": labelled \"" << plan.cause << "\", our cause is " << ours;
  }
  for (const auto& [file, reason] : known)
    EXPECT_TRUE(differing.count(file)) << file << " is listed as a known cause difference but now agrees: remove it";

  std::cout << "\nengine   format           fallbacks  found  cause-labelled  cause-matches\n";
  for (const auto& [key, row] : table)
    std::printf("%-8s %-16s %9d %6d %15d %14d\n", key.first.c_str(), key.second.c_str(), row.fallbacks, row.found,
                row.cause_labelled, row.cause_matches);
}

// The verdict's cause. The corpus's forms of one query were published from different commits of
// the same plan-stability suite, so their fallback groups need not match one for one (the golden
// plans' forms, captured from one run, are compared group by group in same_query_forms_test.cpp).
std::string Causes(const nlohmann::json& result) {
  if (!result.contains("verdict")) return "error: " + result.dump();
  return "verdict " + result["verdict"]["cause"].get<std::string>();
}

TEST(CauseSweep, FormsOfOnePlanGiveTheSameCauses) {
  const std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/corpus is absent";
  std::map<std::string, std::vector<std::string>> groups;
  std::istringstream in(testing::ReadFile(testing::SourceDir() + "/tests/corpus/same_plan_forms.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    groups[line.substr(0, tab)].push_back(line.substr(tab + 1));
  }
  ASSERT_FALSE(groups.empty());
  for (const auto& [group, files] : groups) {
    std::string first;
    for (const std::string& file : files) {
      const std::string causes = Causes(
          nlohmann::json::parse(testing::AnalyzeThroughApi(testing::ReadFile(corpus + "/" + file))));
      if (first.empty()) first = causes;
      else EXPECT_EQ(causes, first) << group << ": " << file << " differs from " << files[0];
    }
  }
}

}  // namespace
}  // namespace clusop
