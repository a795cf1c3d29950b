// The command-line contract: exit 0 when analysed, 1 with --fail-on-fallback and a fallback,
// 2 on unreadable input or no plan, with one line on stderr saying what was expected.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_runner.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using testing::CliResult;

CliResult Clusop(const std::string& args, const std::string& stdin_text = "") {
  return testing::RunClusop(args, stdin_text);
}

std::string Plan(const std::string& name) { return testing::SourceDir() + "/tests/golden/plans/" + name; }

TEST(Cli, AnalysesAndDrawsTheTree) {
  const CliResult run = Clusop("analyze --tree " + Plan("comet/python_udf.tree.txt"));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("FALLBACK #1"), std::string::npos);
  // without --tree: the summary and the fallbacks lead, no tree
  const CliResult summary = Clusop("analyze " + Plan("comet/python_udf.tree.txt"));
  EXPECT_EQ(summary.out.rfind("Engine:", 0), 0u) << summary.out;
  EXPECT_NE(summary.out.find("Fallback #1: "), std::string::npos);
  EXPECT_EQ(summary.out.find("<== FALLBACK"), std::string::npos);
  EXPECT_NE(run.out.find("python_udf"), std::string::npos);
  EXPECT_EQ(run.out.find("\x1b["), std::string::npos);  // no colour when not on a terminal
}

TEST(Cli, JsonOutputIsTheContract) {
  const CliResult run = Clusop("analyze --format json --photon-enabled true --node-type i3.xlarge --workers 2 "
                         "--runtime-seconds 3600 --runs-per-day 2 " + Plan("spark/python_udf.tree.txt"));
  ASSERT_EQ(run.exit_code, 0);
  const auto a = nlohmann::json::parse(run.out);
  EXPECT_EQ(a["verdict"]["kind"], "disable_photon");
  EXPECT_EQ(a["waste"]["inputs"]["workers"], 2);
  EXPECT_GT(a["waste"]["usd"].get<double>(), 0);
}

TEST(Cli, FailOnFallbackSetsTheExitCode) {
  EXPECT_EQ(Clusop("analyze --fail-on-fallback " + Plan("comet/python_udf.tree.txt")).exit_code, 1);
  EXPECT_EQ(Clusop("analyze --fail-on-fallback " + Plan("comet/scan_filter_agg.tree.txt")).exit_code, 0);
}

TEST(Cli, ReadsStandardInput) {
  const CliResult run = Clusop("analyze --format json -", testing::ReadFile(Plan("comet/scan_filter_agg.tree.txt")));
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_FALSE(nlohmann::json::parse(run.out)["has_fallback"]);
}

TEST(Cli, BadInputExitsTwoWithOneLineSayingWhatWasExpected) {
  for (const auto& [args, input, says] : {std::tuple<std::string, std::string, std::string>{
                                              "analyze /nonexistent/plan.txt", "", "expected a readable file"},
                                          {"analyze -", "", "empty input"},
                                          {"analyze -", "hello, this is not a plan\n", "no physical plan found"},
                                          {"analyze --engine duckdb -", "x", "--engine takes"},
                                          {"analyze --workers many -", "x", "--workers"},
                                          {"frobnicate", "", "expected the command"}}) {
    const CliResult run = Clusop(args, input);
    EXPECT_EQ(run.exit_code, 2) << args;
    EXPECT_NE(run.err.find(says), std::string::npos) << args << ": " << run.err;
    EXPECT_TRUE(run.out.empty()) << args;
  }
}

TEST(Cli, RequestModeAnswersEachLine) {
  const std::string requests = "{\"plan\": \"nothing here\"}\n{\"plan\": 1}\n";
  const CliResult run = Clusop("request --jsonl -", requests);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("\"no_plan\""), std::string::npos);
  EXPECT_NE(run.out.find("\"bad_request\""), std::string::npos);
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 2);
}

}  // namespace
}  // namespace clusop
