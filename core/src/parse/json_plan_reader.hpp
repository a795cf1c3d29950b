#pragma once
#include <string_view>

#include "parse/plan_reader.hpp"
#include "parse/plan_tree.hpp"

namespace clusop {

// Reads a sparkPlanInfo tree ({nodeName, simpleString, children, metrics}), either bare or
// inside a whole event-log line (SparkListenerSQLExecutionStart / SQLAdaptiveExecutionUpdate).
// On failure `failure`, when given, tells a well-formed document without a plan (kNoPlan) from
// malformed JSON (kMalformed).
bool ReadJsonPlan(std::string_view input, PlanTree* tree, std::string* error, PlanReadFailure* failure = nullptr);

}  // namespace clusop
