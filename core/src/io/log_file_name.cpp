#include "io/log_file_name.hpp"

#include <string>

#include "common/text.hpp"

namespace clusop::io {
namespace {

constexpr std::string_view kInProgress = ".inprogress";
constexpr std::string_view kCompact = ".compact";
constexpr std::string_view kCodecSuffixes[] = {".zstd", ".zst", ".gz", ".lz4", ".snappy", ".lzf"};
// Extensions of files found beside logs that are never logs themselves.
constexpr std::string_view kNotLogExtensions[] = {
    ".md",   ".txt",  ".csv",  ".tsv", ".html", ".htm",  ".png", ".jpg",        ".jpeg", ".gif", ".svg",
    ".pdf",  ".py",   ".scala", ".java", ".jar", ".class", ".yaml", ".yml",     ".xml",  ".properties",
    ".parquet", ".orc", ".avro", ".sh", ".ipynb", ".toml", ".ini", ".crc",      ".log4j", ".sha256"};
constexpr std::string_view kArchiveExtensions[] = {".tgz", ".tar", ".tar.gz"};

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool IsCodecSuffix(std::string_view s) {
  for (std::string_view suffix : kCodecSuffixes)
    if (s == suffix) return true;
  return false;
}

// A rotated part saved as a zip and then compressed ("eventlog-<date>.zip.gz"): the core reads
// the zip inside (SniffingDecoder), so the part keeps its place in the rotation.
bool IsZippedCodecSuffix(std::string_view s) { return text::StartsWith(s, ".zip") && IsCodecSuffix(s.substr(4)); }

std::string_view StripCodecSuffix(std::string_view name) {
  for (std::string_view suffix : kCodecSuffixes)
    if (text::EndsWith(name, suffix)) return name.substr(0, name.size() - suffix.size());
  return name;
}

// "YYYY-MM-DD--HH-MM"
bool IsRotationDate(std::string_view s) {
  if (s.size() != 17) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 4 || i == 7 || i == 10 || i == 11 || i == 14;
    if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

LogFileName Foreign(LogFileName name, std::string reason) {
  name.kind = LogFileKind::kForeign;
  name.reason = std::move(reason);
  return name;
}

bool ClassifyRolling(LogFileName* name) {
  const size_t slash = name->dir.find_last_of('/');
  const std::string_view dir_base = slash == std::string_view::npos ? name->dir : name->dir.substr(slash + 1);
  if (!text::StartsWith(dir_base, kRollingDirPrefix)) return false;
  std::string_view base = name->base;
  if (text::StartsWith(base, "appstatus_")) {
    name->kind = LogFileKind::kRollingMarker;
    name->in_progress = text::EndsWith(base, kInProgress);
    return true;
  }
  if (text::EndsWith(base, kInProgress)) {
    base.remove_suffix(kInProgress.size());
    name->in_progress = true;
  }
  if (text::EndsWith(base, kCompact)) {
    base.remove_suffix(kCompact.size());
    name->compact = true;
  }
  if (!text::StartsWith(base, "events_")) return false;
  base.remove_prefix(7);
  const size_t underscore = base.find('_');
  const std::string_view number = base.substr(0, underscore);
  if (underscore == std::string_view::npos || !IsDigits(number) || number.size() > 18) return false;
  name->kind = LogFileKind::kRollingPart;
  name->index = std::stoull(std::string(number));
  name->app_key = std::string(dir_base.substr(kRollingDirPrefix.size()));
  return true;
}

}  // namespace

LogFileName ClassifyLogFileName(std::string_view path) {
  LogFileName name;
  const size_t slash = path.find_last_of('/');
  name.dir = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
  name.base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::string_view base = name.base;
  const std::string lower = text::ToLower(base);

  if (base.empty()) return Foreign(name, "not a file name (the path ends with '/')");
  if (path.find("__MACOSX/") != std::string_view::npos) return Foreign(name, "macOS archive metadata (__MACOSX), not a log");
  if (base == ".DS_Store") return Foreign(name, "macOS folder metadata (.DS_Store), not a log");
  if (base[0] == '.') return Foreign(name, "hidden file, not a log");
  if (base == "databricks_pricing.json") return Foreign(name, "Databricks pricing file, not a log");
  if (text::StartsWith(base, "_SUCCESS")) return Foreign(name, "job marker file, not a log");
  for (std::string_view ext : kArchiveExtensions)
    if (text::EndsWith(lower, ext)) return Foreign(name, "tar archive: extract it and pass its files");
  if (text::EndsWith(lower, ".zip")) return Foreign(name, "zip archive: expected its members to be listed (ListZipMembers) and grouped");
  for (std::string_view ext : kNotLogExtensions)
    if (text::EndsWith(lower, ext))
      return Foreign(name, "a '" + std::string(ext) + "' file is not an event log (expected <appId>[.<codec>])");

  if (ClassifyRolling(&name)) return name;
  if (text::StartsWith(base, "appstatus_"))
    return Foreign(name, "rolling-log status marker outside an eventlog_v2_<appId> folder");

  if (base == "eventlog") {
    name.kind = LogFileKind::kDatabricksLive;
    return name;
  }
  if (text::StartsWith(base, "eventlog-")) {
    const std::string_view rest = base.substr(9);
    if (rest.size() >= 17 && IsRotationDate(rest.substr(0, 17)) && (rest.size() == 17 || IsCodecSuffix(rest.substr(17)) || IsZippedCodecSuffix(rest.substr(17)))) {
      name.kind = LogFileKind::kDatabricksDated;
      name.date = rest.substr(0, 17);
      return name;
    }
    // A log of its own ("eventlog-gpu-dsv1.zstd"), unless a Databricks folder holds it (GroupLogFiles).
    name.rotated_look = true;
    name.reason = "not a Databricks rotated part (expected eventlog-YYYY-MM-DD--HH-MM or that name + .gz, or + .zip.gz)";
  }

  std::string_view key = base;
  if (text::EndsWith(key, kInProgress)) {
    key.remove_suffix(kInProgress.size());
    name.in_progress = true;
  }
  name.app_key = std::string(StripCodecSuffix(key));
  if (name.app_key.empty()) return Foreign(name, "no application id before the codec suffix");
  return name;
}

}  // namespace clusop::io
