#pragma once
// The functions in an operator's text that its engine does not run natively, by the engine's
// supported-function table (engine/engine_support.hpp).
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.hpp"

namespace clusop {

// Each suspect once, in order of first appearance, lower case ("rlike", "regexp_extract").
// Only names Spark prints as calls in lower case (functions) or upper case (RLIKE) count;
// CamelCase calls are plan syntax (ExistenceJoin(...), Some(...)).
std::vector<std::string> SuspectFunctions(Engine engine, std::string_view node_text);

}  // namespace clusop
