#include "report/scan_text.hpp"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "common/display_text.hpp"
#include "report/vocabulary.hpp"

// Thresholds of StageCallouts, from the tools people already trust:
//   skew: max / median task duration >= 4 (Dr. Elephant's StagesAnalyzer, "moderate" of
//         2/4/8/16) and a straggler of at least 5 s (DataFlint's partition-skew alert), so a
//         stage of millisecond tasks is not called skewed;
//   GC:   JVM GC >= 10% of executor run time (aws-emr-advisor's GC-heavy test; Dr. Elephant's
//         moderate), over at least 10 s of run time.

namespace clusop {
namespace {

struct Palette {
  const char* heading;
  const char* alert;
  const char* reset;
};
constexpr Palette kColour{"\x1b[1m", "\x1b[1;31m", "\x1b[0m"};
constexpr Palette kPlain{"", "", ""};

using display::Bytes;
using display::Count;
using display::Duration;
using display::ModeledPerRun;

// A sketch's quantile as clusop.scan/1 writes it: whole milliseconds, then in words.
std::string Millis(double ms) { return Duration(static_cast<double>(std::llround(ms))); }

std::string Plural(int64_t n, const std::string& noun) { return Count(n) + " " + noun + (n == 1 ? "" : "s"); }

using display::Percent;

std::string StageName(const StageKpis& s) {
  return "stage " + std::to_string(s.stage_id) + (s.attempt > 0 ? " (attempt " + std::to_string(s.attempt) + ")" : "");
}

std::string Quoted(std::string_view text, size_t max = 80) {
  std::string one_line(text.substr(0, text.find('\n')));
  if (one_line.size() > max) one_line = one_line.substr(0, max - 3) + "...";
  return "\"" + one_line + "\"";
}

int64_t Wall(const StageKpis& s) {
  return s.submission_ms >= 0 && s.completion_ms >= s.submission_ms ? s.completion_ms - s.submission_ms : -1;
}

void Header(const AppReport& r, const Palette& p, std::string* out) {
  const AppSummary& a = r.app;
  *out += std::string(p.heading) + "Application " + (a.app_id.empty() ? "(no id)" : a.app_id);
  if (!a.attempt.empty()) *out += " attempt " + a.attempt;
  *out += p.reset;
  if (!a.name.empty()) *out += " " + Quoted(a.name);
  *out += "\n";
  *out += "  Spark " + (a.spark_version.empty() ? std::string("version unknown") : a.spark_version) + " on " +
          r.cluster.platform;
  if (!r.cluster.databricks_runtime.empty()) *out += " (" + r.cluster.databricks_runtime + ")";
  if (r.cluster.photon) *out += ", Photon";
  *out += "\n";
  const int64_t duration = a.start_ms >= 0 && a.end_ms >= a.start_ms ? a.end_ms - a.start_ms : -1;
  *out += "  duration " + Duration(static_cast<double>(duration)) + ", " +
          (a.complete ? std::string("complete") : std::string(p.alert) + "incomplete" + p.reset +
                                                      (a.ended ? " (a part was cut or unreadable)" : " (no application end)"));
  *out += ", " + Plural(a.jobs, "job") + ", " + Plural(static_cast<int64_t>(r.stages.size()), "stage attempt") + "\n";
  if (r.utilisation.ratio >= 0)
    *out += "  utilisation " + Percent(r.utilisation.ratio) + " of " +
            display::Number(r.utilisation.core_seconds_available, 0) + " core-seconds (" +
            Plural(r.max_executors, "executor") + " at most, " + Plural(r.max_cores, "core") + ")\n";
}

std::vector<const StageKpis*> Pick(const AppReport& r, bool (*keep)(const StageKpis&),
                                   bool (*before)(const StageKpis*, const StageKpis*)) {
  std::vector<const StageKpis*> picked;
  for (const StageKpis& s : r.stages)
    if (keep(s)) picked.push_back(&s);
  std::stable_sort(picked.begin(), picked.end(), before);
  return picked;
}

bool IsSkewed(const StageKpis& s) {
  return s.SkewRatio() >= StageCallouts::kSkewRatio && s.task_duration_ms.max() >= StageCallouts::kSkewMinMaxMs;
}
bool IsSpilling(const StageKpis& s) { return s.memory_spilled_bytes > 0 || s.disk_spilled_bytes > 0; }
bool IsGcHeavy(const StageKpis& s) {
  return s.executor_run_ms >= StageCallouts::kGcMinRunMs &&
         static_cast<double>(s.gc_ms) >= StageCallouts::kGcShare * static_cast<double>(s.executor_run_ms);
}

// At most kMaxListed of `picked`, and a count of the rest.
template <typename Line>
void Listed(const std::vector<const StageKpis*>& picked, std::string* out, Line line) {
  for (size_t i = 0; i < picked.size() && i < StageCallouts::kMaxListed; ++i) line(*picked[i]);
  if (picked.size() > StageCallouts::kMaxListed)
    *out += "    ... and " + Plural(static_cast<int64_t>(picked.size() - StageCallouts::kMaxListed), "more stage") + "\n";
}

void TopStages(const AppReport& r, const Palette& p, std::string* out) {
  auto picked = Pick(r, [](const StageKpis& s) { return s.tasks > 0; },
                     [](const StageKpis* a, const StageKpis* b) { return a->executor_run_ms > b->executor_run_ms; });
  if (picked.empty()) return;
  *out += std::string(p.heading) + "  Top stages by task time" + p.reset + "\n";
  for (size_t i = 0; i < picked.size() && i < StageCallouts::kTopStages; ++i) {
    const StageKpis& s = *picked[i];
    *out += "    " + StageName(s) + ": " + Duration(static_cast<double>(s.executor_run_ms)) + " in " + Plural(s.tasks, "task") +
            ", wall " + Duration(static_cast<double>(Wall(s))) + ", task p50 " +
            Millis(s.task_duration_ms.Quantile(0.5)) + " p95 " + Millis(s.task_duration_ms.Quantile(0.95)) +
            " max " + Millis(s.task_duration_ms.max());
    if (s.failed_tasks > 0) *out += ", " + Count(s.failed_tasks) + " failed";
    *out += "  " + Quoted(s.name, 60) + "\n";
  }
}

void SkewedStages(const AppReport& r, const Palette& p, std::string* out) {
  auto picked = Pick(r, IsSkewed, [](const StageKpis* a, const StageKpis* b) { return a->SkewRatio() > b->SkewRatio(); });
  if (picked.empty()) return;
  *out += std::string(p.heading) + "  Skewed stages" + p.reset + " (max / median task duration)\n";
  Listed(picked, out, [&](const StageKpis& s) {
    *out += "    " + StageName(s) + ": " + display::Times(s.SkewRatio()) + ", median " +
            Millis(s.task_duration_ms.Quantile(0.5)) + ", straggler " + Millis(s.task_duration_ms.max());
    if (s.straggler_task_id >= 0)
      *out += " (task " + std::to_string(s.straggler_task_id) + ", partition " + std::to_string(s.straggler_index) +
              (s.straggler_executor.empty() ? "" : ", executor " + s.straggler_executor) + ")";
    *out += "\n";
  });
}

void SpillingStages(const AppReport& r, const Palette& p, std::string* out) {
  auto picked = Pick(r, IsSpilling, [](const StageKpis* a, const StageKpis* b) {
    return a->memory_spilled_bytes + a->disk_spilled_bytes > b->memory_spilled_bytes + b->disk_spilled_bytes;
  });
  if (picked.empty()) return;
  *out += std::string(p.heading) + "  Spilling stages" + p.reset + "\n";
  Listed(picked, out, [&](const StageKpis& s) {
    *out += "    " + StageName(s) + ": " + Bytes(s.memory_spilled_bytes) + " spilled from memory, " +
            Bytes(s.disk_spilled_bytes) + " to disk\n";
  });
}

void GcHeavyStages(const AppReport& r, const Palette& p, std::string* out) {
  auto picked = Pick(r, IsGcHeavy, [](const StageKpis* a, const StageKpis* b) {
    return a->gc_ms * b->executor_run_ms > b->gc_ms * a->executor_run_ms;
  });
  if (picked.empty()) return;
  *out += std::string(p.heading) + "  GC-heavy stages" + p.reset + " (JVM GC share of task time)\n";
  Listed(picked, out, [&](const StageKpis& s) {
    *out += "    " + StageName(s) + ": " + Percent(static_cast<double>(s.gc_ms) / static_cast<double>(s.executor_run_ms)) +
            " of " + Duration(static_cast<double>(s.executor_run_ms)) + "\n";
  });
}

bool HasFallback(const SqlExecutionReport& e) { return e.fallback_weight > 0; }

std::string ExecutionTitle(const SqlExecutionReport& e) {
  std::string title = "SQL execution " + std::to_string(e.execution_id);
  if (!e.description.empty()) title += " " + Quoted(e.description, 70);
  const int64_t duration = e.start_ms >= 0 && e.end_ms >= e.start_ms ? e.end_ms - e.start_ms : -1;
  title += ", " + Duration(static_cast<double>(duration));
  if (e.status != "succeeded" && !e.status.empty()) title += ", " + e.status;
  return title;
}

// The execution's dollar figure under its measure's name (a Photon premium, or the spend on work
// off Comet, Gluten or RAPIDS), or which price input was missing.
std::string ModeledWaste(const SqlExecutionReport& e) {
  const nlohmann::json a = nlohmann::json::parse(e.analysis_json, nullptr, false);
  const bool has_waste = a.is_object() && a.contains("waste") && a["waste"].is_object();
  std::string measure = has_waste ? a["waste"].value("measure_text", std::string()) : std::string();
  if (measure.empty()) measure = "Dollars";
  if (e.waste_usd >= 0) return measure + ": " + ModeledPerRun(e.waste_usd);
  std::string missing;
  if (has_waste)
    for (const auto& m : a["waste"].value("missing", nlohmann::json::array()))
      if (m.is_string()) missing += (missing.empty() ? "" : ", ") + vocabulary::MissingWords(m.get<std::string>());
  return measure + " (modeled): not priced" + (missing.empty() ? std::string() : " (" + missing + ")");
}

// The fallbacks of one execution as the analysis states them.
void FallbackLines(const SqlExecutionReport& e, const Palette& p, std::string* out) {
  const nlohmann::json a = nlohmann::json::parse(e.analysis_json, nullptr, false);
  if (!a.is_object()) return;
  const auto names = [&](const nlohmann::json& ids) {
    std::string text;
    const nlohmann::json& nodes = a.value("nodes", nlohmann::json::array());
    for (const auto& id : ids) {
      if (!id.is_number_integer() || id.get<int64_t>() < 0 || static_cast<size_t>(id.get<int64_t>()) >= nodes.size())
        continue;
      text = nodes[id.get<size_t>()].value("name", "");
      break;
    }
    return text;
  };
  int n = 0;
  for (const auto& f : a.value("fallbacks", nlohmann::json::array())) {
    *out += std::string("      ") + p.alert + "fallback #" + std::to_string(++n) + p.reset + ": " +
            f.value("cause", "unknown") + " at " + names(nlohmann::json::array({f.value("root", -1)})) + ", " +
            Percent(f.value("weight", 0.0)) + " of the plan's work\n";
    if (f.contains("reason") && f["reason"].is_string()) *out += "        engine says: " + f["reason"].get<std::string>() + "\n";
  }
  const std::string advice = a.value("recommendation", "");
  if (!advice.empty()) *out += "      advice: " + advice + "\n";
}

void Executions(const AppReport& r, const Palette& p, bool details, std::string* out) {
  const SqlTotals& t = r.sql_totals;
  int shown = 0;
  for (const SqlExecutionReport& e : r.sql_executions) {
    if (!HasFallback(e)) continue;
    if (shown++ == 0)
      *out += std::string(p.heading) + "  SQL executions with fallbacks" + p.reset + " (" + Count(t.with_fallback) +
              " of " + Count(t.executions) + ")\n";
    *out += "    " + ExecutionTitle(e) + "\n      fallback " + Percent(e.fallback_weight) + " of the plan's work, " +
            ModeledWaste(e) + "\n";
    if (details) FallbackLines(e, p, out);
  }
  if (shown == 0) {
    *out += t.executions == 0 ? std::string("  No SQL execution\n")
                              : "  " + Plural(t.executions, "SQL execution") + ", no fallback found\n";
    return;
  }
  *out += "    total: fallback " + Percent(t.fallback_time_share) + " of SQL time, " +
          (t.waste_priced ? ModeledPerRun(t.waste_usd)
                          : "modeled dollars not priced (a price input is missing)") +
          "\n";
}

// What to change first: the ranked recommendations, the first ten.
void Recommendations(const AppReport& r, const Palette& p, std::string* out) {
  constexpr size_t kShown = 10;
  if (r.recommendations.empty()) {
    *out += "  No recommendation\n";
    return;
  }
  *out += std::string(p.heading) + "  Recommendations" + p.reset + " (" + Count(static_cast<int64_t>(r.recommendations.size())) +
          ", largest time saved first)\n";
  for (size_t i = 0; i < r.recommendations.size() && i < kShown; ++i) {
    const Finding& f = r.recommendations[i];
    *out += "    " + std::to_string(f.rank) + ". " + (f.severity == "high" ? p.alert : "") + "[" + f.severity + "]" +
            (f.severity == "high" ? p.reset : "") + " " + f.rule + ": " + f.title + "\n";
    *out += "       saves ~" + Duration(f.time_ms) + (f.usd ? ", " + ModeledPerRun(*f.usd) : std::string(", not priced")) +
            ", confidence " + f.confidence;
    if (!f.cascade.empty()) {
      *out += ", also explains";
      for (size_t c = 0; c < f.cascade.size(); ++c) *out += (c == 0 ? " " : ", ") + f.cascade[c].rule;
    }
    *out += "\n";
    if (!f.change_text.empty()) *out += "       change: " + f.change_text + "\n";
  }
  if (r.recommendations.size() > kShown)
    *out += "    ... and " + Plural(static_cast<int64_t>(r.recommendations.size() - kShown), "more") + " (--format json lists all)\n";
}

void ReadErrors(const AppReport& r, std::string* out) {
  for (const ScanError& e : r.errors) *out += "  error: " + e.path + ": " + e.message + "\n";
  if (r.read.bad_lines > 0) *out += "  " + Count(static_cast<int64_t>(r.read.bad_lines)) + " unreadable lines skipped\n";
}

}  // namespace

std::string AppReportToText(const AppReport& report, bool colour) {
  const Palette& p = colour ? kColour : kPlain;
  std::string out;
  Header(report, p, &out);
  Recommendations(report, p, &out);
  TopStages(report, p, &out);
  SkewedStages(report, p, &out);
  SpillingStages(report, p, &out);
  GcHeavyStages(report, p, &out);
  Executions(report, p, false, &out);
  ReadErrors(report, &out);
  return out;
}

std::string SqlExecutionsToText(const AppReport& report, bool colour) {
  const Palette& p = colour ? kColour : kPlain;
  std::string out;
  Header(report, p, &out);
  Executions(report, p, true, &out);
  ReadErrors(report, &out);
  return out;
}

std::string ScanErrorsToText(const std::vector<ScanError>& errors) {
  std::string out;
  if (errors.empty()) return out;
  out += "Not read (" + Count(static_cast<int64_t>(errors.size())) + ")\n";
  for (const ScanError& e : errors) out += "  " + e.path + ": " + e.message + "\n";
  return out;
}

std::string SkippedFilesToText(const std::vector<ScanError>& skipped) {
  if (skipped.empty()) return {};
  std::string out = "Skipped " + Plural(static_cast<int64_t>(skipped.size()), "file") +
                    (skipped.size() == 1 ? " that is not an event log" : " that are not event logs");
  for (size_t i = 0; i < skipped.size() && i < 3; ++i) out += (i == 0 ? ": " : ", ") + skipped[i].path;
  if (skipped.size() > 3) out += ", ... (the JSON output lists each with the reason)";
  return out + "\n";
}

}  // namespace clusop
