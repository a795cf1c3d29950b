#include "diagnose/fallback_weight.hpp"

namespace clusop {
namespace {

// Time an operator spent, in nanoseconds: Photon's "exclusive time", else its timing metrics.
bool OperatorTime(const PlanTree& tree, NodeId id, double* ns) {
  const PlanNode& node = tree.nodes[id];
  double sum = 0;
  bool any = false;
  for (uint32_t m = node.metrics_begin; m < node.metrics_begin + node.metrics_count; ++m) {
    const Metric& metric = tree.metrics[m];
    if (!metric.has_value) continue;
    const double scale = metric.type == "nsTiming" ? 1.0 : metric.type == "timing" ? 1e6 : 0.0;
    if (scale == 0) continue;
    if (metric.name == "exclusive time") {
      *ns = metric.value * scale;
      return true;
    }
    sum += metric.value * scale;
    any = true;
  }
  *ns = sum;
  return any;
}

bool IsRealOperator(const NodeFacts& f) {
  return f.judged && (f.role == Role::kJvm || f.role == Role::kNative);
}

double Clamp01(double v) { return v < 0 ? 0 : v > 1 ? 1 : v; }

}  // namespace

const char* WeightBasisName(WeightBasis basis) {
  switch (basis) {
    case WeightBasis::kTimeMetrics: return "time_metrics";
    case WeightBasis::kNodeCount: return "node_count";
    case WeightBasis::kNone: break;
  }
  return "none";
}

FallbackWeight WeighFallbacks(const PlanTree& tree, Diagnosis* d) {
  FallbackWeight out;
  const int32_t real_ops = d->native_ops + d->jvm_ops;
  if (real_ops == 0) return out;

  double total_ns = 0;
  // a plan without metrics (explain text) weighs by node count: no node needs to be visited
  bool timed = !tree.metrics.empty();
  std::vector<double> fallback_ns(d->fallbacks.size(), 0.0);
  for (size_t i = 0; i < tree.nodes.size() && timed; ++i) {
    if (!IsRealOperator(d->facts[i])) continue;
    double ns = 0;
    const bool has = OperatorTime(tree, static_cast<NodeId>(i), &ns);
    if (!has && d->facts[i].fallback >= 0) timed = false;
    total_ns += ns;
    if (d->facts[i].fallback >= 0) fallback_ns[d->facts[i].fallback] += ns;
  }
  if (timed && total_ns > 0 && !d->fallbacks.empty()) {
    out.basis = WeightBasis::kTimeMetrics;
    for (size_t f = 0; f < d->fallbacks.size(); ++f) {
      d->fallbacks[f].weight = Clamp01(fallback_ns[f] / total_ns);
      out.value += d->fallbacks[f].weight;
    }
  } else {
    out.basis = WeightBasis::kNodeCount;
    for (FallbackSubtree& f : d->fallbacks) {
      f.weight = Clamp01(static_cast<double>(f.nodes.size()) / real_ops);
      out.value += f.weight;
    }
  }
  out.value = Clamp01(out.value);
  return out;
}

}  // namespace clusop
