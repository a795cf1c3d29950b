#pragma once
// What the engine's own report (engine_log/) adds to one plan's diagnosis: the reason for each
// operator it left on the JVM, and the setting it names to run that operator natively.
#include "diagnose/diagnosis.hpp"
#include "engine_log/engine_report.hpp"

namespace clusop {

// Appends one explanation entry per operator the report names, its reasons joined in the order the
// engine wrote them ("not all expressions can be replaced; AddMonths: GPU does not ...").
void AddReportReasons(const EngineReport& report, EngineExplanation* explanation);

// Fills each fallback's remedy from the report entry naming its key operator, else from its reason.
void NameRemedies(const PlanTree& tree, const EngineReport& report, Diagnosis* d);

}  // namespace clusop
