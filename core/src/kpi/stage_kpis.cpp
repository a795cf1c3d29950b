#include "kpi/stage_kpis.hpp"

#include <algorithm>

namespace clusop {
namespace {

// Spark's AppStatusUtils.schedulerDelay: what the task's wall time does not explain.
int64_t SchedulerDelay(const TaskEndEvent& t, int64_t duration) {
  const int64_t getting_result = t.getting_result_ms > 0 ? t.finish_ms - t.getting_result_ms : 0;
  return std::max<int64_t>(0, duration - t.run_ms - t.deserialize_ms - t.result_serialization_ms - getting_result);
}

}  // namespace

void StageKpis::AddTask(const TaskEndEvent& t) {
  ++tasks;
  const bool killed = t.killed || t.end_reason == "TaskKilled";
  const bool failed = !killed && (t.failed || (!t.end_reason.empty() && t.end_reason != "Success"));
  if (killed) ++killed_tasks;
  else if (failed) ++failed_tasks;
  else ++succeeded_tasks;
  if (t.speculative) ++speculative_tasks;

  const int64_t duration = t.launch_ms >= 0 && t.finish_ms >= t.launch_ms ? t.finish_ms - t.launch_ms : -1;
  if (!killed && !failed && duration >= 0) {
    if (task_duration_ms.count() == 0 || static_cast<double>(duration) > task_duration_ms.max()) {
      straggler_task_id = t.task_id;
      straggler_index = t.index;
      straggler_executor.assign(t.executor_id);
    }
    task_duration_ms.Add(static_cast<double>(duration));
  }
  if (!t.has_metrics) return;
  executor_run_ms += t.run_ms;
  max_task_run_ms = std::max(max_task_run_ms, t.run_ms);
  executor_cpu_ns += t.cpu_ns;
  gc_ms += t.gc_ms;
  deserialize_ms += t.deserialize_ms;
  result_serialization_ms += t.result_serialization_ms;
  if (duration >= 0) scheduler_delay_ms += SchedulerDelay(t, duration);
  result_size_bytes += t.result_size;
  shuffle_read_bytes += t.shuffle_remote_bytes + t.shuffle_local_bytes;
  max_task_shuffle_read_bytes = std::max(max_task_shuffle_read_bytes, t.shuffle_remote_bytes + t.shuffle_local_bytes);
  shuffle_remote_bytes += t.shuffle_remote_bytes;
  shuffle_read_records += t.shuffle_records_read;
  fetch_wait_ms += t.fetch_wait_ms;
  shuffle_write_bytes += t.shuffle_bytes_written;
  shuffle_write_records += t.shuffle_records_written;
  task_metrics_shuffle_write_ns += t.shuffle_write_ns;
  photon_shuffle_write_ns += t.photon_shuffle_write_ns;
  input_bytes += t.input_bytes;
  input_records += t.input_records;
  output_bytes += t.output_bytes;
  output_records += t.output_records;
  memory_spilled_bytes += t.memory_spilled;
  disk_spilled_bytes += t.disk_spilled;
  task_metrics_peak_memory_max = std::max(task_metrics_peak_memory_max, t.peak_execution_memory);
  photon_peak_memory_max = std::max(photon_peak_memory_max, t.photon_peak_memory);
  const bool photon_write = task_metrics_shuffle_write_ns == 0 && photon_shuffle_write_ns > 0;
  shuffle_write_ns = photon_write ? photon_shuffle_write_ns : task_metrics_shuffle_write_ns;
  shuffle_write_time_source = photon_write ? "photon_sql_metrics" : "task_metrics";
  const bool photon_peak = task_metrics_peak_memory_max == 0 && photon_peak_memory_max > 0;
  peak_execution_memory_max = photon_peak ? photon_peak_memory_max : task_metrics_peak_memory_max;
  peak_execution_memory_source = photon_peak ? "photon_sql_metrics" : "task_metrics";
}

void StageKpis::SetInfo(const StageInfoEvent& info) {
  if (!info.name.empty()) name.assign(info.name);
  if (!info.details.empty()) {
    const std::string_view details = info.details;
    call_site.assign(details.substr(0, details.find('\n')));
  }
  if (info.num_tasks >= 0) num_tasks = info.num_tasks;
  if (info.submission_ms >= 0) submission_ms = info.submission_ms;
  if (info.completion_ms >= 0) completion_ms = info.completion_ms;
  if (info.completed) {
    if (!info.failure_reason.empty()) {
      status = "failed";
      failure_reason.assign(info.failure_reason.substr(0, info.failure_reason.find('\n')));
    } else {
      status = "completed";
    }
  }
}

double StageKpis::SkewRatio() const {
  const double median = task_duration_ms.Quantile(0.5);
  if (task_duration_ms.count() == 0 || median <= 0) return -1;
  return task_duration_ms.max() / median;
}

}  // namespace clusop
