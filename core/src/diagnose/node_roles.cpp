#include "diagnose/node_roles.hpp"

#include <array>
#include <string_view>
#include <unordered_map>

namespace clusop {

NodeId FirstWorkBelow(const PlanTree& tree, const Diagnosis& diagnosis, NodeId id) {
  NodeId at = tree.nodes[id].first_child;
  while (at != kNoNode && diagnosis.facts[at].role == Role::kWrapper && !diagnosis.facts[at].op.starts_subplan) {
    // an AQE plan lists Final before Initial: follow the judged branch
    NodeId next = tree.nodes[at].first_child;
    for (NodeId child : Children(tree, at))
      if (diagnosis.facts[child].judged) { next = child; break; }
    at = next;
  }
  return at;
}

namespace {

NodeId FirstWorkAbove(const PlanTree& tree, const Diagnosis& diagnosis, NodeId id) {
  NodeId at = tree.nodes[id].parent;
  while (at != kNoNode && diagnosis.facts[at].role == Role::kWrapper) at = tree.nodes[at].parent;
  return at;
}

}  // namespace

void AssignRoles(const PlanTree& tree, Diagnosis* diagnosis) {
  auto& facts = diagnosis->facts;
  facts.assign(tree.nodes.size(), NodeFacts{});
  std::unordered_map<std::string_view, OperatorInfo> seen;  // plans repeat a few dozen names
  seen.reserve(64);
  for (size_t i = 0; i < tree.nodes.size(); ++i) {
    const PlanNode& node = tree.nodes[i];
    NodeFacts& f = facts[i];
    if (node.kind != NodeKind::kOperator) {
      f.op.known = true;
      f.role = Role::kWrapper;
      continue;
    }
    auto it = seen.find(node.name);
    if (it == seen.end()) it = seen.emplace(node.name, LookupOperator(node.name)).first;
    f.op = it->second;
    f.role = f.op.role;
    // Gluten marks every operator inside a native whole-stage transformer with "^".
    if (node.marker == StageMarker::kNativeStage && f.role != Role::kWrapper) {
      f.role = Role::kNative;
      f.op.engine = Engine::kGluten;
      f.op.known = true;
    }
  }
  // Children carry larger ids than their parents, so a backward pass sees children first.
  for (size_t i = tree.nodes.size(); i-- > 0;) {
    NodeFacts& f = facts[i];
    if (!f.op.contextual || f.role != Role::kToRows) continue;
    const NodeId below = FirstWorkBelow(tree, *diagnosis, static_cast<NodeId>(i));
    // above a vanilla vectorized scan it is part of that scan, not a transition
    if (below == kNoNode || facts[below].role != Role::kNative) f.role = Role::kWrapper;
  }
  for (size_t i = 0; i < tree.nodes.size(); ++i) {
    NodeFacts& f = facts[i];
    if (!f.op.contextual || f.role != Role::kToColumnar) continue;
    const NodeId above = FirstWorkAbove(tree, *diagnosis, static_cast<NodeId>(i));
    if (above == kNoNode || facts[above].role != Role::kNative) f.role = Role::kWrapper;
  }
}

bool HasEngineTags(const PlanTree& tree) {
  for (const PlanNode& node : tree.nodes)
    if (!node.engine_reason.empty()) return true;
  return false;
}

Engine DetectEngine(const PlanTree& tree, const Diagnosis& diagnosis) {
  std::array<int, 5> votes{};
  for (const NodeFacts& f : diagnosis.facts)
    if (f.op.engine != Engine::kSpark && f.role != Role::kJvm) ++votes[static_cast<int>(f.op.engine)];
  if (!tree.engine_explanation.empty()) votes[static_cast<int>(Engine::kPhoton)] += 1000;
  if (!tree.engine_summary.empty() || HasEngineTags(tree)) votes[static_cast<int>(Engine::kComet)] += 1000;
  Engine best = Engine::kSpark;
  int best_votes = 0;
  for (Engine e : {Engine::kPhoton, Engine::kComet, Engine::kGluten, Engine::kRapids}) {
    if (votes[static_cast<int>(e)] > best_votes) {
      best = e;
      best_votes = votes[static_cast<int>(e)];
    }
  }
  return best;
}

}  // namespace clusop
