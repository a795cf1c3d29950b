#include "report/scan_json.hpp"

#include <algorithm>
#include <cmath>

#include "common/display_text.hpp"
#include "rank/finding_json.hpp"
#include "report/error_json.hpp"
#include "report/json_writer.hpp"

namespace clusop {
namespace {

void OptionalInt(JsonWriter& w, const char* key, int64_t value) {
  w.Key(key);
  if (value < 0) w.Null();
  else w.Int(value);
}

void OptionalString(JsonWriter& w, const char* key, const std::string& value) {
  w.Key(key);
  if (value.empty()) w.Null();
  else w.String(value);
}

void Ratio(JsonWriter& w, const char* key, double value) {
  w.Key(key);
  if (value < 0 || !std::isfinite(value)) w.Null();
  else w.Fixed(value, 4);
}

int64_t Millis(double value) { return std::llround(value); }

// Each figure a person reads is written twice: the number under `key`, and under `key`_text
// the words the CLI text prints for it (common/display_text), so no face formats a number.
std::string TextKey(const char* key) { return std::string(key) + "_text"; }

void Text(JsonWriter& w, const char* key, const std::string& text) { w.Key(TextKey(key).c_str()).String(text); }

void Duration(JsonWriter& w, const char* key, int64_t ms) {
  OptionalInt(w, key, ms);
  w.Key(TextKey(key).c_str());
  if (ms < 0) w.Null();
  else w.String(display::Duration(static_cast<double>(ms)));
}

void DurationAlways(JsonWriter& w, const char* key, int64_t ms) {
  w.Key(key).Int(ms);
  Text(w, key, display::Duration(static_cast<double>(ms)));
}

void Bytes(JsonWriter& w, const char* key, int64_t bytes) {
  w.Key(key).Int(bytes);
  Text(w, key, display::Bytes(bytes));
}

void Share(JsonWriter& w, const char* key, double value) {
  Ratio(w, key, value);
  w.Key(TextKey(key).c_str());
  if (value < 0 || !std::isfinite(value)) w.Null();
  else w.String(display::Percent(value));
}

void WriteStage(JsonWriter& w, const StageKpis& s) {
  w.BeginObject();
  w.Key("stage_id").Int(s.stage_id);
  w.Key("attempt").Int(s.attempt);
  OptionalInt(w, "job_id", s.job_id);
  w.Key("name").String(s.name);
  w.Key("status").String(s.status);
  OptionalString(w, "failure_reason", s.failure_reason);
  OptionalString(w, "call_site", s.call_site);
  OptionalInt(w, "submission_ms", s.submission_ms);
  OptionalInt(w, "completion_ms", s.completion_ms);
  Duration(w, "duration_ms", s.submission_ms >= 0 && s.completion_ms >= s.submission_ms ? s.completion_ms - s.submission_ms : -1);
  OptionalInt(w, "num_tasks", s.num_tasks);
  w.Key("tasks_seen").Int(s.tasks);
  w.Key("succeeded_tasks").Int(s.succeeded_tasks);
  w.Key("failed_tasks").Int(s.failed_tasks);
  w.Key("killed_tasks").Int(s.killed_tasks);
  w.Key("speculative_tasks").Int(s.speculative_tasks);
  const QuantileSketch& d = s.task_duration_ms;
  w.Key("task_duration_ms");
  if (d.count() == 0) {
    w.Null();
  } else {
    w.BeginObject();
    DurationAlways(w, "p50", Millis(d.Quantile(0.50)));
    DurationAlways(w, "p75", Millis(d.Quantile(0.75)));
    DurationAlways(w, "p95", Millis(d.Quantile(0.95)));
    DurationAlways(w, "max", Millis(d.max()));
    w.EndObject();
  }
  Ratio(w, "skew_ratio", s.SkewRatio());
  w.Key("skew_ratio_text");
  if (s.SkewRatio() < 0 || !std::isfinite(s.SkewRatio())) w.Null();
  else w.String(display::Times(s.SkewRatio()));
  w.Key("straggler");
  if (s.straggler_task_id < 0) {
    w.Null();
  } else {
    w.BeginObject();
    w.Key("task_id").Int(s.straggler_task_id);
    w.Key("index").Int(s.straggler_index);
    w.Key("executor_id").String(s.straggler_executor);
    DurationAlways(w, "duration_ms", Millis(d.max()));
    w.EndObject();
  }
  DurationAlways(w, "executor_run_time_ms", s.executor_run_ms);
  DurationAlways(w, "max_task_run_time_ms", s.max_task_run_ms);
  DurationAlways(w, "executor_cpu_time_ms", s.executor_cpu_ns / 1000000);
  DurationAlways(w, "gc_time_ms", s.gc_ms);
  Share(w, "gc_share", s.executor_run_ms > 0 ? static_cast<double>(s.gc_ms) / static_cast<double>(s.executor_run_ms) : -1);
  DurationAlways(w, "deserialize_time_ms", s.deserialize_ms);
  DurationAlways(w, "result_serialization_time_ms", s.result_serialization_ms);
  DurationAlways(w, "scheduler_delay_ms", s.scheduler_delay_ms);
  Bytes(w, "result_size_bytes", s.result_size_bytes);
  Bytes(w, "shuffle_read_bytes", s.shuffle_read_bytes);
  Bytes(w, "max_task_shuffle_read_bytes", s.max_task_shuffle_read_bytes);
  Bytes(w, "shuffle_remote_read_bytes", s.shuffle_remote_bytes);
  w.Key("shuffle_read_records").Int(s.shuffle_read_records);
  DurationAlways(w, "fetch_wait_ms", s.fetch_wait_ms);
  Bytes(w, "shuffle_write_bytes", s.shuffle_write_bytes);
  w.Key("shuffle_write_records").Int(s.shuffle_write_records);
  DurationAlways(w, "shuffle_write_time_ms", s.shuffle_write_ns / 1000000);
  w.Key("shuffle_write_time_source").String(s.shuffle_write_time_source);
  Bytes(w, "input_bytes", s.input_bytes);
  w.Key("input_records").Int(s.input_records);
  Bytes(w, "output_bytes", s.output_bytes);
  w.Key("output_records").Int(s.output_records);
  Bytes(w, "memory_spilled_bytes", s.memory_spilled_bytes);
  Bytes(w, "disk_spilled_bytes", s.disk_spilled_bytes);
  Bytes(w, "peak_execution_memory_max_bytes", s.peak_execution_memory_max);
  w.Key("peak_execution_memory_source").String(s.peak_execution_memory_source);
  w.EndObject();
}

void WriteCluster(JsonWriter& w, const AppReport& a) {
  const ClusterShape& c = a.cluster;
  w.Key("cluster").BeginObject();
  OptionalString(w, "master", c.master);
  OptionalString(w, "cloud", c.cloud);
  OptionalString(w, "region", c.region);
  OptionalString(w, "worker_node_type", c.worker_node_type);
  OptionalString(w, "driver_node_type", c.driver_node_type);
  OptionalInt(w, "workers", c.workers);
  OptionalInt(w, "min_workers", c.min_workers);
  OptionalInt(w, "max_workers", c.max_workers);
  w.Key("autoscaling").Bool(c.autoscaling);
  OptionalString(w, "runtime_engine", c.runtime_engine);
  OptionalString(w, "databricks_runtime", c.databricks_runtime);
  w.Key("photon").Bool(c.photon);
  OptionalInt(w, "executor_cores", c.executor_cores);
  OptionalInt(w, "executor_instances", c.executor_instances);
  OptionalString(w, "executor_memory", c.executor_memory);
  w.Key("dynamic_allocation").Bool(c.dynamic_allocation);
  w.Key("max_executors").Int(a.max_executors);
  w.Key("max_cores").Int(a.max_cores);
  w.EndObject();
}

void WriteExecutors(JsonWriter& w, const AppReport& a) {
  w.Key("executors").BeginArray();
  for (const ExecutorSpan& e : a.executors) {
    w.BeginObject();
    w.Key("id").String(e.id);
    w.Key("host").String(e.host);
    w.Key("cores").Int(e.cores);
    OptionalInt(w, "added_ms", e.added_ms);
    OptionalInt(w, "removed_ms", e.removed_ms);
    OptionalString(w, "removed_reason", e.removed_reason);
    w.EndObject();
  }
  w.EndArray();
  const Utilisation& u = a.utilisation;
  w.Key("utilisation").BeginObject();
  w.Key("core_seconds_available").Fixed(u.core_seconds_available, 3);
  Text(w, "core_seconds_available", display::Number(u.core_seconds_available, 0));
  w.Key("core_seconds_busy").Fixed(u.core_seconds_busy, 3);
  Text(w, "core_seconds_busy", display::Number(u.core_seconds_busy, 0));
  Share(w, "ratio", u.ratio);
  w.EndObject();
}

void WriteTotals(JsonWriter& w, const AppTotals& t) {
  w.Key("totals").BeginObject();
  DurationAlways(w, "executor_run_time_ms", t.executor_run_ms);
  DurationAlways(w, "executor_cpu_time_ms", t.executor_cpu_ms);
  Bytes(w, "shuffle_read_bytes", t.shuffle_read_bytes);
  Bytes(w, "shuffle_write_bytes", t.shuffle_write_bytes);
  Bytes(w, "memory_spilled_bytes", t.memory_spilled_bytes);
  Bytes(w, "disk_spilled_bytes", t.disk_spilled_bytes);
  Bytes(w, "max_task_shuffle_read_bytes", t.max_task_shuffle_read_bytes);
  Ratio(w, "max_skew_ratio", t.max_skew_ratio);
  w.Key("max_skew_ratio_text");
  if (t.max_skew_ratio < 0 || !std::isfinite(t.max_skew_ratio)) w.Null();
  else w.String(display::Times(t.max_skew_ratio));
  OptionalInt(w, "max_skew_stage_id", t.max_skew_ratio < 0 ? -1 : t.max_skew_stage_id);
  w.Key("modeled_usd");
  if (t.modeled_usd) w.Fixed(*t.modeled_usd, 4);
  else w.Null();
  w.Key("modeled_usd_text").String(t.modeled_usd ? display::ModeledPerRun(*t.modeled_usd) : "not priced");
  w.Key("usd_basis").String("modeled");
  w.Key("usd_missing").BeginArray();
  for (const std::string& m : t.usd_missing) w.String(m);
  w.EndArray();
  w.EndObject();
}

void WriteRead(JsonWriter& w, const ReadSummary& r) {
  w.Key("read").BeginObject();
  w.Key("lines").Int(static_cast<int64_t>(r.lines));
  w.Key("events").Int(static_cast<int64_t>(r.events));
  Text(w, "events", display::Count(static_cast<int64_t>(r.events)));
  w.Key("bad_lines").Int(static_cast<int64_t>(r.bad_lines));
  Text(w, "bad_lines", display::Count(static_cast<int64_t>(r.bad_lines)));
  w.Key("parts").BeginArray();
  for (const PartRead& p : r.parts) {
    w.BeginObject();
    w.Key("path").String(p.path);
    OptionalString(w, "codec", p.codec);
    Bytes(w, "bytes", static_cast<int64_t>(p.bytes_in));
    w.Key("lines").Int(static_cast<int64_t>(p.lines));
    w.Key("truncated").Bool(p.truncated);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteErrors(JsonWriter& w, const std::vector<ScanError>& errors) {
  for (const ScanError& e : errors) {
    w.BeginObject();
    w.Key("path").String(e.path);
    w.Key("message").String(e.message);
    w.EndObject();
  }
}

}  // namespace

void WriteAppReport(JsonWriter* out, const AppReport& a) {
  JsonWriter& w = *out;
  const AppSummary& app = a.app;
  w.BeginObject();
  OptionalString(w, "app_id", app.app_id);
  OptionalString(w, "attempt", app.attempt);
  OptionalString(w, "name", app.name);
  OptionalString(w, "user", app.user);
  OptionalString(w, "spark_version", app.spark_version);
  w.Key("platform").String(a.cluster.platform);
  w.Key("complete").Bool(app.complete);
  OptionalInt(w, "start_ms", app.start_ms);
  w.Key("start_ms_text");
  if (app.start_ms < 0) w.Null();
  else w.String(display::UtcMinute(app.start_ms));
  OptionalInt(w, "end_ms", app.end_ms);
  Duration(w, "duration_ms", app.start_ms >= 0 && app.end_ms >= app.start_ms ? app.end_ms - app.start_ms : -1);
  w.Key("jobs").Int(app.jobs);
  w.Key("failed_jobs").Int(app.failed_jobs);
  w.Key("skipped_stages").Int(app.skipped_stages);
  WriteCluster(w, a);
  WriteExecutors(w, a);
  w.Key("stages").BeginArray();
  for (const StageKpis& s : a.stages) WriteStage(w, s);
  w.EndArray();
  w.Key("sql_executions").BeginArray();
  for (const SqlExecutionReport& e : a.sql_executions) WriteSqlExecution(&w, e);
  w.EndArray();
  w.Key("sql_totals");
  WriteSqlTotals(&w, a.sql_totals);
  WriteTotals(w, a.totals);
  WriteRead(w, a.read);
  w.Key("errors").BeginArray();
  WriteErrors(w, a.errors);
  w.EndArray();
  w.Key("recommendations");
  WriteRecommendations(&w, a.recommendations);
  w.EndObject();
}

std::string ScanToJson(const std::vector<const AppReport*>& applications, const std::vector<ScanError>& errors, int indent) {
  JsonWriter w(indent);
  w.BeginObject();
  w.Key("schema").String(kScanSchema);
  w.Key("applications").BeginArray();
  for (const AppReport* a : applications) WriteAppReport(&w, *a);
  w.EndArray();
  w.Key("errors").BeginArray();
  WriteErrors(w, errors);
  for (const AppReport* a : applications) WriteErrors(w, a->errors);
  w.EndArray();
  // The rules are the same for every application of a scan: their errors are listed once.
  std::vector<RuleError> rule_errors;
  for (const AppReport* a : applications)
    for (const RuleError& e : a->rule_errors)
      if (std::none_of(rule_errors.begin(), rule_errors.end(), [&](const RuleError& x) { return x.line == e.line && x.message == e.message; }))
        rule_errors.push_back(e);
  w.Key("rule_errors");
  WriteRuleErrors(&w, rule_errors);
  w.EndObject();
  return w.Take();
}

std::string ScanErrorToJson(std::string_view code, std::string_view message, int indent) {
  return ContractErrorJson(kScanSchema, code, message, indent);
}

}  // namespace clusop
