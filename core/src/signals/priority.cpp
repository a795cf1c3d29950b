#include "signals/priority.hpp"

namespace clusop::signals {

double ConfidenceWeight(Level level) {
  switch (level) {
    case Level::kHigh: return 1.0;
    case Level::kMedium: return 0.6;
    case Level::kLow: break;
  }
  return 0.3;
}

double Priority(const Figure& f) { return f.usd_per_month ? *f.usd_per_month * ConfidenceWeight(f.confidence) : 0; }

}  // namespace clusop::signals
