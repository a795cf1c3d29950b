// The sketch's quantiles against exact quantiles of the same random data: each within the
// stated relative accuracy (1%) of the exact value at the same rank.
#include "kpi/quantile_sketch.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace clusop {
namespace {

double Exact(std::vector<double> sorted, double q) {
  return sorted[static_cast<size_t>(q * static_cast<double>(sorted.size() - 1))];
}

void ExpectWithinAccuracy(const std::vector<double>& values) {
  QuantileSketch sketch;
  for (double v : values) sketch.Add(v);
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  ASSERT_EQ(sketch.count(), values.size());
  EXPECT_EQ(sketch.max(), sorted.back());
  EXPECT_EQ(sketch.min(), sorted.front());
  for (double q = 0.0; q <= 1.0; q += 0.01) {
    const double exact = Exact(sorted, q);
    const double got = sketch.Quantile(q);
    EXPECT_LE(std::fabs(got - exact), QuantileSketch::kRelativeAccuracy * exact + 1e-9)
        << "q=" << q << " exact=" << exact << " sketch=" << got;
  }
}

TEST(QuantileSketch, LogNormalDurationsWithinOnePercent) {
  std::mt19937_64 rng(42);
  std::lognormal_distribution<double> dist(6.0, 1.5);  // a task-duration-like spread (ms)
  std::vector<double> values;
  for (int i = 0; i < 100000; ++i) values.push_back(std::round(dist(rng)));
  ExpectWithinAccuracy(values);
}

TEST(QuantileSketch, UniformAndZerosWithinOnePercent) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> dist(0, 5000);
  std::vector<double> values;
  for (int i = 0; i < 20000; ++i) values.push_back(i % 10 == 0 ? 0 : dist(rng));
  ExpectWithinAccuracy(values);
}

TEST(QuantileSketch, OneStragglerAmongEqualTasks) {
  std::vector<double> values(999, 1000.0);
  values.push_back(120000.0);
  ExpectWithinAccuracy(values);
  QuantileSketch sketch;
  for (double v : values) sketch.Add(v);
  EXPECT_NEAR(sketch.max() / sketch.Quantile(0.5), 120.0, 120.0 * 0.011);
}

TEST(QuantileSketch, HugeRangeKeepsTheHighQuantiles) {
  // 1 ms .. 10^15 ms spans more buckets than kept: the low end is merged, the high end exact.
  std::vector<double> values;
  for (int e = 0; e <= 15; ++e)
    for (int i = 1; i <= 100; ++i) values.push_back(std::pow(10.0, e) * i);
  QuantileSketch sketch;
  for (double v : values) sketch.Add(v);
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  for (double q : {0.5, 0.75, 0.95, 0.99}) {
    const double exact = Exact(sorted, q);
    EXPECT_LE(std::fabs(sketch.Quantile(q) - exact), 0.01 * exact) << q;
  }
}

TEST(QuantileSketch, EmptyAndNegative) {
  QuantileSketch sketch;
  EXPECT_EQ(sketch.Quantile(0.5), 0);
  sketch.Add(-5);  // clock skew: counted as 0
  EXPECT_EQ(sketch.count(), 1u);
  EXPECT_EQ(sketch.Quantile(0.5), 0);
}

}  // namespace
}  // namespace clusop
