#pragma once
// The verdict of the policy on one record: notify, or not and every reason why.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "signals/figure.hpp"
#include "signals/policy.hpp"
#include "signals/signal_record.hpp"

namespace clusop::signals {

struct GateReason {
  std::string code;  // muted | unpriced | below_min_waste | below_min_confidence | cooldown
  std::string message;
};

struct Verdict {
  bool notify = false;
  std::vector<GateReason> reasons;  // empty when notify
};

// `last_notified_ms`: when this record was last notified (absent: never); `now_ms`: the clock.
Verdict Judge(const SignalRecord& record, const Figure& figure, const Policy& policy,
              std::optional<int64_t> last_notified_ms, int64_t now_ms);

}  // namespace clusop::signals
