#include "analysis/scan_errors.hpp"

#include <array>
#include <utility>

namespace clusop {
namespace {

constexpr std::string_view kExpectedInput = " (expected an event-log file, a folder or a zip)";

constexpr std::array<std::pair<std::string_view, ListingProblem>, 8> kProblemNames{{
    {"missing", ListingProblem::kMissing},
    {"not_a_file", ListingProblem::kNotAFile},
    {"empty_folder", ListingProblem::kEmptyFolder},
    {"folder_unreadable", ListingProblem::kFolderUnreadable},
    {"entry_unreadable", ListingProblem::kEntryUnreadable},
    {"file_unreadable", ListingProblem::kFileUnreadable},
    {"archive_unreadable", ListingProblem::kArchiveUnreadable},
    {"archive_empty", ListingProblem::kArchiveEmpty},
}};

std::string WithReason(std::string_view what, std::string_view reason) {
  return reason.empty() ? std::string(what) : std::string(what) + ": " + std::string(reason);
}

// The path a layout warning names: the folder the layout is damaged in (a single log: itself).
std::string LayoutPath(const AppLogFiles& files) {
  if (files.parts.empty()) return files.app_key;
  const std::string& first = files.parts.front();
  const size_t slash = first.find_last_of('/');
  if (files.layout == "single" || slash == std::string::npos) return first;
  return first.substr(0, slash);
}

std::string FirstPart(const AppLogFiles& files) { return files.parts.empty() ? files.app_key : files.parts.front(); }

}  // namespace

bool ParseListingProblem(std::string_view name, ListingProblem* problem) {
  for (const auto& [wire, value] : kProblemNames)
    if (wire == name) {
      *problem = value;
      return true;
    }
  return false;
}

ScanError ListingIssueError(const ListingIssue& issue) {
  switch (issue.problem) {
    case ListingProblem::kMissing:
      return {issue.path, WithReason("cannot read", issue.reason) + std::string(kExpectedInput)};
    case ListingProblem::kNotAFile:
      return {issue.path, "not a regular file or folder" + std::string(kExpectedInput)};
    case ListingProblem::kEmptyFolder:
      return {issue.path, "the folder holds no files (expected event logs)"};
    case ListingProblem::kFolderUnreadable:
      return {issue.path, WithReason("cannot read the folder", issue.reason)};
    case ListingProblem::kEntryUnreadable:
      return {issue.path, WithReason("cannot read", issue.reason)};
    case ListingProblem::kFileUnreadable:
      return {issue.path, ReadFailure(issue.path, issue.reason)};
    case ListingProblem::kArchiveUnreadable:
      return {issue.path, issue.reason.empty() ? "zip: cannot be read" : issue.reason};
    case ListingProblem::kArchiveEmpty:
      return {issue.path, "the archive holds no files (expected event logs)"};
  }
  return {issue.path, WithReason("cannot read", issue.reason)};
}

ScanError SkippedFileError(const SkippedFile& skipped) { return {skipped.path, "skipped: " + skipped.message}; }

std::string ReadFailure(std::string_view path, std::string_view reason) {
  return WithReason("cannot read " + std::string(path), reason);
}

std::vector<ScanError> ScanErrors(const std::vector<ListingIssue>& listing, const std::vector<SkippedFile>& skipped,
                                  const std::vector<ApplicationOutcome>& applications) {
  std::vector<ScanError> errors;
  for (const ListingIssue& issue : listing) errors.push_back(ListingIssueError(issue));
  for (const SkippedFile& s : skipped) errors.push_back(SkippedFileError(s));
  for (const ApplicationOutcome& app : applications) {
    for (const std::string& warning : app.files->warnings) errors.push_back({LayoutPath(*app.files), "layout: " + warning});
    if (app.read) continue;
    const size_t before = errors.size();
    // the refusal or failure that stopped this application, unless its scan said more
    if (!app.stopped.empty() && app.scan_errors.empty()) errors.push_back({FirstPart(*app.files), app.stopped});
    errors.insert(errors.end(), app.scan_errors.begin(), app.scan_errors.end());
    if (errors.size() == before) errors.push_back({FirstPart(*app.files), "no Spark event could be read"});
  }
  return errors;
}

std::string NothingReadMessage(bool listed_nothing, const std::vector<ScanError>& errors) {
  if (listed_nothing || errors.empty())
    return "no event log found in the paths given (expected event-log files, folders or zip archives)";
  if (errors.size() == 1) return "nothing could be read: " + errors.front().path + ": " + errors.front().message;
  return "nothing could be read (" + std::to_string(errors.size()) +
         " inputs failed; each is listed among the errors): expected Spark event logs";
}

}  // namespace clusop
