#include "progress_bar.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace clusop::cli {
namespace {

constexpr int kWidth = 30;

double Megabytes(uint64_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

}  // namespace

ProgressBar::ProgressBar(uint64_t total, bool enabled) : total_(total), shown_(enabled && total >= kLargeInputBytes) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Advance(uint64_t bytes) {
  if (!shown_) return;
  const uint64_t done = done_.fetch_add(bytes) + bytes;
  const int per_mille = static_cast<int>(std::min<uint64_t>(1000, done * 1000 / total_));
  // redraw only when the shown figure changes: a few hundred writes for the whole input
  if (per_mille == drawn_per_mille_.load(std::memory_order_relaxed)) return;
  std::unique_lock<std::mutex> lock(draw_, std::try_to_lock);
  if (!lock.owns_lock() || finished_) return;
  drawn_per_mille_.store(per_mille, std::memory_order_relaxed);
  Draw(per_mille, done);
}

void ProgressBar::Draw(int per_mille, uint64_t done) {
  const int filled = per_mille * kWidth / 1000;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '.');
  std::fprintf(stderr, "\rreading [%s] %3d%%  %.1f of %.1f MiB", bar.c_str(), per_mille / 10, Megabytes(done),
               Megabytes(total_));
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (!shown_) return;
  std::lock_guard<std::mutex> lock(draw_);
  if (finished_) return;
  finished_ = true;
  std::fprintf(stderr, "\r\x1b[2K");
  std::fflush(stderr);
}

}  // namespace clusop::cli
