#include "analysis/analyze.hpp"

#include "diagnose/engine_explanation.hpp"
#include "diagnose/engine_marks.hpp"
#include "diagnose/engine_report_use.hpp"
#include "diagnose/executed_part.hpp"
#include "diagnose/fallback_finder.hpp"
#include "diagnose/node_roles.hpp"
#include "diagnose/plan_recognition.hpp"
#include "engine_log/rapids_scope.hpp"
#include "parse/plan_reader.hpp"
#include "signature/fallback_signature.hpp"

namespace clusop {
namespace {

bool HasNativeWork(const Diagnosis& d) {
  for (const NodeFacts& f : d.facts)
    if (f.judged && f.role == Role::kNative) return true;
  return false;
}

EngineChoice ChooseEngine(const AnalyzeInput& input, const PlanTree& tree, const Diagnosis& d,
                          const EngineReport& report) {
  EngineChoice choice;
  Engine given;
  if (input.engine != "auto" && ParseEngineName(input.engine, &given)) {
    choice.engine = given;
    choice.forced = true;
  } else {
    choice.engine = DetectEngine(tree, d);
    if (choice.engine == Engine::kSpark && report.found()) choice.engine = report.engine;
  }
  // The engine is on when the caller says so, or when the plan carries the engine's own report.
  choice.engine_on = (choice.forced && choice.engine != Engine::kSpark) || !tree.engine_explanation.empty() ||
                     !tree.engine_summary.empty() || HasEngineTags(tree) || HasNativeWork(d) ||
                     report.found();
  if (input.photon_enabled.has_value()) {
    if (choice.engine == Engine::kPhoton) {
      choice.engine_on = *input.photon_enabled;
    } else if (*input.photon_enabled && choice.engine == Engine::kSpark && !choice.forced) {
      // a vanilla plan from a Photon cluster: nothing ran on Photon
      choice.engine = Engine::kPhoton;
      choice.engine_on = true;
      choice.forced = true;
    }
  }
  return choice;
}

// Photon's initial plan text already shows Photon* nodes, so one without them ran on the JVM.
// Its sparkPlanInfo JSON at execution start still carries vanilla names: not evidence.
bool InitialPlanRunsAsShown(const PlanTree& tree, const Diagnosis& d) {
  const bool json_tree = tree.format == PlanFormat::kEventJson || tree.format == PlanFormat::kPlanInfoJson;
  return d.state == PlanState::kAqeInitial && d.engine.engine_on && PlacesOperatorsBeforeAqe(d.engine.engine) &&
         !json_tree;
}

void ApplyMetricValues(const std::unordered_map<int64_t, double>& values, PlanTree* tree) {
  for (Metric& metric : tree->metrics) {
    if (metric.accumulator_id < 0) continue;
    const auto it = values.find(metric.accumulator_id);
    if (it == values.end()) continue;
    metric.value = it->second;
    metric.has_value = true;
  }
}

void ReadEngineReports(const AnalyzeInput& input, EngineReport* report) {
  *report = ReadEngineReport(input.plan);
  if (input.engine_log.empty()) return;
  EngineReport beside = ReadEngineReport(RapidsPrintoutsAboutPlan(input.engine_log, input.plan));
  if (!beside.found()) return;
  if (!report->found() || report->engine == beside.engine) {
    report->engine = beside.engine;
    for (EngineReportEntry& e : beside.entries) report->entries.push_back(std::move(e));
    const int32_t first_printout = static_cast<int32_t>(report->printouts.size());
    for (EngineExecMark& m : beside.exec_marks) {
      m.printout += first_printout;
      report->exec_marks.push_back(std::move(m));
    }
    report->printouts.insert(report->printouts.end(), beside.printouts.begin(), beside.printouts.end());
    if (beside.accelerated >= 0) {
      report->accelerated = beside.accelerated;
      report->eligible = beside.eligible;
      report->count_source = beside.count_source;
      report->counts_read = beside.counts_read;
    }
  }
}

}  // namespace

bool Analyze(const AnalyzeInput& input, Analysis* a, std::string* error) {
  ReadEngineReports(input, &a->engine_report);
  if (!ReadPlan(input.plan, &a->tree, error, &a->plan_failure)) return false;
  if (input.metric_values) ApplyMetricValues(*input.metric_values, &a->tree);
  Diagnosis& d = a->diagnosis;
  AssignRoles(a->tree, &d);
  MarkExecutedPart(a->tree, &d);
  d.engine = ChooseEngine(input, a->tree, d, a->engine_report);
  if (InitialPlanRunsAsShown(a->tree, d)) JudgeInitialPlanAsRun(a->tree, &d);
  KeepCountOfPlan(a->tree, d, &a->engine_report);
  PlaceByEngineMarks(a->tree, a->engine_report, &d);
  d.explanation = ReadPhotonExplanation(a->tree.engine_explanation);
  AddReportReasons(a->engine_report, &d.explanation);
  FindFallbacks(a->tree, &d);
  NameRemedies(a->tree, a->engine_report, &d);
  if (!RecognisePlan(a->tree, d, error)) {
    // Lines the text reader took for operators but that name none ("Setting default log level",
    // a driver log's other lines): the input holds no plan, so the engine's report, if any, answers.
    a->plan_failure = PlanReadFailure::kNoPlan;
    return false;
  }
  a->weight = WeighFallbacks(a->tree, &d);
  a->verdict = DecideVerdict(a->tree, d);
  a->cluster = input.cluster;
  const PriceTable& prices = input.prices ? *input.prices : PriceTable::Default();
  a->price_table_version = prices.version();
  a->waste = PriceWaste(a->cluster, d.engine.engine, a->weight.value, prices);
  a->signature = FallbackSignature(a->tree, d);
  a->confidence = AssessConfidence(*a);
  return true;
}

}  // namespace clusop
