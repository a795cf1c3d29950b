#include "diagnose/node_roles.hpp"

#include <array>
#include <string_view>
#include <vector>

#include "diagnose/operator_name_cache.hpp"

namespace clusop {

namespace {

// Children carry larger ids than their parents: a backward pass settles children first.
// A generic ColumnarToRow above a vanilla vectorized scan is part of that scan, not a transition.
void SettleContextualToRows(const PlanTree& tree, std::vector<NodeFacts>& facts) {
  const size_t n = facts.size();
  // work_below[i]: the first node at or below i (down first children) that is not a wrapper.
  std::vector<NodeId> work_below(n, kNoNode);
  for (size_t i = n; i-- > 0;) {
    NodeFacts& f = facts[i];
    const NodeId child = tree.nodes[i].first_child;
    const NodeId below = child == kNoNode ? kNoNode : work_below[child];
    if (f.op.contextual && f.role == Role::kToRows && (below == kNoNode || facts[below].role != Role::kNative))
      f.role = Role::kWrapper;
    const bool see_through = f.role == Role::kWrapper && !f.op.starts_subplan;
    work_below[i] = see_through ? below : static_cast<NodeId>(i);
  }
}

void SettleContextualToColumnar(const PlanTree& tree, std::vector<NodeFacts>& facts) {
  const size_t n = facts.size();
  // work_above[i]: the nearest ancestor that is not a wrapper.
  std::vector<NodeId> work_above(n, kNoNode);
  for (size_t i = 0; i < n; ++i) {
    const NodeId parent = tree.nodes[i].parent;
    work_above[i] = parent == kNoNode ? kNoNode : facts[parent].role == Role::kWrapper ? work_above[parent] : parent;
    NodeFacts& f = facts[i];
    if (f.op.contextual && f.role == Role::kToColumnar &&
        (work_above[i] == kNoNode || facts[work_above[i]].role != Role::kNative))
      f.role = Role::kWrapper;
  }
}

}  // namespace

// Every walk through wrapper chains is memoised in one pass, so even a hostile plan of
// 100,000 nested wrappers costs linear time.
void AssignRoles(const PlanTree& tree, Diagnosis* diagnosis) {
  auto& facts = diagnosis->facts;
  const size_t n = tree.nodes.size();
  facts.assign(n, NodeFacts{});
  OperatorNameCache names;  // plans repeat a few dozen names
  bool contextual_to_rows = false, contextual_to_columnar = false;
  std::array<int32_t, kEngineCount> votes{};
  for (size_t i = 0; i < n; ++i) {
    const PlanNode& node = tree.nodes[i];
    NodeFacts& f = facts[i];
    if (node.kind != NodeKind::kOperator) {
      f.op.known = true;
      f.role = Role::kWrapper;
      continue;
    }
    f.op = names.Find(node.name);
    f.role = f.op.role;
    // Gluten marks every operator inside a native whole-stage transformer with "^".
    if (node.marker == StageMarker::kNativeStage && f.role != Role::kWrapper) {
      f.role = Role::kNative;
      f.op.engine = Engine::kGluten;
      f.op.known = true;
    }
    contextual_to_rows |= f.op.contextual && f.role == Role::kToRows;
    contextual_to_columnar |= f.op.contextual && f.role == Role::kToColumnar;
    // Spark's count (index 0) is never read; the contextual passes below only turn Spark's own
    // transitions into wrappers: no vote changes
    votes[static_cast<size_t>(f.op.engine)] += f.role != Role::kJvm;
  }
  votes[static_cast<size_t>(Engine::kSpark)] = 0;
  diagnosis->engine_votes = votes;
  // Each pass changes only the contextual nodes of its kind: without one it has nothing to do.
  if (contextual_to_rows) SettleContextualToRows(tree, facts);
  if (contextual_to_columnar) SettleContextualToColumnar(tree, facts);
}

bool HasEngineTags(const PlanTree& tree) {
  for (const PlanNode& node : tree.nodes)
    if (!node.engine_reason.empty()) return true;
  return false;
}

Engine DetectEngine(const PlanTree& tree, const Diagnosis& diagnosis) {
  std::array<int32_t, kEngineCount> votes = diagnosis.engine_votes;
  if (!tree.engine_explanation.empty()) votes[static_cast<int>(Engine::kPhoton)] += 1000;
  if (!tree.engine_summary.empty() || HasEngineTags(tree)) votes[static_cast<int>(Engine::kComet)] += 1000;
  Engine best = Engine::kSpark;
  int32_t best_votes = 0;
  for (Engine e : {Engine::kPhoton, Engine::kComet, Engine::kGluten, Engine::kRapids}) {
    if (votes[static_cast<int>(e)] > best_votes) {
      best = e;
      best_votes = votes[static_cast<int>(e)];
    }
  }
  return best;
}

}  // namespace clusop
