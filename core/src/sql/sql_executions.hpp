#pragma once
// Every SQL execution of one application: its description and call site, timing, jobs and
// stages, its final plan (the last AQE update), the plan's real metric values, and the plan
// analysis of that final plan priced with the execution's duration and the cluster shape the
// log states. Fed by the event reader (eventlog/); memory grows with executions and plan
// metrics, never with tasks.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/app_scan.hpp"

namespace clusop {

class JsonWriter;

// The measured facts of one join in a final plan (what a missed-broadcast rule needs).
struct JoinFacts {
  std::string strategy;        // the operator: SortMergeJoin, BroadcastHashJoin, ShuffledHashJoin, ...
  std::string operator_name;   // as the plan names it: PhotonBroadcastHashJoin, CometSortMergeJoin, ...
  std::string join_type;       // Inner, LeftOuter, ... when the plan says
  std::string build_side;      // BuildLeft, BuildRight when the plan says
  int32_t node = -1;           // the join's node id in the analysed plan
  int64_t left_bytes = -1;     // measured size of each side (-1: not measured)
  int64_t right_bytes = -1;
  int64_t left_rows = -1;
  int64_t right_rows = -1;
};

struct SqlExecutionReport {
  int64_t execution_id = -1;
  std::string description;
  std::string call_site;         // SQLExecutionStart "details", first line
  int64_t start_ms = -1;
  int64_t end_ms = -1;           // -1: no SQLExecutionEnd (in-progress log)
  std::string status;            // "succeeded", "failed", "running"
  std::string error_message;
  std::vector<int64_t> job_ids;
  std::vector<int64_t> stage_ids;
  int aqe_updates = 0;
  std::string analysis_json;     // the clusop.analysis/1 object of the final plan; empty: no plan
  std::string analysis_error;    // why there is no analysis (no plan, unreadable plan)
  double fallback_weight = 0;    // copied from the analysis for the application totals
  double waste_usd = -1;         // modeled waste of this run (-1: could not be priced)
  std::vector<JoinFacts> joins;
  int64_t files_read = -1;       // summed over the plan's file scans (-1: not measured)
  int64_t file_bytes_read = -1;
};

// Totals over the application's executions.
struct SqlTotals {
  int executions = 0;
  int with_fallback = 0;
  double fallback_time_share = 0;  // duration-weighted fallback weight over all executions
  double waste_usd = 0;            // modeled, per run of the application
  bool waste_priced = false;       // false: some input of the price is missing
};

class SqlExecutions {
 public:
  explicit SqlExecutions(const ScanOptions& options);
  ~SqlExecutions();

  // One whole event line of an SQL event (rare events: start, AQE update, metric updates,
  // driver accumulator updates, end). `event` is the "Event" value. The bytes are valid only
  // during the call.
  void OnSqlEvent(std::string_view event, std::string_view line);
  // Each Spark property of an EnvironmentUpdate (cluster shape, engine, Databricks tags).
  void OnSparkProperty(std::string_view key, std::string_view value);
  // A job started under an SQL execution (JobStart Properties "spark.sql.execution.id").
  void OnJob(int64_t execution_id, int64_t job_id, const std::vector<int64_t>& stage_ids);
  // A stage's final accumulator value (StageCompleted "Accumulables"), any name: the SQL
  // metrics among them are summed per accumulator id over stages and attempts.
  void OnStageAccumulator(int64_t accumulator_id, std::string_view name, double value);
  // The application's last event time, for executions that never ended.
  void OnLastEventTime(int64_t time_ms);

  // Analyses each execution's final plan. Call once, after the last event.
  void Finish(std::vector<SqlExecutionReport>* executions, SqlTotals* totals);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Writes one execution as an element of clusop.scan/1 "sql_executions".
void WriteSqlExecution(JsonWriter* out, const SqlExecutionReport& execution);
void WriteSqlTotals(JsonWriter* out, const SqlTotals& totals);

}  // namespace clusop
