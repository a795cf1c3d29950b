#include "diagnose/fallback_finder.hpp"

#include <cstdint>
#include <vector>

#include "diagnose/fallback_cause.hpp"
#include "diagnose/node_roles.hpp"

namespace clusop {
namespace {

bool IsPassThrough(const NodeFacts& f) {
  return f.role == Role::kWrapper || f.role == Role::kCommand;
}

// The terminal to-rows transition of each (sub)plan hands results to the driver: not a fallback.
void MarkResultBoundaries(const PlanTree& tree, const std::vector<NodeId>& plan_tops, Diagnosis* d) {
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

bool IsRealOperator(const NodeFacts& f) {
  return f.judged && (f.role == Role::kJvm || f.role == Role::kNative);
}

struct JvmGroups {
  std::vector<int32_t> component;  // per node: its group of connected JVM operators, else -1
  std::vector<NodeId> parent_of;   // per node: the nearest working ancestor of a grouped operator
  std::vector<NodeId> members;     // the grouped operators, in id order
  std::vector<NodeId> plan_tops;   // the top of every (sub)plan
};

// One forward pass (parents precede children in id order): counts the operators, groups judged
// JVM operators into connected components through their nearest ancestor doing work (skipping
// wrappers and commands) within the same (sub)plan, and collects the (sub)plans' tops.
void GroupJvmOperators(const PlanTree& tree, Diagnosis* d, JvmGroups* g) {
  const size_t n = tree.nodes.size();
  g->component.assign(n, -1);
  g->parent_of.assign(n, kNoNode);
  for (const PlanRoot& root : tree.roots) g->plan_tops.push_back(root.node);
  std::vector<NodeId> work_parent(n, kNoNode);
  int32_t next = 0;
  for (size_t i = 0; i < n; ++i) {
    const NodeFacts& f = d->facts[i];
    const NodeId parent = tree.nodes[i].parent;
    if (parent != kNoNode) {
      const NodeFacts& p = d->facts[parent];
      if (!IsPassThrough(p)) work_parent[i] = parent;
      else if (!p.op.starts_subplan) work_parent[i] = work_parent[parent];
      if (p.op.starts_subplan) g->plan_tops.push_back(static_cast<NodeId>(i));
    }
    if (!IsRealOperator(f)) continue;
    if (!f.op.known) ++d->unknown_ops;
    if (f.role == Role::kNative) {
      ++d->native_ops;
      continue;
    }
    ++d->jvm_ops;
    const NodeId up = work_parent[i];
    g->parent_of[i] = up;
    const bool joins_parent = up != kNoNode && d->facts[up].judged && d->facts[up].role == Role::kJvm;
    g->component[i] = joins_parent ? g->component[up] : next++;
    g->members.push_back(static_cast<NodeId>(i));
  }
}

}  // namespace

void FindFallbacks(const PlanTree& tree, Diagnosis* d) {
  JvmGroups jvm;
  GroupJvmOperators(tree, d, &jvm);
  MarkResultBoundaries(tree, jvm.plan_tops, d);
  const std::vector<int32_t>& component = jvm.component;
  const std::vector<NodeId>& parent_of = jvm.parent_of;

  std::vector<FallbackSubtree> groups;
  std::vector<uint8_t> has_real_work;
  for (const NodeId i : jvm.members) {
    const size_t c = static_cast<size_t>(component[i]);
    if (c >= groups.size()) {
      groups.resize(c + 1);
      has_real_work.resize(c + 1, 0);
      groups[c].root = static_cast<NodeId>(i);
    }
    FallbackSubtree& g = groups[c];
    g.nodes.push_back(static_cast<NodeId>(i));
    if (!d->facts[i].op.negligible) has_real_work[c] = 1;
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
