#pragma once
// The KPIs of one stage attempt, accumulated task by task without keeping any task: sums,
// maxima and a quantile sketch of task durations.
#include <cstdint>
#include <string>

#include "eventlog/events.hpp"
#include "kpi/quantile_sketch.hpp"

namespace clusop {

struct StageKpis {
  int64_t stage_id = -1;
  int64_t attempt = 0;
  int64_t job_id = -1;         // the first job whose JobStart listed the stage
  std::string name;
  std::string call_site;       // the first line of Stage Info "Details"
  std::string status = "active";  // completed, failed, skipped, active (never completed)
  std::string failure_reason;
  int64_t num_tasks = -1;      // Stage Info "Number of Tasks"
  int64_t submission_ms = -1;
  int64_t completion_ms = -1;

  int64_t tasks = 0;           // TaskEnd events seen
  int64_t succeeded_tasks = 0;
  int64_t failed_tasks = 0;
  int64_t killed_tasks = 0;
  int64_t speculative_tasks = 0;

  QuantileSketch task_duration_ms;  // Finish Time - Launch Time of succeeded tasks
  int64_t max_task_run_ms = 0;      // Executor Run Time
  int64_t straggler_task_id = -1;   // the succeeded task with the longest duration
  int64_t straggler_index = -1;
  std::string straggler_executor;

  int64_t executor_run_ms = 0, executor_cpu_ns = 0, gc_ms = 0, deserialize_ms = 0, result_serialization_ms = 0;
  int64_t scheduler_delay_ms = 0;   // as Spark's UI derives it, summed over tasks
  int64_t result_size_bytes = 0;
  int64_t shuffle_read_bytes = 0, shuffle_remote_bytes = 0, shuffle_read_records = 0, fetch_wait_ms = 0;
  int64_t max_task_shuffle_read_bytes = 0;  // the task that read the most: a skew measured in bytes, not time
  int64_t shuffle_write_bytes = 0, shuffle_write_records = 0, shuffle_write_ns = 0;
  int64_t input_bytes = 0, input_records = 0, output_bytes = 0, output_records = 0;
  int64_t memory_spilled_bytes = 0, disk_spilled_bytes = 0;
  // The stage's peak execution memory (largest task) and shuffle write time: from the Task
  // Metrics, or from Photon's SQL metrics when every task's Task Metrics say 0 (Photon writes 0
  // there); *_source says which ("task_metrics" or "photon_sql_metrics").
  int64_t peak_execution_memory_max = 0;
  const char* peak_execution_memory_source = "task_metrics";
  const char* shuffle_write_time_source = "task_metrics";

  // Sums over tasks of each source, resolved into shuffle_write_ns / peak_execution_memory_max.
  int64_t task_metrics_shuffle_write_ns = 0, photon_shuffle_write_ns = 0;
  int64_t task_metrics_peak_memory_max = 0, photon_peak_memory_max = 0;

  void AddTask(const TaskEndEvent& task);
  // Stage Info from StageSubmitted / StageCompleted (or a JobStart's list).
  void SetInfo(const StageInfoEvent& info);
  double SkewRatio() const;  // max / median task duration; -1 when the median is 0
};

}  // namespace clusop
