// One executed plan printed in several forms (tree, formatted, extended, Comet's extended info,
// the event-log JSON) gets one cause. Data-driven: tests/golden/plans/<engine>/<query>.<form>.*
// are the forms of one query, captured from the same run by tools/plangen.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/test_files.hpp"

namespace clusop {
namespace {

std::string PlansDir() { return testing::SourceDir() + "/tests/golden/plans"; }

// "<engine>/<query>" -> the files of its forms
std::map<std::string, std::vector<std::string>> Queries() {
  std::map<std::string, std::vector<std::string>> queries;
  const std::string root = PlansDir() + "/";
  for (const std::string& path : testing::ListFiles(PlansDir())) {
    const std::string relative = path.substr(root.size());
    const size_t slash = relative.find('/');
    if (slash == std::string::npos) continue;  // MANIFEST.md
    const size_t dot = relative.find('.', slash);
    queries[relative.substr(0, dot)].push_back(relative);
  }
  return queries;
}

// The verdict's cause, then each fallback's cause, sorted: what must not depend on the form.
std::string Causes(const std::string& file) {
  const auto result = nlohmann::json::parse(testing::AnalyzeThroughApi(testing::ReadFile(PlansDir() + "/" + file)));
  if (!result.contains("verdict")) return "error: " + result.dump();
  std::vector<std::string> causes;
  for (const auto& fallback : result["fallbacks"]) causes.push_back(fallback["cause"].get<std::string>());
  std::sort(causes.begin(), causes.end());
  std::string out = "verdict " + result["verdict"]["cause"].get<std::string>() + "; fallbacks";
  for (const std::string& cause : causes) out += " " + cause;
  return out;
}

TEST(SameQueryForms, EveryFormOfAQueryGivesTheSameCauses) {
  int compared = 0;
  for (const auto& [query, forms] : Queries()) {
    if (forms.size() < 2) continue;
    const std::string first = Causes(forms[0]);
    for (size_t i = 1; i < forms.size(); ++i) {
      EXPECT_EQ(Causes(forms[i]), first) << query << ": " << forms[i] << " differs from " << forms[0];
      ++compared;
    }
  }
  EXPECT_GT(compared, 10) << "too few queries with several forms under tests/golden/plans";
}

}  // namespace
}  // namespace clusop
