#pragma once
// Everything clusop knows about operator names, as data: which engine owns a name, what role
// it plays, and what it says about a fallback's cause. One table serves every engine.
#include <string_view>

#include "engine/engine.hpp"

namespace clusop {

struct OperatorInfo {
  Role role = Role::kJvm;
  Engine engine = Engine::kSpark;   // the engine whose operator this is
  CauseHint cause = CauseHint::kNone;
  bool known = false;               // false: a name no table entry matched
  bool negligible = false;          // a leaf with no real work (LocalTableScan, OneRowRelation)
  bool starts_subplan = false;      // the subtree below is its own (subquery / DPP) plan
  bool contextual = false;          // generic ColumnarToRow / RowToColumnar: a transition only next to native nodes
};

// Looks up an operator by its printed name ("Project", "Scan parquet", "PhotonProject").
OperatorInfo LookupOperator(std::string_view name);

// For an "Execute <command>" node: true when the tree printed below it is the physical query the
// command writes (DataWritingCommandExec), false when it is the command's logical plan.
bool CommandRunsPhysicalChild(std::string_view execute_node_name);

}  // namespace clusop
