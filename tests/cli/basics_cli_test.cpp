// The basics of every command: --help, --version, several inputs in one call, errors as JSON
// objects on stdout with --format json, binary input refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
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

TEST(Cli, HelpAndVersionExitZero) {
  for (const char* args : {"--help", "analyze --help", "scan --help", "request --help"}) {
    const CliResult run = Clusop(args);
    EXPECT_EQ(run.exit_code, 0) << args;
    EXPECT_NE(run.out.find("usage: clusop"), std::string::npos) << args;
    EXPECT_TRUE(run.err.empty()) << args;
  }
  EXPECT_NE(Clusop("scan --help").out.find("exit status"), std::string::npos);
  const CliResult version = Clusop("--version");
  EXPECT_EQ(version.exit_code, 0);
  // the project's version as CMake states it
  const std::string cmake = testing::ReadFile(testing::SourceDir() + "/CMakeLists.txt");
  const size_t at = cmake.find("project(clusop VERSION ");
  ASSERT_NE(at, std::string::npos);
  const std::string stated = cmake.substr(at + 23, cmake.find(' ', at + 23) - at - 23);
  EXPECT_EQ(version.out, "clusop " + stated + "\n");
}

TEST(Cli, SeveralFilesInOneCall) {
  const CliResult text = Clusop("analyze " + Plan("comet/python_udf.tree.txt") + " " + Plan("comet/scan_filter_agg.tree.txt"));
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("== " + Plan("comet/python_udf.tree.txt") + " =="), std::string::npos);
  EXPECT_NE(text.out.find("== " + Plan("comet/scan_filter_agg.tree.txt") + " =="), std::string::npos);

  const CliResult json = Clusop("analyze --format json --fail-on-fallback " + Plan("comet/scan_filter_agg.tree.txt") + " " +
                                Plan("comet/python_udf.tree.txt"));
  EXPECT_EQ(json.exit_code, 1);  // the second has a fallback
  const auto answers = nlohmann::json::parse(json.out);
  ASSERT_TRUE(answers.is_array());
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_FALSE(answers[0]["has_fallback"]);
  EXPECT_TRUE(answers[1]["has_fallback"]);
}

// The first 64 KiB decide what the input is; a plan file longer than that must be read once,
// not its head and then the whole file again (which made it two plans).
TEST(Cli, APlanFileLongerThanTheHeadIsReadOnce) {
  const std::string plan = testing::ReadFile(Plan("comet/python_udf.tree.txt")) + std::string(70000, ' ') + "\n";
  const std::string path = ::testing::TempDir() + "clusop_long_plan_" + std::to_string(::getpid()) + ".txt";
  testing::WriteFile(path, plan);
  const CliResult from_file = Clusop("analyze --format json " + path);
  const CliResult from_stdin = Clusop("analyze --format json -", plan);
  std::remove(path.c_str());
  ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_EQ(from_file.out, from_stdin.out);
  const auto answer = nlohmann::json::parse(from_file.out);
  EXPECT_TRUE(answer["parse"]["warnings"].empty()) << answer["parse"]["warnings"].dump();
  EXPECT_EQ(answer["parse"]["node_count"], 7);
}

TEST(Cli, OneBadFileAmongSeveralIsAnErrorObjectAndExitTwo) {
  const CliResult run = Clusop("analyze --format json " + Plan("comet/python_udf.tree.txt") + " /nonexistent/plan.txt");
  EXPECT_EQ(run.exit_code, 2);
  const auto answers = nlohmann::json::parse(run.out);
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_TRUE(answers[0].contains("verdict"));
  EXPECT_EQ(answers[1]["error"]["code"], "unreadable_input");
  EXPECT_NE(run.err.find("/nonexistent/plan.txt"), std::string::npos);
}

TEST(Cli, JsonErrorIsAnObjectOnStdoutToo) {
  const CliResult run = Clusop("analyze --format json -", "hello, this is not a plan\n");
  EXPECT_EQ(run.exit_code, 2);
  const auto answer = nlohmann::json::parse(run.out);
  EXPECT_EQ(answer["error"]["code"], "no_plan");
  EXPECT_FALSE(run.err.empty());
}

TEST(Cli, BinaryInputIsNotAPlan) {
  std::string noise;
  for (int i = 0; i < 2048; ++i) noise.push_back(static_cast<char>((i * 197 + 3) % 256));
  const CliResult run = Clusop("analyze -", noise);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("binary data, not a plan"), std::string::npos) << run.err;
  EXPECT_TRUE(run.out.empty());
}

// Several plans in one input: the first is analysed, and every output says so.
TEST(Cli, SeveralPlansInOneInputAreNamed) {
  const std::string two = testing::SourceDir() + "/tests/cli/several_plans/two_tree_plans.txt";
  const CliResult text = Clusop("analyze " + two);
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("Note:           the input holds 2 physical plans"), std::string::npos) << text.out;
  const nlohmann::json json = nlohmann::json::parse(Clusop("analyze --format json " + two).out);
  ASSERT_EQ(json["parse"]["warnings"].size(), 1u);
  EXPECT_NE(json["parse"]["warnings"][0].get<std::string>().find("only the first was analysed"), std::string::npos);
  EXPECT_EQ(json["confidence"]["parse"], "MEDIUM");
  // the first plan is the one analysed
  EXPECT_EQ(json["nodes"][0]["name"], "Project");
  EXPECT_EQ(json["parse"]["node_count"], 4);
}

}  // namespace
}  // namespace clusop
