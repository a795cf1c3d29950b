#include "price/cluster_rate.hpp"

namespace clusop {
namespace {

// A request's value when given (>= 0), else the table's; `missing` names it when neither.
template <typename Lookup>
double GivenOrTable(double given, Lookup lookup, const std::string& missing, ClusterRate* r) {
  if (given >= 0) {
    r->statuses.push_back("given");
    return given;
  }
  if (auto value = lookup()) {
    r->statuses.push_back(value->status);
    return value->value;
  }
  r->missing.push_back(missing);
  return 0;
}

}  // namespace

ClusterRate RateCluster(const ClusterContext& c, const PriceTable& table, bool photon_multiplier) {
  ClusterRate r;
  r.usd_per_dbu = GivenOrTable(c.usd_per_dbu, [&] { return table.UsdPerDbu(c.cloud, c.tier, c.sku); },
                               "usd_per_dbu for " + c.cloud + "/" + c.tier + "/" + c.sku, &r);
  if (photon_multiplier)
    r.photon_multiplier = GivenOrTable(c.photon_multiplier, [&] { return table.PhotonMultiplier(c.cloud, c.sku); },
                                       "photon_multiplier for " + c.cloud + "/" + c.sku, &r);
  auto rate = [&](const std::string& type, const char* what) -> double {
    if (type.empty()) {
      r.missing.push_back(what);
      return 0;
    }
    auto node = table.NodeDbuPerHour(c.cloud, type);
    if (!node) {
      r.missing.push_back(std::string(what) + " " + type + " (not in the price table)");
      return 0;
    }
    r.statuses.push_back(node->status);
    return node->value;
  };
  const double driver = rate(c.driver_node_type.empty() ? c.node_type : c.driver_node_type, "driver_node_type");
  const double worker = rate(c.node_type, "node_type");
  if (c.workers < 0) r.missing.push_back("workers");
  r.dbu_per_hour = driver + worker * (c.workers < 0 ? 0 : c.workers);
  return r;
}

}  // namespace clusop
