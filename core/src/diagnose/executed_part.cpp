#include "diagnose/executed_part.hpp"

#include <vector>

#include "common/text.hpp"

namespace clusop {
namespace {

bool IsQueryStage(std::string_view name) { return text::EndsWith(name, "QueryStage"); }

void SetSubtree(const PlanTree& tree, Diagnosis* d, NodeId root, bool judged) {
  std::vector<NodeId> stack{root};
  while (!stack.empty()) {
    const NodeId id = stack.back();
    stack.pop_back();
    d->facts[id].judged = judged;
    for (NodeId child : Children(tree, id)) stack.push_back(child);
  }
}

// In a plan still being executed, only nodes inside a materialized query stage are final.
void KeepOnlyStages(const PlanTree& tree, Diagnosis* d, NodeId root) {
  std::vector<NodeId> stack{root};
  while (!stack.empty()) {
    const NodeId id = stack.back();
    stack.pop_back();
    if (IsQueryStage(tree.nodes[id].name)) continue;  // stays judged, with its whole subtree
    d->facts[id].judged = false;
    for (NodeId child : Children(tree, id)) stack.push_back(child);
  }
}

}  // namespace

void MarkExecutedPart(const PlanTree& tree, Diagnosis* d) {
  for (size_t i = 0; i < tree.nodes.size(); ++i) {
    const PlanNode& node = tree.nodes[i];
    if (node.name != "AdaptiveSparkPlan") continue;
    NodeId final_plan = kNoNode, initial_plan = kNoNode, current_plan = kNoNode;
    for (NodeId child : Children(tree, static_cast<NodeId>(i))) {
      const NodeKind kind = tree.nodes[child].kind;
      if (kind == NodeKind::kAqeFinalPlan) final_plan = child;
      if (kind == NodeKind::kAqeInitialPlan) initial_plan = child;
      if (kind == NodeKind::kAqeCurrentPlan) current_plan = child;
    }
    if (final_plan != kNoNode) {
      if (initial_plan != kNoNode) SetSubtree(tree, d, initial_plan, false);
      if (current_plan != kNoNode) SetSubtree(tree, d, current_plan, false);
      continue;
    }
    if (current_plan != kNoNode) {
      if (initial_plan != kNoNode) SetSubtree(tree, d, initial_plan, false);
      KeepOnlyStages(tree, d, current_plan);
      d->state = PlanState::kAqeCurrent;
      continue;
    }
    const bool says_final = node.text.find("isFinalPlan=true") != std::string_view::npos;
    if (initial_plan != kNoNode) {
      d->state = PlanState::kAqeInitial;
    } else if (!says_final && node.text.find("isFinalPlan=false") != std::string_view::npos) {
      // an event-log tree: the execution-start tree is the initial plan, a later update is a current plan
      if (tree.aqe_source == AqeSource::kAdaptiveUpdate) {
        KeepOnlyStages(tree, d, static_cast<NodeId>(i));
        d->facts[i].judged = true;
        d->state = PlanState::kAqeCurrent;
      } else {
        d->state = PlanState::kAqeInitial;
      }
    }
  }
}

}  // namespace clusop
