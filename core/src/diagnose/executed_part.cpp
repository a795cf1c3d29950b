#include "diagnose/executed_part.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "common/text.hpp"
#include "engine/engine_catalog.hpp"

namespace clusop {
namespace {

bool IsQueryStage(std::string_view name) { return text::EndsWith(name, "QueryStage"); }

template <typename Visit>
void ForSubtree(const PlanTree& tree, NodeId root, Visit visit) {
  std::vector<NodeId> stack{root};
  while (!stack.empty()) {
    const NodeId id = stack.back();
    stack.pop_back();
    if (!visit(id)) continue;  // false: do not descend
    for (NodeId child : Children(tree, id)) stack.push_back(child);
  }
}

void SetJudged(const PlanTree& tree, Diagnosis* d, NodeId root, bool judged) {
  ForSubtree(tree, root, [&](NodeId id) {
    d->facts[id].judged = judged;
    return true;
  });
}

// In a plan still being executed, only nodes inside a materialized query stage are final.
void KeepOnlyStages(const PlanTree& tree, Diagnosis* d, NodeId root) {
  ForSubtree(tree, root, [&](NodeId id) {
    if (IsQueryStage(tree.nodes[id].name)) return false;  // stays judged, with its whole subtree
    d->facts[id].judged = false;
    return true;
  });
}

constexpr const char* kInitialPlanNotJudged = "an AQE plan not yet re-planned holds no engine operator; it was not judged";

// The state of one AdaptiveSparkPlan, after marking which of its children are judged.
PlanState MarkAdaptivePlan(const PlanTree& tree, Diagnosis* d, NodeId aqe, const std::vector<uint8_t>& native_below,
                           bool initial_plan_runs) {
  NodeId final_plan = kNoNode, initial_plan = kNoNode, current_plan = kNoNode;
  for (NodeId child : Children(tree, aqe)) {
    const NodeKind kind = tree.nodes[child].kind;
    if (kind == NodeKind::kAqeFinalPlan) final_plan = child;
    if (kind == NodeKind::kAqeInitialPlan) initial_plan = child;
    if (kind == NodeKind::kAqeCurrentPlan) current_plan = child;
  }
  if (final_plan != kNoNode) {
    if (initial_plan != kNoNode) SetJudged(tree, d, initial_plan, false);
    if (current_plan != kNoNode) SetJudged(tree, d, current_plan, false);
    return PlanState::kFinal;
  }
  if (current_plan != kNoNode) {
    if (initial_plan != kNoNode) SetJudged(tree, d, initial_plan, false);
    KeepOnlyStages(tree, d, current_plan);
    return PlanState::kAqeCurrent;
  }
  const std::string_view text = tree.nodes[aqe].text;
  if (text.find("isFinalPlan=true") != std::string_view::npos) return PlanState::kFinal;
  // An event-log tree of a later AQE update holds the current plan directly under the node.
  if (initial_plan == kNoNode && tree.aqe_source == AqeSource::kAdaptiveUpdate) {
    KeepOnlyStages(tree, d, aqe);
    d->facts[aqe].judged = true;
    return PlanState::kAqeCurrent;
  }
  // Not re-planned yet: the initial plan. Before the engine's columnar rules ran it holds
  // only vanilla names (Gluten, RAPIDS), which says nothing about fallbacks: do not judge it.
  if (!native_below[aqe] && !initial_plan_runs) {
    for (NodeId child : Children(tree, aqe)) SetJudged(tree, d, child, false);
    d->notes.push_back(kInitialPlanNotJudged);
  }
  return PlanState::kAqeInitial;
}

void Mark(const PlanTree& tree, Diagnosis* d, bool initial_plan_runs) {
  const size_t n = tree.nodes.size();
  // native_below[i]: a native node in i's subtree (children follow parents in id order)
  // (bytes, not std::vector<bool>: its bit access costs several instructions a node)
  std::vector<uint8_t> native_below(n, 0);
  for (size_t i = n; i-- > 0;) {
    native_below[i] |= d->facts[i].role == Role::kNative;
    const NodeId parent = tree.nodes[i].parent;
    if (native_below[i] && parent != kNoNode) native_below[parent] = 1;
  }
  // in_main[i]: the node belongs to the main plan, not a subquery section
  std::vector<uint8_t> in_main(n, 0);
  for (const PlanRoot& root : tree.roots)
    if (!root.is_subquery) in_main[root.node] = 1;

  // One forward pass. It may settle a command before an AQE node of a smaller id is marked (the
  // order of two passes was every command first): both only clear `judged` below themselves, and
  // what a node's marking reads of `judged` is its own, which only smaller ids (its ancestors) write.
  bool main_seen = false;
  for (size_t i = 0; i < n; ++i) {
    const PlanNode& node = tree.nodes[i];
    if (node.parent != kNoNode) in_main[i] = in_main[node.parent];
    // Below an ExecutedCommandExec is the command's logical plan (a Delta command's source query):
    // nothing the engine runs there; the queries the command runs are executions of their own.
    if (d->facts[i].role == Role::kCommand && !CommandRunsPhysicalChild(node.name))
      for (NodeId child : Children(tree, static_cast<NodeId>(i))) SetJudged(tree, d, child, false);
    if (node.name != "AdaptiveSparkPlan" || !d->facts[i].judged) continue;
    const PlanState state = MarkAdaptivePlan(tree, d, static_cast<NodeId>(i), native_below, initial_plan_runs);
    // the outermost AQE node of the main plan sets the plan's state
    if (!main_seen && in_main[i]) {
      d->state = state;
      main_seen = true;
    }
  }
}

}  // namespace

void MarkExecutedPart(const PlanTree& tree, Diagnosis* d) { Mark(tree, d, false); }

void JudgeInitialPlanAsRun(const PlanTree& tree, Diagnosis* d) {
  for (NodeFacts& f : d->facts) f.judged = true;
  std::erase(d->notes, std::string(kInitialPlanNotJudged));
  Mark(tree, d, true);
}

}  // namespace clusop
