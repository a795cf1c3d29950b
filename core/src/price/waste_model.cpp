#include "price/waste_model.hpp"

#include <utility>

#include "price/cluster_rate.hpp"

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
  ClusterRate rate = RateCluster(c, table, /*photon_multiplier=*/true);
  w.dbu_per_hour = rate.dbu_per_hour;
  w.usd_per_dbu = rate.usd_per_dbu;
  w.photon_multiplier = rate.photon_multiplier;
  w.missing = std::move(rate.missing);
  w.statuses = std::move(rate.statuses);
  if (c.runtime_seconds < 0) w.missing.push_back("runtime_seconds");
  if (!w.missing.empty()) return w;

  const double premium = w.photon_multiplier > 1 ? w.photon_multiplier - 1 : 0;
  w.usd = (c.runtime_seconds / 3600.0) * w.dbu_per_hour * w.usd_per_dbu * premium * fallback_weight;
  if (c.runs_per_day >= 0) w.usd_per_month = *w.usd * c.runs_per_day * kDaysPerMonth;
  if (premium == 0) w.note = "this SKU has Photon priced in: no avoidable premium, the fallback costs time only";
  return w;
}

}  // namespace clusop
