#include "signals/gate.hpp"

#include <algorithm>
#include <cstdio>

#include "signals/timestamp.hpp"

namespace clusop::signals {

Verdict Judge(const SignalRecord& r, const Figure& f, const Policy& p, std::optional<int64_t> last_notified_ms,
              int64_t now_ms) {
  Verdict v;
  char text[240];
  const std::string key = RecordKey(r.workspace_id, r.signature);
  if (std::find(p.muted.begin(), p.muted.end(), r.signature) != p.muted.end() ||
      std::find(p.muted.begin(), p.muted.end(), key) != p.muted.end())
    v.reasons.push_back({"muted", "this signature is muted"});
  if (!f.usd_per_month) {
    if (!p.notify_unpriced)
      v.reasons.push_back({"unpriced", "no run was priced (the cluster's price inputs are missing), and the policy "
                                       "notifies only priced signals"});
  } else if (*f.usd_per_month < p.min_waste_usd_per_month) {
    std::snprintf(text, sizeof text, "$%.2f per month (%s) is below the policy's minimum of $%.2f per month",
                  *f.usd_per_month, f.basis.c_str(), p.min_waste_usd_per_month);
    v.reasons.push_back({"below_min_waste", text});
  }
  if (f.confidence < p.min_confidence) {
    std::snprintf(text, sizeof text, "confidence %s is below the policy's minimum %s", LevelName(f.confidence),
                  LevelName(p.min_confidence));
    v.reasons.push_back({"below_min_confidence", text});
  }
  if (last_notified_ms) {
    const double hours_since = static_cast<double>(now_ms - *last_notified_ms) / 3600000.0;
    if (hours_since < p.cooldown_hours) {
      std::snprintf(text, sizeof text, "notified at %s, within the policy's cooldown of %.1f hours",
                    FormatInstant(*last_notified_ms).c_str(), p.cooldown_hours);
      v.reasons.push_back({"cooldown", text});
    }
  }
  v.notify = v.reasons.empty();
  return v;
}

}  // namespace clusop::signals
