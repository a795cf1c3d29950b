// One runner over tests/rules/errors/*.rules: a rules file with faults beside its .expected,
// one line per error: "LINE: words the message holds". The good rules of the file still load
// (each .rules file may declare how many with "# loads: N").
#include <gtest/gtest.h>

#include <sstream>

#include "rules/rule_set.hpp"
#include "support/test_files.hpp"

namespace clusop::rules {
namespace {

class RuleErrorCase : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleErrorCase, NamesTheLine) {
  const std::string text = testing::ReadFile(GetParam());
  const std::string expected = testing::ReadFile(GetParam().substr(0, GetParam().size() - 6) + ".expected");
  RuleSet set;
  ParseRules(text, /*user=*/true, &set);
  std::istringstream lines(expected);
  std::string line;
  size_t i = 0;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    const size_t colon = line.find(':');
    ASSERT_NE(colon, std::string::npos) << line;
    ASSERT_LT(i, set.errors.size()) << "expected an error: " << line;
    EXPECT_EQ(set.errors[i].line, std::stoi(line.substr(0, colon))) << set.errors[i].message;
    const std::string words = line.substr(colon + 2);
    EXPECT_NE(set.errors[i].message.find(words), std::string::npos) << set.errors[i].message;
    EXPECT_NE(set.errors[i].message.find("line " + line.substr(0, colon)), std::string::npos) << set.errors[i].message;
    ++i;
  }
  EXPECT_EQ(i, set.errors.size()) << (set.errors.size() > i ? set.errors[i].message : "");
  if (const size_t at = text.find("# loads: "); at != std::string::npos) {
    EXPECT_EQ(set.rules.size(), std::stoul(text.substr(at + 9)));
  }
}

std::vector<std::string> Files() {
  std::vector<std::string> out;
  for (const std::string& f : testing::ListFiles(testing::SourceDir() + "/tests/rules/errors"))
    if (f.size() > 6 && f.compare(f.size() - 6, 6, ".rules") == 0) out.push_back(f);
  return out;
}

std::string Name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(info.param.find_last_of('/') + 1);
  name = name.substr(0, name.size() - 6);
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Errors, RuleErrorCase, ::testing::ValuesIn(Files()), Name);

}  // namespace
}  // namespace clusop::rules
