#include "analyze_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "analysis/analyze.hpp"
#include "analysis/input_kind.hpp"
#include "common_options.hpp"
#include "file_reading.hpp"
#include "report/analysis_json.hpp"
#include "report/engine_report_json.hpp"
#include "report/markdown_report.hpp"
#include "report/text_report.hpp"
#include "scan_output.hpp"
#include "scan_session.hpp"
#include "usage.hpp"

namespace clusop::cli {
namespace {

struct AnalyzeOptions {
  CommonOptions common;
  std::vector<std::string> files;
  bool fail_on_fallback = false;
  bool tree = false;
  bool help = false;
};

std::string ParseAnalyzeArgs(int argc, char** argv, AnalyzeOptions* o) {
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    std::string error;
    // Markdown is analyze's alone (a scan has no Markdown), so it is taken before the shared options
    if (arg == "--format" && i + 1 < argc && std::string(argv[i + 1]) == "markdown") {
      o->common.format = argv[++i];
      continue;
    }
    const Taken taken = TakeCommonOption(argc, argv, &i, &o->common, &error);
    if (taken == Taken::kError) return error;
    if (taken == Taken::kYes) continue;
    if (arg == "--help" || arg == "-h") o->help = true;
    else if (arg == "--fail-on-fallback") o->fail_on_fallback = true;
    else if (arg == "--tree") o->tree = true;
    else if (arg.size() > 1 && arg[0] == '-') return "unknown option " + arg;
    else o->files.push_back(arg);
  }
  if (o->help) return {};
  if (std::string error = CheckCommonOptions(o->common); !error.empty()) return error;
  if (o->files.empty()) return "expected a plan file, or - for standard input";
  if (std::count(o->files.begin(), o->files.end(), "-") > 1) return "standard input (-) given more than once";
  return {};
}

// What one input gave: the text or JSON to print, and the exit status it asks for.
struct Outcome {
  std::string out;
  std::string error_line;  // for stderr; empty when analysed
  int status = 0;
};

Outcome Failure(const AnalyzeOptions& o, const char* code, const std::string& message) {
  Outcome r;
  r.status = 2;
  r.error_line = message;
  if (o.common.format == "json") r.out = ErrorToJson(code, message, 2);
  return r;
}

Outcome AnalyzePlan(const AnalyzeOptions& o, const std::string& plan) {
  AnalyzeInput input;
  input.plan = plan;
  input.engine = o.common.engine;
  input.photon_enabled = o.common.photon_enabled;
  input.cluster = o.common.cluster;
  Analysis analysis;
  std::string error;
  if (!Analyze(input, &analysis, &error)) {
    if (!analysis.report_alone()) return Failure(o, "no_plan", error);
    Outcome r;
    r.out = o.common.format == "json"       ? EngineReportToJson(analysis.engine_report, 2)
            : o.common.format == "markdown" ? EngineReportToMarkdown(analysis.engine_report)
                                            : EngineReportToText(analysis.engine_report);
    r.status = o.fail_on_fallback && !analysis.engine_report.entries.empty() ? 1 : 0;
    return r;
  }
  Outcome r;
  r.out = o.common.format == "json"       ? AnalysisToJson(analysis, 2)
          : o.common.format == "markdown" ? AnalysisToMarkdown(analysis)
                                          : AnalysisToText(analysis, isatty(STDOUT_FILENO) != 0, o.tree);
  r.status = o.fail_on_fallback && !analysis.diagnosis.fallbacks.empty() ? 1 : 0;
  return r;
}

Outcome ScanOutcome(const AnalyzeOptions& o, const ScanSession& session) {
  if (!AnythingRead(session)) {
    Outcome failed = Failure(o, "unreadable_log", NothingReadMessage(session));
    if (o.common.format == "json") failed.out = ScanErrorJson("unreadable_log", failed.error_line);
    return failed;
  }
  Outcome r;
  r.out = o.common.format == "json" ? ScanToJsonText(session, 2) : ExecutionsToText(session, isatty(STDOUT_FILENO) != 0);
  r.status = o.fail_on_fallback && AnyFallback(session) ? 1 : 0;
  return r;
}

std::string Named(const std::string& file) { return file == kStandardInput ? "standard input" : file; }

// Decides from the first bytes what the input is: a plan is read whole and analysed, an event
// log is scanned (standard input streamed on from where the head ended).
Outcome AnalyzeOne(const AnalyzeOptions& o, const std::string& file) {
  std::string bytes, error;
  if (!ReadHead(file, kInputKindHeadBytes, &bytes, &error))
    return Failure(o, "unreadable_input", "cannot read " + file + ": expected a readable file holding an executed plan");
  const bool whole = bytes.size() < kInputKindHeadBytes;
  const InputKind kind = DecideInputKind(bytes, whole);
  if (kind == InputKind::kBinary)
    return Failure(o, "not_a_plan", Named(file) + ": binary data, not a plan (expected explain text or a Spark event log)");
  if (IsScannedKind(kind)) {
    if (o.common.format == "markdown")
      return Failure(o, "unsupported_input", Named(file) + ": an event log has no Markdown answer (expected a plan; "
                                                             "scan an event log with --format text or json)");
    ScanSession session;
    if (file != kStandardInput) {
      RunScan({file}, MakeScanOptions(o.common), 1, isatty(STDERR_FILENO) != 0, &session);
    } else if (kind == InputKind::kZipArchive) {
      return Failure(o, "unsupported_input", "a zip archive on standard input: give its path instead (expected a file)");
    } else {
      RunStandardInputScan(std::move(bytes), MakeScanOptions(o.common), &session);
    }
    return ScanOutcome(o, session);
  }
  if (!whole) {
    std::string rest;
    if (!ReadWhole(file, &rest, &error))
      return Failure(o, "unreadable_input", "cannot read " + file + ": expected a readable file holding an executed plan");
    // standard input goes on where the head ended; a file is read again from its first byte
    if (file == kStandardInput) bytes += rest;
    else bytes = std::move(rest);
  }
  return AnalyzePlan(o, bytes);
}

}  // namespace

int RunAnalyze(int argc, char** argv) {
  AnalyzeOptions options;
  const std::string usage_error = ParseAnalyzeArgs(argc, argv, &options);
  if (options.help) {
    std::fputs(kAnalyzeHelp, stdout);
    return 0;
  }
  if (!usage_error.empty()) {
    std::fprintf(stderr, "clusop: %s\n%s", usage_error.c_str(), kShortUsage);
    return 2;
  }
  const bool json = options.common.format == "json";
  const bool several = options.files.size() > 1;
  int status = 0;
  if (json && several) std::fputs("[\n", stdout);
  for (size_t i = 0; i < options.files.size(); ++i) {
    const std::string& file = options.files[i];
    Outcome r;
    try {
      r = AnalyzeOne(options, file);
    } catch (const std::exception& e) {
      r = Failure(options, "internal", std::string("internal error: ") + e.what());
    }
    if (!r.error_line.empty()) std::fprintf(stderr, "clusop: %s\n", r.error_line.c_str());
    if (several && !json) std::printf("%s== %s ==\n", i > 0 ? "\n" : "", file.c_str());
    if (json && several && i > 0) std::fputs(",\n", stdout);
    if (!r.out.empty()) {
      std::fwrite(r.out.data(), 1, r.out.size(), stdout);
      if (json && !several) std::fputc('\n', stdout);
    }
    status = std::max(status, r.status);
  }
  if (json && several) std::fputs("\n]\n", stdout);
  return status;
}

}  // namespace clusop::cli
