#pragma once
#include <string_view>

#include "parse/plan_tree.hpp"

namespace clusop {

// Reads a plan printed as text: explain() tree, EXTENDED, FORMATTED (outline, details,
// subqueries), Comet's extended info and plan-stability "simplified" form, with noise around it.
// Returns false with `error` set when no plan is found.
bool ReadTextPlan(std::string_view input, PlanTree* tree, std::string* error);

}  // namespace clusop
