#pragma once
#include <string>

#include "diagnose/diagnosis.hpp"

namespace clusop {

// A stable hash of the fallback shape: engine, causes and operator names in plan order,
// without expression ids, plan ids, literals or paths. The same query run again (or the
// same plan printed in another format) gives the same signature. Empty when nothing falls back.
std::string FallbackSignature(const PlanTree& tree, const Diagnosis& diagnosis);

}  // namespace clusop
