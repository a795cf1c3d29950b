#pragma once
// Which files belong to which application, and in what order: the layouts Spark and the
// platforms write. Given only the paths a face listed (never the file system), so the browser,
// the CLI and Python group a folder the same way.
//   single file   <appId>[_<attempt>][.<codec>][.inprogress]
//   rolling       eventlog_v2_<appId>[_<attempt>]/events_<N>_<appId>...  (N numeric order),
//                 appstatus_<appId>[.inprogress] marker, *.compact parts
//   Databricks    .../<context id>/eventlog  +  eventlog-YYYY-MM-DD--HH-MM[.gz]  (dated parts
//                 in date order, the live `eventlog` last)
//   zip archive   handed whole to ReadZipMembers (zip_archive.hpp); its members are grouped here
#include <string>
#include <vector>

namespace clusop {

struct AppLogFiles {
  std::string app_key;             // the application id (and attempt) as the layout names it
  std::string layout;              // "single", "rolling" or "databricks"
  std::vector<std::string> parts;  // paths, in the order their events were written
  bool in_progress = false;        // ".inprogress" name or marker: the last part may be cut
  std::vector<std::string> warnings;  // the layout looks damaged: a part missing, no live file
};

struct SkippedFile {
  std::string path;
  std::string message;  // why it is not read, naming what was expected
};

struct LogLayout {
  std::vector<AppLogFiles> applications;
  std::vector<SkippedFile> skipped;
};

// Paths use '/' separators, as listed (relative or absolute). Foreign files (.DS_Store,
// databricks_pricing.json, appstatus markers, .crc) are skipped with a reason.
LogLayout GroupLogFiles(const std::vector<std::string>& paths);

}  // namespace clusop
