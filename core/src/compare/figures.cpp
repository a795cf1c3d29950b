#include "compare/figures.hpp"

#include <utility>

namespace clusop::compare {

const std::vector<Figure>& Figures() {
  static const std::vector<Figure> kFigures = {
      {"wall time", Unit::kMs, {"duration_ms"}},
      {"executor time", Unit::kMs, {"totals", "executor_run_time_ms"}},
      {"shuffle written", Unit::kBytes, {"totals", "shuffle_write_bytes"}},
      {"shuffle read", Unit::kBytes, {"totals", "shuffle_read_bytes"}},
      {"largest task shuffle read", Unit::kBytes, {"totals", "max_task_shuffle_read_bytes"}},
      {"spill (memory)", Unit::kBytes, {"totals", "memory_spilled_bytes"}},
      {"spill (disk)", Unit::kBytes, {"totals", "disk_spilled_bytes"}},
      {"max task skew", Unit::kRatio, {"totals", "max_skew_ratio"}},
      {"fallback share", Unit::kRatio, {"sql_totals", "fallback_time_share"}},
      {"modeled dollars", Unit::kUsd, {"totals", "modeled_usd"}},
  };
  return kFigures;
}

std::string_view TargetOf(std::string_view rule) {
  static const std::pair<std::string_view, std::string_view> kTargets[] = {
      {"missed_broadcast", "shuffle written"},
      {"task_skew", "largest task shuffle read"},
      {"spill", "spill (memory)"},
      {"python_udf", "fallback share"},
      {"engine_fallback", "fallback share"},
      {"shuffle_partitions", "executor time"},
      {"aqe_off", "executor time"},
      {"gc_pressure", "executor time"},
  };
  for (const auto& [r, figure] : kTargets)
    if (r == rule) return figure;
  return {};
}

std::string_view UnitName(Unit unit) {
  switch (unit) {
    case Unit::kMs: return "ms";
    case Unit::kBytes: return "bytes";
    case Unit::kRatio: return "ratio";
    case Unit::kUsd: return "usd";
  }
  return "";
}

}  // namespace clusop::compare
