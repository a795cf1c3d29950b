#pragma once
#include "diagnose/diagnosis.hpp"

namespace clusop {

enum class WeightBasis : uint8_t { kNone, kTimeMetrics, kNodeCount };
const char* WeightBasisName(WeightBasis basis);

struct FallbackWeight {
  double value = 0;  // share of the plan's work off the native engine, in [0, 1]
  WeightBasis basis = WeightBasis::kNone;
};

// Weighs each fallback and the plan: by the plan's own time metrics when every operator
// involved carries them (event-log plans with values), else by a count of real operators.
FallbackWeight WeighFallbacks(const PlanTree& tree, Diagnosis* diagnosis);

}  // namespace clusop
