// The top-level fields of SQL event lines, as Spark 3.x/4.x JsonProtocol writes them, and the
// one-line errors for lines that are not.
#include <gtest/gtest.h>

#include "sql/sql_event.hpp"

namespace clusop {
namespace {

TEST(SqlEventKind, ByClassName) {
  EXPECT_EQ(SqlEventKindOf("org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart"),
            SqlEventKind::kExecutionStart);
  EXPECT_EQ(SqlEventKindOf("org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveExecutionUpdate"),
            SqlEventKind::kAdaptiveUpdate);
  EXPECT_EQ(SqlEventKindOf("org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveSQLMetricUpdates"),
            SqlEventKind::kAdaptiveMetrics);
  EXPECT_EQ(SqlEventKindOf("org.apache.spark.sql.execution.ui.SparkListenerDriverAccumUpdates"),
            SqlEventKind::kDriverAccumUpdates);
  EXPECT_EQ(SqlEventKindOf("org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd"),
            SqlEventKind::kExecutionEnd);
  EXPECT_EQ(SqlEventKindOf("SparkListenerSQLExecutionEnd"), SqlEventKind::kExecutionEnd);
  EXPECT_EQ(SqlEventKindOf("org.apache.gluten.events.GlutenPlanFallbackEvent"), SqlEventKind::kOther);
  EXPECT_EQ(SqlEventKindOf("com.example.NotSparkListenerSQLExecutionEnd"), SqlEventKind::kOther);
}

TEST(ReadSqlEvent, StartFields) {
  SqlEvent e;
  std::string error;
  ASSERT_TRUE(ReadSqlEvent(
      R"({"Event":"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart","executionId":12,)"
      R"("rootExecutionId":12,"description":"count at <console>:1 \u00e9","details":"org.apache.spark.sql.Dataset.count(Dataset.scala:3615)\nx",)"
      R"("physicalPlanDescription":"== Physical Plan ==\n","sparkPlanInfo":{"nodeName":"A","simpleString":"A","children":[],"metadata":{},"metrics":[]},)"
      R"("time":1700000000123,"modifiedConfigs":{},"jobTags":[]})",
      &e, &error))
      << error;
  EXPECT_EQ(e.execution_id, 12);
  EXPECT_EQ(e.description, "count at <console>:1 \xC3\xA9");
  EXPECT_EQ(e.details, "org.apache.spark.sql.Dataset.count(Dataset.scala:3615)\nx");
  EXPECT_EQ(e.time_ms, 1700000000123);
  EXPECT_TRUE(e.has_plan);
}

TEST(ReadSqlEvent, EndWithNullOrMissingError) {
  for (const char* line : {R"({"Event":"E","executionId":3,"time":5,"errorMessage":null})",
                           R"({"Event":"E","executionId":3,"time":5})"}) {
    SqlEvent e;
    std::string error;
    ASSERT_TRUE(ReadSqlEvent(line, &e, &error)) << error;
    EXPECT_EQ(e.execution_id, 3);
    EXPECT_EQ(e.time_ms, 5);
    EXPECT_EQ(e.error_message, "");
  }
}

TEST(ReadSqlEvent, DriverAccumulatorUpdates) {
  SqlEvent e;
  std::string error;
  ASSERT_TRUE(ReadSqlEvent(R"({"Event":"D","executionId":26,"accumUpdates":[[6845,0],[6839,4],[6835,10]]})", &e, &error))
      << error;
  ASSERT_EQ(e.accum_updates.size(), 3u);
  EXPECT_EQ(e.accum_updates[1].first, 6839);
  EXPECT_EQ(e.accum_updates[1].second, 4);
}

TEST(ReadSqlEvent, MalformedLinesSayWhatWasExpected) {
  const std::pair<const char*, const char*> cases[] = {
      {R"([1,2])", "expected a JSON object"},
      {R"({"executionId":"seven"})", "expected a number"},
      {R"({"executionId":1,"accumUpdates":[[1,2,3]]})", "more than two items"},
      {R"({"executionId":1,"accumUpdates":{"1":2}})", "not an array"},
      {R"({"executionId":1,"sparkPlanInfo":{"nodeName":"A")", "invalid SQL event line"},
      {R"({"executionId":1} trailing)", "trailing data"},
  };
  for (const auto& [line, expected] : cases) {
    SqlEvent e;
    std::string error;
    EXPECT_FALSE(ReadSqlEvent(line, &e, &error)) << line;
    EXPECT_NE(error.find(expected), std::string::npos) << line << " -> " << error;
    EXPECT_EQ(error.find('\n'), std::string::npos);
  }
  SqlEvent e;
  std::string error;
  EXPECT_FALSE(ReadSqlEvent(R"({"executionId":9,"sparkPlanInfo":{"nodeName":)", &e, &error));
  EXPECT_EQ(e.execution_id, 9);  // read before the fault
}

TEST(ReadPlanDescription, UnescapedText) {
  std::string text;
  ASSERT_TRUE(ReadPlanDescription(R"j({"executionId":1,"physicalPlanDescription":"== Physical Plan ==\nPhotonProject (1)","time":2})j", &text));
  EXPECT_EQ(text, "== Physical Plan ==\nPhotonProject (1)");
  EXPECT_FALSE(ReadPlanDescription(R"({"executionId":1})", &text));
}

}  // namespace
}  // namespace clusop
