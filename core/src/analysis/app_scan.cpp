#include "analysis/app_scan.hpp"

#include <utility>

#include "eventlog/event_reader.hpp"
#include "eventlog/line_splitter.hpp"
#include "eventlog/rollover_check.hpp"
#include "io/codec.hpp"
#include "kpi/app_kpis.hpp"
#include "kpi/app_report.hpp"
#include "rules/recommend.hpp"
#include "sql/sql_executions.hpp"

namespace clusop {

// Events go to the KPIs and, for what concerns SQL executions, to SqlExecutions.
struct AppScan::State : public EventHandler {
  explicit State(ScanOptions o)
      : options(std::move(o)), sql(options), reader(this), lines(&reader, options.max_line_bytes) {}

  void OnLogStart(const LogStartEvent& e) override {
    kpis.OnLogStart(e);
    if (e.rollover_number >= 0) rollovers.OnRollover(part ? part->path : std::string(), e.rollover_number);
  }
  void OnApplicationStart(const ApplicationStartEvent& e) override { kpis.OnApplicationStart(e); }
  void OnApplicationEnd(int64_t time_ms) override { kpis.OnApplicationEnd(time_ms); }
  void OnSparkProperty(std::string_view key, std::string_view value) override {
    kpis.OnSparkProperty(key, value);
    sql.OnSparkProperty(key, value);
    if (IsRecommendConfKey(key)) conf[std::string(key)] = std::string(value);
  }
  void OnExecutorAdded(const ExecutorEvent& e) override { kpis.OnExecutorAdded(e); }
  void OnExecutorRemoved(const ExecutorEvent& e) override { kpis.OnExecutorRemoved(e); }
  void OnJobStart(const JobStartEvent& e) override {
    kpis.OnJobStart(e);
    if (e.sql_execution_id >= 0) sql.OnJob(e.sql_execution_id, e.job_id, e.stage_ids);
  }
  void OnJobEnd(const JobEndEvent& e) override { kpis.OnJobEnd(e); }
  void OnJobStage(const JobStartEvent& job, const StageInfoEvent& stage) override { kpis.OnJobStage(job, stage); }
  void OnStage(const StageInfoEvent& e) override { kpis.OnStage(e); }
  void OnStageAccumulable(const StageInfoEvent&, const StageAccumulable& a) override {
    sql.OnStageAccumulator(a.id, a.name, a.value);
  }
  void OnTaskEnd(const TaskEndEvent& e) override { kpis.OnTaskEnd(e); }
  void OnSqlEvent(std::string_view event, std::string_view line) override { sql.OnSqlEvent(event, line); }
  void OnEventTime(int64_t time_ms) override { kpis.OnEventTime(time_ms); }

  bool Fail(const std::string& message) {
    report.errors.push_back({part ? part->path : std::string(), message});
    error = (part && !part->path.empty() ? part->path + ": " : std::string()) + message;
    failed = true;
    decoder.reset();
    return false;
  }

  bool EndPart() {
    if (!decoder) return !failed;
    std::string message;
    bool cut = false;
    if (!decoder->Finish(&lines, &cut, &message) || !lines.EndPart(&message)) return Fail(message);
    cut = reader.EndPart() || cut;
    part->codec = CodecName(decoder->codec());
    // a zip entry fed from its header (the browser) counts its own bytes, as a face that
    // inflates the entry itself (the command line, Python) feeds them
    if (decoder->reads_zip_entry()) part->bytes_in = decoder->zip_entry_bytes();
    part->lines = lines.lines();
    part->truncated = cut;
    decoder.reset();
    return true;
  }

  ScanOptions options;
  AppKpis kpis;
  SqlExecutions sql;
  EventReader reader;
  LineSplitter lines;
  RolloverCheck rollovers;
  SparkConf conf;  // the properties the rules and the cluster price read
  std::unique_ptr<SniffingDecoder> decoder;
  PartRead* part = nullptr;
  AppReport report;
  std::string error;
  bool failed = false;
  bool finished = false;
};

AppScan::AppScan(ScanOptions options) : state_(std::make_unique<State>(std::move(options))) {}
AppScan::~AppScan() = default;

bool AppScan::BeginPart(std::string_view name) {
  State& s = *state_;
  if (s.failed || s.finished || !s.EndPart()) return false;
  s.report.read.parts.emplace_back();
  s.report.read.parts.back().path.assign(name);
  s.part = &s.report.read.parts.back();
  s.decoder = std::make_unique<SniffingDecoder>(std::string(name));
  s.lines.BeginPart();
  s.reader.BeginPart(name);
  return true;
}

bool AppScan::Feed(std::string_view bytes) {
  State& s = *state_;
  if (s.finished || (!s.part && !BeginPart(""))) return false;
  s.part->bytes_in += bytes.size();  // what the face read, even past a failure
  if (!s.decoder) return false;
  std::string message;
  if (!s.decoder->Feed(bytes, &s.lines, &message)) return s.Fail(message);
  return true;
}

const AppReport& AppScan::Finish() {
  State& s = *state_;
  if (s.finished) return s.report;
  s.finished = true;
  s.EndPart();
  const EventReadStats& stats = s.reader.stats();
  ReadSummary& read = s.report.read;
  read.lines = stats.lines;
  read.events = stats.events;
  read.bad_lines = stats.bad_lines;
  if (stats.bad_lines > 0)
    s.report.errors.push_back({stats.first_bad_part, std::to_string(stats.bad_lines) + " line(s) are not JSON events; the first, line " +
                                                         std::to_string(stats.first_bad_line) + ": " + stats.first_bad_message});
  s.rollovers.Report(&s.report.errors);
  if (!s.failed && stats.events == 0) {
    s.Fail(stats.lines == 0 ? "empty: expected Spark event-log JSON lines, found no line"
                            : "no complete Spark event: expected JSON lines with an \"Event\" field");
  }
  s.sql.OnLastEventTime(s.kpis.last_event_ms());
  s.sql.Finish(&s.report.sql_executions, &s.report.sql_totals);
  s.kpis.Finish(&s.report);
  AppSummary& app = s.report.app;
  bool cut = stats.truncated_tail;
  for (const PartRead& p : read.parts) cut = cut || p.truncated;
  app.complete = app.ended && !cut && !s.failed;
  if (stats.events > 0) Recommend(s.options, s.conf, &s.report);
  return s.report;
}

const std::string& AppScan::error() const { return state_->error; }

}  // namespace clusop
