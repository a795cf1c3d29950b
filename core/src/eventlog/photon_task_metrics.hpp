#pragma once
// Where Photon keeps what Spark's Task Metrics hold for the JVM engine: Photon writes 0 in a
// task's "Peak Execution Memory" and "Shuffle Write Time" and reports them as SQL metrics in the
// task's accumulables (the q88 Databricks log; spark-rapids-tools reads the same names). One
// place for the names; the stage KPIs fall back on them when the task metrics are 0.
#include <string_view>

namespace clusop::photon_task_metrics {

// A task's peak memory of one Photon operator or stage; the task's peak is the largest.
constexpr std::string_view kPeakMemory = "peak memory usage";
// Parts of the time a Photon shuffle sink spends writing its files (ns); summed.
constexpr std::string_view kShuffleWriteSuffix = "(part of shuffle file write)";

// Byte patterns that tell, without parsing, that a TaskEnd line holds one of them: a name as
// it appears in the raw JSON (Spark writes these names without escapes).
constexpr std::string_view kPeakMemoryRaw = "\"peak memory usage\"";
constexpr std::string_view kShuffleWriteRaw = "(part of shuffle file write)\"";

}  // namespace clusop::photon_task_metrics
