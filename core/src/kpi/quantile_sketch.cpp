#include "kpi/quantile_sketch.hpp"

#include <algorithm>
#include <cmath>

namespace clusop {
namespace {

// gamma = (1 + alpha) / (1 - alpha): a bucket (gamma^(i-1), gamma^i] reported by its
// midpoint 2 gamma^i / (gamma + 1) is within alpha of every value in it.
const double kGamma = (1 + QuantileSketch::kRelativeAccuracy) / (1 - QuantileSketch::kRelativeAccuracy);
const double kLogGamma = std::log(kGamma);
// Values below this go to the zero bucket (durations are whole milliseconds).
constexpr double kMinPositive = 1e-3;

}  // namespace

int QuantileSketch::BucketOf(double value) const { return static_cast<int>(std::ceil(std::log(value) / kLogGamma)); }

double QuantileSketch::ValueOf(int bucket) const { return 2 * std::exp(bucket * kLogGamma) / (kGamma + 1); }

void QuantileSketch::Add(double value) {
  if (!(value >= 0)) value = 0;  // NaN and negatives
  if (count_ == 0) min_ = max_ = value;
  min_ = std::min(min_, value);
  max_ = std::max(max_, value);
  ++count_;
  if (value < kMinPositive) {
    ++zeros_;
    return;
  }
  const int bucket = BucketOf(value);
  if (counts_.empty()) {
    first_bucket_ = bucket;
    counts_.push_back(1);
    return;
  }
  if (bucket < first_bucket_) {
    const int grow = first_bucket_ - bucket;
    if (static_cast<int>(counts_.size()) + grow > kMaxBuckets) {
      counts_.front() += 1;  // collapsed: the lowest bucket absorbs what is below it
      return;
    }
    counts_.insert(counts_.begin(), static_cast<size_t>(grow), 0);
    first_bucket_ = bucket;
  } else if (bucket - first_bucket_ >= static_cast<int>(counts_.size())) {
    const size_t size = static_cast<size_t>(bucket - first_bucket_) + 1;
    if (size > static_cast<size_t>(kMaxBuckets)) {
      // keep the high end exact: merge the lowest buckets into one
      const size_t drop = size - kMaxBuckets;
      uint32_t merged = 0;
      for (size_t i = 0; i <= drop && i < counts_.size(); ++i) merged += counts_[i];
      counts_.erase(counts_.begin(), counts_.begin() + static_cast<std::ptrdiff_t>(std::min(drop, counts_.size())));
      if (counts_.empty()) counts_.push_back(0);
      counts_.front() = merged;
      first_bucket_ += static_cast<int>(drop);
    }
    counts_.resize(static_cast<size_t>(bucket - first_bucket_) + 1, 0);
  }
  ++counts_[static_cast<size_t>(bucket - first_bucket_)];
}

double QuantileSketch::Quantile(double q) const {
  if (count_ == 0) return 0;
  if (q <= 0) return min_;
  if (q >= 1) return max_;
  const uint64_t rank = static_cast<uint64_t>(q * static_cast<double>(count_ - 1));
  if (rank < zeros_) return 0;
  uint64_t seen = zeros_;
  for (size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen > rank) return std::clamp(ValueOf(first_bucket_ + static_cast<int>(i)), min_, max_);
  }
  return max_;
}

}  // namespace clusop
