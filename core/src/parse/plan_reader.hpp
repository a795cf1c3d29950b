#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "parse/plan_tree.hpp"

namespace clusop {

// Why a read failed. Only kNoPlan means the input holds no plan at all (a driver log, say), so
// another reading of it (the engine's own report) may answer alone.
enum class PlanReadFailure : uint8_t { kNone, kEmpty, kNotText, kNoPlan, kMalformed };

// text -> tree: picks the reader for the input (event-log JSON or explain text).
// On failure returns false, sets `error` to one line saying what was expected and, when given,
// `failure` to why.
bool ReadPlan(std::string_view input, PlanTree* tree, std::string* error, PlanReadFailure* failure = nullptr);

}  // namespace clusop
