#include "sql/scan_files.hpp"

namespace clusop {

ScanFiles FindScanFiles(const PlanTree& tree) {
  ScanFiles out;
  for (const PlanNode& node : tree.nodes) {
    for (uint32_t m = node.metrics_begin; m < node.metrics_begin + node.metrics_count && m < tree.metrics.size(); ++m) {
      const Metric& metric = tree.metrics[m];
      if (!metric.has_value) continue;
      if (metric.name == "number of files read") out.files = (out.files < 0 ? 0 : out.files) + static_cast<int64_t>(metric.value);
      if (metric.name == "size of files read") out.bytes = (out.bytes < 0 ? 0 : out.bytes) + static_cast<int64_t>(metric.value);
    }
  }
  return out;
}

}  // namespace clusop
