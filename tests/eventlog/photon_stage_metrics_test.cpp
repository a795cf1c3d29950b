// Photon writes 0 in a task's "Peak Execution Memory" and "Shuffle Write Time" and keeps them as
// SQL metrics in the task's accumulables: the stage KPIs take them from there when every task's
// Task Metrics say 0, and say so (*_source). A small log written here, then the real Databricks
// Photon log of the corpus held against spark-rapids-tools' expected stage metrics (skipped when
// the corpus is absent).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "analysis/app_scan.hpp"
#include "kpi/app_report.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

std::string Accumulable(int id, const std::string& name, int64_t update) {
  return "{\"ID\":" + std::to_string(id) + ",\"Name\":\"" + name + "\",\"Update\":\"" + std::to_string(update) +
         "\",\"Value\":\"" + std::to_string(update) + "\",\"Internal\":true,\"Count Failed Values\":true,\"Metadata\":\"sql\"}";
}

// A TaskEnd in Spark's layout, its Task Metrics with the given peak memory and shuffle write time.
std::string TaskEnd(int stage, int task, int64_t peak, int64_t write_ns, const std::string& accumulables) {
  const std::string t = std::to_string(task);
  return "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":" + std::to_string(stage) +
         ",\"Stage Attempt ID\":0,\"Task Type\":\"ShuffleMapTask\",\"Task End Reason\":{\"Reason\":\"Success\"},"
         "\"Task Info\":{\"Task ID\":" + t + ",\"Index\":" + t + ",\"Attempt\":0,\"Launch Time\":1000,\"Executor ID\":\"1\","
         "\"Host\":\"h\",\"Speculative\":false,\"Getting Result Time\":0,\"Finish Time\":2000,\"Failed\":false,\"Killed\":false,"
         "\"Accumulables\":[" + accumulables + "]},\"Task Executor Metrics\":{\"JVMHeapMemory\":0},"
         "\"Task Metrics\":{\"Executor Run Time\":900,\"Peak Execution Memory\":" + std::to_string(peak) +
         ",\"Shuffle Write Metrics\":{\"Shuffle Bytes Written\":10,\"Shuffle Write Time\":" + std::to_string(write_ns) +
         ",\"Shuffle Records Written\":1}}}\n";
}

const StageKpis* Stage(const AppReport& report, int64_t id) {
  for (const StageKpis& s : report.stages)
    if (s.stage_id == id) return &s;
  return nullptr;
}

TEST(PhotonStageMetrics, PeakMemoryAndShuffleWriteTimeComeFromPhotonMetricsWhenTaskMetricsAreZero) {
  const std::string write_io = "time taken waiting on file write IO (part of shuffle file write)";
  const std::string sort = "time taken to sort rows by partition ID (part of shuffle file write)";
  std::string log = "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.4.1\"}\n"
                    "{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"a\",\"App ID\":\"app-1\",\"Timestamp\":1000,\"User\":\"u\"}\n";
  // stage 1: Photon, Task Metrics 0; two operators' peaks per task, the task's peak is the larger
  log += TaskEnd(1, 1, 0, 0, Accumulable(5, "peak memory usage", 100) + "," + Accumulable(6, "peak memory usage", 300) + "," +
                                 Accumulable(7, write_io, 2000000) + "," + Accumulable(8, sort, 3000000));
  log += TaskEnd(1, 2, 0, 0, Accumulable(5, "peak memory usage", 250) + "," + Accumulable(7, write_io, 4000000) + "," +
                                 Accumulable(8, "number of output rows", 99999999));
  // stage 2: the JVM engine's own figures win over any SQL metric of the same name
  log += TaskEnd(2, 3, 4096, 7000000, Accumulable(9, "peak memory usage", 1 << 30) + "," + Accumulable(10, write_io, 1));
  // stage 3: no Photon metric at all
  log += TaskEnd(3, 4, 0, 0, Accumulable(11, "internal.metrics.executorRunTime", 900));
  log += "{\"Event\":\"SparkListenerApplicationEnd\",\"Timestamp\":3000}\n";

  AppScan scan{ScanOptions{}};
  ASSERT_TRUE(scan.BeginPart("photon.jsonl"));
  ASSERT_TRUE(scan.Feed(log));
  const AppReport& report = scan.Finish();
  ASSERT_TRUE(report.errors.empty()) << report.errors[0].message;

  const StageKpis* photon = Stage(report, 1);
  ASSERT_NE(photon, nullptr);
  EXPECT_EQ(photon->tasks, 2);
  EXPECT_EQ(photon->peak_execution_memory_max, 300);
  EXPECT_STREQ(photon->peak_execution_memory_source, "photon_sql_metrics");
  EXPECT_EQ(photon->shuffle_write_ns, 2000000 + 3000000 + 4000000);
  EXPECT_STREQ(photon->shuffle_write_time_source, "photon_sql_metrics");

  const StageKpis* jvm = Stage(report, 2);
  ASSERT_NE(jvm, nullptr);
  EXPECT_EQ(jvm->peak_execution_memory_max, 4096);
  EXPECT_STREQ(jvm->peak_execution_memory_source, "task_metrics");
  EXPECT_EQ(jvm->shuffle_write_ns, 7000000);
  EXPECT_STREQ(jvm->shuffle_write_time_source, "task_metrics");

  const StageKpis* plain = Stage(report, 3);
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(plain->peak_execution_memory_max, 0);
  EXPECT_STREQ(plain->peak_execution_memory_source, "task_metrics");
  EXPECT_EQ(plain->tasks, 1);
  EXPECT_EQ(plain->executor_run_ms, 900);
}

// spark-rapids-tools' profiling of the same log substitutes Photon's metrics the same way: its
// expected per-stage peakExecutionMemoryMax and swWriteTimeSum (ms) are what we must find.
TEST(PhotonStageMetrics, RealDatabricksPhotonLogMatchesRapidsToolsExpectations) {
  const std::string corpus = testing::CorpusDir();
  const std::string log = corpus + "/eventlogs/spark-rapids-tools/spark-events-qualification/nds_q88_photon_db_13_3.zstd";
  const std::string csv = corpus +
      "/eventlogs/spark-rapids-tools/expected/ProfilingExpectations/nds_q88_photon_db_13_3_stage_metrics_agg_expectation.csv";
  if (corpus.empty() || !std::filesystem::exists(log) || !std::filesystem::exists(csv))
    GTEST_SKIP() << "no Databricks Photon log in the corpus";

  AppScan scan{ScanOptions{}};
  ASSERT_TRUE(scan.BeginPart("nds_q88_photon_db_13_3.zstd"));
  const std::string bytes = testing::ReadFile(log);
  for (size_t i = 0; i < bytes.size(); i += 1 << 20) ASSERT_TRUE(scan.Feed(std::string_view(bytes).substr(i, 1 << 20)));
  const AppReport& report = scan.Finish();

  std::ifstream in(csv);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  std::map<std::string, size_t> column;
  {
    std::stringstream header(line);
    std::string name;
    for (size_t i = 0; std::getline(header, name, ','); ++i) column[name] = i;
  }
  ASSERT_TRUE(column.count("id") && column.count("peakExecutionMemoryMax") && column.count("swWriteTimeSum"));
  int photon_stages = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    const StageKpis* s = Stage(report, std::stoll(cells[column["id"]]));
    ASSERT_NE(s, nullptr) << line;
    EXPECT_EQ(s->peak_execution_memory_max, std::stoll(cells[column["peakExecutionMemoryMax"]])) << "stage " << s->stage_id;
    EXPECT_EQ(s->shuffle_write_ns / 1000000, std::stoll(cells[column["swWriteTimeSum"]])) << "stage " << s->stage_id;
    if (std::string(s->peak_execution_memory_source) == "photon_sql_metrics") ++photon_stages;
  }
  EXPECT_GT(photon_stages, 0);  // the log's Task Metrics hold no peak: Photon's metrics were read
}

}  // namespace
}  // namespace clusop
