#pragma once
// The people-facing text of an event-log scan, in the core so every face shows the same words:
// per application a header, the stages that took the time, the skewed, spilling and GC-heavy
// ones, the SQL executions that fell back with their modeled dollars, and what was not read.
#include <string>
#include <vector>

#include "kpi/app_report.hpp"

namespace clusop {

// When a stage is called out (the sources of each threshold are in scan_text.cpp).
struct StageCallouts {
  static constexpr int kTopStages = 5;
  static constexpr size_t kMaxListed = 8;  // per section; the rest are counted
  static constexpr double kSkewRatio = 4.0;
  static constexpr int64_t kSkewMinMaxMs = 5'000;
  static constexpr double kGcShare = 0.10;
  static constexpr int64_t kGcMinRunMs = 10'000;
};

// One application, all sections.
std::string AppReportToText(const AppReport& report, bool colour);

// Only the SQL executions: one block per execution with fallbacks (what `analyze` shows for a
// whole event log), then a line for those without.
std::string SqlExecutionsToText(const AppReport& report, bool colour);

// The inputs that could not be read, one line each.
std::string ScanErrorsToText(const std::vector<ScanError>& errors);

// Files the layout left out as not being logs (CSV, README, .DS_Store, ...): counted, a few named.
std::string SkippedFilesToText(const std::vector<ScanError>& skipped);

}  // namespace clusop
