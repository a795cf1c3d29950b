#include "rank/cluster_price.hpp"

namespace clusop {

ClusterPrice PriceCluster(const ClusterContext& c, bool photon, const PriceTable& table) {
  ClusterPrice p;
  double usd_per_dbu = c.usd_per_dbu;
  if (usd_per_dbu < 0) {
    if (auto price = table.UsdPerDbu(c.cloud, c.tier, c.sku)) usd_per_dbu = price->value;
    else p.missing.push_back("usd_per_dbu for " + c.cloud + "/" + c.tier + "/" + c.sku);
  }
  double multiplier = 1;
  if (photon) {
    if (c.photon_multiplier >= 0) multiplier = c.photon_multiplier;
    else if (auto m = table.PhotonMultiplier(c.cloud, c.sku)) multiplier = m->value;
    else p.missing.push_back("photon_multiplier for " + c.cloud + "/" + c.sku);
  }
  auto rate = [&](const std::string& type, const char* what) -> double {
    if (type.empty()) {
      p.missing.push_back(what);
      return 0;
    }
    auto r = table.NodeDbuPerHour(c.cloud, type);
    if (!r) {
      p.missing.push_back(std::string(what) + " " + type + " (not in the price table)");
      return 0;
    }
    return r->value;
  };
  const double worker = rate(c.node_type, "node_type");
  const double driver = rate(c.driver_node_type.empty() ? c.node_type : c.driver_node_type, "driver_node_type");
  if (c.workers < 0) p.missing.push_back("workers");
  if (!p.missing.empty()) return p;
  p.usd_per_hour = (driver + worker * c.workers) * usd_per_dbu * multiplier;
  return p;
}

}  // namespace clusop
