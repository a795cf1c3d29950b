#include "scan_session.hpp"

#include "kpi/app_report.hpp"

namespace clusop::cli {

ScanOptions MakeScanOptions(const CommonOptions& options) {
  ScanOptions scan;
  scan.engine = options.engine;
  scan.photon_enabled = options.photon_enabled;
  scan.cluster = options.cluster;
  return scan;
}

void RunScan(const std::vector<std::string>& paths, const ScanOptions& options, int jobs, bool show_progress,
             ScanSession* session) {
  session->inputs = CollectScanInputs(paths);
  ProgressBar progress(session->inputs.total_bytes, show_progress);
  session->applications = ScanApplications(session->inputs, options, jobs, &progress);
  progress.Finish();
}

void RunStandardInputScan(std::string head, const ScanOptions& options, ScanSession* session) {
  session->inputs = StandardInputScan(std::move(head));
  ProgressBar no_progress(0, false);
  session->applications = ScanApplications(session->inputs, options, 1, &no_progress);
}

bool AnythingRead(const ScanSession& session) {
  for (const ScannedApplication& app : session.applications)
    if (app.report != nullptr && app.report->read.events > 0) return true;
  return false;
}

}  // namespace clusop::cli
