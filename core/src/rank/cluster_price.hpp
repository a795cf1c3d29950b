#pragma once
// What an hour of the whole cluster costs, modeled from the cluster shape and the price table:
//   usd/hour = (driver + workers x worker) DBU/hour x $/DBU x (Photon multiplier when Photon)
// List prices (DBUs only, no cloud VM cost): a modeled figure, never a billed amount.
#include <optional>
#include <string>
#include <vector>

#include "price/cluster_context.hpp"
#include "price/price_table.hpp"

namespace clusop {

struct ClusterPrice {
  std::optional<double> usd_per_hour;
  std::vector<std::string> missing;  // what kept the price out (names of inputs)
};

ClusterPrice PriceCluster(const ClusterContext& cluster, bool photon, const PriceTable& table);

}  // namespace clusop
