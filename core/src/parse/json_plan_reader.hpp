#pragma once
#include <string_view>

#include "parse/plan_tree.hpp"

namespace clusop {

// Reads a sparkPlanInfo tree ({nodeName, simpleString, children, metrics}), either bare or
// inside a whole event-log line (SparkListenerSQLExecutionStart / SQLAdaptiveExecutionUpdate).
bool ReadJsonPlan(std::string_view input, PlanTree* tree, std::string* error);

}  // namespace clusop
