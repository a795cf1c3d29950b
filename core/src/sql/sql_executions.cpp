#include "sql/sql_executions.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>

#include "analysis/analyze.hpp"
#include "common/text.hpp"
#include "engine_log/engine_report.hpp"
#include "price/cluster_from_conf.hpp"
#include "report/analysis_json.hpp"
#include "sql/join_facts.hpp"
#include "sql/scan_files.hpp"
#include "sql/sql_event.hpp"

namespace clusop {
namespace {

struct Execution {
  SqlExecutionReport report;
  std::string plan_line;   // the latest plan: the last AQE update, else the start's
  std::string plan_error;  // why plan_line is empty or unreadable, when known
  std::string engine_log;  // the engine's own fallback reports of this execution, one line each
  bool ended = false;
  bool analysed = false;
  bool has_fallback = false;
};

std::string_view FirstLine(std::string_view s) {
  const size_t eol = s.find('\n');
  return text::Trim(eol == std::string_view::npos ? s : s.substr(0, eol));
}

void SortUnique(std::vector<int64_t>* ids) {
  std::sort(ids->begin(), ids->end());
  ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
}

int32_t NativeOperators(const Analysis& a) { return a.diagnosis.native_ops; }

}  // namespace

struct SqlExecutions::State {
  ScanOptions options;
  std::map<int64_t, Execution> executions;
  SparkConf conf;                                    // only the keys ClusterFromSparkConf reads
  std::unordered_map<int64_t, double> stage_values;  // the driver's running total at each stage end
  std::unordered_map<int64_t, double> driver_values;
  std::unordered_map<int64_t, double> values;        // what the plans see: stage + driver
  int64_t last_event_ms = -1;

  Execution& Get(int64_t id) {
    Execution& x = executions[id];
    x.report.execution_id = id;
    return x;
  }

  void SetValue(int64_t id) {
    double v = 0;
    if (const auto s = stage_values.find(id); s != stage_values.end()) v += s->second;
    if (const auto d = driver_values.find(id); d != driver_values.end()) v += d->second;
    values[id] = v;
  }

  // An engine's own report of an execution's fallbacks (Gluten posts one each time its rules
  // run, the first before SQLExecutionStart): read beside the plan when the execution is analysed.
  void AddEngineReport(std::string_view line) {
    constexpr size_t kMaxEngineLog = size_t{8} << 20;  // reports of one plan, not a log's worth
    SqlEvent e;
    std::string error;
    ReadSqlEvent(line, &e, &error);
    if (e.execution_id < 0) return;
    Execution& x = Get(e.execution_id);
    if (x.analysed || x.engine_log.size() + line.size() >= kMaxEngineLog) return;
    x.engine_log.append(line).push_back('\n');
  }

  void Analyse(Execution* x);
};

SqlExecutions::SqlExecutions(const ScanOptions& options) : state_(std::make_unique<State>()) {
  state_->options = options;
}

SqlExecutions::~SqlExecutions() = default;

void SqlExecutions::OnSqlEvent(std::string_view event, std::string_view line) {
  if (IsEngineReportEvent(event)) return state_->AddEngineReport(line);
  const SqlEventKind kind = SqlEventKindOf(event);
  // SQLAdaptiveSQLMetricUpdates defines the metrics of a re-planned subquery (AQE posts no plan
  // update for it), whose nodes no sparkPlanInfo shows: their values have no node to land on.
  if (kind == SqlEventKind::kOther || kind == SqlEventKind::kAdaptiveMetrics) return;
  SqlEvent e;
  std::string error;
  const bool ok = ReadSqlEvent(line, &e, &error);
  if (e.execution_id < 0) return;  // nothing to attach it to
  Execution& x = state_->Get(e.execution_id);
  SqlExecutionReport& r = x.report;
  switch (kind) {
    case SqlEventKind::kExecutionStart:
      r.description = e.description;
      r.call_site = std::string(FirstLine(e.details));
      r.start_ms = e.time_ms;
      if (r.aqe_updates > 0) break;  // a later plan is already known
      [[fallthrough]];
    case SqlEventKind::kAdaptiveUpdate:
      if (kind == SqlEventKind::kAdaptiveUpdate) ++r.aqe_updates;
      x.plan_line.clear();
      x.plan_error.clear();
      if (!ok) x.plan_error = "the execution's latest plan event is unreadable: " + error;
      else if (!e.has_plan) x.plan_error = "the execution's latest plan event carries no sparkPlanInfo";
      else x.plan_line.assign(line);
      x.plan_line.shrink_to_fit();
      break;
    case SqlEventKind::kDriverAccumUpdates:
      for (const auto& [id, value] : e.accum_updates) {
        state_->driver_values[id] = value;  // a later update of an id replaces the earlier one, as in Spark's UI
        state_->SetValue(id);
      }
      break;
    case SqlEventKind::kExecutionEnd:
      x.ended = true;
      r.end_ms = e.time_ms;
      r.error_message = e.error_message;
      // Its stages and driver updates are in: analyse now and drop the plan line.
      state_->Analyse(&x);
      break;
    case SqlEventKind::kAdaptiveMetrics:
    case SqlEventKind::kOther:
      break;
  }
}

void SqlExecutions::OnSparkProperty(std::string_view key, std::string_view value) {
  if (IsClusterConfKey(key)) state_->conf[std::string(key)] = std::string(value);
}

void SqlExecutions::OnJob(int64_t execution_id, int64_t job_id, const std::vector<int64_t>& stage_ids) {
  SqlExecutionReport& r = state_->Get(execution_id).report;
  r.job_ids.push_back(job_id);
  r.stage_ids.insert(r.stage_ids.end(), stage_ids.begin(), stage_ids.end());
}

void SqlExecutions::OnStageAccumulator(int64_t accumulator_id, std::string_view name, double value) {
  if (text::StartsWith(name, "internal.")) return;  // task metrics, not plan metrics
  // A stage reports the accumulator's running total on the driver (earlier stages and attempts
  // included), so the latest report is the value; adding them up would count earlier ones again.
  state_->stage_values[accumulator_id] = value;
  state_->SetValue(accumulator_id);
}

void SqlExecutions::OnLastEventTime(int64_t time_ms) {
  state_->last_event_ms = std::max(state_->last_event_ms, time_ms);
}

void SqlExecutions::State::Analyse(Execution* x) {
  if (x->analysed) return;
  x->analysed = true;
  const std::string engine_log = std::exchange(x->engine_log, {});
  SqlExecutionReport& r = x->report;
  if (x->plan_line.empty()) {
    r.analysis_error = !x->plan_error.empty() ? x->plan_error
                                              : "no plan: the log holds no SQLExecutionStart or AQE update for this execution";
    return;
  }
  const ConfCluster from_conf = ClusterFromSparkConf(conf);
  AnalyzeInput input;
  input.plan = x->plan_line;
  input.engine_log = engine_log;
  input.engine = options.engine != "auto" || from_conf.engine.empty() ? options.engine : from_conf.engine;
  input.photon_enabled = options.photon_enabled.has_value() ? options.photon_enabled : from_conf.photon_enabled;
  input.cluster = MergeCluster(options.cluster, from_conf.cluster);
  const int64_t end = r.end_ms >= 0 ? r.end_ms : last_event_ms;
  if (input.cluster.runtime_seconds < 0 && r.start_ms >= 0 && end >= r.start_ms)
    input.cluster.runtime_seconds = static_cast<double>(end - r.start_ms) / 1000.0;
  input.prices = options.prices;
  input.metric_values = &values;

  Analysis analysis;
  std::string error;
  if (!Analyze(input, &analysis, &error)) {
    r.analysis_error = "the execution's plan could not be read: " + error;
  } else {
    // Databricks prints vanilla operator names in the execution start's sparkPlanInfo while
    // its text description names the Photon operators that ran: judge the description then.
    std::string description;
    Analysis from_text;
    if (NativeOperators(analysis) == 0 && x->plan_line.find("Photon") != std::string::npos &&
        ReadPlanDescription(x->plan_line, &description)) {
      AnalyzeInput text_input = input;
      text_input.plan = description;
      text_input.metric_values = nullptr;
      std::string text_error;
      if (Analyze(text_input, &from_text, &text_error) && NativeOperators(from_text) > 0) {
        from_text.tree.warnings.push_back(
            "sparkPlanInfo names no engine operator while physicalPlanDescription does (Databricks): "
            "judged the description, without metric values");
        analysis = std::move(from_text);
      }
    }
    r.analysis_json = AnalysisToJson(analysis, 0, /*node_text=*/false);
    r.fallback_weight = analysis.weight.value;
    r.waste_usd = analysis.waste.usd ? *analysis.waste.usd : -1;
    x->has_fallback = !analysis.diagnosis.fallbacks.empty();
    r.joins = FindJoins(analysis.tree);
    const ScanFiles files = FindScanFiles(analysis.tree);
    r.files_read = files.files;
    r.file_bytes_read = files.bytes;
  }
  std::string().swap(x->plan_line);
}

void SqlExecutions::Finish(std::vector<SqlExecutionReport>* executions, SqlTotals* totals) {
  State& s = *state_;
  *totals = SqlTotals{};
  totals->waste_priced = true;
  double weighted = 0, total_ms = 0;
  for (auto& [id, x] : s.executions) {
    s.Analyse(&x);
    SqlExecutionReport& r = x.report;
    r.status = !x.ended ? "running" : r.error_message.empty() ? "succeeded" : "failed";
    SortUnique(&r.job_ids);
    SortUnique(&r.stage_ids);
    ++totals->executions;
    if (x.has_fallback) ++totals->with_fallback;
    const int64_t end = x.ended ? r.end_ms : s.last_event_ms;
    if (!r.analysis_json.empty() && r.start_ms >= 0 && end > r.start_ms) {
      const double ms = static_cast<double>(end - r.start_ms);
      weighted += r.fallback_weight * ms;
      total_ms += ms;
    }
    if (r.analysis_json.empty()) totals->waste_priced = false;
    else if (r.waste_usd >= 0) totals->waste_usd += r.waste_usd;
    else if (x.has_fallback) totals->waste_priced = false;
    executions->push_back(std::move(r));
  }
  totals->fallback_time_share = total_ms > 0 ? weighted / total_ms : 0;
  s.executions.clear();
}

}  // namespace clusop
