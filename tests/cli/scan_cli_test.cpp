// `clusop scan` on real logs from the public corpus (skipped when absent). Every expectation is
// counted from the log itself by log_facts.cpp (an independent reader) or is a reviewed fact of
// the corpus README; none is copied from our own output.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "log_facts.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using nlohmann::json;
using testing::CliResult;
using testing::LogFacts;

std::string EventLogs() {
  const std::string corpus = testing::CorpusDir();
  return corpus.empty() ? "" : corpus + "/eventlogs";
}

#define REQUIRE_CORPUS()                                   \
  const std::string logs = EventLogs();                    \
  if (logs.empty()) GTEST_SKIP() << "corpus absent"

LogFacts FactsOf(const std::vector<std::string>& parts) {
  LogFacts facts;
  for (const std::string& part : parts) EXPECT_TRUE(testing::AddLogFacts(part, &facts)) << part;
  return facts;
}

json ScanJson(const std::string& args, int expected_exit = 0) {
  const CliResult run = testing::RunClusop("scan --format json " + args);
  EXPECT_EQ(run.exit_code, expected_exit) << args << "\n" << run.err;
  json doc = json::parse(run.out, nullptr, false);
  EXPECT_TRUE(doc.is_object()) << run.out.substr(0, 400);
  if (doc.is_object()) {
    EXPECT_EQ(doc.value("schema", ""), "clusop.scan/1");
  }
  return doc;
}

const json* AppById(const json& doc, const std::string& app_id) {
  for (const json& app : doc["applications"])
    if (app["app_id"].is_string() && app["app_id"] == app_id) return &app;
  return nullptr;
}

int64_t TasksSeen(const json& app) {
  int64_t n = 0;
  for (const json& stage : app["stages"]) n += stage["tasks_seen"].get<int64_t>();
  return n;
}

// Every stage attempt the log has tasks for is reported with the same counts.
void ExpectStagesMatch(const json& app, const LogFacts& facts) {
  std::map<std::pair<int64_t, int64_t>, const json*> stages;
  for (const json& stage : app["stages"]) stages[{stage["stage_id"], stage["attempt"]}] = &stage;
  for (const auto& [key, f] : facts.stages) {
    const auto found = stages.find(key);
    ASSERT_NE(found, stages.end()) << "stage " << key.first << "." << key.second;
    const json& s = *found->second;
    EXPECT_EQ(s["tasks_seen"], f.task_ends) << "stage " << key.first;
    EXPECT_EQ(s["failed_tasks"], f.failed_tasks) << "stage " << key.first;
    EXPECT_EQ(s["killed_tasks"], f.killed_tasks) << "stage " << key.first;
    EXPECT_EQ(s["executor_run_time_ms"], f.run_ms) << "stage " << key.first;
    EXPECT_EQ(s["memory_spilled_bytes"], f.memory_spilled) << "stage " << key.first;
    EXPECT_EQ(s["disk_spilled_bytes"], f.disk_spilled) << "stage " << key.first;
    if (f.number_of_tasks >= 0) {
      EXPECT_EQ(s["num_tasks"], f.number_of_tasks) << "stage " << key.first;
    }
  }
}

TEST(ScanCli, FolderOfSeveralLogs) {
  REQUIRE_CORPUS();
  const std::string folder = logs + "/apache-spark/spark-events";
  const std::vector<std::string> files = testing::ListFiles(folder);
  ASSERT_GE(files.size(), 4u);
  const json doc = ScanJson(folder);
  ASSERT_EQ(doc["applications"].size(), files.size());
  EXPECT_TRUE(doc["errors"].empty()) << doc["errors"].dump();
  int64_t ended_badly = 0;
  for (const std::string& file : files) {
    const LogFacts facts = FactsOf({file});
    const json* app = AppById(doc, facts.app_id);
    ASSERT_NE(app, nullptr) << facts.app_id;
    EXPECT_EQ((*app)["spark_version"], facts.spark_version);
    EXPECT_EQ(TasksSeen(*app), facts.task_ends) << file;
    EXPECT_EQ((*app)["complete"], facts.application_end) << file;
    ExpectStagesMatch(*app, facts);
    for (const auto& [key, stage] : facts.stages) ended_badly += stage.failed_tasks + stage.killed_tasks;
  }
  EXPECT_GE(ended_badly, 1);  // the LinkedIn YARN log has a killed speculative task: the counts are exercised
}

TEST(ScanCli, RollingFolders) {
  REQUIRE_CORPUS();
  // plain parts (Spark 3.5.3 on Kubernetes) and two zstd parts read in numeric order
  for (const std::string& folder :
       {logs + "/mcp-apache-spark-history-server/basic/events/eventlog_v2_spark-cc4d115f011443d787f03a71a476a745",
        logs + "/spark-rapids-tools/spark-events-qualification/eventlog_v2_local-1623876083964"}) {
    std::vector<std::string> parts;
    for (const std::string& f : testing::ListFiles(folder))
      if (std::filesystem::path(f).filename().string().rfind("events_", 0) == 0) parts.push_back(f);
    const LogFacts facts = FactsOf(parts);
    const json doc = ScanJson(folder);
    ASSERT_EQ(doc["applications"].size(), 1u) << folder;
    const json& app = doc["applications"][0];
    EXPECT_EQ(app["app_id"], facts.app_id);
    EXPECT_EQ(TasksSeen(app), facts.task_ends);
    EXPECT_EQ(app["sql_executions"].size(), facts.sql_executions.size());
    EXPECT_EQ(app["read"]["parts"].size(), parts.size());
    ExpectStagesMatch(app, facts);
  }
}

TEST(ScanCli, DatabricksRotatedSet) {
  REQUIRE_CORPUS();
  const std::string folder = logs + "/spark_log_parser/databricks-rollover/databricks_example_1";
  const LogFacts facts = FactsOf({folder + "/eventlog-2022-01-14--17-00.gz", folder + "/eventlog-2022-01-14--18-00.gz",
                                  folder + "/eventlog"});
  EXPECT_EQ(facts.task_ends, 8247);  // the corpus README's count
  const json doc = ScanJson(folder);
  ASSERT_EQ(doc["applications"].size(), 1u);
  const json& app = doc["applications"][0];
  EXPECT_EQ(app["app_id"], facts.app_id);
  EXPECT_EQ(TasksSeen(app), facts.task_ends);
  EXPECT_EQ(app["platform"], "databricks");
  EXPECT_FALSE(app["complete"]);  // the live cluster never wrote ApplicationEnd
  ExpectStagesMatch(app, facts);
  // the stray pricing file beside the log is named among what was not read
  bool pricing_named = false;
  for (const json& e : doc["errors"]) pricing_named = pricing_named || e["path"].get<std::string>().ends_with("databricks_pricing.json");
  EXPECT_TRUE(pricing_named) << doc["errors"].dump();
}

TEST(ScanCli, ZipArchive) {
  REQUIRE_CORPUS();
  const json doc = ScanJson(logs + "/spark_log_parser/emr.zip");
  ASSERT_EQ(doc["applications"].size(), 1u);
  const json& app = doc["applications"][0];
  // the corpus README: member application_1640227485896_0002, EMR Spark 3.0.1-amzn-0, 9,074 tasks
  EXPECT_EQ(app["app_id"], "application_1640227485896_0002");
  EXPECT_EQ(app["spark_version"], "3.0.1-amzn-0");
  EXPECT_EQ(TasksSeen(app), 9074);
}

TEST(ScanCli, IncompleteAttemptIsMarked) {
  REQUIRE_CORPUS();
  // attempt 1 of this application was halted mid-run: no ApplicationEnd (corpus README)
  const std::string file = logs + "/mcp-apache-spark-history-server/spark-events/application_1713000000000_0001_1.zstd";
  const LogFacts facts = FactsOf({file});
  ASSERT_FALSE(facts.application_end);
  const json doc = ScanJson(file);
  ASSERT_EQ(doc["applications"].size(), 1u);
  EXPECT_FALSE(doc["applications"][0]["complete"]);
  EXPECT_EQ(TasksSeen(doc["applications"][0]), facts.task_ends);
}

TEST(ScanCli, AFileThatIsNotALogIsAnErrorAndTheOthersAreRead) {
  REQUIRE_CORPUS();
  const std::string plan = testing::SourceDir() + "/tests/golden/plans/comet/python_udf.tree.txt";
  const std::string log = logs + "/apache-spark/spark-events/local-1642039451826";
  const json doc = ScanJson(plan + " " + log);
  ASSERT_EQ(doc["applications"].size(), 1u);
  EXPECT_EQ(doc["applications"][0]["app_id"], FactsOf({log}).app_id);
  ASSERT_EQ(doc["errors"].size(), 1u) << doc["errors"].dump();
  EXPECT_EQ(doc["errors"][0]["path"], plan);
  EXPECT_NE(doc["errors"][0]["message"].get<std::string>().find("event log"), std::string::npos);
  // the text names the bad file too, and still exits 0
  const CliResult text = testing::RunClusop("scan " + plan + " " + log);
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find(plan), std::string::npos);
}

TEST(ScanCli, FilesNamedLikeLogsButHoldingSomethingElseSayWhatTheyHold) {
  const std::string dir = testing::FreshTempDir("bad");
  testing::WriteFile(dir + "/local-1", testing::ReadFile(testing::SourceDir() + "/tests/golden/plans/comet/python_udf.tree.txt"));
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise.push_back(static_cast<char>((i * 197 + 3) % 256));
  testing::WriteFile(dir + "/local-2", noise);
  testing::WriteFile(dir + "/local-3", "");
  const json doc = ScanJson(dir, 2);
  std::map<std::string, std::string> said;
  for (const json& e : doc["errors"]) said[e["path"]] = e["message"];
  ASSERT_EQ(said.size(), 3u) << doc.dump();
  EXPECT_NE(said[dir + "/local-1"].find("text that is not a Spark event log"), std::string::npos);
  EXPECT_NE(said[dir + "/local-2"].find("binary data"), std::string::npos);
  EXPECT_NE(said[dir + "/local-3"].find("empty file"), std::string::npos);
}

TEST(ScanCli, OnlyBadInputsExitTwo) {
  const std::string plan = testing::SourceDir() + "/tests/golden/plans/comet/python_udf.tree.txt";
  const json doc = ScanJson(plan + " /nonexistent/eventlog", 2);
  EXPECT_TRUE(doc["applications"].empty());
  EXPECT_EQ(doc["errors"].size(), 2u);
  const CliResult run = testing::RunClusop("scan " + plan + " /nonexistent/eventlog");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("nothing could be read"), std::string::npos) << run.err;
}

TEST(ScanCli, EmptyFolderAndNoPathExitTwoWithAClearMessage) {
  const std::string empty = testing::FreshTempDir("empty");
  const CliResult run = testing::RunClusop("scan " + empty);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("holds no files"), std::string::npos) << run.err;
  const CliResult none = testing::RunClusop("scan");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("expected event-log files, folders or zip archives"), std::string::npos) << none.err;
  const CliResult json_none = testing::RunClusop("scan --format json");
  EXPECT_EQ(json_none.exit_code, 2);
  EXPECT_TRUE(json::parse(json_none.out).contains("error"));
}

TEST(ScanCli, TextShowsTheHeaderAndTheStagesThatTookTheTime) {
  REQUIRE_CORPUS();
  const std::string log = logs + "/apache-spark/spark-events/application_1628109047826_1317105";
  const LogFacts facts = FactsOf({log});
  const CliResult run = testing::RunClusop("scan " + log);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Application " + facts.app_id), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Spark " + facts.spark_version), std::string::npos);
  // the first stage listed under the top stages is the one with the most executor run time
  std::pair<int64_t, int64_t> top{-1, -1};
  int64_t top_ms = -1;
  for (const auto& [key, stage] : facts.stages)
    if (stage.run_ms > top_ms) top_ms = stage.run_ms, top = key;
  const size_t section = run.out.find("Top stages by task time");
  ASSERT_NE(section, std::string::npos) << run.out;
  const std::string first_line = run.out.substr(section, run.out.find('\n', run.out.find('\n', section) + 1) - section);
  EXPECT_NE(first_line.find("stage " + std::to_string(top.first)), std::string::npos) << first_line;
  EXPECT_EQ(run.out.find("\x1b["), std::string::npos);  // no colour off a terminal
  EXPECT_TRUE(run.err.empty());  // no progress bar off a terminal
}

TEST(ScanCli, SymlinkLoopsEndAndEachFolderIsReadOnce) {
  REQUIRE_CORPUS();
  const std::string dir = testing::FreshTempDir("loop");
  const std::string log = logs + "/apache-spark/spark-events/local-1642039451826";
  std::filesystem::create_directory_symlink(dir, dir + "/again");  // dir/again/again/... forever
  std::filesystem::create_symlink(log, dir + "/local-1642039451826");
  const json doc = ScanJson(dir);
  ASSERT_EQ(doc["applications"].size(), 1u) << doc.dump().substr(0, 400);
  EXPECT_EQ(TasksSeen(doc["applications"][0]), FactsOf({log}).task_ends);
}

// script(1) gives the command a terminal; the corpus (about 78 MiB on disk) is over the bar's
// 64 MiB threshold. Off a terminal the bar never shows (see the text test above).
TEST(ScanCli, ProgressBarOnATerminal) {
  REQUIRE_CORPUS();
  if (std::system("command -v script > /dev/null 2>&1") != 0) GTEST_SKIP() << "script(1) absent";
  const std::string dir = testing::FreshTempDir("tty");
  const std::string command = "script -qec \"" + std::string(CLUSOP_CLI) + " scan --format json " + logs + " > " + dir +
                              "/out.json\" /dev/null < /dev/null > " + dir + "/terminal.txt";
  ASSERT_EQ(std::system(command.c_str()), 0);
  const std::string terminal = testing::ReadFile(dir + "/terminal.txt");
  EXPECT_NE(terminal.find("\rreading ["), std::string::npos) << terminal.substr(0, 200);
  EXPECT_NE(terminal.find(" MiB"), std::string::npos);
  EXPECT_NE(terminal.find("\x1b[2K"), std::string::npos);  // the bar's line is cleared at the end
  // the document on stdout is untouched by the bar
  EXPECT_TRUE(json::parse(testing::ReadFile(dir + "/out.json")).contains("applications"));
}

TEST(ScanCli, ThreadsDoNotChangeTheAnswer) {
  REQUIRE_CORPUS();
  const std::string args = logs + "/apache-spark/spark-events " + logs + "/mcp-apache-spark-history-server";
  const CliResult one = testing::RunClusop("scan --format json --jobs 1 " + args);
  const CliResult three = testing::RunClusop("scan --format json --jobs 3 " + args);
  EXPECT_EQ(one.exit_code, 0);
  EXPECT_EQ(one.out, three.out);
  EXPECT_GE(json::parse(one.out)["applications"].size(), 8u);
}

}  // namespace
}  // namespace clusop
