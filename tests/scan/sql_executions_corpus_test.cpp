// Every SQL execution of real logs, held against what an independent nlohmann/json pass reads
// from the same lines: times, status, description, call site, jobs, AQE updates, and the size
// of the final plan (the last AQE update, else the start's sparkPlanInfo).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "sql_log_feed.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using nlohmann::json;

struct ExpectedExecution {
  int64_t start_ms = -1, end_ms = -1;
  std::string description, call_site, error_message;
  std::set<int64_t> jobs;
  int updates = 0;
  size_t plan_nodes = 0;  // of the latest plan event
};

size_t CountNodes(const json& root) {
  size_t n = 0;
  std::vector<const json*> stack{&root};
  while (!stack.empty()) {
    const json* node = stack.back();
    stack.pop_back();
    ++n;
    if (node->contains("children"))
      for (const json& c : (*node)["children"]) stack.push_back(&c);
  }
  return n;
}

void Observe(std::string_view line, std::map<int64_t, ExpectedExecution>* out) {
  const std::string event = testing::EventName(line);
  const bool sql = event.rfind("org.apache.spark.sql.execution.ui.", 0) == 0;
  if (!sql && event != "SparkListenerJobStart") return;
  const json j = json::parse(line);
  if (event == "SparkListenerJobStart") {
    const json p = j.value("Properties", json::object());
    if (p.contains("spark.sql.execution.id"))
      (*out)[testing::JsonInt(p["spark.sql.execution.id"])].jobs.insert(j["Job ID"].get<int64_t>());
    return;
  }
  if (!j.contains("executionId")) return;
  ExpectedExecution& e = (*out)[j["executionId"].get<int64_t>()];
  if (event.find("SQLExecutionStart") != std::string::npos) {
    e.start_ms = j["time"];
    e.description = j["description"];
    const std::string details = j["details"];
    e.call_site = details.substr(0, details.find('\n'));
    while (!e.call_site.empty() && (e.call_site.back() == ' ' || e.call_site.back() == '\r')) e.call_site.pop_back();
    if (e.updates == 0) e.plan_nodes = CountNodes(j["sparkPlanInfo"]);
  } else if (event.find("SQLAdaptiveExecutionUpdate") != std::string::npos) {
    ++e.updates;
    e.plan_nodes = CountNodes(j["sparkPlanInfo"]);
  } else if (event.find("SQLExecutionEnd") != std::string::npos) {
    e.end_ms = j["time"];
    if (j.contains("errorMessage") && j["errorMessage"].is_string()) e.error_message = j["errorMessage"];
  }
}

class CorpusSqlExecutions : public ::testing::TestWithParam<const char*> {};

TEST_P(CorpusSqlExecutions, MatchTheLog) {
  const std::string corpus = testing::CorpusDir();
  const std::string path = corpus + "/eventlogs/" + GetParam();
  if (corpus.empty() || !testing::Exists(path)) GTEST_SKIP() << "corpus absent";
  SqlExecutions sql{ScanOptions{}};
  testing::SqlFeed feed(&sql);
  std::map<int64_t, ExpectedExecution> expected;
  std::string error;
  ASSERT_TRUE(testing::ForEachLogLine(
      path,
      [&](std::string_view line) {
        feed.Line(line);
        Observe(line, &expected);
      },
      &error))
      << error;
  feed.End();
  std::vector<SqlExecutionReport> executions;
  SqlTotals totals;
  sql.Finish(&executions, &totals);

  ASSERT_FALSE(expected.empty());
  ASSERT_EQ(executions.size(), expected.size());
  EXPECT_EQ(totals.executions, static_cast<int>(expected.size()));
  for (const SqlExecutionReport& e : executions) {
    SCOPED_TRACE("execution " + std::to_string(e.execution_id));
    ASSERT_TRUE(expected.count(e.execution_id));
    const ExpectedExecution& x = expected.at(e.execution_id);
    EXPECT_EQ(e.start_ms, x.start_ms);
    EXPECT_EQ(e.end_ms, x.end_ms);
    EXPECT_EQ(e.status, x.end_ms < 0 ? "running" : x.error_message.empty() ? "succeeded" : "failed");
    EXPECT_EQ(e.error_message, x.error_message);
    EXPECT_EQ(e.description, x.description);
    EXPECT_EQ(e.call_site, x.call_site);
    EXPECT_EQ(std::set<int64_t>(e.job_ids.begin(), e.job_ids.end()), x.jobs);
    EXPECT_EQ(e.aqe_updates, x.updates);
    if (x.start_ms < 0 && x.updates == 0) {
      EXPECT_FALSE(e.analysis_error.empty());
      continue;
    }
    ASSERT_FALSE(e.analysis_json.empty()) << e.analysis_error;
    const json a = json::parse(e.analysis_json);
    if (a["parse"]["warnings"].empty())  // not judged from the text description instead
      EXPECT_EQ(a["parse"]["node_count"].get<size_t>(), x.plan_nodes);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Logs, CorpusSqlExecutions,
    ::testing::Values("apache-spark/spark-events/local-1642039451826",  // Spark 3.3, AQE updates
                      "spark-rapids-tools/spark-events-qualification/nds_q88_photon_db_13_3.zstd",
                      "spark-rapids-tools/spark-events-qualification/db_subExecution_id.zstd",
                      "spark-rapids-tools/spark-events-qualification/nds_q72_dataproc_2_2.zstd",
                      "spark-rapids-tools/spark-events-qualification/join_missing_sql_end",  // no end
                      "spark-rapids-tools/spark-events-qualification/python_udf_eventlog",
                      "spark-rapids-tools/spark-events-profiling/rapids_join_eventlog.zstd",
                      "spark-rapids-tools/spark-events-profiling/nds_q66_gpu.zstd",
                      "spark-rapids-tools/event_logs/photon_eventlog.zstd"),
    [](const ::testing::TestParamInfo<const char*>& info) {
      std::string name = info.param;
      name = name.substr(name.find_last_of('/') + 1);
      for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

}  // namespace
}  // namespace clusop
