#pragma once
// Prices the Photon premium paid for JVM work:
//   waste = runtime_hours x (driver + workers) DBU/h x $/DBU x (multiplier - 1) x fallback_weight
// Always a modeled figure: list prices and a weight estimate, never a billed amount.
#include <optional>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "price/cluster_context.hpp"
#include "price/price_table.hpp"

namespace clusop {

struct Waste {
  std::optional<double> usd;            // per run; absent when an input is missing
  std::optional<double> usd_per_month;  // usd x runs_per_day x 30
  double dbu_per_hour = 0;              // driver + workers, base (non-Photon) rates
  double usd_per_dbu = 0;
  double photon_multiplier = 0;
  double fallback_weight = 0;
  std::vector<std::string> missing;     // inputs that were absent or unknown to the table
  std::vector<std::string> statuses;    // status of every table value used
  std::string note;
};

Waste PriceWaste(const ClusterContext& cluster, Engine engine, double fallback_weight, const PriceTable& table);

}  // namespace clusop
