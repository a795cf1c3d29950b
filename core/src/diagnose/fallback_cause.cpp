#include "diagnose/fallback_cause.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "diagnose/engine_explanation.hpp"
#include "diagnose/suspect_functions.hpp"
#include "engine/engine_support.hpp"

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

// The engine's reason names either an operator ("WindowGroupLimit is not supported", "Native
// support for operator LocalTableScanExec is disabled", Photon's "Unsupported node: Sample") or
// something inside one (a function, a data type, an aggregate's buffer format).
bool ReasonNamesOperator(std::string_view reason) {
  // RAPIDS: "the Exec CollectLimitExec has been disabled" (its "the Expression Conv ..." is an expression)
  if (text::StartsWith(reason, "the Exec ")) return true;
  // RAPIDS: "GPU does not currently support the operator class org.apache...AddMonths" names an
  // expression class unless the class is an exec (...DeserializeToObjectExec).
  bool rapids_class = false;
  for (size_t at = reason.find("operator class "); at != std::string_view::npos;
       at = reason.find("operator class ", at + 15)) {
    std::string_view name = reason.substr(at + 15);
    size_t end = 0;
    while (end < name.size() && (text::IsIdentChar(name[end]) || name[end] == '.')) ++end;
    name = name.substr(0, end);
    if (text::EndsWith(name, "Exec")) return true;
    rapids_class = true;
  }
  if (rapids_class) return false;
  // a file format is a scan's ("Unsupported file format for HiveTableRelation ...")
  if (text::ContainsIgnoreCase(reason, "operator") || text::ContainsIgnoreCase(reason, "node:") ||
      text::ContainsIgnoreCase(reason, "join type") || text::ContainsIgnoreCase(reason, "file format"))
    return true;
  std::string_view lead = text::LeadingIdentifier(text::TrimLeft(reason));
  if (lead.empty() || !text::IsUpper(lead[0])) return false;
  if (lead.size() > 4 && text::EndsWith(lead, "Exec")) lead.remove_suffix(4);
  const OperatorInfo op = LookupOperator(lead);
  return op.known && (op.role == Role::kJvm || op.role == Role::kCommand);
}

Cause CauseFromReason(std::string_view reason) {
  if (reason.empty()) return Cause::kNone;
  if (text::ContainsIgnoreCase(reason, "scalaudf")) return Cause::kScalaUdf;
  return ReasonNamesOperator(reason) ? Cause::kUnsupportedOperator : Cause::kUnsupportedExpression;
}

// How specific a node's evidence is, least first. The engine's own reason outranks what the
// plan's shape suggests; a round trip is what is left when nothing more specific is known. An
// operator that cannot run at all outranks functions inside another one: the operators above it
// get their rows from the JVM anyway (Comet then names only that operator, e.g. WindowGroupLimit
// below a Window with rank()).
enum class Evidence : uint8_t {
  kNone, kSuspectFunctions, kNeverNativeOperator, kEngineExpression, kEngineOperator,
  kScalaUdf, kDatasetApi, kPandasUdf, kPythonUdf
};

Cause CauseOf(Evidence e) {
  switch (e) {
    case Evidence::kPythonUdf: return Cause::kPythonUdf;
    case Evidence::kPandasUdf: return Cause::kPandasUdf;
    case Evidence::kDatasetApi: return Cause::kDatasetApi;
    case Evidence::kScalaUdf: return Cause::kScalaUdf;
    case Evidence::kEngineExpression:
    case Evidence::kSuspectFunctions: return Cause::kUnsupportedExpression;
    case Evidence::kEngineOperator:
    case Evidence::kNeverNativeOperator: return Cause::kUnsupportedOperator;
    case Evidence::kNone: break;
  }
  return Cause::kNone;
}

Evidence FromHint(CauseHint hint) {
  switch (hint) {
    case CauseHint::kPythonUdf: return Evidence::kPythonUdf;
    case CauseHint::kPandasUdf: return Evidence::kPandasUdf;
    case CauseHint::kDatasetApi: return Evidence::kDatasetApi;
    case CauseHint::kNone: break;
  }
  return Evidence::kNone;
}

std::vector<std::string> SuspectsIn(Engine engine, const PlanNode& node) {
  std::vector<std::string> suspects = SuspectFunctions(engine, node.text);
  for (std::string& more : SuspectFunctions(engine, node.detail))
    if (std::find(suspects.begin(), suspects.end(), more) == suspects.end()) suspects.push_back(std::move(more));
  return suspects;
}

// Formatted plans print a node's arguments (the join type) in its details block.
OperatorSupport SupportOf(Engine engine, const PlanNode& node) {
  const OperatorSupport by_line = SparkOperatorSupport(engine, node.name, node.text);
  return by_line == OperatorSupport::kNative ? SparkOperatorSupport(engine, node.name, node.detail) : by_line;
}

// What one JVM node says about why it is not native.
Evidence NodeEvidence(const PlanTree& tree, const Diagnosis* d, NodeId id, const std::string& reason) {
  const PlanNode& node = tree.nodes[id];
  if (Evidence hint = FromHint(d->facts[id].op.cause); hint != Evidence::kNone) return hint;
  if (HasScalaUdf(node.text) || HasScalaUdf(node.detail)) return Evidence::kScalaUdf;
  switch (CauseFromReason(reason)) {
    case Cause::kScalaUdf: return Evidence::kScalaUdf;
    case Cause::kUnsupportedExpression: return Evidence::kEngineExpression;
    case Cause::kUnsupportedOperator: return Evidence::kEngineOperator;
    default: break;
  }
  const Engine engine = d->engine.engine;
  switch (SupportOf(engine, node)) {
    case OperatorSupport::kNeverNative: return Evidence::kNeverNativeOperator;
    case OperatorSupport::kNative:
      return SuspectsIn(engine, node).empty() ? Evidence::kNone : Evidence::kSuspectFunctions;
    case OperatorSupport::kUnknown: break;
  }
  return Evidence::kNone;
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
  Evidence best = Evidence::kNone;
  fallback->key_node = OperatorAtTheBoundary(tree, d, *fallback);
  for (NodeId id : fallback->nodes) {
    const std::string reason = EngineReasonFor(tree, d->explanation, id);
    const Evidence found = NodeEvidence(tree, d, id, reason);
    if (found > best) {
      best = found;
      fallback->key_node = id;
      fallback->reason = reason;
    }
  }
  fallback->suspects.clear();
  if (fallback->cause == Cause::kWholePlanJvm) return;
  Cause cause = CauseOf(best);
  if (cause == Cause::kNone)
    cause = fallback->below_native_to_rows && fallback->feeds_native ? Cause::kRowToColumnarRoundtrip
                                                                     : Cause::kUnsupportedOperator;
  if (cause == Cause::kUnsupportedExpression) {
    fallback->suspects = SuspectsIn(d->engine.engine, tree.nodes[fallback->key_node]);
    for (NodeId id : fallback->nodes)
      if (SupportOf(d->engine.engine, tree.nodes[id]) == OperatorSupport::kNative)
        for (std::string& more : SuspectsIn(d->engine.engine, tree.nodes[id]))
          if (std::find(fallback->suspects.begin(), fallback->suspects.end(), more) == fallback->suspects.end())
            fallback->suspects.push_back(std::move(more));
  }
  fallback->cause = cause;
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
