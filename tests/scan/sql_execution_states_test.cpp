// Executions in the states a log leaves them: running (no end), failed, without a plan, with an
// unreadable plan line; and the Databricks trap of vanilla names in the start's sparkPlanInfo.
// Built from the real lines of execution 26 of the DBR 13.3 Photon q88 log.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sql_log_feed.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using nlohmann::json;

constexpr const char* kLog = "/eventlogs/spark-rapids-tools/spark-events-qualification/nds_q88_photon_db_13_3.zstd";

struct Lines {
  bool ok = false;
  std::string error;
  std::vector<std::pair<std::string, std::string>> environment;  // Spark properties
  std::string start, end;
  std::vector<std::string> updates;  // in log order
};

const Lines& Q88() {
  static const Lines lines = [] {
    Lines l;
    l.ok = testing::ForEachLogLine(
        testing::CorpusDir() + kLog,
        [&](std::string_view line) {
          const std::string event = testing::EventName(line);
          if (event == "SparkListenerEnvironmentUpdate" && l.environment.empty()) {
            const json environment = json::parse(line);
            const json& properties = environment.at("Spark Properties");
            for (auto it = properties.begin(); it != properties.end(); ++it)
              l.environment.emplace_back(it.key(), it.value().get<std::string>());
            return;
          }
          if (event.find("org.apache.spark.sql.execution.ui.SparkListenerSQL") != 0) return;
          if (line.find("\"executionId\":26,") == std::string_view::npos) return;
          if (event.find("ExecutionStart") != std::string::npos) l.start = line;
          else if (event.find("ExecutionEnd") != std::string::npos) l.end = line;
          else if (event.find("AdaptiveExecutionUpdate") != std::string::npos) l.updates.emplace_back(line);
        },
        &l.error);
    return l;
  }();
  return lines;
}

constexpr const char* kStart = "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart";
constexpr const char* kUpdate = "org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveExecutionUpdate";
constexpr const char* kEnd = "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd";

class ExecutionStates : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::CorpusDir().empty() || !testing::Exists(testing::CorpusDir() + kLog)) GTEST_SKIP() << "corpus absent";
    ASSERT_TRUE(Q88().ok) << Q88().error;
    ASSERT_EQ(Q88().updates.size(), 11u);
    for (const auto& [k, v] : Q88().environment) sql_.OnSparkProperty(k, v);
  }
  SqlExecutionReport FinishOne() {
    std::vector<SqlExecutionReport> out;
    sql_.Finish(&out, &totals_);
    EXPECT_EQ(out.size(), 1u);
    return out.empty() ? SqlExecutionReport{} : out[0];
  }
  SqlExecutions sql_{ScanOptions{}};
  SqlTotals totals_;
};

TEST_F(ExecutionStates, WithoutEndIsRunningAndPricedUpToTheLastEvent) {
  sql_.OnSqlEvent(kStart, Q88().start);
  for (size_t i = 0; i < 3; ++i) sql_.OnSqlEvent(kUpdate, Q88().updates[i]);
  const int64_t start = json::parse(Q88().start)["time"];
  sql_.OnLastEventTime(start + 5000);
  const SqlExecutionReport e = FinishOne();
  EXPECT_EQ(e.status, "running");
  EXPECT_EQ(e.end_ms, -1);
  EXPECT_EQ(e.aqe_updates, 3);
  ASSERT_FALSE(e.analysis_json.empty()) << e.analysis_error;
  const json a = json::parse(e.analysis_json);
  EXPECT_EQ(a["waste"]["inputs"]["runtime_seconds"], 5.0);
  // the third update is a plan still being re-planned (isFinalPlan=false)
  EXPECT_NE(a["parse"]["plan_state"], "final");
}

TEST_F(ExecutionStates, FailedExecutionKeepsItsError) {
  sql_.OnSqlEvent(kStart, Q88().start);
  json end = json::parse(Q88().end);
  end["errorMessage"] = "org.apache.spark.SparkException: Job aborted";
  sql_.OnSqlEvent(kEnd, end.dump());
  const SqlExecutionReport e = FinishOne();
  EXPECT_EQ(e.status, "failed");
  EXPECT_EQ(e.error_message, "org.apache.spark.SparkException: Job aborted");
}

TEST_F(ExecutionStates, StartWithoutPlanGetsAnAnalysisError) {
  json start = json::parse(Q88().start);
  start.erase("sparkPlanInfo");
  sql_.OnSqlEvent(kStart, start.dump());
  sql_.OnSqlEvent(kEnd, Q88().end);
  const SqlExecutionReport e = FinishOne();
  EXPECT_TRUE(e.analysis_json.empty());
  EXPECT_NE(e.analysis_error.find("no sparkPlanInfo"), std::string::npos) << e.analysis_error;
  EXPECT_EQ(e.description, "query88");
  EXPECT_FALSE(totals_.waste_priced);
}

TEST_F(ExecutionStates, TruncatedFinalPlanLineIsAnErrorNotAnEarlierPlan) {
  sql_.OnSqlEvent(kStart, Q88().start);
  for (size_t i = 0; i + 1 < Q88().updates.size(); ++i) sql_.OnSqlEvent(kUpdate, Q88().updates[i]);
  const std::string& last = Q88().updates.back();
  sql_.OnSqlEvent(kUpdate, std::string_view(last).substr(0, last.size() / 2));
  sql_.OnSqlEvent(kEnd, Q88().end);
  const SqlExecutionReport e = FinishOne();
  EXPECT_EQ(e.aqe_updates, 11);
  EXPECT_TRUE(e.analysis_json.empty());
  EXPECT_NE(e.analysis_error.find("unreadable"), std::string::npos) << e.analysis_error;
  EXPECT_EQ(e.status, "succeeded");
}

TEST_F(ExecutionStates, PlanOfTheWrongShapeIsAnError) {
  json update = json::parse(Q88().updates.back());
  update["sparkPlanInfo"]["children"] = "not a list";
  sql_.OnSqlEvent(kStart, Q88().start);
  sql_.OnSqlEvent(kUpdate, update.dump());
  sql_.OnSqlEvent(kEnd, Q88().end);
  const SqlExecutionReport e = FinishOne();
  EXPECT_TRUE(e.analysis_json.empty());
  EXPECT_NE(e.analysis_error.find("could not be read"), std::string::npos) << e.analysis_error;
}

// Databricks writes vanilla names in the start's sparkPlanInfo (Project, BroadcastHashJoin ...)
// while its physicalPlanDescription and the AQE updates name the Photon operators that ran.
TEST_F(ExecutionStates, StartOnlyPlanOnDatabricksIsJudgedFromItsDescription) {
  sql_.OnSqlEvent(kStart, Q88().start);
  sql_.OnSqlEvent(kEnd, Q88().end);
  const SqlExecutionReport e = FinishOne();
  ASSERT_FALSE(e.analysis_json.empty()) << e.analysis_error;
  const json a = json::parse(e.analysis_json);
  EXPECT_EQ(a["engine"], "photon");
  EXPECT_NE(a["verdict"]["kind"], "disable_photon");
  EXPECT_EQ(a["has_fallback"], false);
  ASSERT_EQ(a["parse"]["warnings"].size(), 1u);
  EXPECT_NE(a["parse"]["warnings"][0].get<std::string>().find("physicalPlanDescription"), std::string::npos);
}

TEST_F(ExecutionStates, UnknownSqlEventsAreSkipped) {
  sql_.OnSqlEvent("com.databricks.sql.SomeNewSqlEvent", "{\"executionId\":3}");
  sql_.OnSqlEvent("org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveSQLMetricUpdates",
                  "{\"Event\":\"x\",\"executionId\":4,\"sqlPlanMetrics\":[]}");
  sql_.OnSqlEvent(kStart, "not json at all");  // no execution id: nothing to attach it to
  std::vector<SqlExecutionReport> out;
  sql_.Finish(&out, &totals_);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(totals_.executions, 0);
}

}  // namespace
}  // namespace clusop
