// Metric values reach the plan by accumulator id: a stage reports the driver's running total
// (a later stage's report replaces an earlier one), driver updates add to it, task metrics
// ("internal.*") are not plan metrics. Then the fallback weight uses the time metrics.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sql_log_feed.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

constexpr const char* kStart = "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart";
constexpr const char* kDriver = "org.apache.spark.sql.execution.ui.SparkListenerDriverAccumUpdates";
constexpr const char* kEnd = "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd";

// The shape Spark 3.5 writes for a sort-merge join of two shuffled scans.
std::string Side(int base) {
  const std::string b = std::to_string(base);
  auto metric = [](const char* name, int id, const char* type) {
    return std::string("{\"name\":\"") + name + "\",\"accumulatorId\":" + std::to_string(id) + ",\"metricType\":\"" +
           type + "\"}";
  };
  return "{\"nodeName\":\"Sort\",\"simpleString\":\"Sort [k#" + b + " ASC NULLS FIRST], false, 0\",\"children\":[" +
         "{\"nodeName\":\"Exchange\",\"simpleString\":\"Exchange hashpartitioning(k#" + b +
         ", 200), ENSURE_REQUIREMENTS, [plan_id=" + b + "]\",\"children\":[" +
         "{\"nodeName\":\"Scan parquet \",\"simpleString\":\"FileScan parquet [k#" + b +
         "]\",\"children\":[],\"metadata\":{},\"metrics\":[" + metric("number of output rows", base + 1, "sum") + "," +
         metric("size of files read", base + 2, "size") + "]}" + "],\"metadata\":{},\"metrics\":[" +
         metric("data size", base + 3, "size") + "," + metric("shuffle records written", base + 4, "sum") + "]}" +
         "],\"metadata\":{},\"metrics\":[" + metric("sort time", base + 5, "timing") + "]}";
}

std::string StartLine() {
  return std::string("{\"Event\":\"") + kStart +
         "\",\"executionId\":7,\"description\":\"join\",\"details\":\"save at App.scala:12\\nmore\","
         "\"physicalPlanDescription\":\"\",\"sparkPlanInfo\":{\"nodeName\":\"SortMergeJoin\","
         "\"simpleString\":\"SortMergeJoin [k#10], [k#20], LeftOuter\",\"children\":[" +
         Side(10) + "," + Side(20) + "],\"metadata\":{},\"metrics\":[]},\"time\":1000}";
}

TEST(SqlMetricValues, StageTotalsAndDriverUpdatesReachTheJoinSides) {
  SqlExecutions sql{ScanOptions{}};
  sql.OnSqlEvent(kStart, StartLine());
  sql.OnStageAccumulator(13, "data size", 100);  // left exchange, first stage
  sql.OnStageAccumulator(13, "data size", 250);  // a later stage: the running total
  sql.OnStageAccumulator(14, "shuffle records written", 7);
  sql.OnStageAccumulator(13, "internal.metrics.resultSize", 5);  // a task metric, not a plan metric
  sql.OnStageAccumulator(22, "size of files read", 1);           // right scan; its exchange has no value
  sql.OnStageAccumulator(21, "number of output rows", 3);
  sql.OnSqlEvent(kDriver, std::string("{\"Event\":\"") + kDriver + "\",\"executionId\":7,\"accumUpdates\":[[22,999]]}");
  sql.OnSqlEvent(kEnd, std::string("{\"Event\":\"") + kEnd + "\",\"executionId\":7,\"time\":4000,\"errorMessage\":\"\"}");
  std::vector<SqlExecutionReport> out;
  SqlTotals totals;
  sql.Finish(&out, &totals);
  ASSERT_EQ(out.size(), 1u);
  const SqlExecutionReport& e = out[0];
  EXPECT_EQ(e.call_site, "save at App.scala:12");
  ASSERT_EQ(e.joins.size(), 1u) << e.analysis_error;
  const JoinFacts& j = e.joins[0];
  EXPECT_EQ(j.strategy, "SortMergeJoin");
  EXPECT_EQ(j.join_type, "LeftOuter");
  EXPECT_EQ(j.build_side, "");
  EXPECT_EQ(j.left_bytes, 250);
  EXPECT_EQ(j.left_rows, 7);
  EXPECT_EQ(j.right_bytes, 1000);
  EXPECT_EQ(j.right_rows, 3);
}

// A real Spark 3.1.1 plan (a parquet write: the command over a scan whose "metadata time" the
// driver reports), in a log whose environment carries Databricks Photon tags (spark-rapids-tools'
// photon_eventlog): every operator ran on the JVM of a Photon cluster.
constexpr const char* kPhotonTagsLog = "/eventlogs/spark-rapids-tools/event_logs/photon_eventlog.zstd";

nlohmann::json AnalyseLog(bool with_values) {
  SqlExecutions sql{ScanOptions{}};
  testing::SqlFeed feed(&sql);
  std::string error;
  EXPECT_TRUE(testing::ForEachLogLine(
      testing::CorpusDir() + kPhotonTagsLog,
      [&](std::string_view line) {
        const std::string event = testing::EventName(line);
        if (!with_values && (event == "SparkListenerStageCompleted" || event == kDriver)) return;
        feed.Line(line);
      },
      &error))
      << error;
  feed.End();
  std::vector<SqlExecutionReport> out;
  SqlTotals totals;
  sql.Finish(&out, &totals);
  EXPECT_EQ(out.size(), 1u);
  if (out.empty() || out[0].analysis_json.empty()) return {};
  return nlohmann::json::parse(out[0].analysis_json);
}

TEST(SqlMetricValues, FallbackWeightUsesTimeMetricsWhenValuesArrive) {
  if (testing::CorpusDir().empty() || !testing::Exists(testing::CorpusDir() + kPhotonTagsLog))
    GTEST_SKIP() << "corpus absent";
  const nlohmann::json with = AnalyseLog(true);
  ASSERT_FALSE(with.is_null());
  EXPECT_EQ(with["engine"], "photon");  // runtimeEngine PHOTON in the tags
  EXPECT_EQ(with["verdict"]["kind"], "disable_photon");
  EXPECT_EQ(with["fallback_weight_basis"], "time_metrics");
  const nlohmann::json without = AnalyseLog(false);
  ASSERT_FALSE(without.is_null());
  EXPECT_EQ(without["fallback_weight_basis"], "node_count");
}

}  // namespace
}  // namespace clusop
