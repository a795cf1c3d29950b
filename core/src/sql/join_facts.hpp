#pragma once
// The joins of a plan and the measured size of each side: each input is followed down through
// exchanges, query stages, reads, sorts, projections, filters and wrappers to the nearest node
// that measured the bytes it handed on.
#include <string_view>
#include <vector>

#include "parse/plan_tree.hpp"
#include "sql/sql_executions.hpp"

namespace clusop {

// The join strategy an operator name stands for (engine variants included), or "" for a
// node that is not a join: "PhotonShuffledHashJoin" -> "ShuffledHashJoin".
std::string_view JoinStrategy(std::string_view operator_name);

// Every join of the tree, in node order. Iterative; the metric values must already be set.
std::vector<JoinFacts> FindJoins(const PlanTree& tree);

}  // namespace clusop
