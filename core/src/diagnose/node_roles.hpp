#pragma once
#include "diagnose/diagnosis.hpp"

namespace clusop {

// Looks every node up in the engine catalog and settles the contextual transitions
// (a generic ColumnarToRow is a transition only above native work); counts each engine's nodes
// for DetectEngine.
void AssignRoles(const PlanTree& tree, Diagnosis* diagnosis);

// Picks the engine from the plan (native node names, the engine's own explanation),
// unless the caller forced one. Reads what AssignRoles counted.
Engine DetectEngine(const PlanTree& tree, const Diagnosis& diagnosis);

// Whether operators carry the engine's own fallback tags (Comet's "[COMET: ...]").
bool HasEngineTags(const PlanTree& tree);


}  // namespace clusop
