#pragma once
// The price inputs of one cluster, from the request's values or the price table: the one place
// that looks them up (the Photon waste model and the recommendations' dollars both use it).
// List prices (DBUs only, no cloud VM cost): modeled figures, never billed amounts.
#include <string>
#include <vector>

#include "price/cluster_context.hpp"
#include "price/price_table.hpp"

namespace clusop {

struct ClusterRate {
  double dbu_per_hour = 0;       // driver + workers x worker, base (non-Photon) rates
  double usd_per_dbu = 0;
  double photon_multiplier = 0;  // looked up only when asked for
  std::vector<std::string> missing;   // inputs absent or unknown to the table
  std::vector<std::string> statuses;  // the status of every table value used ("given" for the request's)
};

ClusterRate RateCluster(const ClusterContext& cluster, const PriceTable& table, bool photon_multiplier);

}  // namespace clusop
