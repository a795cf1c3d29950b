// `clusop analyze` given a whole event log: the core decides it is a log (input_kind), scans it
// and shows each SQL execution's analysis, where it used to exit 2. Expectations come from the
// log lines themselves.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "log_facts.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using nlohmann::json;
using testing::CliResult;

std::string EventLogs() {
  const std::string corpus = testing::CorpusDir();
  return corpus.empty() ? "" : corpus + "/eventlogs";
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A three-line event log cut from a real Spark 3.5.5 run with a Python UDF: the log start, the
// SQL execution's start (its plan holds BatchEvalPython) and its end.
struct ThreeLineLog {
  std::string path;
  json start, end;
};

ThreeLineLog MakeThreeLineLog(const std::string& logs) {
  const std::vector<std::string> lines =
      Lines(testing::ReadFile(logs + "/spark-rapids-tools/spark-events-qualification/python_udf_eventlog"));
  std::string log_start, sql_start, sql_end;
  for (const std::string& line : lines) {
    if (line.find("\"SparkListenerLogStart\"") != std::string::npos) log_start = line;
    if (line.find("SparkListenerSQLExecutionStart\"") != std::string::npos) sql_start = line;
    if (line.find("SparkListenerSQLExecutionEnd\"") != std::string::npos) sql_end = line;
  }
  ThreeLineLog log;
  log.path = testing::FreshTempDir("log") + "/three_lines";
  testing::WriteFile(log.path, log_start + "\n" + sql_start + "\n" + sql_end + "\n");
  log.start = json::parse(sql_start);
  log.end = json::parse(sql_end);
  return log;
}

bool HasNode(const json& analysis, const std::string& name) {
  for (const json& node : analysis["nodes"])
    if (node["name"] == name) return true;
  return false;
}

TEST(AnalyzeLog, ThreeLineEventLogIsAnalysedNotRefused) {
  const std::string logs = EventLogs();
  if (logs.empty()) GTEST_SKIP() << "corpus absent";
  const ThreeLineLog log = MakeThreeLineLog(logs);
  ASSERT_FALSE(log.start.is_null());

  const CliResult run = testing::RunClusop("analyze --format json " + log.path);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json doc = json::parse(run.out);
  EXPECT_EQ(doc["schema"], "clusop.scan/1");
  ASSERT_EQ(doc["applications"].size(), 1u);
  const json& executions = doc["applications"][0]["sql_executions"];
  ASSERT_EQ(executions.size(), 1u);
  const json& e = executions[0];
  EXPECT_EQ(e["execution_id"], log.start["executionId"]);
  EXPECT_EQ(e["description"], log.start["description"]);
  EXPECT_EQ(e["duration_ms"], log.end["time"].get<int64_t>() - log.start["time"].get<int64_t>());
  EXPECT_TRUE(HasNode(e["analysis"], "BatchEvalPython"));

  const CliResult text = testing::RunClusop("analyze " + log.path);
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("SQL execution"), std::string::npos) << text.out;
}

TEST(AnalyzeLog, OnAPhotonClusterThePythonUdfPlanFallsBack) {
  const std::string logs = EventLogs();
  if (logs.empty()) GTEST_SKIP() << "corpus absent";
  const ThreeLineLog log = MakeThreeLineLog(logs);
  // a vanilla plan from a Photon cluster ran wholly on the JVM (README: whole_plan_jvm)
  const CliResult run = testing::RunClusop("analyze --photon-enabled true --format json --fail-on-fallback " + log.path);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const json e = json::parse(run.out)["applications"][0]["sql_executions"][0];
  EXPECT_TRUE(e["analysis"]["has_fallback"]);
  const CliResult text = testing::RunClusop("analyze --photon-enabled true " + log.path);
  EXPECT_NE(text.out.find("fallback #1"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("modeled"), std::string::npos) << text.out;
}

TEST(AnalyzeLog, CompressedLogAnalysesEveryExecution) {
  const std::string logs = EventLogs();
  if (logs.empty()) GTEST_SKIP() << "corpus absent";
  const std::string file = logs + "/mcp-apache-spark-history-server/spark-events/application_1713000000000_0001_2.zstd";
  testing::LogFacts facts;
  ASSERT_TRUE(testing::AddLogFacts(file, &facts));
  const CliResult run = testing::RunClusop("analyze --format json " + file);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json doc = json::parse(run.out);
  ASSERT_EQ(doc["applications"].size(), 1u);
  EXPECT_EQ(doc["applications"][0]["sql_executions"].size(), facts.sql_executions.size());
}

TEST(AnalyzeLog, LogsOnStandardInputAreStreamed) {
  const std::string logs = EventLogs();
  if (logs.empty()) GTEST_SKIP() << "corpus absent";
  const ThreeLineLog log = MakeThreeLineLog(logs);
  const CliResult plain = testing::RunClusop("analyze --format json -", testing::ReadFile(log.path));
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(json::parse(plain.out)["applications"][0]["sql_executions"][0]["execution_id"], log.start["executionId"]);

  // compressed bytes piped in, larger than the head the core decides from
  const std::string file = logs + "/mcp-apache-spark-history-server/spark-events/application_1713000000000_0001_2.zstd";
  testing::LogFacts facts;
  ASSERT_TRUE(testing::AddLogFacts(file, &facts));
  const std::string bytes = testing::ReadFile(file);
  ASSERT_GT(bytes.size(), size_t{64} << 10);
  const CliResult zstd = testing::RunClusop("analyze --format json -", bytes);
  ASSERT_EQ(zstd.exit_code, 0) << zstd.err;
  const json app = json::parse(zstd.out)["applications"][0];
  EXPECT_EQ(app["app_id"], facts.app_id);
  EXPECT_EQ(app["sql_executions"].size(), facts.sql_executions.size());
}

TEST(AnalyzeLog, OneEventLineIsStillAnalysedAsAPlan) {
  // the golden event-log line (a real SQLExecutionStart) keeps its plan analysis
  const std::string line = testing::SourceDir() + "/tests/golden/plans/comet/python_udf.event.json";
  const CliResult run = testing::RunClusop("analyze --format json " + line);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(json::parse(run.out)["schema"], "clusop.analysis/1");
}

}  // namespace
}  // namespace clusop
