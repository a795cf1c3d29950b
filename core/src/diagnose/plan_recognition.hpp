#pragma once
// Whether a parsed tree is a Spark plan at all: SQL text, a traceback or prose also parse as
// indented trees, and must be refused, not judged "nothing falls back".
#include <string>

#include "diagnose/diagnosis.hpp"
#include "parse/plan_tree.hpp"

namespace clusop {

// False (with the reason in *error) when a text plan's node names are mostly (or all) unknown to
// Spark and the engines.
bool RecognisePlan(const PlanTree& tree, const Diagnosis& d, std::string* error);

}  // namespace clusop
