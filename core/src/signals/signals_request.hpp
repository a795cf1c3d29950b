#pragma once
// The "clusop.signals/1" request: {"op": "merge" | "rank" | "reconcile", ...} -> the answer's JSON
// (contract: core/src/signals/README.md). Never throws.
#include <string>
#include <string_view>

namespace clusop::signals {

inline constexpr const char* kSchema = "clusop.signals/1";

std::string SignalsRequestToJson(std::string_view request_json);

}  // namespace clusop::signals
