#include "signals/waste_per_month.hpp"

#include <algorithm>
#include <cstdio>

namespace clusop::signals {

MonthlyWaste WastePerMonth(std::optional<double> total_usd, int64_t first_seen_ms, int64_t last_seen_ms) {
  MonthlyWaste m;
  const double window_days = static_cast<double>(std::max<int64_t>(0, last_seen_ms - first_seen_ms)) / 86400000.0;
  m.observed_days = std::max(1.0, window_days);
  char text[200];
  if (!total_usd) {
    m.method = "no run of this signal was priced, so there is no dollar figure";
    return m;
  }
  m.usd_per_month = *total_usd / m.observed_days * 30.0;
  std::snprintf(text, sizeof text, "%.4f USD over %.2f observed day(s)%s, times 30 days", *total_usd, m.observed_days,
                window_days < 1.0 ? " (a window under a day counts as one day)" : "");
  m.method = text;
  return m;
}

}  // namespace clusop::signals
