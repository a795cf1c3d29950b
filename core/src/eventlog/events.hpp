#pragma once
// Typed records of the Spark listener events the scan reads (JsonProtocol field names in the
// comments). Only the fields the KPIs and the SQL analysis use; -1 or empty: absent in the log
// (old logs omit whole sub-objects, failed tasks may have no Task Metrics).
#include <cstdint>
#include <string_view>
#include <vector>

namespace clusop {

struct LogStartEvent {          // SparkListenerLogStart, DBCEventLoggingListenerMetadata
  std::string_view spark_version;
  int64_t rollover_number = -1;  // Databricks "Rollover Number"
};

struct ApplicationStartEvent {  // SparkListenerApplicationStart
  std::string_view app_name, app_id, attempt_id, user;
  int64_t time_ms = -1;
};

struct ExecutorEvent {          // SparkListenerExecutorAdded / ExecutorRemoved
  std::string_view executor_id, host, reason;
  int64_t time_ms = -1;
  int64_t cores = -1;
};

struct JobStartEvent {          // SparkListenerJobStart
  int64_t job_id = -1;
  int64_t time_ms = -1;
  int64_t sql_execution_id = -1;  // Properties "spark.sql.execution.id"
  std::vector<int64_t> stage_ids;
};

struct JobEndEvent {            // SparkListenerJobEnd
  int64_t job_id = -1;
  int64_t time_ms = -1;
  bool succeeded = true;
};

struct StageInfoEvent {         // "Stage Info" of StageSubmitted / StageCompleted
  bool completed = false;       // a StageCompleted event
  int64_t stage_id = -1;
  int64_t attempt = 0;
  int64_t num_tasks = -1;
  std::string_view name;
  std::string_view details;     // the call site, first line first
  std::string_view failure_reason;
  int64_t submission_ms = -1;
  int64_t completion_ms = -1;
};

// One StageCompleted accumulable (stage totals of internal and SQL metrics).
struct StageAccumulable {
  int64_t id = -1;
  std::string_view name;
  double value = 0;
};

struct TaskEndEvent {           // SparkListenerTaskEnd: the hot path
  int64_t stage_id = -1;
  int64_t stage_attempt = 0;
  std::string_view end_reason;  // "Task End Reason"."Reason": Success, ExceptionFailure, ...
  // Task Info
  int64_t task_id = -1, index = -1, attempt = 0;
  int64_t launch_ms = -1, finish_ms = -1, getting_result_ms = 0;
  std::string_view executor_id;
  bool speculative = false, failed = false, killed = false;
  // Task Metrics (has_metrics false: absent)
  bool has_metrics = false;
  int64_t deserialize_ms = 0, deserialize_cpu_ns = 0, run_ms = 0, cpu_ns = 0, result_size = 0, gc_ms = 0,
          result_serialization_ms = 0, memory_spilled = 0, disk_spilled = 0, peak_execution_memory = 0;
  int64_t shuffle_remote_bytes = 0, shuffle_local_bytes = 0, shuffle_records_read = 0, fetch_wait_ms = 0;
  int64_t shuffle_bytes_written = 0, shuffle_records_written = 0, shuffle_write_ns = 0;
  int64_t input_bytes = 0, input_records = 0, output_bytes = 0, output_records = 0;
  // Photon's SQL metrics among the Task Info "Accumulables" (eventlog/photon_task_metrics.hpp):
  // the largest "peak memory usage" and the sum of the "... (part of shuffle file write)" times.
  int64_t photon_peak_memory = 0, photon_shuffle_write_ns = 0;
};

// What the event reader calls, one method per event kind. Views are valid only during the call.
class EventHandler {
 public:
  virtual ~EventHandler() = default;
  virtual void OnLogStart(const LogStartEvent&) {}
  virtual void OnApplicationStart(const ApplicationStartEvent&) {}
  virtual void OnApplicationEnd(int64_t /*time_ms*/) {}
  virtual void OnSparkProperty(std::string_view /*key*/, std::string_view /*value*/) {}
  virtual void OnExecutorAdded(const ExecutorEvent&) {}
  virtual void OnExecutorRemoved(const ExecutorEvent&) {}
  virtual void OnJobStart(const JobStartEvent&) {}
  virtual void OnJobEnd(const JobEndEvent&) {}
  // Each "Stage Infos" entry of a JobStart (a stage that is never submitted was skipped).
  virtual void OnJobStage(const JobStartEvent&, const StageInfoEvent&) {}
  virtual void OnStage(const StageInfoEvent&) {}
  virtual void OnStageAccumulable(const StageInfoEvent&, const StageAccumulable&) {}
  virtual void OnTaskEnd(const TaskEndEvent&) {}
  // An SQL event (SparkListenerSQLExecutionStart, ...AdaptiveExecutionUpdate, ...): the whole line.
  virtual void OnSqlEvent(std::string_view /*event*/, std::string_view /*line*/) {}
  // Any event's time, when it carries one, to find the last event time of a log.
  virtual void OnEventTime(int64_t /*time_ms*/) {}
};

}  // namespace clusop
