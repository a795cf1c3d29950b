#include "diagnose/verdict.hpp"

#include "diagnose/recommendation.hpp"

namespace clusop {

const char* VerdictName(VerdictKind kind) {
  switch (kind) {
    case VerdictKind::kFixFallback: return "fix_fallback";
    case VerdictKind::kDisablePhoton: return "disable_photon";
    case VerdictKind::kNone: break;
  }
  return "none";
}

namespace {

const PlanNode* CommandName(const PlanTree& tree, const Diagnosis& d) {
  for (size_t i = 0; i < tree.nodes.size(); ++i)
    if (d.facts[i].role == Role::kCommand && d.facts[i].judged) return &tree.nodes[i];
  return nullptr;
}

}  // namespace

Verdict DecideVerdict(const PlanTree& tree, const Diagnosis& d) {
  Verdict v;
  if (d.fallbacks.empty()) {
    if (d.engine.engine == Engine::kSpark && !d.engine.engine_on)
      v.recommendation = "No native engine (Photon, Comet, Gluten, RAPIDS) in this plan: nothing falls back.";
    else if (d.native_ops + d.jvm_ops == 0 && CommandName(tree, d) != nullptr)
      v.recommendation = "This plan is a command (" + std::string(CommandName(tree, d)->name) +
                         "), not a query the engine accelerates: not judged. The queries it runs are executions of "
                         "their own: analyse those.";
    else if (d.negligible_only)
      v.recommendation = "Only a local table (LocalTableScan / OneRowRelation) runs outside the engine: no real work falls back.";
    else if (d.state == PlanState::kAqeInitial && d.native_ops == 0)
      v.recommendation = "This is an AQE initial plan before the engine's rules ran: analyse the final plan (after the query ran).";
    else
      v.recommendation = "All real work runs on the native engine: no change needed.";
    return v;
  }
  size_t heaviest = 0;
  for (size_t i = 1; i < d.fallbacks.size(); ++i)
    if (d.fallbacks[i].weight > d.fallbacks[heaviest].weight) heaviest = i;
  v.heaviest = static_cast<int32_t>(heaviest);
  v.cause = d.fallbacks[heaviest].cause;
  const bool nothing_native = v.cause == Cause::kWholePlanJvm;
  v.kind = nothing_native && d.engine.engine == Engine::kPhoton ? VerdictKind::kDisablePhoton : VerdictKind::kFixFallback;
  v.recommendation = RecommendFix(tree, d.engine.engine, d.fallbacks[heaviest]);
  return v;
}

}  // namespace clusop
