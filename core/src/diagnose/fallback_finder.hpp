#pragma once
#include "diagnose/diagnosis.hpp"

namespace clusop {

// Finds the result boundary of every (sub)plan and the fallback subtrees: maximal groups
// of connected JVM operators in a plan that has native work (or the whole plan, when the
// engine is on and nothing ran natively).
void FindFallbacks(const PlanTree& tree, Diagnosis* diagnosis);

}  // namespace clusop
