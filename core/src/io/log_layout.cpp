// GroupLogFiles: names in, applications out. Choices where the layouts are ambiguous:
//  - Rolling: the newest ".compact" part replaces every part up to its number (as Spark's history
//    server reads it); parts it covers are skipped. A gap in the numbers is a warning.
//  - Databricks: one application per folder. Dated parts in date order, then the live `eventlog`.
//    A folder with dated parts and no `eventlog` (a partial copy, or a stray duplicate in a
//    subfolder) is still its own application, with a warning; two parts of the same date keep
//    the first name (sorted) and skip the other. Names that only start like a rotated part
//    ("eventlog-diff-context", "...-missing-DBC") are skipped with a reason inside a Databricks
//    folder (the layout cannot place them) and read as single logs elsewhere
//    ("eventlog-gpu-dsv1.zstd"). Parts missing from the middle can only be seen from the events
//    (Rollover Number), not the names. A folder without a live `eventlog` whose dated parts
//    repeat dates of a complete Databricks folder (a stray copy, e.g. under extra/) gives no
//    application: each such part is skipped, naming the part that is read.
//  - Single files: one application per name without codec and ".inprogress"; when a finished
//    and an in-progress file (or two codecs) of one name sit in one folder, the finished one is read.
#include "io/log_layout.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "io/log_file_name.hpp"

namespace clusop {
namespace {

using io::LogFileKind;
using io::LogFileName;

struct RollingFolder {
  std::vector<std::pair<LogFileName, std::string>> parts;
  std::vector<std::string> markers;
  bool in_progress = false;
};

struct DatabricksFolder {
  std::vector<std::pair<std::string_view, std::string>> dated;  // date, path
  std::vector<std::string> live;
};

std::string Basename(std::string_view dir) {
  const size_t slash = dir.find_last_of('/');
  return std::string(slash == std::string_view::npos ? dir : dir.substr(slash + 1));
}

void GroupRolling(const std::string& dir, RollingFolder& folder, LogLayout* layout) {
  if (folder.parts.empty()) {
    for (const std::string& marker : folder.markers)
      layout->skipped.push_back({marker, "status marker of a rolling log with no events_<N>_ part beside it"});
    return;
  }
  auto& parts = folder.parts;
  std::sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) {
    if (a.first.index != b.first.index) return a.first.index < b.first.index;
    if (a.first.compact != b.first.compact) return a.first.compact;
    return a.second < b.second;
  });
  uint64_t compact_index = 0;
  const std::string* compact_path = nullptr;
  for (const auto& [name, path] : parts)
    if (name.compact) {
      compact_index = name.index;
      compact_path = &path;
    }

  AppLogFiles app;
  app.layout = "rolling";
  app.app_key = parts.front().first.app_key;
  app.in_progress = folder.in_progress;
  uint64_t last = 0;
  bool any = false;
  for (const auto& [name, path] : parts) {
    if (compact_path && name.index <= compact_index && &path != compact_path) {
      layout->skipped.push_back({path, "covered by the compacted part " + Basename(*compact_path)});
      continue;
    }
    if (any && name.index == last) {
      layout->skipped.push_back({path, "duplicate rolling part number " + std::to_string(name.index) + " (" +
                                           Basename(app.parts.back()) + " is read)"});
      continue;
    }
    const uint64_t expected = any ? last + 1 : 1;
    if (name.index > expected && !(name.compact && !any)) {
      app.warnings.push_back(expected + 1 == name.index
                                 ? "rolling part " + std::to_string(expected) + " is missing"
                                 : "rolling parts " + std::to_string(expected) + " to " + std::to_string(name.index - 1) +
                                       " are missing");
    }
    app.in_progress = app.in_progress || name.in_progress;
    app.parts.push_back(path);
    last = name.index;
    any = true;
  }
  if (folder.markers.empty()) app.warnings.push_back("no appstatus_ marker in " + Basename(dir));
  layout->applications.push_back(std::move(app));
}

// A dated part of a folder without a live log that another folder, one with a live log, has
// under the same date: the path read, or nullptr.
const std::string* ReadElsewhere(const std::string& dir, std::string_view date,
                                 const std::map<std::string, DatabricksFolder>& folders) {
  for (const auto& [other_dir, other] : folders) {
    if (other_dir == dir || other.live.empty()) continue;
    for (const auto& [other_date, path] : other.dated)
      if (other_date == date) return &path;
  }
  return nullptr;
}

void SkipCopies(const std::string& dir, DatabricksFolder& folder, const std::map<std::string, DatabricksFolder>& folders,
                LogLayout* layout) {
  if (!folder.live.empty()) return;
  std::erase_if(folder.dated, [&](const auto& part) {
    const std::string* read = ReadElsewhere(dir, part.first, folders);
    if (read == nullptr) return false;
    layout->skipped.push_back({part.second, "a copy of the rotated part for " + std::string(part.first) + " (" + *read +
                                                " is read, beside its live eventlog)"});
    return true;
  });
}

void GroupDatabricks(const std::string& dir, DatabricksFolder& folder, LogLayout* layout) {
  if (folder.dated.empty() && folder.live.empty()) return;  // every part was a copy
  std::sort(folder.dated.begin(), folder.dated.end());
  AppLogFiles app;
  app.layout = "databricks";
  app.app_key = dir.empty() ? "eventlog" : Basename(dir);
  std::string_view last_date;
  for (const auto& [date, path] : folder.dated) {
    if (!app.parts.empty() && date == last_date) {
      layout->skipped.push_back({path, "a second rotated part for " + std::string(date) + " (" +
                                           Basename(app.parts.back()) + " is read)"});
      continue;
    }
    app.parts.push_back(path);
    last_date = date;
  }
  if (folder.live.empty()) {
    app.warnings.push_back("no live `eventlog` beside the rotated parts (a partial copy?)");
  } else {
    app.parts.push_back(folder.live.front());
  }
  layout->applications.push_back(std::move(app));
}

void GroupSingles(std::vector<std::pair<LogFileName, std::string>>& files, LogLayout* layout) {
  // A finished file before an in-progress one of the same name; then by path.
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
    if (a.first.dir != b.first.dir) return a.first.dir < b.first.dir;
    if (a.first.app_key != b.first.app_key) return a.first.app_key < b.first.app_key;
    if (a.first.in_progress != b.first.in_progress) return !a.first.in_progress;
    return a.second < b.second;
  });
  for (size_t i = 0; i < files.size(); ++i) {
    const auto& [name, path] = files[i];
    if (i > 0 && files[i - 1].first.dir == name.dir && files[i - 1].first.app_key == name.app_key) {
      layout->skipped.push_back({path, "another log of application " + name.app_key + " in this folder is read (" +
                                           std::string(files[i - 1].first.base) + ")"});
      continue;
    }
    AppLogFiles app;
    app.layout = "single";
    app.app_key = name.app_key;
    app.in_progress = name.in_progress;
    app.parts.push_back(path);
    layout->applications.push_back(std::move(app));
  }
}

}  // namespace

LogLayout GroupLogFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> sorted(paths);
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());

  LogLayout layout;
  std::map<std::string, RollingFolder> rolling;
  std::map<std::string, DatabricksFolder> databricks;
  std::vector<std::pair<LogFileName, std::string>> singles;
  for (const std::string& path : sorted) {
    LogFileName name = io::ClassifyLogFileName(path);
    switch (name.kind) {
      case LogFileKind::kForeign:
        layout.skipped.push_back({path, name.reason});
        break;
      case LogFileKind::kRollingPart:
        rolling[std::string(name.dir)].parts.emplace_back(std::move(name), path);
        break;
      case LogFileKind::kRollingMarker: {
        RollingFolder& folder = rolling[std::string(name.dir)];
        folder.markers.push_back(path);
        folder.in_progress = folder.in_progress || name.in_progress;
        break;
      }
      case LogFileKind::kDatabricksLive:
        databricks[std::string(name.dir)].live.push_back(path);
        break;
      case LogFileKind::kDatabricksDated:
        databricks[std::string(name.dir)].dated.emplace_back(name.date, path);
        break;
      case LogFileKind::kSingle:
        singles.emplace_back(std::move(name), path);
        break;
    }
  }
  std::erase_if(singles, [&](const auto& single) {
    const auto& [name, path] = single;
    if (!name.rotated_look || !databricks.count(std::string(name.dir))) return false;
    layout.skipped.push_back({path, name.reason});
    return true;
  });
  for (auto& [dir, folder] : rolling) GroupRolling(dir, folder, &layout);
  for (auto& [dir, folder] : databricks) SkipCopies(dir, folder, databricks, &layout);
  for (auto& [dir, folder] : databricks) GroupDatabricks(dir, folder, &layout);
  GroupSingles(singles, &layout);

  std::sort(layout.applications.begin(), layout.applications.end(),
            [](const AppLogFiles& a, const AppLogFiles& b) { return a.parts.front() < b.parts.front(); });
  std::stable_sort(layout.skipped.begin(), layout.skipped.end(),
                   [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
  return layout;
}

}  // namespace clusop
