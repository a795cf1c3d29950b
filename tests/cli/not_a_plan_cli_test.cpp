// Text that is not a Spark plan (SQL, a traceback, prose) parses as an indented tree of unknown
// names: it must be refused as "no Spark plan found", never judged "nothing falls back".
// One case per file in tests/cli/not_a_plan/.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "cli_runner.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

std::vector<std::string> Cases() {
  std::vector<std::string> cases;
  for (const std::string& path : testing::ListFiles(testing::SourceDir() + "/tests/cli/not_a_plan"))
    if (path.find("README") == std::string::npos) cases.push_back(path);
  return cases;
}

class NotAPlan : public ::testing::TestWithParam<std::string> {};

TEST_P(NotAPlan, IsRefusedWithExitTwo) {
  const testing::CliResult text = testing::RunClusop("analyze --fail-on-fallback " + GetParam());
  EXPECT_EQ(text.exit_code, 2);
  EXPECT_NE(text.err.find("no Spark plan found"), std::string::npos) << text.err;
  EXPECT_EQ(text.out.find("nothing falls back"), std::string::npos) << text.out;

  const testing::CliResult json = testing::RunClusop("analyze --format json " + GetParam());
  EXPECT_EQ(json.exit_code, 2);
  const nlohmann::json answer = nlohmann::json::parse(json.out);
  EXPECT_EQ(answer["error"]["code"], "no_plan") << json.out;
}

INSTANTIATE_TEST_SUITE_P(Inputs, NotAPlan, ::testing::ValuesIn(Cases()),
                         [](const auto& info) {
                           std::string name = info.param.substr(info.param.rfind('/') + 1);
                           for (char& c : name) if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace clusop
