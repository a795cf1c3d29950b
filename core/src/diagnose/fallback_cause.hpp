#pragma once
#include "diagnose/diagnosis.hpp"

namespace clusop {

// Names the cause of one fallback subtree from its operators, their expressions and the
// engine's own reason, most specific first: Python > pandas > Dataset > Scala UDF >
// the engine's reason > a round trip through rows > an unsupported operator.
void ClassifyFallback(const PlanTree& tree, const Diagnosis* diagnosis, FallbackSubtree* fallback);

}  // namespace clusop
