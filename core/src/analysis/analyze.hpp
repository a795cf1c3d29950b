#pragma once
// The pipeline: text -> parse -> tree -> diagnose -> weigh -> price -> assess.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "analysis/analysis.hpp"
#include "price/price_table.hpp"

namespace clusop {

struct AnalyzeInput {
  std::string_view plan;            // explain text or an event-log JSON line; must outlive the Analysis
  std::string engine = "auto";      // auto | spark | photon | comet | gluten | rapids
  std::optional<bool> photon_enabled;
  ClusterContext cluster;
  const PriceTable* prices = nullptr;  // null: the embedded table
  // Event-log metric values by accumulator id (stage accumulables, driver updates): set on the
  // plan's metrics before analysis, so the fallback weight can use real time metrics.
  const std::unordered_map<int64_t, double>* metric_values = nullptr;
};

// False with a one-line `error` when the input holds no readable plan.
bool Analyze(const AnalyzeInput& input, Analysis* out, std::string* error);

}  // namespace clusop
