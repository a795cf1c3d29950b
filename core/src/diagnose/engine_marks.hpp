#pragma once
// A plan of RAPIDS' explainOnly mode (spark.rapids.sql.mode=explainOnly) is the CPU plan: it holds
// no Gpu* operator, while RAPIDS' report beside it marks each exec of the query "will run on GPU" or
// "cannot run on GPU because ...". Judged as a plain CPU plan it would read "nothing ran on the
// GPU"; judged by those marks each operator sits where RAPIDS says it would run.
#include "diagnose/diagnosis.hpp"
#include "engine_log/engine_report.hpp"

namespace clusop {

// Keeps RAPIDS' count of the last printout about this plan (every exec it marks names an operator
// of the judged plan: the query's final AQE pass) as the one count; a log holding none keeps the
// last of all its printouts.
void KeepCountOfPlan(const PlanTree& tree, const Diagnosis& d, EngineReport* report);

// When the engine is RAPIDS, the plan holds no engine operator and the report's printouts about
// this plan mark its operators: each judged JVM operator all of whose marks say "will run on GPU"
// becomes native; one marked "cannot run" stays a fallback (its reason comes from the report).
// Wrappers (AQEShuffleRead) keep their role. Sets d->placed_by_engine_report; changes nothing when
// no printout is about the plan.
void PlaceByEngineMarks(const PlanTree& tree, const EngineReport& report, Diagnosis* d);

}  // namespace clusop
