#pragma once
#include <string>

#include "diagnose/diagnosis.hpp"

namespace clusop {

// A concrete change for one fallback, written for its cause, operator and engine.
std::string RecommendFix(const PlanTree& tree, Engine engine, const FallbackSubtree& fallback);

}  // namespace clusop
