#include "price/waste_model.hpp"

namespace clusop {
namespace {

constexpr double kDaysPerMonth = 30;

}  // namespace

Waste PriceWaste(const ClusterContext& c, Engine engine, double fallback_weight, const PriceTable& table) {
  Waste w;
  w.fallback_weight = fallback_weight;
  if (engine != Engine::kPhoton) {
    w.note = std::string("no DBU premium is modeled for ") + EngineName(engine) + ": only Photon is billed at a multiplier";
    w.missing.push_back("photon_engine");
    return w;
  }
  if (c.usd_per_dbu >= 0) {
    w.usd_per_dbu = c.usd_per_dbu;
    w.statuses.push_back("given");
  } else if (auto price = table.UsdPerDbu(c.cloud, c.tier, c.sku)) {
    w.usd_per_dbu = price->value;
    w.statuses.push_back(price->status);
  } else {
    w.missing.push_back("usd_per_dbu for " + c.cloud + "/" + c.tier + "/" + c.sku);
  }
  if (c.photon_multiplier >= 0) {
    w.photon_multiplier = c.photon_multiplier;
    w.statuses.push_back("given");
  } else if (auto m = table.PhotonMultiplier(c.cloud, c.sku)) {
    w.photon_multiplier = m->value;
    w.statuses.push_back(m->status);
  } else {
    w.missing.push_back("photon_multiplier for " + c.cloud + "/" + c.sku);
  }
  const std::string driver = c.driver_node_type.empty() ? c.node_type : c.driver_node_type;
  auto rate = [&](const std::string& type, const char* what) -> double {
    if (type.empty()) {
      w.missing.push_back(what);
      return 0;
    }
    auto r = table.NodeDbuPerHour(c.cloud, type);
    if (!r) {
      w.missing.push_back(std::string(what) + " " + type + " (not in the price table)");
      return 0;
    }
    w.statuses.push_back(r->status);
    return r->value;
  };
  const double driver_rate = rate(driver, "driver_node_type");
  const double worker_rate = rate(c.node_type, "node_type");
  if (c.workers < 0) w.missing.push_back("workers");
  if (c.runtime_seconds < 0) w.missing.push_back("runtime_seconds");
  w.dbu_per_hour = driver_rate + worker_rate * (c.workers < 0 ? 0 : c.workers);
  if (!w.missing.empty()) return w;

  const double premium = w.photon_multiplier > 1 ? w.photon_multiplier - 1 : 0;
  w.usd = (c.runtime_seconds / 3600.0) * w.dbu_per_hour * w.usd_per_dbu * premium * fallback_weight;
  if (c.runs_per_day >= 0) w.usd_per_month = *w.usd * c.runs_per_day * kDaysPerMonth;
  if (premium == 0) w.note = "this SKU has Photon priced in: no avoidable premium, the fallback costs time only";
  return w;
}

}  // namespace clusop
