// One runner for every golden case: tests/golden/plans/<engine>/<file> is analysed with a fixed
// cluster context and compared byte for byte with tests/golden/expected/<engine>/<file>.analysis.json.
// The expected files are written by this runner (CLUSOP_UPDATE_GOLDEN=1, see scripts/update-golden.sh)
// and reviewed in the diff; they are never edited by hand.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "clusop/clusop.hpp"
#include "support/plan_builder.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

const char* kCluster =
    R"("cluster": {"cloud": "aws", "sku": "jobs", "tier": "premium", "node_type": "i3.xlarge", "workers": 4, )"
    R"("runtime_seconds": 600, "runs_per_day": 24}, "indent": 2)";

std::string PlansDir() { return testing::SourceDir() + "/tests/golden/plans"; }

std::vector<std::string> Cases() {
  std::vector<std::string> cases;
  const std::string root = PlansDir() + "/";
  for (const std::string& path : testing::ListFiles(PlansDir())) {
    if (path.size() > 3 && path.compare(path.size() - 3, 3, ".md") == 0) continue;
    cases.push_back(path.substr(root.size()));
  }
  return cases;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, AnalysisMatchesExpected) {
  const std::string plan = testing::ReadFile(PlansDir() + "/" + GetParam());
  const std::string actual = testing::AnalyzeThroughApi(plan, kCluster) + "\n";
  const std::string expected_path = testing::SourceDir() + "/tests/golden/expected/" + GetParam() + ".analysis.json";
  const char* update = std::getenv("CLUSOP_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    testing::WriteFile(expected_path, actual);
    GTEST_SKIP() << "wrote " << expected_path;
  }
  ASSERT_TRUE(testing::Exists(expected_path))
      << "no expected analysis for " << GetParam() << ": run scripts/update-golden.sh and review the diff";
  EXPECT_EQ(actual, testing::ReadFile(expected_path)) << "analysis of " << GetParam() << " changed";
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param) name += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Plans, Golden, ::testing::ValuesIn(Cases()), CaseName);

// Every expected analysis belongs to a plan: a plan removed takes its expectation with it.
TEST(GoldenManifest, NoExpectationWithoutItsPlan) {
  const std::string root = testing::SourceDir() + "/tests/golden/expected/";
  for (const std::string& expected : testing::ListFiles(root)) {
    const std::string plan = expected.substr(root.size(), expected.size() - root.size() - std::string(".analysis.json").size());
    EXPECT_TRUE(testing::Exists(PlansDir() + "/" + plan)) << expected << " has no plan: delete it";
  }
}

// plans/MANIFEST.md records, per plan, whether a person reading it sees a fallback: we must agree.
TEST(GoldenManifest, VerdictsAgreeWithTheHumanReading) {
  std::istringstream manifest(testing::ReadFile(PlansDir() + "/MANIFEST.md"));
  std::string line;
  int checked = 0;
  while (std::getline(manifest, line)) {
    if (line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> cells;
    for (size_t start = 1, bar; (bar = line.find(" | ", start)) != std::string::npos; start = bar + 2)
      cells.push_back(line.substr(start + 1, bar - start - 1));
    ASSERT_GE(cells.size(), 7u) << line;
    const std::string file = cells[0].substr(1, cells[0].size() - 2);  // strip the backticks
    const std::string expected = cells[6];
    if (expected != "yes" && expected != "no") continue;
    const std::string answer = testing::AnalyzeThroughApi(testing::ReadFile(PlansDir() + "/" + file));
    const bool ours = answer.find("\"has_fallback\":true") != std::string::npos;
    EXPECT_EQ(ours, expected == "yes") << file;
    ++checked;
  }
  EXPECT_GE(checked, 40);
}
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Golden);

}  // namespace
}  // namespace clusop
