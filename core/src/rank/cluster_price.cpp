#include "rank/cluster_price.hpp"

#include <utility>

#include "price/cluster_rate.hpp"

namespace clusop {

ClusterPrice PriceCluster(const ClusterContext& c, bool photon, const PriceTable& table) {
  ClusterRate rate = RateCluster(c, table, photon);
  ClusterPrice p;
  p.missing = std::move(rate.missing);
  if (!p.missing.empty()) return p;
  p.usd_per_hour = rate.dbu_per_hour * rate.usd_per_dbu * (photon ? rate.photon_multiplier : 1.0);
  return p;
}

}  // namespace clusop
