#pragma once
// The conf line that lets an engine run what it left to Spark, when the engine names one: either in
// its own reason ("Set spark.comet.exec.localTableScan.enabled=true to enable it") or, for a reason
// that says the operator or expression is disabled or not fully compatible, from the engine's
// per-operator / per-expression flags (engine_remedies.cpp, sources noted there).
#include <string>
#include <string_view>

#include "engine/engine.hpp"

namespace clusop {

struct Remedy {
  std::string conf;    // "key=value", ready to copy; empty: the engine names no remedy
  const char* source;  // "engine_reason" (the engine's words) or "engine_flag" (its documented flag)
};

// `op` is the plan's operator name ("Project"), `engine_op` the engine's own name for it
// ("ProjectExec"), `subject` the expression the engine named; each may be empty.
Remedy RemedyFor(Engine engine, std::string_view op, std::string_view engine_op, std::string_view subject,
                 std::string_view reason);

}  // namespace clusop
