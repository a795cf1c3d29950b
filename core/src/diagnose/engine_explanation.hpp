#pragma once
#include "diagnose/diagnosis.hpp"

namespace clusop {

// Reads Photon's "== Photon Explanation ==" text: fully supported, a command, or a list
// of unsupported nodes/expressions with their reference nodes. Whitespace and the case of
// "Reference node:" vary between sources, so both are ignored.
EngineExplanation ReadPhotonExplanation(std::string_view text);

// The engine's own reason for a fallback operator, from the explanation or an inline tag.
std::string EngineReasonFor(const PlanTree& tree, const EngineExplanation& explanation, NodeId id);

}  // namespace clusop
