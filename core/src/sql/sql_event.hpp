#pragma once
// The top-level fields of one SQL listener event line (org.apache.spark.sql.execution.ui.*),
// read with the iterative JSON scanner; the plan itself is left to the plan reader.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clusop {

enum class SqlEventKind : uint8_t {
  kOther,                // an SQL event we do not need (Databricks, Gluten and others add some)
  kExecutionStart,
  kAdaptiveUpdate,       // SQLAdaptiveExecutionUpdate: a whole new plan
  kAdaptiveMetrics,      // SQLAdaptiveSQLMetricUpdates: new metric definitions
  kDriverAccumUpdates,   // [[accumulator id, value], ...] set on the driver
  kExecutionEnd,
};

// By the "Event" value's class name (the package prefix is not checked).
SqlEventKind SqlEventKindOf(std::string_view event);

struct SqlEvent {
  int64_t execution_id = -1;
  std::string description;         // start
  std::string details;             // start: the call site, a stack of lines
  int64_t time_ms = -1;            // start, end
  std::string error_message;       // end: empty on success
  bool has_plan = false;           // start, update: a sparkPlanInfo object is present
  std::vector<std::pair<int64_t, double>> accum_updates;  // driver updates
};

// Reads the fields of `line`. False with a one-line `error` when the line is not the JSON
// object expected; fields read before the fault stay in `out` (execution_id comes first in
// every Spark version).
bool ReadSqlEvent(std::string_view line, SqlEvent* out, std::string* error);

// The unescaped "physicalPlanDescription" of a start or update line; false when absent.
bool ReadPlanDescription(std::string_view line, std::string* out);

}  // namespace clusop
