#pragma once
// What an engine can run natively, as data from its own documentation: the Spark operators it has
// a native version of, and the functions (as Spark prints them in a plan) it evaluates natively.
// Sources are noted beside each table in engine_support.cpp.
#include <string_view>

#include "engine/engine.hpp"

namespace clusop {

enum class OperatorSupport : uint8_t {
  kUnknown,     // the engine has no operator table here: nothing can be said
  kNative,      // the engine has a native version (it stayed on the JVM for something inside it)
  kNeverNative, // the engine does not run this operator (at the version assumed)
};

// `spark_operator` is the printed name of a vanilla Spark operator ("Project", "Scan csv");
// `node_text` its line, for forms the engine does not run ("BroadcastHashJoin ... ExistenceJoin").
OperatorSupport SparkOperatorSupport(Engine engine, std::string_view spark_operator, std::string_view node_text);

enum class FunctionSupport : uint8_t {
  kUnknown,       // the engine has no function table here
  kSupported,     // runs natively
  kIncompatible,  // listed, but not Spark-compatible or only partly supported: may fall back
  kUnlisted,      // not in the engine's list: falls back
};

// `function` is the lower-case name Spark prints before "(" ("date_format", "rlike").
FunctionSupport EngineFunctionSupport(Engine engine, std::string_view function);

// Names Spark prints with "(" that are plan syntax, data types or wrappers, not functions.
bool IsPlanSyntaxCall(std::string_view lower_name);

}  // namespace clusop
