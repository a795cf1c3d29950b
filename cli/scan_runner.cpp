#include "scan_runner.hpp"

#include <algorithm>
#include <atomic>
#include <string_view>
#include <exception>
#include <new>
#include <thread>

#include "analysis/input_kind.hpp"
#include "analysis/scan_errors.hpp"
#include "file_reading.hpp"

namespace clusop::cli {
namespace {

// The first bytes of an application must look like an event log (compressed or not); a plan,
// a text file or binary noise is refused in the core's words on what it is.
std::string RefuseNonLog(std::string_view first_bytes, bool whole) {
  return std::string(NotAnEventLogReason(DecideInputKind(first_bytes, whole)));
}

// Feeds one part's decoded or raw bytes to the scan, advancing the progress bar.
class PartFeeder : public ByteSink {
 public:
  PartFeeder(AppScan* scan, ProgressBar* progress, bool check_first_bytes, uint64_t disk_bytes, uint64_t fed_bytes)
      : scan_(scan), progress_(progress), check_(check_first_bytes), disk_bytes_(disk_bytes), fed_total_(fed_bytes) {}

  bool Write(std::string_view bytes, std::string* error) override {
    if (check_) {
      check_ = false;
      *error = RefuseNonLog(bytes, bytes.size() == fed_total_);
      if (!error->empty()) {
        refused_ = true;
        return false;
      }
    }
    fed_ += bytes.size();
    AdvanceProgress();
    if (!scan_->Feed(bytes)) {
      *error = scan_->error();
      return false;
    }
    return true;
  }

  bool saw_bytes() const { return fed_ > 0 || refused_; }
  bool refused() const { return refused_; }

 private:
  // A zip member's progress is its compressed size, advanced in step with what was inflated.
  void AdvanceProgress() {
    const uint64_t disk_now = fed_total_ == 0 ? disk_bytes_ : std::min(disk_bytes_, fed_ * disk_bytes_ / fed_total_);
    progress_->Advance(disk_now - disk_done_);
    disk_done_ = disk_now;
  }

  AppScan* scan_;
  ProgressBar* progress_;
  bool check_;
  bool refused_ = false;
  uint64_t disk_bytes_;
  uint64_t fed_total_;
  uint64_t fed_ = 0;
  uint64_t disk_done_ = 0;
};

// Reads one part; false with `error` when this application cannot go on (`refused`: its first
// bytes are not an event log, so the scan saw nothing).
bool ReadPart(const PartSource& part, bool first, AppScan* scan, ProgressBar* progress, std::string* error,
              bool* refused) {
  if (!scan->BeginPart(part.name)) {
    *error = scan->error();
    return false;
  }
  const uint64_t fed_total = part.archive != nullptr ? part.member.size : part.bytes;
  PartFeeder feeder(scan, progress, first, part.bytes, fed_total);
  if (part.archive != nullptr) {
    const bool read = ReadZipMember(part.archive->bytes(), part.member, &feeder, error);
    *refused = feeder.refused();
    if (!read) return false;
  } else {
    std::string sink_error;
    const bool go_on = part.head.empty() || feeder.Write(part.head, &sink_error);
    const bool read = !go_on || ReadInChunks(
        part.name, [&](std::string_view chunk) { return feeder.Write(chunk, &sink_error); }, error);
    *refused = feeder.refused();
    if (!read) return false;
    if (!sink_error.empty()) {
      *error = sink_error;
      return false;
    }
  }
  if (first && !feeder.saw_bytes()) {
    *refused = true;
    *error = NotAnEventLogReason(InputKind::kEmpty);
    return false;
  }
  return true;
}

void ScanOne(const ApplicationInput& input, const ScanOptions& options, ProgressBar* progress,
             ScannedApplication* out) {
  out->input = &input;
  try {
    AppScan scan(options);
    std::string error;
    bool refused = false;
    for (size_t i = 0; i < input.parts.size() && error.empty(); ++i)
      if (!ReadPart(input.parts[i], i == 0, &scan, progress, &error, &refused) && error.empty())
        error = ReadFailure(input.parts[i].name, "");
    const AppReport& report = scan.Finish();
    if (!refused) out->report = std::make_unique<AppReport>(report);  // refused: nothing was scanned
    out->error = !error.empty() ? error : scan.error();
  } catch (const std::bad_alloc&) {
    out->report.reset();
    out->error = "out of memory while reading this application";
  } catch (const std::exception& e) {
    out->report.reset();
    out->error = std::string("internal error: ") + e.what();
  }
}

}  // namespace

std::vector<ScannedApplication> ScanApplications(const ScanInputs& inputs, const ScanOptions& options, int jobs,
                                                 ProgressBar* progress) {
  std::vector<ScannedApplication> results(inputs.applications.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < results.size(); i = next++) ScanOne(inputs.applications[i], options, progress, &results[i]);
  };
  const size_t threads = std::min<size_t>(static_cast<size_t>(std::max(jobs, 1)), results.size());
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  return results;
}

}  // namespace clusop::cli
