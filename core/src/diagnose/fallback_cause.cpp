#include "diagnose/fallback_cause.hpp"

#include "common/text.hpp"
#include "diagnose/engine_explanation.hpp"

namespace clusop {
namespace {

// A Scala/Java UDF prints as "UDF(...)" or "UDF:name(...)"; Python's show as "pythonUDF0" / "udf(".
bool HasScalaUdf(std::string_view s) {
  for (size_t at = s.find("UDF"); at != std::string_view::npos; at = s.find("UDF", at + 3)) {
    const bool word_start = at == 0 || !text::IsIdentChar(s[at - 1]);
    const char next = at + 3 < s.size() ? s[at + 3] : '\0';
    if (word_start && (next == '(' || next == ':')) return true;
  }
  return false;
}

Cause CauseFromReason(std::string_view reason) {
  if (reason.empty()) return Cause::kNone;
  if (text::ContainsIgnoreCase(reason, "scalaudf")) return Cause::kScalaUdf;
  if (text::ContainsIgnoreCase(reason, "expression") || text::ContainsIgnoreCase(reason, "data type") ||
      text::ContainsIgnoreCase(reason, "compatible with Spark") ||
      text::ContainsIgnoreCase(reason, "aggregate function") || text::ContainsIgnoreCase(reason, "is not supported:"))
    return Cause::kUnsupportedExpression;
  // Comet names functions in lower case ("date_format is not supported") and operators in CamelCase
  const std::string_view lead = text::TrimLeft(reason);
  if (!lead.empty() && text::IsLower(lead[0])) return Cause::kUnsupportedExpression;
  return Cause::kUnsupportedOperator;
}

int Priority(Cause cause) {
  switch (cause) {
    case Cause::kPythonUdf: return 6;
    case Cause::kPandasUdf: return 5;
    case Cause::kDatasetApi: return 4;
    case Cause::kScalaUdf: return 3;
    case Cause::kUnsupportedExpression: return 2;
    case Cause::kUnsupportedOperator: return 1;
    default: return 0;
  }
}

Cause FromHint(CauseHint hint) {
  switch (hint) {
    case CauseHint::kPythonUdf: return Cause::kPythonUdf;
    case CauseHint::kPandasUdf: return Cause::kPandasUdf;
    case CauseHint::kDatasetApi: return Cause::kDatasetApi;
    case CauseHint::kNone: break;
  }
  return Cause::kNone;
}

// The operator that forced data out of the engine: the one reading a native -> row transition,
// else the subtree's top (which feeds back into the engine).
NodeId OperatorAtTheBoundary(const PlanTree& tree, const Diagnosis* d, const FallbackSubtree& f) {
  for (NodeId id : f.nodes) {
    for (NodeId child : Children(tree, id)) {
      NodeId work = child;
      while (work != kNoNode && d->facts[work].role == Role::kWrapper) work = tree.nodes[work].first_child;
      if (work != kNoNode && d->facts[work].role == Role::kToRows) return id;
    }
  }
  return f.root;
}

}  // namespace

void ClassifyFallback(const PlanTree& tree, const Diagnosis* d, FallbackSubtree* fallback) {
  Cause best = Cause::kNone;
  fallback->key_node = OperatorAtTheBoundary(tree, d, *fallback);
  for (NodeId id : fallback->nodes) {
    const PlanNode& node = tree.nodes[id];
    Cause found = FromHint(d->facts[id].op.cause);
    if (found == Cause::kNone && (HasScalaUdf(node.text) || HasScalaUdf(node.detail))) found = Cause::kScalaUdf;
    const std::string reason = EngineReasonFor(tree, d->explanation, id);
    if (found == Cause::kNone) found = CauseFromReason(reason);
    if (Priority(found) > Priority(best)) {
      best = found;
      fallback->key_node = id;
      fallback->reason = reason;
    }
  }
  if (fallback->cause == Cause::kWholePlanJvm) return;
  if (best == Cause::kNone || best == Cause::kUnsupportedOperator) {
    if (fallback->below_native_to_rows && fallback->feeds_native) best = Cause::kRowToColumnarRoundtrip;
    else if (best == Cause::kNone) best = Cause::kUnsupportedOperator;
  }
  fallback->cause = best;
}

const char* CauseName(Cause cause) {
  switch (cause) {
    case Cause::kPythonUdf: return "python_udf";
    case Cause::kPandasUdf: return "pandas_udf";
    case Cause::kScalaUdf: return "scala_udf";
    case Cause::kUnsupportedExpression: return "unsupported_expression";
    case Cause::kUnsupportedOperator: return "unsupported_operator";
    case Cause::kDatasetApi: return "dataset_api";
    case Cause::kRowToColumnarRoundtrip: return "row_to_columnar_roundtrip";
    case Cause::kWholePlanJvm: return "whole_plan_jvm";
    case Cause::kNone: break;
  }
  return "none";
}

}  // namespace clusop
