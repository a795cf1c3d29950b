// clusop_scan_document (clusop.h): a face that read its applications one stream at a time hands
// back the names it listed, what its listing met and each stream's answer; the core groups the
// names again, words every error and writes the one document `clusop scan --format json` prints.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/scan_errors.hpp"
#include "api/c_string.hpp"
#include "clusop/clusop.h"
#include "io/log_layout.hpp"
#include "report/json_writer.hpp"
#include "report/scan_document.hpp"
#include "report/scan_json.hpp"

namespace clusop {
namespace {

using nlohmann::json;

constexpr const char* kExpected =
    "request: expected {\"paths\": [...], \"listing\": [{\"path\", \"problem\", \"reason\"}], "
    "\"applications\": [{\"answer\": \"<stream answer>\", \"stopped\": {\"problem\", \"path\", \"reason\"} | null}], \"indent\": 2}";

std::string Text(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool ReadListing(const json& request, std::vector<ListingIssue>* issues, std::string* error) {
  const auto it = request.find("listing");
  if (it == request.end() || it->is_null()) return true;
  if (!it->is_array()) return (*error = "request: \"listing\" must be an array", false);
  for (const json& item : *it) {
    ListingIssue issue;
    if (!item.is_object() || !ParseListingProblem(Text(item, "problem"), &issue.problem))
      return (*error = "request: each \"listing\" entry needs a \"problem\": missing, not_a_file, empty_folder, "
                       "folder_unreadable, entry_unreadable, file_unreadable, archive_unreadable or archive_empty",
              false);
    issue.path = Text(item, "path");
    issue.reason = Text(item, "reason");
    issues->push_back(std::move(issue));
  }
  return true;
}

// What stopped an application before its stream could say: a read failure or a refusal.
bool ReadStopped(const json& app, std::string* stopped, bool* refused, std::string* error) {
  const auto it = app.find("stopped");
  if (it == app.end() || it->is_null()) return true;
  const std::string problem = it->is_object() ? Text(*it, "problem") : std::string();
  if (problem == "read_failed") *stopped = ReadFailure(Text(*it, "path"), Text(*it, "reason"));
  else if (problem == "refused") *stopped = Text(*it, "reason"), *refused = true;
  else if (problem == "zip_member_failed") *stopped = Text(*it, "reason");  // the core's zip reader's words
  else return (*error = "request: \"stopped\" needs a \"problem\": read_failed, refused or zip_member_failed", false);
  return true;
}

std::vector<ScanError> AnswerErrors(const json& answer) {
  std::vector<ScanError> errors;
  const auto it = answer.find("errors");
  if (it == answer.end() || !it->is_array()) return errors;
  for (const json& e : *it) errors.push_back({Text(e, "path"), Text(e, "message")});
  return errors;
}

bool EventsRead(const json& answer) {
  const auto apps = answer.find("applications");
  if (apps == answer.end() || !apps->is_array() || apps->empty()) return false;
  const json& read = (*apps)[0].value("read", json::object());
  const auto events = read.find("events");
  return events != read.end() && events->is_number() && events->get<double>() > 0;
}

std::string Document(std::string_view text) {
  const json request = json::parse(text.begin(), text.end(), nullptr, false);
  if (request.is_discarded() || !request.is_object()) return ScanErrorToJson("bad_request", kExpected);
  int indent = 2;
  if (const auto it = request.find("indent"); it != request.end() && it->is_number())
    indent = static_cast<int>(it->get<double>());
  if (indent < 1 || indent > 8)
    return ScanErrorToJson("bad_request", "request: \"indent\" must be 1 to 8, the indent the streams answered with");
  std::vector<std::string> paths;
  if (const auto it = request.find("paths"); it != request.end() && it->is_array())
    for (const json& p : *it)
      if (p.is_string()) paths.push_back(p.get<std::string>());
  std::vector<ListingIssue> issues;
  std::string error;
  if (!ReadListing(request, &issues, &error)) return ScanErrorToJson("bad_request", error);
  const LogLayout layout = GroupLogFiles(paths);
  const auto apps_it = request.find("applications");
  const size_t given = apps_it != request.end() && apps_it->is_array() ? apps_it->size() : 0;
  if (given != layout.applications.size())
    return ScanErrorToJson("bad_request", "request: " + std::to_string(layout.applications.size()) +
                                              " applications in the paths, " + std::to_string(given) +
                                              " in \"applications\" (expected one entry per application, in clusop_layout's order)");

  std::vector<ApplicationOutcome> outcomes;
  std::vector<std::string> answers;  // the texts the read applications are cut from
  std::vector<std::vector<ScanError>> read_errors;
  for (size_t i = 0; i < given; ++i) {
    const json& app = (*apps_it)[i];
    ApplicationOutcome outcome;
    outcome.files = &layout.applications[i];
    bool refused = false;  // its first bytes are no event log: nothing was scanned, the refusal says why
    if (!app.is_object() || !ReadStopped(app, &outcome.stopped, &refused, &error))
      return ScanErrorToJson("bad_request", error.empty() ? kExpected : error);
    const std::string answer_text = refused ? std::string() : Text(app, "answer");
    const json answer = json::parse(answer_text, nullptr, false);
    if (!answer_text.empty() && answer.is_object()) {
      if (const auto e = answer.find("error"); e != answer.end() && e->is_object()) {
        if (outcome.stopped.empty()) outcome.stopped = e->value("message", e->value("code", std::string("the stream failed")));
      } else {
        outcome.read = outcome.stopped.empty() && EventsRead(answer);
        outcome.scan_errors = AnswerErrors(answer);
      }
    }
    if (outcome.read) {
      answers.push_back(answer_text);
      read_errors.push_back(outcome.scan_errors);
    }
    outcomes.push_back(std::move(outcome));
  }
  std::vector<ScanError> errors = ScanErrors(issues, layout.skipped, outcomes);
  std::vector<std::string_view> raw;
  for (const std::string& answer : answers) {
    std::vector<std::string_view> one;
    if (!RawApplications(answer, indent, &one) || one.size() != 1)
      return ScanErrorToJson("bad_request", "request: an application's \"answer\" is not a one-application clusop.scan/1 "
                                            "document written with indent " + std::to_string(indent));
    raw.push_back(one.front());
  }
  if (raw.empty()) {
    const bool listed_nothing = paths.empty() && issues.empty();
    JsonWriter w(indent);
    w.BeginObject();
    w.Key("schema").String(kScanSchema);
    w.Key("applications").BeginArray().EndArray();
    w.Key("errors").BeginArray();
    for (const ScanError& e : errors) w.BeginObject().Key("path").String(e.path).Key("message").String(e.message).EndObject();
    w.EndArray();
    w.Key("nothing_read").String(NothingReadMessage(listed_nothing, errors));
    w.EndObject();
    return w.Take();
  }
  for (const auto& more : read_errors) errors.insert(errors.end(), more.begin(), more.end());
  return ScanDocumentJson(raw, errors, indent, MembersAfterErrors(answers.front(), indent));
}

}  // namespace
}  // namespace clusop

extern "C" char* clusop_scan_document(const char* request_json, size_t length) {
  try {
    return clusop::CopyToCString(request_json ? clusop::Document(std::string_view(request_json, length))
                                     : clusop::ScanErrorToJson("bad_request", "request: expected a JSON object, got NULL"));
  } catch (...) {
    return nullptr;
  }
}
