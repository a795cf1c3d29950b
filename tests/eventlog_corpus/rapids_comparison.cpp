#include "rapids_comparison.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <utility>

namespace clusop::testing {
namespace {

using nlohmann::json;

constexpr double kMiB = 1024.0 * 1024.0;

// Their per-stage columns and our stage fields of the same meaning. rapids-tools counts every
// task attempt of the stage attempt (failed, killed and resubmitted ones too).
const std::vector<std::pair<std::string, std::string>> kStageAggFields = {
    {"numTasks", "tasks_seen"},
    {"duration", "duration_ms"},
    {"durationMax", "task_duration_ms.max"},
    {"executorRunTimeSum", "executor_run_time_ms"},
    {"jvmGCTimeSum", "gc_time_ms"},
    {"memoryBytesSpilledSum", "memory_spilled_bytes"},
    {"diskBytesSpilledSum", "disk_spilled_bytes"},
    {"srTotalBytesReadSum", "shuffle_read_bytes"},
    {"swBytesWrittenSum", "shuffle_write_bytes"},
    {"inputBytesReadSum", "input_bytes"},
    {"outputBytesWrittenSum", "output_bytes"},
    {"srFetchWaitTimeSum", "fetch_wait_ms"},
    {"peakExecutionMemoryMax", "peak_execution_memory_max_bytes"},
    {"executorCPUTimeSum", "executor_cpu_time_ms"},
    {"executorDeserializeTimeSum", "deserialize_time_ms"},
    {"resultSerializationTimeSum", "result_serialization_time_ms"},
    {"srRemoteBytesReadSum", "shuffle_remote_read_bytes"},
    {"swWriteTimeSum", "shuffle_write_time_ms"},
    {"swRecordsWrittenSum", "shuffle_write_records"},
    {"inputRecordsReadSum", "input_records"},
    {"outputRecordsWrittenSum", "output_records"},
};

// Per-SQL sums of the per-stage fields over the execution's stages.
const std::vector<std::pair<std::string, std::string>> kSqlAggSums = {
    {"numTasks", "tasks_seen"},
    {"executorRunTimeSum", "executor_run_time_ms"},
    {"memoryBytesSpilledSum", "memory_spilled_bytes"},
    {"diskBytesSpilledSum", "disk_spilled_bytes"},
    {"srTotalBytesReadSum", "shuffle_read_bytes"},
    {"swBytesWrittenSum", "shuffle_write_bytes"},
};

std::optional<double> Number(const json& object, const std::string& dotted_path) {
  const json* at = &object;
  size_t start = 0;
  while (true) {
    const size_t dot = dotted_path.find('.', start);
    const std::string name = dotted_path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!at->is_object() || !at->contains(name)) return std::nullopt;
    at = &(*at)[name];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (!at->is_number()) return std::nullopt;
  return at->get<double>();
}

// The field is in our answer, a number or null (null: we could not tell, compared as "absent").
bool Present(const json& object, const std::string& dotted_path) {
  const size_t dot = dotted_path.find('.');
  const std::string head = dotted_path.substr(0, dot);
  if (!object.is_object() || !object.contains(head)) return false;
  return dot == std::string::npos || object[head].is_null() || Present(object[head], dotted_path.substr(dot + 1));
}

std::string Ours(const std::optional<double>& value) { return value ? FormatNumber(*value) : "absent"; }

std::string Theirs(const std::string& cell) {
  char* end = nullptr;
  const double value = std::strtod(cell.c_str(), &end);
  return end != cell.c_str() && *end == '\0' ? FormatNumber(value) : cell;
}

int64_t ToInt(const std::string& cell) { return std::strtoll(cell.c_str(), nullptr, 10); }

const json& Array(const json& object, const char* name) {
  static const json kEmpty = json::array();
  return object.is_object() && object.contains(name) && object[name].is_array() ? object[name] : kEmpty;
}

// rapids-tools keeps one row per stage id, the last attempt it read.
const json* LastAttempt(const json& app, int64_t stage_id) {
  const json* found = nullptr;
  for (const json& stage : Array(app, "stages")) {
    if (Number(stage, "stage_id") != std::optional<double>(stage_id)) continue;
    if (!found || Number(stage, "attempt").value_or(0) >= Number(*found, "attempt").value_or(0)) found = &stage;
  }
  return found;
}

const json* StageAttempt(const json& app, int64_t stage_id, int64_t attempt) {
  for (const json& stage : Array(app, "stages"))
    if (Number(stage, "stage_id") == std::optional<double>(stage_id) &&
        Number(stage, "attempt").value_or(0) == static_cast<double>(attempt))
      return &stage;
  return nullptr;
}

const json* Execution(const json& app, int64_t execution_id) {
  for (const json& execution : Array(app, "sql_executions"))
    if (Number(execution, "execution_id") == std::optional<double>(execution_id)) return &execution;
  return nullptr;
}

std::optional<double> AppDuration(const json& app) {
  if (auto duration = Number(app, "duration_ms")) return duration;
  const auto start = Number(app, "start_ms"), end = Number(app, "end_ms");
  if (start && end && *start >= 0 && *end >= 0) return *end - *start;
  return std::nullopt;
}

// The row of `theirs` about our application (matched on App ID and, when both say, the attempt).
std::optional<size_t> AppRow(const CsvTable& theirs, const json& app) {
  const std::string id = app.value("app_id", "");
  for (size_t row = 0; row < theirs.size(); ++row) {
    if (theirs.Cell(row, "App ID") != id && theirs.Cell(row, "appId") != id) continue;
    const std::string their_attempt = theirs.Cell(row, "Attempt ID");
    const std::string our_attempt = app.contains("attempt") && app["attempt"].is_string() ? app["attempt"].get<std::string>() : "";
    if (!their_attempt.empty() && !our_attempt.empty() && their_attempt != our_attempt) continue;
    return row;
  }
  return std::nullopt;
}

void CompareStageAgg(const CsvTable& theirs, const json& app, std::vector<Comparison>* out) {
  for (size_t row = 0; row < theirs.size(); ++row) {
    const std::string key = "stage " + theirs.Cell(row, "id");
    const json* stage = LastAttempt(app, ToInt(theirs.Cell(row, "id")));
    if (!stage) {
      out->push_back({key, "stage", "absent", "present"});
      continue;
    }
    for (const auto& [column, path] : kStageAggFields)
      if (Present(*stage, path)) out->push_back({key, column, Ours(Number(*stage, path)), Theirs(theirs.Cell(row, column))});
  }
}

void CompareSqlAgg(const CsvTable& theirs, const json& app, std::vector<Comparison>* out) {
  for (size_t row = 0; row < theirs.size(); ++row) {
    const std::string key = "sql " + theirs.Cell(row, "sqlId");
    const json* execution = Execution(app, ToInt(theirs.Cell(row, "sqlId")));
    if (!execution) {
      out->push_back({key, "sql execution", "absent", "present"});
      continue;
    }
    out->push_back({key, "duration", Ours(Number(*execution, "duration_ms")), Theirs(theirs.Cell(row, "duration"))});
    if (!execution->contains("stage_ids")) continue;
    std::map<std::string, double> sums;
    std::map<std::string, bool> reported;
    for (const json& id : Array(*execution, "stage_ids")) {
      const json* stage = id.is_number() ? LastAttempt(app, id.get<int64_t>()) : nullptr;
      if (!stage) continue;
      for (const auto& [column, path] : kSqlAggSums) {
        if (const auto value = Number(*stage, path)) {
          sums[column] += *value;
          reported[column] = true;
        }
      }
    }
    for (const auto& [column, path] : kSqlAggSums)
      if (reported[column]) out->push_back({key, column, FormatNumber(sums[column]), Theirs(theirs.Cell(row, column))});
  }
}

void CompareStageDiagnostics(const CsvTable& theirs, const json& app, std::vector<Comparison>* out) {
  for (size_t row = 0; row < theirs.size(); ++row) {
    const std::string key = "stage " + theirs.Cell(row, "stageId");
    const json* stage = LastAttempt(app, ToInt(theirs.Cell(row, "stageId")));
    if (!stage) {
      out->push_back({key, "stage", "absent", "present"});
      continue;
    }
    const std::vector<std::pair<std::string, std::string>> same_units = {
        {"numTasks", "tasks_seen"},
        {"stageDurationMs", "duration_ms"},
        {"shuffleReadBytesTotal", "shuffle_read_bytes"},
        {"shuffleWriteBytesTotal", "shuffle_write_bytes"},
        {"inputBytesReadTotal", "input_bytes"},
        {"outputBytesWrittenTotal", "output_bytes"},
    };
    for (const auto& [column, path] : same_units)
      if (Present(*stage, path)) out->push_back({key, column, Ours(Number(*stage, path)), Theirs(theirs.Cell(row, column))});
    // Their spill columns are in whole MiB.
    for (const auto& [column, path] : std::vector<std::pair<std::string, std::string>>{
             {"memoryBytesSpilledMBTotal", "memory_spilled_bytes"}, {"diskBytesSpilledMBTotal", "disk_spilled_bytes"}})
      if (const auto ours = Number(*stage, path))
        out->push_back({key, column, FormatNumber(std::floor(*ours / kMiB)), Theirs(theirs.Cell(row, column))});
  }
}

void CompareTaskFailures(const CsvTable& theirs, const json& app, std::vector<Comparison>* out) {
  std::map<std::pair<int64_t, int64_t>, int> rows;  // (stage, attempt) -> failed task rows
  for (size_t row = 0; row < theirs.size(); ++row)
    ++rows[{ToInt(theirs.Cell(row, "stageId")), ToInt(theirs.Cell(row, "stageAttemptId"))}];
  for (const auto& [stage_attempt, count] : rows) {
    const std::string key = "stage " + std::to_string(stage_attempt.first) + " attempt " + std::to_string(stage_attempt.second);
    const json* stage = StageAttempt(app, stage_attempt.first, stage_attempt.second);
    out->push_back({key, "failed task rows", stage ? Ours(Number(*stage, "failed_tasks")) : "absent", std::to_string(count)});
  }
}

void CompareStageFailures(const CsvTable& theirs, const json& app, std::vector<Comparison>* out) {
  for (size_t row = 0; row < theirs.size(); ++row) {
    const int64_t id = ToInt(theirs.Cell(row, "stageId")), attempt = ToInt(theirs.Cell(row, "attemptId"));
    const std::string key = "stage " + std::to_string(id) + " attempt " + std::to_string(attempt);
    const json* stage = StageAttempt(app, id, attempt);
    out->push_back({key, "status", stage ? stage->value("status", "absent") : "absent", "failed"});
    if (stage) out->push_back({key, "numTasks", Ours(Number(*stage, "num_tasks")), Theirs(theirs.Cell(row, "numTasks"))});
  }
}

void CompareJobFailures(const CsvTable& theirs, const json& app, std::vector<Comparison>* out) {
  int failed = 0;
  for (size_t row = 0; row < theirs.size(); ++row) failed += theirs.Cell(row, "jobResult") == "JobFailed";
  if (const auto ours = Number(app, "failed_jobs")) out->push_back({"app", "JobFailed rows", Ours(ours), std::to_string(failed)});
}

void ComparePerSql(const CsvTable& theirs, const json& app, std::vector<Comparison>* out) {
  out->push_back({"app", "SQL executions (rows)", std::to_string(Array(app, "sql_executions").size()),
                  std::to_string(theirs.size())});
  for (size_t row = 0; row < theirs.size(); ++row) {
    const std::string key = "sql " + theirs.Cell(row, "SQL ID");
    const json* execution = Execution(app, ToInt(theirs.Cell(row, "SQL ID")));
    out->push_back({key, "SQL DF Duration", execution ? Ours(Number(*execution, "duration_ms")) : "absent",
                    Theirs(theirs.Cell(row, "SQL DF Duration"))});
  }
}

// rapids-tools writes 0 for an application without SQL executions.
std::optional<double> LongestSql(const json& app) {
  std::optional<double> longest;
  if (Array(app, "sql_executions").empty()) return 0;
  for (const json& execution : Array(app, "sql_executions"))
    if (const auto duration = Number(execution, "duration_ms")) longest = std::max(longest.value_or(0), *duration);
  return longest;
}

void CompareAppSummary(const CsvTable& theirs, const json& app, std::vector<Comparison>* out) {
  const auto row = AppRow(theirs, app);
  if (!row) return;
  out->push_back({"app", "App Duration", Ours(AppDuration(app)), Theirs(theirs.Cell(*row, "App Duration"))});
  out->push_back({"app", "Longest SQL Duration", Ours(LongestSql(app)), Theirs(theirs.Cell(*row, "Longest SQL Duration"))});
}

void CompareDurationAndCpu(const CsvTable& theirs, const json& app, std::vector<Comparison>* out) {
  bool app_compared = false;
  for (size_t row = 0; row < theirs.size(); ++row) {
    if (theirs.Cell(row, "App ID") != app.value("app_id", "")) continue;
    const json* execution = Execution(app, ToInt(theirs.Cell(row, "sqlID")));
    out->push_back({"sql " + theirs.Cell(row, "sqlID"), "SQL Duration",
                    execution ? Ours(Number(*execution, "duration_ms")) : "absent", Theirs(theirs.Cell(row, "SQL Duration"))});
    if (!app_compared) {
      out->push_back({"app", "App Duration", Ours(AppDuration(app)), Theirs(theirs.Cell(row, "App Duration"))});
      app_compared = true;
    }
  }
}

}  // namespace

std::string FormatNumber(double value) {
  char text[64];
  if (std::nearbyint(value) == value && std::fabs(value) < 9.0e18)
    std::snprintf(text, sizeof text, "%lld", static_cast<long long>(value));
  else
    std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

std::vector<Comparison> CompareWithRapidsCsv(const std::string& kind, const CsvTable& theirs, const json& application) {
  std::vector<Comparison> out;
  if (kind == "stage_agg") CompareStageAgg(theirs, application, &out);
  else if (kind == "sql_agg") CompareSqlAgg(theirs, application, &out);
  else if (kind == "stage_diagnostics") CompareStageDiagnostics(theirs, application, &out);
  else if (kind == "tasks_failure") CompareTaskFailures(theirs, application, &out);
  else if (kind == "stages_failure") CompareStageFailures(theirs, application, &out);
  else if (kind == "jobs_failure") CompareJobFailures(theirs, application, &out);
  else if (kind == "persql") ComparePerSql(theirs, application, &out);
  else if (kind == "apps_summary") CompareAppSummary(theirs, application, &out);
  else if (kind == "duration_and_cpu") CompareDurationAndCpu(theirs, application, &out);
  else out.push_back({"table", "kind", kind, "a kind this runner knows"});
  return out;
}

}  // namespace clusop::testing
