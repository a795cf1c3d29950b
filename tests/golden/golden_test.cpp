// One runner for every golden case: tests/golden/plans/<engine>/<file> is analysed with a fixed
// cluster context and compared byte for byte with tests/golden/expected/<engine>/<file>.analysis.json.
// The expected files are written by this runner (CLUSOP_UPDATE_GOLDEN=1, see scripts/update-golden.sh)
// and reviewed in the diff; they are never edited by hand.
#include <gtest/gtest.h>

#include <cstdlib>
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
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Golden);

}  // namespace
}  // namespace clusop
