#include "rules/bind_facts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

#include "rules/expression.hpp"

namespace clusop::rules {
namespace {

constexpr const char* kAqe = "spark.sql.adaptive.enabled";
constexpr const char* kShufflePartitions = "spark.sql.shuffle.partitions";
constexpr const char* kBroadcast = "spark.sql.autoBroadcastJoinThreshold";
constexpr const char* kSpeculation = "spark.speculation";
constexpr const char* kDynamic = "spark.dynamicAllocation.enabled";
constexpr double kSparkDefaultPartitions = 200;
constexpr double kSparkDefaultBroadcast = 10.0 * 1024 * 1024;

double Nan() { return std::nan(""); }

template <class E>
double& At(FactRow& row, E kpi) { return row.values[static_cast<size_t>(kpi)]; }
template <class E>
std::string& Text(FactRow& row, E text) { return row.texts[static_cast<size_t>(text)]; }

const std::string* Find(const SparkConf& conf, const char* key) {
  const auto it = conf.find(key);
  return it == conf.end() ? nullptr : &it->second;
}

double Bool(const std::string* v, double fallback) {
  if (!v) return fallback;
  return *v == "true" || *v == "TRUE" || *v == "True" ? 1 : 0;
}

// "10485760", "10MB", "10m", "-1" -> bytes; NaN when unreadable.
double SizeBytes(const std::string& text) {
  if (text.empty()) return Nan();
  if (text[0] == '-') return -1;
  std::string s = text;
  if (!s.empty() && (s.back() == 'b' || s.back() == 'B') && s.size() > 1 && !std::isdigit(static_cast<unsigned char>(s[s.size() - 2]))) s.pop_back();
  if (!s.empty() && std::isalpha(static_cast<unsigned char>(s.back()))) {
    const char u = static_cast<char>(std::toupper(static_cast<unsigned char>(s.back())));
    s.pop_back();
    s += u == 'K' ? "KiB" : u == 'M' ? "MiB" : u == 'G' ? "GiB" : u == 'T' ? "TiB" : "?";
  }
  double out = 0;
  return ParseNumberWithUnit(s, &out) ? out : Nan();
}

// AQE is on by default from Spark 3.2.
double AqeDefault(const std::string& version) {
  int major = 0, minor = 0;
  if (std::sscanf(version.c_str(), "%d.%d", &major, &minor) != 2) return Nan();
  return major > 3 || (major == 3 && minor >= 2) ? 1 : 0;
}

double Ms(double v) { return std::round(v); }

int64_t Duration(int64_t start, int64_t end) { return start >= 0 && end >= start ? end - start : -1; }
double Known(int64_t v) { return v < 0 ? Nan() : static_cast<double>(v); }
double Ratio(double a, double b) { return b > 0 ? a / b : Nan(); }

size_t Count(const std::string& text, const char* needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// The gaps between stages: from the first stage's submission to the last stage's completion,
// the time no stage was running (the driver alone worked, executors waited).
double DriverOnlyMs(const std::vector<StageKpis>& stages) {
  std::vector<std::pair<int64_t, int64_t>> spans;
  for (const StageKpis& s : stages)
    if (s.submission_ms >= 0 && s.completion_ms >= s.submission_ms) spans.emplace_back(s.submission_ms, s.completion_ms);
  if (spans.empty()) return 0;
  std::sort(spans.begin(), spans.end());
  double gaps = 0;
  int64_t covered = spans.front().second;
  for (const auto& [begin, end] : spans) {
    if (begin > covered) gaps += static_cast<double>(begin - covered);
    covered = std::max(covered, end);
  }
  return gaps;
}

}  // namespace

bool IsRuleConfKey(std::string_view key) {
  return key == kAqe || key == kShufflePartitions || key == kBroadcast || key == kSpeculation || key == kDynamic;
}

RuleFacts BindFacts(const AppReport& a, const SparkConf& conf) {
  RuleFacts facts;
  const double app_ms = Known(Duration(a.app.start_ms, a.app.end_ms));

  // Stages, and what each SQL execution adds up from its stages.
  std::unordered_map<int64_t, int64_t> execution_of_stage;
  for (const SqlExecutionReport& e : a.sql_executions)
    for (int64_t s : e.stage_ids) execution_of_stage.emplace(s, e.execution_id);
  std::unordered_map<int64_t, const SqlExecutionReport*> execution_by_id;
  for (const SqlExecutionReport& e : a.sql_executions) execution_by_id.emplace(e.execution_id, &e);
  std::unordered_map<int64_t, std::pair<double, double>> execution_sums;  // result bytes, run ms

  double failed_stages = 0, tasks = 0, failed_tasks = 0, run_ms = 0, gc_ms = 0, shuffle_write = 0, shuffle_stages = 0,
         shuffle_stage_ms = 0, stages = 0;
  std::vector<FactRow>& stage_rows = facts.rows[static_cast<int>(Scope::kStage)];
  stage_rows.reserve(a.stages.size());
  for (const StageKpis& s : a.stages) {
    if (s.status == "skipped") continue;
    FactRow row = EmptyRow(Scope::kStage);
    const double duration = Known(Duration(s.submission_ms, s.completion_ms));
    const QuantileSketch& d = s.task_duration_ms;
    At(row, StageKpi::stage_id) = static_cast<double>(s.stage_id);
    At(row, StageKpi::attempt) = static_cast<double>(s.attempt);
    At(row, StageKpi::duration_ms) = duration;
    At(row, StageKpi::share_of_app) = Ratio(duration, app_ms);
    At(row, StageKpi::tasks) = static_cast<double>(s.tasks);
    At(row, StageKpi::num_tasks) = Known(s.num_tasks);
    At(row, StageKpi::failed_tasks) = static_cast<double>(s.failed_tasks);
    At(row, StageKpi::killed_tasks) = static_cast<double>(s.killed_tasks);
    At(row, StageKpi::speculative_tasks) = static_cast<double>(s.speculative_tasks);
    At(row, StageKpi::failed) = s.status == "failed" ? 1 : 0;
    if (d.count() > 0) {
      At(row, StageKpi::task_p50_ms) = Ms(d.Quantile(0.5));
      At(row, StageKpi::task_p75_ms) = Ms(d.Quantile(0.75));
      At(row, StageKpi::task_p95_ms) = Ms(d.Quantile(0.95));
      At(row, StageKpi::task_max_ms) = Ms(d.max());
      const double skew = s.SkewRatio();
      At(row, StageKpi::skew_ratio) = skew < 0 ? Nan() : skew;
    }
    At(row, StageKpi::straggler_index) = Known(s.straggler_index);
    At(row, StageKpi::run_ms) = static_cast<double>(s.executor_run_ms);
    At(row, StageKpi::cpu_ms) = static_cast<double>(s.executor_cpu_ns / 1000000);
    At(row, StageKpi::gc_ms) = static_cast<double>(s.gc_ms);
    At(row, StageKpi::gc_share) = Ratio(static_cast<double>(s.gc_ms), static_cast<double>(s.executor_run_ms));
    At(row, StageKpi::scheduler_delay_ms) = static_cast<double>(s.scheduler_delay_ms);
    At(row, StageKpi::deserialize_ms) = static_cast<double>(s.deserialize_ms);
    At(row, StageKpi::result_bytes) = static_cast<double>(s.result_size_bytes);
    At(row, StageKpi::shuffle_read_bytes) = static_cast<double>(s.shuffle_read_bytes);
    At(row, StageKpi::shuffle_write_bytes) = static_cast<double>(s.shuffle_write_bytes);
    At(row, StageKpi::fetch_wait_ms) = static_cast<double>(s.fetch_wait_ms);
    At(row, StageKpi::input_bytes) = static_cast<double>(s.input_bytes);
    At(row, StageKpi::output_bytes) = static_cast<double>(s.output_bytes);
    At(row, StageKpi::memory_spilled_bytes) = static_cast<double>(s.memory_spilled_bytes);
    At(row, StageKpi::disk_spilled_bytes) = static_cast<double>(s.disk_spilled_bytes);
    At(row, StageKpi::peak_execution_memory_bytes) = static_cast<double>(s.peak_execution_memory_max);
    const auto parent = execution_of_stage.find(s.stage_id);
    At(row, StageKpi::in_sql_execution) = parent != execution_of_stage.end() ? 1 : 0;
    Text(row, StageText::name) = s.name;
    Text(row, StageText::call_site) = s.call_site;
    Text(row, StageText::straggler_executor) = s.straggler_executor;
    Text(row, StageText::failure_reason) = s.failure_reason;
    row.stage_id = s.stage_id;
    row.stage_attempt = s.attempt;
    row.code_location = s.call_site;
    if (parent != execution_of_stage.end()) {
      row.execution_id = parent->second;
      const SqlExecutionReport* e = execution_by_id[parent->second];
      Text(row, StageText::execution_description) = e->description;
      if (!e->call_site.empty()) row.code_location = e->call_site;
      auto& sums = execution_sums[parent->second];
      sums.first += static_cast<double>(s.result_size_bytes);
      sums.second += static_cast<double>(s.executor_run_ms);
    }
    stage_rows.push_back(std::move(row));
    ++stages;
    failed_stages += s.status == "failed" ? 1 : 0;
    tasks += static_cast<double>(s.tasks);
    failed_tasks += static_cast<double>(s.failed_tasks);
    run_ms += static_cast<double>(s.executor_run_ms);
    gc_ms += static_cast<double>(s.gc_ms);
    shuffle_write += static_cast<double>(s.shuffle_write_bytes);
    if (s.shuffle_read_bytes > 0) {
      ++shuffle_stages;
      if (duration == duration) shuffle_stage_ms += duration;
    }
  }

  // SQL executions and their joins.
  for (const SqlExecutionReport& e : a.sql_executions) {
    FactRow row = EmptyRow(Scope::kSqlExecution);
    const double duration = Known(Duration(e.start_ms, e.end_ms));
    const auto sums = execution_sums[e.execution_id];
    At(row, SqlKpi::execution_id) = static_cast<double>(e.execution_id);
    At(row, SqlKpi::duration_ms) = duration;
    At(row, SqlKpi::share_of_app) = Ratio(duration, app_ms);
    At(row, SqlKpi::jobs) = static_cast<double>(e.job_ids.size());
    At(row, SqlKpi::stages) = static_cast<double>(e.stage_ids.size());
    At(row, SqlKpi::failed) = e.status == "failed" ? 1 : 0;
    const bool analysed = !e.analysis_json.empty();
    At(row, SqlKpi::fallback_weight) = analysed ? e.fallback_weight : Nan();
    At(row, SqlKpi::fallback_ms) = analysed ? duration * e.fallback_weight : Nan();
    At(row, SqlKpi::waste_usd) = e.waste_usd < 0 ? Nan() : e.waste_usd;
    // node names as the analysis writes them
    const double row_udfs = static_cast<double>(Count(e.analysis_json, "\"name\":\"BatchEvalPython\""));
    At(row, SqlKpi::row_python_udf_nodes) = analysed ? row_udfs : Nan();
    At(row, SqlKpi::python_udf_nodes) = analysed ? row_udfs + static_cast<double>(Count(e.analysis_json, "\"name\":\"ArrowEvalPython\"")) : Nan();
    At(row, SqlKpi::joins) = static_cast<double>(e.joins.size());
    At(row, SqlKpi::result_bytes) = sums.first;
    At(row, SqlKpi::stage_run_ms) = sums.second;
    At(row, SqlKpi::files_read) = Known(e.files_read);
    At(row, SqlKpi::file_bytes_read) = Known(e.file_bytes_read);
    Text(row, SqlText::description) = e.description;
    Text(row, SqlText::call_site) = e.call_site;
    row.execution_id = e.execution_id;
    row.code_location = e.call_site;

    for (const JoinFacts& j : e.joins) {
      FactRow jr = EmptyRow(Scope::kJoin);
      At(jr, JoinKpi::execution_id) = static_cast<double>(e.execution_id);
      At(jr, JoinKpi::node) = j.node;
      At(jr, JoinKpi::sort_merge) = j.strategy == "SortMergeJoin";
      At(jr, JoinKpi::shuffled_hash) = j.strategy == "ShuffledHashJoin";
      At(jr, JoinKpi::broadcast_hash) = j.strategy == "BroadcastHashJoin";
      At(jr, JoinKpi::nested_loop) = j.strategy == "BroadcastNestedLoopJoin";
      At(jr, JoinKpi::cartesian) = j.strategy == "CartesianProduct";
      At(jr, JoinKpi::left_bytes) = Known(j.left_bytes);
      At(jr, JoinKpi::right_bytes) = Known(j.right_bytes);
      At(jr, JoinKpi::left_rows) = Known(j.left_rows);
      At(jr, JoinKpi::right_rows) = Known(j.right_rows);
      if (j.left_bytes >= 0 && j.right_bytes >= 0) {
        const bool left_small = j.left_bytes <= j.right_bytes;
        At(jr, JoinKpi::small_side_bytes) = static_cast<double>(left_small ? j.left_bytes : j.right_bytes);
        At(jr, JoinKpi::large_side_bytes) = static_cast<double>(left_small ? j.right_bytes : j.left_bytes);
        Text(jr, JoinText::small_side) = left_small ? "left" : "right";
      }
      if (j.left_rows >= 0 && j.right_rows >= 0)
        At(jr, JoinKpi::output_rows_bound) = static_cast<double>(j.left_rows) * static_cast<double>(j.right_rows);
      At(jr, JoinKpi::execution_ms) = duration;
      At(jr, JoinKpi::execution_stage_run_ms) = sums.second;
      Text(jr, JoinText::strategy) = j.strategy;
      Text(jr, JoinText::operator_name) = j.operator_name;
      Text(jr, JoinText::join_type) = j.join_type;
      Text(jr, JoinText::build_side) = j.build_side;
      Text(jr, JoinText::description) = e.description;
      Text(jr, JoinText::call_site) = e.call_site;
      jr.execution_id = e.execution_id;
      jr.code_location = e.call_site;
      facts.rows[static_cast<int>(Scope::kJoin)].push_back(std::move(jr));
    }
    facts.rows[static_cast<int>(Scope::kSqlExecution)].push_back(std::move(row));
  }

  // Executors.
  for (const ExecutorSpan& x : a.executors) {
    FactRow row = EmptyRow(Scope::kExecutor);
    At(row, ExecutorKpi::cores) = static_cast<double>(x.cores);
    const int64_t end = x.removed_ms >= 0 ? x.removed_ms : a.app.end_ms;
    At(row, ExecutorKpi::lifetime_ms) = Known(Duration(x.added_ms, end));
    At(row, ExecutorKpi::removed) = x.removed_ms >= 0 ? 1 : 0;
    Text(row, ExecutorText::executor_id) = x.id;
    Text(row, ExecutorText::host) = x.host;
    Text(row, ExecutorText::removed_reason) = x.removed_reason;
    row.executor_id = x.id;
    facts.rows[static_cast<int>(Scope::kExecutor)].push_back(std::move(row));
  }

  // The application.
  FactRow& app = facts.application;
  app = EmptyRow(Scope::kApplication);
  const Utilisation& u = a.utilisation;
  At(app, AppKpi::duration_ms) = app_ms;
  At(app, AppKpi::executors) = a.max_executors;
  At(app, AppKpi::cores) = static_cast<double>(a.max_cores);
  At(app, AppKpi::core_seconds_available) = u.core_seconds_available;
  At(app, AppKpi::core_seconds_busy) = u.core_seconds_busy;
  At(app, AppKpi::utilisation) = u.ratio < 0 ? Nan() : u.ratio;
  At(app, AppKpi::idle_core_ms) = u.ratio < 0 ? Nan() : std::max(0.0, (u.core_seconds_available - u.core_seconds_busy) * 1000);
  At(app, AppKpi::jobs) = static_cast<double>(a.app.jobs);
  At(app, AppKpi::failed_jobs) = static_cast<double>(a.app.failed_jobs);
  At(app, AppKpi::stages) = stages;
  At(app, AppKpi::failed_stages) = failed_stages;
  At(app, AppKpi::tasks) = tasks;
  At(app, AppKpi::failed_tasks) = failed_tasks;
  At(app, AppKpi::run_ms) = run_ms;
  At(app, AppKpi::gc_ms) = gc_ms;
  At(app, AppKpi::shuffle_write_bytes) = shuffle_write;
  At(app, AppKpi::shuffle_stages) = shuffle_stages;
  At(app, AppKpi::shuffle_stage_ms) = shuffle_stage_ms;
  const double gaps = DriverOnlyMs(a.stages);
  At(app, AppKpi::driver_only_ms) = gaps;
  At(app, AppKpi::driver_only_core_ms) = gaps * static_cast<double>(a.max_cores);
  At(app, AppKpi::sql_executions) = static_cast<double>(a.sql_executions.size());
  const std::string* aqe = Find(conf, kAqe);
  At(app, AppKpi::aqe_enabled) = aqe ? Bool(aqe, 0) : AqeDefault(a.app.spark_version);
  const std::string* partitions = Find(conf, kShufflePartitions);
  At(app, AppKpi::shuffle_partitions) = partitions ? std::strtod(partitions->c_str(), nullptr) : kSparkDefaultPartitions;
  At(app, AppKpi::shuffle_partitions_set) = partitions ? 1 : 0;
  const std::string* broadcast = Find(conf, kBroadcast);
  At(app, AppKpi::broadcast_threshold_bytes) = broadcast ? SizeBytes(*broadcast) : kSparkDefaultBroadcast;
  At(app, AppKpi::speculation) = Bool(Find(conf, kSpeculation), 0);
  At(app, AppKpi::dynamic_allocation) = a.cluster.dynamic_allocation ? 1 : 0;
  At(app, AppKpi::local_mode) = a.cluster.master.rfind("local", 0) == 0 ? 1 : 0;
  Text(app, AppText::app_id) = a.app.app_id;
  Text(app, AppText::app_name) = a.app.name;
  Text(app, AppText::spark_version) = a.app.spark_version;
  Text(app, AppText::platform) = a.cluster.platform;
  return facts;
}

}  // namespace clusop::rules
