#pragma once
// A relative-error quantile sketch (the DDSketch idea: logarithmic buckets) for task durations.
// Every quantile it returns is within 1% of the exact value of that rank (relative accuracy
// alpha = 0.01), whatever the number of values; memory is bounded by the number of buckets
// (at most kMaxBuckets), never by the number of values.
#include <cstdint>
#include <vector>

namespace clusop {

class QuantileSketch {
 public:
  static constexpr double kRelativeAccuracy = 0.01;
  // 1 ms to 10^12 ms fits in about 1,400 buckets; past this the lowest buckets are merged.
  static constexpr int kMaxBuckets = 2048;

  // Values are non-negative; negatives (clock skew) count as zero.
  void Add(double value);
  uint64_t count() const { return count_; }
  double max() const { return max_; }
  double min() const { return min_; }
  // The value at rank q * (count - 1), q in [0, 1], within the relative accuracy; 0 when empty.
  double Quantile(double q) const;

 private:
  int BucketOf(double value) const;
  double ValueOf(int bucket) const;

  std::vector<uint32_t> counts_;  // counts_[i] holds bucket first_bucket_ + i
  int first_bucket_ = 0;
  uint64_t zeros_ = 0;            // values below the smallest bucket (0 ms)
  uint64_t count_ = 0;
  double max_ = 0;
  double min_ = 0;
};

}  // namespace clusop
