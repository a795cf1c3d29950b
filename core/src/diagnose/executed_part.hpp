#pragma once
#include "diagnose/diagnosis.hpp"

namespace clusop {

// Marks the part of the plan that actually runs: under AQE the Final Plan (never the Initial
// one); for a plan still running ("Current Plan", or a non-final event-log tree) only the
// materialized query stages, since the rest has not been re-planned yet.
void MarkExecutedPart(const PlanTree& tree, Diagnosis* diagnosis);

}  // namespace clusop
