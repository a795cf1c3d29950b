#pragma once
// One scan of the given paths: the inputs found, each application read, and the words on what
// could not be read. `analyze` and `scan` both run it, so an event log reads the same in each.
#include <string>
#include <vector>

#include "analysis/app_scan.hpp"
#include "common_options.hpp"
#include "scan_inputs.hpp"
#include "scan_runner.hpp"

namespace clusop::cli {

struct ScanSession {
  ScanInputs inputs;
  std::vector<ScannedApplication> applications;
};

ScanOptions MakeScanOptions(const CommonOptions& options);

// Lists, groups and reads; a progress bar on stderr when `show_progress` and the input is large.
void RunScan(const std::vector<std::string>& paths, const ScanOptions& options, int jobs, bool show_progress,
             ScanSession* session);

// Scans standard input as one event log; `head` is what was already read of it.
void RunStandardInputScan(std::string head, const ScanOptions& options, ScanSession* session);

// At least one application gave a report with events in it.
bool AnythingRead(const ScanSession& session);

}  // namespace clusop::cli
