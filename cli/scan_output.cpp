#include "scan_output.hpp"

#include "analysis/scan_errors.hpp"
#include "report/scan_json.hpp"
#include "report/scan_text.hpp"

namespace clusop::cli {
namespace {

bool WasRead(const ScannedApplication& app) { return app.report != nullptr && app.report->read.events > 0; }

std::vector<ScanError> SkippedFiles(const ScanSession& session) {
  std::vector<ScanError> skipped;
  for (const SkippedFile& s : session.inputs.skipped) skipped.push_back(SkippedFileError(s));
  return skipped;
}

// Each application as the core's error assembly sees it (analysis/scan_errors).
std::vector<ApplicationOutcome> Outcomes(const ScanSession& session) {
  std::vector<ApplicationOutcome> outcomes;
  for (const ScannedApplication& app : session.applications) {
    ApplicationOutcome outcome;
    outcome.files = &app.input->files;
    outcome.read = WasRead(app);
    outcome.stopped = app.error;
    if (app.report != nullptr) outcome.scan_errors = app.report->errors;
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

// The text names what was unread and counts what was skipped.
std::string NotReadText(const ScanSession& session, bool after_output) {
  const std::vector<ScanError> unread = ScanErrors(session.inputs.issues, {}, Outcomes(session));
  const std::string text = ScanErrorsToText(unread) + SkippedFilesToText(SkippedFiles(session));
  return !text.empty() && after_output ? "\n" + text : text;
}

}  // namespace

std::vector<const AppReport*> ReadApplications(const ScanSession& session) {
  std::vector<const AppReport*> read;
  for (const ScannedApplication& app : session.applications)
    if (WasRead(app)) read.push_back(app.report.get());
  return read;
}

std::vector<ScanError> SessionErrors(const ScanSession& session) {
  return ScanErrors(session.inputs.issues, session.inputs.skipped, Outcomes(session));
}

std::string ScanToJsonText(const ScanSession& session, int indent) {
  return ScanToJson(ReadApplications(session), SessionErrors(session), indent);
}

std::string ScanErrorJson(std::string_view code, std::string_view message) { return ScanErrorToJson(code, message, 2); }

std::string ScanToText(const ScanSession& session, bool colour) {
  std::string out;
  for (const AppReport* report : ReadApplications(session)) {
    if (!out.empty()) out += "\n";
    out += AppReportToText(*report, colour);
  }
  return out + NotReadText(session, !out.empty());
}

std::string ExecutionsToText(const ScanSession& session, bool colour) {
  std::string out;
  for (const AppReport* report : ReadApplications(session)) {
    if (!out.empty()) out += "\n";
    out += SqlExecutionsToText(*report, colour);
  }
  return out + NotReadText(session, !out.empty());
}

bool AnyFallback(const ScanSession& session) {
  for (const AppReport* report : ReadApplications(session))
    if (report->sql_totals.with_fallback > 0) return true;
  return false;
}

std::string NothingReadMessage(const ScanSession& session) {
  const bool listed_nothing =
      session.inputs.applications.empty() && session.inputs.issues.empty() && session.inputs.skipped.empty();
  return clusop::NothingReadMessage(listed_nothing, SessionErrors(session));
}

}  // namespace clusop::cli
