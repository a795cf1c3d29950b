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
  // The engine's own fallback report (a driver log, RAPIDS explain output, Gluten event lines),
  // read beside the plan; the plan text itself is read for one too.
  std::string_view engine_log;
  std::string engine = "auto";      // auto | spark | photon | comet | gluten | rapids
  std::optional<bool> photon_enabled;
  ClusterContext cluster;
  const PriceTable* prices = nullptr;  // null: the embedded table
  // Event-log metric values by accumulator id (stage accumulables, driver updates): set on the
  // plan's metrics before analysis, so the fallback weight can use real time metrics.
  const std::unordered_map<int64_t, double>* metric_values = nullptr;
};

// False with a one-line `error` when the input holds no readable plan (out->engine_report still
// holds any engine report found: alone it gives the reasons per operator).
bool Analyze(const AnalyzeInput& input, Analysis* out, std::string* error);

}  // namespace clusop
