#pragma once
// The result of one analysis: every stage's output, ready to be reported.
#include <string>
#include <vector>

#include "confidence/confidence.hpp"
#include "diagnose/diagnosis.hpp"
#include "diagnose/fallback_weight.hpp"
#include "diagnose/verdict.hpp"
#include "engine_log/engine_report.hpp"
#include "parse/plan_reader.hpp"
#include "parse/plan_tree.hpp"
#include "price/cluster_context.hpp"
#include "price/waste_model.hpp"

namespace clusop {

struct Analysis {
  PlanTree tree;
  Diagnosis diagnosis;
  FallbackWeight weight;
  Verdict verdict;
  ClusterContext cluster;
  Waste waste;
  std::string price_table_version;
  Confidence confidence;
  std::string signature;  // empty when nothing falls back
  EngineReport engine_report;  // the engine's own fallback report found in the input, if any
  PlanReadFailure plan_failure = PlanReadFailure::kNone;  // why no plan was read, when none was

  // After a failed analysis: the input held no plan at all, but the engine's own report, which
  // alone gives the reasons per operator. A plan that cannot be read (not UTF-8, broken JSON) is
  // an error, never "no plan beside the report".
  bool report_alone() const { return plan_failure == PlanReadFailure::kNoPlan && engine_report.found(); }
};

}  // namespace clusop
