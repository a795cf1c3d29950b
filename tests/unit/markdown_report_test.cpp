// The analysis as Markdown ("markdown": true in the request): safe to paste into a ticket whatever
// the plan holds, the engine's remedy as a copyable conf block, the report-alone answer, and a
// clear error for a bad option. The golden cases (tests/golden, *.md) hold whole documents.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "report/markdown_text.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using nlohmann::json;

std::string Plan(const std::string& name) {
  return testing::ReadFile(testing::SourceDir() + "/tests/golden/plans/" + name);
}

json Analyze(const std::string& plan, const std::string& fields = R"("markdown": true)") {
  return json::parse(testing::AnalyzeThroughApi(plan, fields));
}

// The text outside every fenced block.
std::string OutsideFences(const std::string& markdown) {
  std::string out;
  std::string fence;
  size_t at = 0;
  while (at < markdown.size()) {
    size_t end = markdown.find('\n', at);
    if (end == std::string::npos) end = markdown.size();
    std::string line = markdown.substr(at, end - at);
    const size_t lead = line.find_first_not_of(' ');
    const std::string body = lead == std::string::npos ? "" : line.substr(lead);
    const size_t ticks = body.find_first_not_of('`');
    if (fence.empty() && ticks != std::string::npos && ticks >= 3) fence = body.substr(0, ticks);
    else if (!fence.empty() && body == fence) fence.clear();
    else if (fence.empty()) out += line + "\n";
    at = end + 1;
  }
  return out;
}

TEST(MarkdownText, FencesAndSpansNoTextCanClose) {
  EXPECT_EQ(markdown::Fenced("a ``` b", "text"), "````text\na ``` b\n````");
  EXPECT_EQ(markdown::Fenced("plain\n", "properties"), "```properties\nplain\n```");
  EXPECT_EQ(markdown::Code("a`b"), "``a`b``");
  EXPECT_EQ(markdown::Code("`x"), "`` `x ``");
  EXPECT_EQ(markdown::Code("a|b", /*in_table=*/true), "`a\\|b`");
  EXPECT_EQ(markdown::Inline("# <b>x</b> | *y*\nz"), "\\# \\<b\\>x\\</b\\> \\| \\*y\\* z");
}

TEST(Markdown, OnlyWhenAskedAndABadOptionIsNamed) {
  EXPECT_FALSE(Analyze(Plan("comet/python_udf.tree.txt"), "").contains("markdown"));
  EXPECT_FALSE(Analyze(Plan("comet/python_udf.tree.txt"), R"("markdown": false)").contains("markdown"));
  const json bad = Analyze(Plan("comet/python_udf.tree.txt"), R"("markdown": "yes")");
  ASSERT_TRUE(bad.contains("error"));
  EXPECT_EQ(bad["error"]["code"], "bad_request");
  EXPECT_EQ(bad["error"]["message"], "request: \"markdown\" must be true or false");
}

// A plan can hold anything: outside code the markup is escaped, inside the fence it is verbatim.
TEST(Markdown, PlanTextCannotInjectMarkup) {
  std::string plan = Plan("comet/python_udf.tree.txt");
  const std::string udf = "[_py_plus_tax(amount#42)#66]";
  ASSERT_NE(plan.find(udf), std::string::npos);
  plan.replace(plan.find(udf), udf.size(), "[<img src=x onerror=alert(1)> ```]");
  const json a = Analyze(plan);
  const std::string md = a["markdown"];
  EXPECT_NE(md.find("````text\nBatchEvalPython [<img src=x onerror=alert(1)> ```]"), std::string::npos) << md;
  EXPECT_EQ(OutsideFences(md).find("<img"), std::string::npos) << OutsideFences(md);
}

// The engine's remedy is a fenced conf block holding exactly the answer's conf line, and the
// engine's count sits beside ours.
TEST(Markdown, RemedyIsACopyableConfBlock) {
  const json a = Analyze(Plan("comet/regexp.comet_extended.txt"));
  const std::string md = a["markdown"];
  ASSERT_TRUE(a["fallbacks"][0].contains("remedy"));
  const std::string conf = a["fallbacks"][0]["remedy"]["conf"];
  EXPECT_NE(md.find("```properties\n" + conf + "\n```"), std::string::npos) << md;
  const json& count = a["engine_evidence"]["report"]["engine_count"];
  EXPECT_NE(md.find("| " + std::to_string(count["accelerated"].get<int>()) + " | " +
                    std::to_string(count["eligible"].get<int>()) + " |"),
            std::string::npos)
      << md;
  for (const json& f : a["fallbacks"]) EXPECT_NE(md.find("weight " + f["weight_text"].get<std::string>()), std::string::npos);
}

TEST(Markdown, TheReportAloneHasItsOwn) {
  const json alone = Analyze("driver log line\nnative validation failed due to: unsupported type bigint\n");
  ASSERT_EQ(alone["schema"], "clusop.engine_report/1") << alone.dump();
  const std::string md = alone["markdown"];
  EXPECT_EQ(md.rfind("# Gluten's own fallback report\n", 0), 0u) << md;
  EXPECT_NE(md.find(alone["recommendation"].get<std::string>()), std::string::npos) << md;
  EXPECT_NE(md.find("unsupported type bigint"), std::string::npos) << md;
}

}  // namespace
}  // namespace clusop
