#pragma once
// The application's figures summed (or maximised) over its stage attempts, so that a face
// comparing two runs of one job (the Python closed loop) reads them instead of adding stages up.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kpi/stage_kpis.hpp"

namespace clusop {

struct AppTotals {
  int64_t executor_run_ms = 0;
  int64_t executor_cpu_ms = 0;
  int64_t shuffle_read_bytes = 0;
  int64_t shuffle_write_bytes = 0;
  int64_t memory_spilled_bytes = 0;
  int64_t disk_spilled_bytes = 0;
  int64_t max_task_shuffle_read_bytes = 0;  // the largest any one task read
  double max_skew_ratio = -1;               // the largest stage skew_ratio; -1 when no stage has one
  int64_t max_skew_stage_id = -1;
  // duration x the cluster's modeled $/hour (rank/cluster_price); unset with usd_missing when
  // the cluster cannot be priced
  std::optional<double> modeled_usd;
  std::vector<std::string> usd_missing;
};

AppTotals TotalStages(const std::vector<StageKpis>& stages);

}  // namespace clusop
