#pragma once
// Facts counted straight from an event log's lines, independently of the scan under test:
// every line parsed with nlohmann::json, files opened with zlib (plain or gzip) or libzstd.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>

namespace clusop::testing {

struct StageFacts {
  int64_t task_ends = 0;        // SparkListenerTaskEnd events of this stage attempt
  int64_t failed_tasks = 0;     // ... whose Task Info says Failed
  int64_t killed_tasks = 0;     // ... whose Task Info says Killed
  int64_t number_of_tasks = -1; // StageCompleted "Number of Tasks"
  int64_t run_ms = 0;           // sum of Task Metrics "Executor Run Time"
  int64_t memory_spilled = 0, disk_spilled = 0;
};

struct LogFacts {
  std::string app_id, attempt_id, spark_version;
  std::map<std::pair<int64_t, int64_t>, StageFacts> stages;  // (stage id, attempt)
  int64_t task_ends = 0;
  std::set<int64_t> sql_executions;
  bool application_end = false;
};

// Adds the facts of one file (a part of an application) to `facts`. False when unreadable.
bool AddLogFacts(const std::string& path, LogFacts* facts);

}  // namespace clusop::testing
