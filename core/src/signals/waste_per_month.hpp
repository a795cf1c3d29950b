#pragma once
// Dollars per month from dollars accumulated over an observed window: total / observed days x 30,
// where a window shorter than a day counts as one day (an hour of signals is never multiplied
// into a month). A 30-day month, as the analysis' usd_per_month (runs_per_day x 30).
#include <cstdint>
#include <optional>
#include <string>

namespace clusop::signals {

struct MonthlyWaste {
  std::optional<double> usd_per_month;  // absent when no run was priced
  double observed_days = 1;
  std::string method;                   // the sentence that says how
};

MonthlyWaste WastePerMonth(std::optional<double> total_usd, int64_t first_seen_ms, int64_t last_seen_ms);

}  // namespace clusop::signals
