#pragma once
// What the diagnosis stage knows about a plan: each node's role, which part of the plan
// actually ran, and the fallback subtrees with their causes.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.hpp"
#include "engine/engine_catalog.hpp"
#include "parse/plan_tree.hpp"

namespace clusop {

// Which AQE plan the judged part is.
enum class PlanState : uint8_t { kFinal, kAqeInitial, kAqeCurrent };

enum class Cause : uint8_t {
  kNone, kPythonUdf, kPandasUdf, kScalaUdf, kUnsupportedExpression, kUnsupportedOperator,
  kDatasetApi, kRowToColumnarRoundtrip, kWholePlanJvm
};

const char* CauseName(Cause cause);

struct NodeFacts {
  OperatorInfo op;
  Role role = Role::kJvm;
  bool judged = true;           // part of the plan that actually runs (AQE Final, materialized stages)
  bool result_boundary = false; // the single terminal to-rows transition of a (sub)plan
  int32_t fallback = -1;        // index into Diagnosis::fallbacks
};

struct FallbackSubtree {
  NodeId root = kNoNode;
  NodeId key_node = kNoNode;    // the operator that carries the cause (defaults to the root)
  std::vector<NodeId> nodes;    // the JVM operators of this subtree
  Cause cause = Cause::kUnsupportedOperator;
  std::string reason;           // the engine's own words, when the plan carries them
  std::vector<std::string> suspects;  // unsupported_expression: functions the engine does not run natively
  std::string remedy;                 // "key=value" the engine names to run it natively, else empty
  const char* remedy_source = "";     // "engine_reason" | "engine_flag" (see engine/engine_remedies.hpp)
  double weight = 0;            // share of the plan's work in this subtree
  bool below_native_to_rows = false;  // fed by a native -> row transition
  bool feeds_native = false;          // its output goes back into the native engine
};

struct EngineExplanation {
  bool present = false;
  bool fully_supported = false;
  bool command = false;
  struct Entry {
    std::string reason;
    std::string reference_node;
  };
  std::vector<Entry> entries;
};

struct EngineChoice {
  Engine engine = Engine::kSpark;
  bool forced = false;     // given by the caller
  bool engine_on = false;  // the cluster runs the engine (so a plan with no native node is a fallback)
};

struct Diagnosis {
  EngineChoice engine;
  PlanState state = PlanState::kFinal;
  std::vector<NodeFacts> facts;  // parallel to PlanTree::nodes
  std::array<int32_t, kEngineCount> engine_votes{};  // per Engine but Spark: its nodes that are not JVM operators (AssignRoles)
  std::vector<FallbackSubtree> fallbacks;
  EngineExplanation explanation;
  int32_t native_ops = 0;   // judged real operators on the native engine
  int32_t jvm_ops = 0;      // judged real operators on the JVM
  int32_t unknown_ops = 0;  // names no catalog entry knows
  bool negligible_only = false;  // the JVM work is only LocalTableScan / OneRowRelation leaves
  bool placed_by_engine_report = false;  // a CPU plan placed by the engine's own marks (engine_marks.hpp)
  std::vector<std::string> notes;
};

}  // namespace clusop
