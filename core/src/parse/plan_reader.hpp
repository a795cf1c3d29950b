#pragma once
#include <string>
#include <string_view>

#include "parse/plan_tree.hpp"

namespace clusop {

// text -> tree: picks the reader for the input (event-log JSON or explain text).
// On failure returns false and sets `error` to one line saying what was expected.
bool ReadPlan(std::string_view input, PlanTree* tree, std::string* error);

}  // namespace clusop
