#include "scan_output.hpp"

#include "report/scan_json.hpp"
#include "report/scan_text.hpp"

namespace clusop::cli {
namespace {

bool WasRead(const ScannedApplication& app) { return app.report != nullptr && app.report->read.events > 0; }

std::string FirstPart(const ScannedApplication& app) {
  return app.input->parts.empty() ? app.input->files.app_key : app.input->parts.front().name;
}

std::vector<ScanError> SkippedFiles(const ScanSession& session) {
  std::vector<ScanError> skipped;
  for (const SkippedFile& s : session.inputs.skipped) skipped.push_back({s.path, "skipped: " + s.message});
  return skipped;
}

std::vector<ScanError> ListingErrors(const ScanSession& session) {
  std::vector<ScanError> errors;
  for (const ListingError& e : session.inputs.errors) errors.push_back({e.path, e.message});
  return errors;
}

// Per application: the layout's warnings (named by the application's key, as clusop.scan in
// Python names them), and for one that gave nothing, why.
std::vector<ScanError> ApplicationErrors(const ScanSession& session) {
  std::vector<ScanError> errors;
  for (const ScannedApplication& app : session.applications) {
    for (const std::string& warning : app.input->files.warnings)
      errors.push_back({app.input->files.app_key, "layout: " + warning});
    if (WasRead(app)) continue;
    const size_t before = errors.size();
    // the refusal or failure that stopped this application, then what the scan recorded
    if (!app.error.empty() && (app.report == nullptr || app.report->errors.empty()))
      errors.push_back({FirstPart(app), app.error});
    if (app.report != nullptr) errors.insert(errors.end(), app.report->errors.begin(), app.report->errors.end());
    if (errors.size() == before) errors.push_back({FirstPart(app), "no Spark event could be read"});
  }
  return errors;
}

// The text names what was unread and counts what was skipped.
std::string NotReadText(const ScanSession& session, bool after_output) {
  std::vector<ScanError> unread = ListingErrors(session);
  const std::vector<ScanError> apps = ApplicationErrors(session);
  unread.insert(unread.end(), apps.begin(), apps.end());
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
  // the order every face writes: the listing's, the layout's skips, then per application
  std::vector<ScanError> errors = ListingErrors(session);
  for (const auto& more : {SkippedFiles(session), ApplicationErrors(session)})
    errors.insert(errors.end(), more.begin(), more.end());
  return errors;
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
  if (session.inputs.applications.empty() && session.inputs.errors.empty() && session.inputs.skipped.empty())
    return "no event log found in the paths given (expected event-log files, folders or zip archives)";
  const std::vector<ScanError> errors = SessionErrors(session);
  if (errors.size() == 1) return "nothing could be read: " + errors.front().path + ": " + errors.front().message;
  return "nothing could be read (" + std::to_string(errors.size()) +
         " inputs failed; each is listed among the errors): expected Spark event logs";
}

}  // namespace clusop::cli
