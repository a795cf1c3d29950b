#pragma once
// What one path's name says about its place in a log layout (log_layout.hpp), before grouping.
#include <cstdint>
#include <string>
#include <string_view>

namespace clusop::io {

enum class LogFileKind {
  kSingle,          // <appId>[_<attempt>][.<codec>][.inprogress]
  kRollingPart,     // events_<N>_<appId>... inside eventlog_v2_<appId>/
  kRollingMarker,   // appstatus_<appId>[.inprogress] inside eventlog_v2_<appId>/
  kDatabricksLive,  // eventlog
  kDatabricksDated, // eventlog-YYYY-MM-DD--HH-MM[.<codec>]
  kForeign,         // not a log: `reason` says why
};

struct LogFileName {
  LogFileKind kind = LogFileKind::kSingle;
  std::string_view dir;   // "" for a bare name
  std::string_view base;
  std::string app_key;    // single: the name without codec and ".inprogress"
  uint64_t index = 0;     // rolling part number
  bool compact = false;   // rolling part ending ".compact"
  bool in_progress = false;
  std::string_view date;  // Databricks dated part: "YYYY-MM-DD--HH-MM"
  std::string reason;     // kForeign; for kSingle named like a rotated part, why it cannot be one
  bool rotated_look = false;  // single file named "eventlog-..." off the rotation pattern
};

inline constexpr std::string_view kRollingDirPrefix = "eventlog_v2_";

LogFileName ClassifyLogFileName(std::string_view path);

}  // namespace clusop::io
