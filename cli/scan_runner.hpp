#pragma once
// Reads every application with its own AppScan, a few at once (a small pool of threads taking
// the next application in turn), each part fed in bounded chunks.
#include <memory>
#include <string>
#include <vector>

#include "analysis/app_scan.hpp"
#include "kpi/app_report.hpp"
#include "progress_bar.hpp"
#include "scan_inputs.hpp"

namespace clusop::cli {

struct ScannedApplication {
  const ApplicationInput* input = nullptr;
  // The report only: the scan's buffers (parser, decoder window, line buffer) are freed as soon
  // as its application is done, so memory grows with applications' figures, not their readers.
  std::unique_ptr<AppReport> report;  // null when the input was refused before scanning
  std::string error;                  // why (some of) it could not be read; empty when all was read
};

// The results are in the order of `inputs.applications`, whatever order the threads finished in.
std::vector<ScannedApplication> ScanApplications(const ScanInputs& inputs, const ScanOptions& options, int jobs,
                                                 ProgressBar* progress);

}  // namespace clusop::cli
