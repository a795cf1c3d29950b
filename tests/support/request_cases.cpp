#include "support/request_cases.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "clusop/clusop.h"
#include "support/test_files.hpp"

namespace clusop::testing {
namespace {

using nlohmann::json;

constexpr std::string_view kSuffix = ".request.json";

bool IsRequest(const std::string& f) {
  return f.size() > kSuffix.size() && f.compare(f.size() - kSuffix.size(), std::string::npos, kSuffix) == 0;
}

std::string Call(EntryPoint entry, const std::string& request) {
  char* out = entry(request.data(), request.size());
  std::string answer = out ? out : "";
  clusop_free(out);
  return answer;
}

}  // namespace

std::vector<std::string> RequestCases(const std::string& dir) {
  std::vector<std::string> out;
  for (const std::string& f : ListFiles(dir))
    if (IsRequest(f)) out.push_back(f);
  return out;
}

std::string RequestCaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(info.param.find_last_of('/') + 1);
  name = name.substr(0, name.size() - kSuffix.size());
  std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

void ExpectAnswerAsExpected(EntryPoint entry, const std::string& request_path) {
  const std::string expected_path = request_path.substr(0, request_path.size() - kSuffix.size()) + ".expected.json";
  const std::string answer = Call(entry, ReadFile(request_path));
  const json got = json::parse(answer, nullptr, false);
  ASSERT_FALSE(got.is_discarded()) << "the answer is not JSON: " << answer.substr(0, 300);
  if (std::getenv("CLUSOP_UPDATE_EXPECTED")) {
    WriteFile(expected_path, got.dump(2) + "\n");
    GTEST_SKIP() << "wrote " << expected_path;
  }
  ASSERT_TRUE(Exists(expected_path)) << "no expectation beside " << request_path;
  const json want = json::parse(ReadFile(expected_path));
  EXPECT_EQ(got, want) << "diff (got vs expected): " << json::diff(want, got).dump(1);
}

}  // namespace clusop::testing
