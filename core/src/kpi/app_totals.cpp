#include "kpi/app_totals.hpp"

namespace clusop {

AppTotals TotalStages(const std::vector<StageKpis>& stages) {
  AppTotals t;
  for (const StageKpis& s : stages) {
    t.executor_run_ms += s.executor_run_ms;
    t.executor_cpu_ms += s.executor_cpu_ns / 1000000;
    t.shuffle_read_bytes += s.shuffle_read_bytes;
    t.shuffle_write_bytes += s.shuffle_write_bytes;
    t.memory_spilled_bytes += s.memory_spilled_bytes;
    t.disk_spilled_bytes += s.disk_spilled_bytes;
    if (s.max_task_shuffle_read_bytes > t.max_task_shuffle_read_bytes) t.max_task_shuffle_read_bytes = s.max_task_shuffle_read_bytes;
    const double skew = s.SkewRatio();
    if (skew > t.max_skew_ratio) {
      t.max_skew_ratio = skew;
      t.max_skew_stage_id = s.stage_id;
    }
  }
  return t;
}

}  // namespace clusop
