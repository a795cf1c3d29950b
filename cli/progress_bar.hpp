#pragma once
// Bytes read out of bytes to read, drawn on one stderr line; any thread may advance it.
#include <atomic>
#include <cstdint>
#include <mutex>

namespace clusop::cli {

class ProgressBar {
 public:
  // Inputs smaller than this finish before a bar would help.
  static constexpr uint64_t kLargeInputBytes = uint64_t{64} << 20;

  // Drawn only when `enabled` (stderr is a terminal) and `total` is large.
  ProgressBar(uint64_t total, bool enabled);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void Advance(uint64_t bytes);
  // Clears the bar's line so what follows starts clean.
  void Finish();

 private:
  void Draw(int per_mille, uint64_t done);

  const uint64_t total_;
  const bool shown_;
  std::atomic<uint64_t> done_{0};
  std::atomic<int> drawn_per_mille_{-1};
  std::mutex draw_;
  bool finished_ = false;
};

}  // namespace clusop::cli
