#pragma once
// What a scan of one application found: the application, its cluster, executors, stages and
// SQL executions, and what could not be read. Written as clusop.scan/1 by report/scan_json.
#include <cstdint>
#include <string>
#include <vector>

#include "kpi/app_totals.hpp"
#include "kpi/cluster_shape.hpp"
#include "kpi/executor_timeline.hpp"
#include "kpi/stage_kpis.hpp"
#include "rank/finding.hpp"
#include "sql/sql_executions.hpp"

namespace clusop {

struct ScanError {
  std::string path;
  std::string message;
};

struct AppSummary {
  std::string app_id;
  std::string attempt;          // "App Attempt ID"; empty when the log has none
  std::string name;
  std::string user;
  std::string spark_version;
  int64_t start_ms = -1;
  int64_t end_ms = -1;          // ApplicationEnd, else the last event time
  bool ended = false;           // an ApplicationEnd was read
  bool complete = false;        // ended, and no part was cut or unreadable
  int64_t jobs = 0;
  int64_t failed_jobs = 0;
  int64_t skipped_stages = 0;
};

struct Utilisation {
  double core_seconds_available = 0;  // executors' cores x lifetime
  double core_seconds_busy = 0;       // sum of task executor run time
  double ratio = -1;                  // busy / available; -1 when nothing is available
};

struct PartRead {
  std::string path;
  std::string codec;
  uint64_t bytes_in = 0;
  uint64_t lines = 0;
  bool truncated = false;  // a cut frame, block or last line
};

struct ReadSummary {
  std::vector<PartRead> parts;
  uint64_t lines = 0;
  uint64_t events = 0;
  uint64_t bad_lines = 0;
};

struct AppReport {
  AppSummary app;
  ClusterShape cluster;
  std::vector<ExecutorSpan> executors;
  int max_executors = 0;
  int64_t max_cores = 0;
  Utilisation utilisation;
  std::vector<StageKpis> stages;  // by stage id, then attempt
  AppTotals totals;               // over the stages; modeled_usd set with the recommendations' price
  std::vector<SqlExecutionReport> sql_executions;
  SqlTotals sql_totals;
  ReadSummary read;
  std::vector<ScanError> errors;
  std::vector<Finding> recommendations;  // ranked by saving (rules/, rank/)
  std::vector<RuleError> rule_errors;    // of the rules this scan ran
};

}  // namespace clusop
