// clusop analyze --format markdown prints the core's Markdown: the same text the request's
// "markdown": true answers (the face adds nothing), for a plan and for the engine's report alone;
// an event log has no Markdown and says so; scan has no Markdown format.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "cli_runner.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using testing::CliResult;

std::string Plan(const std::string& name) { return testing::SourceDir() + "/tests/golden/plans/" + name; }

std::string CoresMarkdown(const std::string& input) {
  const auto answer = nlohmann::json::parse(testing::AnalyzeThroughApi(input, R"("markdown": true)"));
  return answer.at("markdown").get<std::string>();
}

TEST(CliMarkdown, IsTheCoresMarkdown) {
  for (const char* name : {"comet/regexp.comet_extended.txt", "spark/python_udf.tree.txt"}) {
    const CliResult run = testing::RunClusop(std::string("analyze --format markdown ") + Plan(name));
    ASSERT_EQ(run.exit_code, 0) << name << ": " << run.err;
    EXPECT_EQ(run.out, CoresMarkdown(testing::ReadFile(Plan(name)))) << name;
  }
  const CliResult remedy = testing::RunClusop("analyze --format markdown " + Plan("comet/regexp.comet_extended.txt"));
  EXPECT_NE(remedy.out.find("```properties\nspark.comet.regexp.allowIncompatible=true\n```"), std::string::npos)
      << remedy.out;
}

TEST(CliMarkdown, TheReportAloneFromStandardInput) {
  const std::string log = "driver log line\nnative validation failed due to: unsupported type bigint\n";
  const CliResult run = testing::RunClusop("analyze --format markdown -", log);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, CoresMarkdown(log));
  EXPECT_EQ(run.out.rfind("# Gluten's own fallback report", 0), 0u) << run.out;
}

TEST(CliMarkdown, AnEventLogOrAScanHasNone) {
  const CliResult log = testing::RunClusop("analyze --format markdown " + testing::SourceDir() +
                                           "/tests/eventlog/cases/minimal_complete.jsonl");
  EXPECT_EQ(log.exit_code, 2);
  EXPECT_TRUE(log.out.empty()) << log.out;
  EXPECT_NE(log.err.find("an event log has no Markdown answer"), std::string::npos) << log.err;
  const CliResult scan = testing::RunClusop("scan --format markdown " + testing::SourceDir() + "/tests/eventlog/cases");
  EXPECT_EQ(scan.exit_code, 2);
  EXPECT_NE(scan.err.find("--format takes json or text"), std::string::npos) << scan.err;
}

TEST(CliMarkdown, TheTextNamesTheRemedyAndTheEnginesCount) {
  const CliResult run = testing::RunClusop("analyze " + Plan("comet/regexp.comet_extended.txt"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("to run it natively, set: spark.comet.regexp.allowIncompatible=true"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Comet's own count: 1 of 3 operators accelerated; clusop counts 1 native of 3 operators that ran"), std::string::npos)
      << run.out;
}

}  // namespace
}  // namespace clusop
