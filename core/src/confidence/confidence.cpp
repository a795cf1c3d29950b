#include "confidence/confidence.hpp"

#include <algorithm>

#include "analysis/analysis.hpp"

namespace clusop {
namespace {

Level Min(Level a, Level b) { return std::min(a, b); }

Level ParseLeg(const Analysis& a, std::vector<std::string>* why) {
  const Diagnosis& d = a.diagnosis;
  const int32_t ops = d.native_ops + d.jvm_ops;
  Level level = Level::kHigh;
  if (d.unknown_ops > 0) {
    const bool many = ops == 0 || d.unknown_ops * 10 > ops;
    level = many ? Level::kLow : Level::kMedium;
    why->push_back("parse: " + std::to_string(d.unknown_ops) + " operator name(s) unknown to the engine catalog");
  }
  if (!a.tree.warnings.empty()) {
    level = Min(level, Level::kMedium);
    why->push_back("parse: the plan text looks re-indented or damaged");
  }
  if (a.tree.other_plans > 0) {
    level = Min(level, Level::kMedium);
    why->push_back("parse: " + OtherPlansWarning(a.tree.other_plans));
  }
  return level;
}

Level DiagnosisLeg(const Analysis& a, std::vector<std::string>* why) {
  const Diagnosis& d = a.diagnosis;
  if (d.state == PlanState::kAqeCurrent) {
    why->push_back("diagnosis: AQE was still re-planning; only materialized stages were judged");
    return Level::kLow;
  }
  if (d.state == PlanState::kAqeInitial) {
    why->push_back("diagnosis: an AQE initial plan, not the final one that ran");
    // without native operators it is only judged when the engine places them before AQE (Photon)
    return d.native_ops == 0 && !PlacesOperatorsBeforeAqe(d.engine.engine) ? Level::kLow : Level::kMedium;
  }
  if (d.placed_by_engine_report) {
    // an explainOnly run: where RAPIDS says it would run each operator, not a plan that ran on the GPU
    why->push_back(
        "diagnosis: a CPU plan of RAPIDS' explainOnly mode (no GPU operator), judged from RAPIDS' own report: "
        "each operator is placed where RAPIDS' marks for this query put it (will run / cannot run on GPU)");
    return Level::kMedium;
  }
  if (d.explanation.present && !d.explanation.command) {
    const bool engine_says_fallback = !d.explanation.fully_supported;
    const bool we_say_fallback = !d.fallbacks.empty() || d.negligible_only;
    if (engine_says_fallback != we_say_fallback) {
      why->push_back("diagnosis: Photon's own explanation disagrees with the plan tree");
      return Level::kMedium;
    }
  }
  return Level::kHigh;
}

Level CostLeg(const Analysis& a, std::vector<std::string>* why) {
  if (!a.waste.usd) {
    why->push_back("cost: no dollar figure (" + (a.waste.missing.empty() ? a.waste.note : a.waste.missing.front()) + ")");
    return Level::kLow;
  }
  for (const std::string& status : a.waste.statuses) {
    if (status != "verified" && status != "single_source" && status != "given" && status != "design_choice") {
      why->push_back("cost: a price value is " + status);
      return Level::kLow;
    }
  }
  why->push_back("cost: modeled from list prices, never above MEDIUM");
  return Level::kMedium;
}

Level AdviceLeg(const Analysis& a) {
  switch (a.verdict.cause) {
    case Cause::kPythonUdf:
    case Cause::kPandasUdf:
    case Cause::kScalaUdf:
    case Cause::kDatasetApi:
    case Cause::kWholePlanJvm:
    case Cause::kNone:
      return Level::kHigh;
    case Cause::kUnsupportedExpression:
    case Cause::kUnsupportedOperator:
      return a.verdict.heaviest >= 0 && !a.diagnosis.fallbacks[a.verdict.heaviest].reason.empty() ? Level::kHigh
                                                                                                  : Level::kMedium;
    case Cause::kRowToColumnarRoundtrip:
      return Level::kMedium;
  }
  return Level::kMedium;
}

}  // namespace

const char* LevelName(Level level) {
  switch (level) {
    case Level::kHigh: return "HIGH";
    case Level::kMedium: return "MEDIUM";
    case Level::kLow: break;
  }
  return "LOW";
}

Confidence AssessConfidence(const Analysis& a) {
  Confidence c;
  c.parse = ParseLeg(a, &c.reasons);
  c.diagnosis = DiagnosisLeg(a, &c.reasons);
  c.cost = CostLeg(a, &c.reasons);
  c.recommendation = Min(AdviceLeg(a), Min(c.parse, c.diagnosis));
  if (a.verdict.kind == VerdictKind::kDisablePhoton) c.recommendation = Min(c.recommendation, c.cost);
  return c;
}

}  // namespace clusop
