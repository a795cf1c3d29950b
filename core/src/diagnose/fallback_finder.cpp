#include "diagnose/fallback_finder.hpp"

#include <vector>

#include "diagnose/fallback_cause.hpp"
#include "diagnose/node_roles.hpp"

namespace clusop {
namespace {

bool IsPassThrough(const NodeFacts& f) {
  return f.role == Role::kWrapper || f.role == Role::kCommand;
}

// The terminal to-rows transition of each (sub)plan hands results to the driver: not a fallback.
void MarkResultBoundaries(const PlanTree& tree, Diagnosis* d) {
  std::vector<NodeId> plan_tops;
  for (const PlanRoot& root : tree.roots) plan_tops.push_back(root.node);
  for (size_t i = 0; i < tree.nodes.size(); ++i)
    if (d->facts[i].op.starts_subplan)
      for (NodeId child : Children(tree, static_cast<NodeId>(i))) plan_tops.push_back(child);
  for (NodeId top : plan_tops) {
    NodeId at = top;
    while (at != kNoNode && IsPassThrough(d->facts[at]) && !d->facts[at].op.starts_subplan) {
      NodeId next = tree.nodes[at].first_child;
      for (NodeId child : Children(tree, at))
        if (d->facts[child].judged) { next = child; break; }
      at = next;
    }
    if (at != kNoNode && d->facts[at].role == Role::kToRows) d->facts[at].result_boundary = true;
  }
}

// work_parent[i]: the nearest ancestor doing work (skipping wrappers and commands) within the
// same (sub)plan, memoised in one pass (parents precede children in id order).
std::vector<NodeId> WorkParents(const PlanTree& tree, const Diagnosis& d) {
  std::vector<NodeId> work_parent(tree.nodes.size(), kNoNode);
  for (size_t i = 0; i < tree.nodes.size(); ++i) {
    const NodeId parent = tree.nodes[i].parent;
    if (parent == kNoNode) continue;
    const NodeFacts& p = d.facts[parent];
    if (!IsPassThrough(p)) work_parent[i] = parent;
    else if (!p.op.starts_subplan) work_parent[i] = work_parent[parent];
  }
  return work_parent;
}

bool IsRealOperator(const NodeFacts& f) {
  return f.judged && (f.role == Role::kJvm || f.role == Role::kNative);
}

void CountOperators(Diagnosis* d) {
  for (const NodeFacts& f : d->facts) {
    if (!IsRealOperator(f)) continue;
    if (f.role == Role::kNative) ++d->native_ops;
    else ++d->jvm_ops;
    if (!f.op.known) ++d->unknown_ops;
  }
}

// Groups judged JVM operators into connected components; parents precede children in id order.
void GroupJvmOperators(const PlanTree& tree, Diagnosis* d, std::vector<int32_t>* component,
                       std::vector<NodeId>* parent_of) {
  component->assign(tree.nodes.size(), -1);
  const std::vector<NodeId> work_parent = WorkParents(tree, *d);
  parent_of->assign(tree.nodes.size(), kNoNode);
  int32_t next = 0;
  for (size_t i = 0; i < tree.nodes.size(); ++i) {
    if (!IsRealOperator(d->facts[i]) || d->facts[i].role != Role::kJvm) continue;
    const NodeId parent = work_parent[i];
    (*parent_of)[i] = parent;
    const bool joins_parent = parent != kNoNode && d->facts[parent].judged && d->facts[parent].role == Role::kJvm;
    (*component)[i] = joins_parent ? (*component)[parent] : next++;
  }
}

}  // namespace

void FindFallbacks(const PlanTree& tree, Diagnosis* d) {
  MarkResultBoundaries(tree, d);
  CountOperators(d);
  std::vector<int32_t> component;
  std::vector<NodeId> parent_of;
  GroupJvmOperators(tree, d, &component, &parent_of);

  std::vector<FallbackSubtree> groups;
  std::vector<bool> has_real_work;
  for (size_t i = 0; i < tree.nodes.size(); ++i) {
    if (component[i] < 0) continue;
    const size_t c = static_cast<size_t>(component[i]);
    if (c >= groups.size()) {
      groups.resize(c + 1);
      has_real_work.resize(c + 1, false);
      groups[c].root = static_cast<NodeId>(i);
    }
    FallbackSubtree& g = groups[c];
    g.nodes.push_back(static_cast<NodeId>(i));
    if (!d->facts[i].op.negligible) has_real_work[c] = true;
    const NodeId parent = parent_of[i];
    if (parent != kNoNode && (d->facts[parent].role == Role::kNative || d->facts[parent].role == Role::kToColumnar))
      g.feeds_native = true;
    for (NodeId child = tree.nodes[i].first_child; child != kNoNode;) {
      // look through wrappers for the transition feeding this operator
      NodeId work = child;
      while (work != kNoNode && d->facts[work].role == Role::kWrapper && !d->facts[work].op.starts_subplan)
        work = tree.nodes[work].first_child;
      if (work != kNoNode && d->facts[work].role == Role::kToRows && !d->facts[work].result_boundary)
        g.below_native_to_rows = true;
      child = tree.nodes[child].next_sibling;
    }
  }

  const bool whole_plan = d->native_ops == 0;
  if (whole_plan) {
    bool any_work = false;
    for (size_t c = 0; c < groups.size(); ++c) any_work = any_work || has_real_work[c];
    d->negligible_only = !groups.empty() && !any_work;
    const bool before_engine_rules = d->state == PlanState::kAqeInitial && !PlacesOperatorsBeforeAqe(d->engine.engine);
    if (!d->engine.engine_on || !any_work || before_engine_rules) return;
    FallbackSubtree all;
    all.cause = Cause::kWholePlanJvm;
    for (const FallbackSubtree& g : groups) {
      if (all.root == kNoNode) all.root = g.root;
      all.nodes.insert(all.nodes.end(), g.nodes.begin(), g.nodes.end());
    }
    d->fallbacks.push_back(std::move(all));
  } else {
    bool any_work = false;
    for (size_t c = 0; c < groups.size(); ++c) {
      if (!has_real_work[c]) continue;
      any_work = true;
      d->fallbacks.push_back(std::move(groups[c]));
    }
    d->negligible_only = !groups.empty() && !any_work;
  }
  for (size_t f = 0; f < d->fallbacks.size(); ++f) {
    for (NodeId id : d->fallbacks[f].nodes) d->facts[id].fallback = static_cast<int32_t>(f);
    ClassifyFallback(tree, d, &d->fallbacks[f]);
  }
}

}  // namespace clusop
