// Holds our verdicts against the labels of the public corpus (../shared/corpus): the
// machine-labelled golden set (golden/labels.csv) and the hand-labelled set (MANIFEST.md).
// Every disagreement must be listed, with its reason, in known_differences.tsv; a new one fails,
// and so does a listed one that no longer occurs. Prints the agreement table.
#include <gtest/gtest.h>

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

TEST(CorpusSweep, VerdictsAgreeWithLabelsOrAreKnownDifferences) {
  const std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/corpus is absent";
  std::vector<LabelledPlan> plans = testing::GoldenLabels(corpus);
  const std::vector<LabelledPlan> manifest = testing::ManifestLabels(corpus);
  plans.insert(plans.end(), manifest.begin(), manifest.end());
  ASSERT_GT(plans.size(), 900u) << "the corpus labels could not be read";

  const auto known = testing::KnownDifferences("known_differences.tsv");
  std::map<std::string, std::array<int, 3>> table;  // source -> agree, known difference, new difference
  std::set<std::string> seen_differences;
  for (const LabelledPlan& plan : plans) {
    const std::string request = plan.on_accelerator ? "\"photon_enabled\": true" : "";
    const auto result = nlohmann::json::parse(testing::AnalyzeThroughApi(testing::ReadFile(corpus + "/" + plan.file), request));
    const bool ours = result.contains("has_fallback") && result["has_fallback"].get<bool>();
    auto& row = table[plan.source];
    if (ours == plan.expected_fallback) {
      ++row[0];
      continue;
    }
    seen_differences.insert(plan.file);
    if (known.count(plan.file)) {
      ++row[1];
    } else {
      ++row[2];
      ADD_FAILURE() << plan.file << ": labelled " << (plan.expected_fallback ? "fallback" : "no fallback") << ", we say "
                    << (result.contains("error") ? result["error"]["message"].get<std::string>()
                                                 : ours ? "fallback" : "no fallback");
    }
  }
  for (const auto& [file, reason] : known)
    EXPECT_TRUE(seen_differences.count(file)) << file << " is listed as a known difference but now agrees: remove it";

  std::cout << "\nsource      agree  known-difference  new-difference\n";
  int total[3] = {0, 0, 0};
  for (const auto& [source, row] : table) {
    std::printf("%-10s %6d %17d %15d\n", source.c_str(), row[0], row[1], row[2]);
    for (int i = 0; i < 3; ++i) total[i] += row[i];
  }
  std::printf("%-10s %6d %17d %15d   (%.1f%% agreement over %zu labelled plans)\n", "all", total[0], total[1], total[2],
              100.0 * total[0] / plans.size(), plans.size());
}

}  // namespace
}  // namespace clusop
