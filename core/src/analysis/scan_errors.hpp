#pragma once
// The errors of a whole scan, in one order and one wording for every face: what the listing
// could not read (the face reports a problem and the system's reason; the core words it), the
// files the layout leaves out, each damaged layout (named by its folder's path), and why each
// application that gave no event was not read. A face fetches bytes and passes names; it never
// writes these sentences itself.
#include <string>
#include <string_view>
#include <vector>

#include "io/log_layout.hpp"
#include "kpi/app_report.hpp"

namespace clusop {

// What a face met while listing its inputs.
enum class ListingProblem {
  kMissing,            // a given path cannot be read (reason: the system's words)
  kNotAFile,           // a given path is neither a regular file nor a folder
  kEmptyFolder,        // a given folder holds no files
  kFolderUnreadable,   // a folder met while walking cannot be read
  kEntryUnreadable,    // an entry met while walking a folder cannot be looked at
  kFileUnreadable,     // a file met while walking, or its first bytes, cannot be read
  kArchiveUnreadable,  // a zip archive cannot be opened or listed (reason: the zip reader's words)
  kArchiveEmpty,       // a zip archive holds no files
};

struct ListingIssue {
  std::string path;
  ListingProblem problem = ListingProblem::kMissing;
  std::string reason;  // the system's or the zip reader's words; empty when the problem says all
};

// The wire names of ListingProblem ("missing", "not_a_file", ...); false for an unknown name.
bool ParseListingProblem(std::string_view name, ListingProblem* problem);
ScanError ListingIssueError(const ListingIssue& issue);

// "skipped: <why>": a file the layout leaves out.
ScanError SkippedFileError(const SkippedFile& skipped);

// "cannot read <path>: <reason>": a part that failed while its bytes were fetched.
std::string ReadFailure(std::string_view path, std::string_view reason);

// One application as a face read it.
struct ApplicationOutcome {
  const AppLogFiles* files = nullptr;
  bool read = false;                    // at least one event was read
  std::string stopped;                  // what stopped it (a refusal, a read failure), or empty
  std::vector<ScanError> scan_errors;   // what its scan recorded
};

// The document's errors except those of the applications that were read (they follow, each
// application's own, as report/scan_json writes them).
std::vector<ScanError> ScanErrors(const std::vector<ListingIssue>& listing, const std::vector<SkippedFile>& skipped,
                                  const std::vector<ApplicationOutcome>& applications);

// One line on why nothing could be read; `listed_nothing`: no file, error or skip at all.
std::string NothingReadMessage(bool listed_nothing, const std::vector<ScanError>& errors);

}  // namespace clusop
