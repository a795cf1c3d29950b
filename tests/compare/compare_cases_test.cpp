// One runner over tests/compare/cases/*.request.json: the request goes through the C entry point
// and the answer must equal <name>.expected.json (as JSON values). CLUSOP_UPDATE_EXPECTED=1
// writes the answers as the expectations instead (review the diff before committing).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "clusop/clusop.h"
#include "support/test_files.hpp"

namespace {

using nlohmann::json;

constexpr const char* kSuffix = ".request.json";

std::string CaseDir() { return clusop::testing::SourceDir() + "/tests/compare/cases"; }

std::string Call(const std::string& request) {
  char* out = clusop_compare(request.data(), request.size());
  std::string answer = out ? out : "";
  clusop_free(out);
  return answer;
}

class CompareCase : public ::testing::TestWithParam<std::string> {};

TEST_P(CompareCase, AnswersAsExpected) {
  const std::string request_path = GetParam();
  const std::string expected_path = request_path.substr(0, request_path.size() - std::string(kSuffix).size()) + ".expected.json";
  const std::string answer = Call(clusop::testing::ReadFile(request_path));
  const json got = json::parse(answer, nullptr, false);
  ASSERT_FALSE(got.is_discarded()) << "the answer is not JSON: " << answer.substr(0, 300);
  if (std::getenv("CLUSOP_UPDATE_EXPECTED")) {
    clusop::testing::WriteFile(expected_path, got.dump(2) + "\n");
    GTEST_SKIP() << "wrote " << expected_path;
  }
  ASSERT_TRUE(clusop::testing::Exists(expected_path)) << "no expectation beside " << request_path;
  const json want = json::parse(clusop::testing::ReadFile(expected_path));
  EXPECT_EQ(got, want) << "diff (got vs expected): " << json::diff(want, got).dump(1);
}

std::vector<std::string> Cases() {
  std::vector<std::string> out;
  for (const std::string& f : clusop::testing::ListFiles(CaseDir()))
    if (f.size() > std::string(kSuffix).size() && f.compare(f.size() - std::string(kSuffix).size(), std::string::npos, kSuffix) == 0)
      out.push_back(f);
  return out;
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(info.param.find_last_of('/') + 1);
  name = name.substr(0, name.size() - std::string(kSuffix).size());
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, CompareCase, ::testing::ValuesIn(Cases()), CaseName);

}  // namespace
