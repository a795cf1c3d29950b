#pragma once
#include "diagnose/diagnosis.hpp"

namespace clusop {

// Names the cause of one fallback subtree from its operators, their expressions and the
// engine's own reason, most specific first: Python > pandas > Dataset > Scala UDF > the engine's
// reason (mapped to expression or operator by what it names) > functions the engine does not run
// in an operator it has a native version of > an operator the engine never runs > a round trip
// through rows > an unsupported operator.
void ClassifyFallback(const PlanTree& tree, const Diagnosis* diagnosis, FallbackSubtree* fallback);

}  // namespace clusop
