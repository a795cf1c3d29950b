#pragma once
#include "diagnose/diagnosis.hpp"

namespace clusop {

// Marks the part of the plan that actually runs: under AQE the Final Plan (never the Initial
// one); for a plan still running ("Current Plan", or a non-final event-log tree) only the
// materialized query stages, since the rest has not been re-planned yet.
void MarkExecutedPart(const PlanTree& tree, Diagnosis* diagnosis);

// For an engine that places its operators before AQE (Photon): an initial plan is what runs, so
// one without native operators is judged (it ran on the JVM) instead of set aside.
void JudgeInitialPlanAsRun(const PlanTree& tree, Diagnosis* diagnosis);

}  // namespace clusop
