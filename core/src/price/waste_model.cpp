#include "price/waste_model.hpp"

#include <utility>

#include "common/display_text.hpp"
#include "price/cluster_rate.hpp"

namespace clusop {
namespace {

constexpr double kDaysPerMonth = 30;

using display::Money;
using display::Number;
using display::Percent;

std::string Hours(double seconds) { return Number(seconds / 3600.0, 4) + " h"; }

void PerMonth(const ClusterContext& c, const std::optional<double>& usd, std::optional<double>* month) {
  if (usd && c.runs_per_day >= 0) *month = *usd * c.runs_per_day * kDaysPerMonth;
}

void PricePhotonPremium(const ClusterContext& c, const PriceTable& table, Waste* w) {
  w->measure = "photon_premium";
  w->dbu_billed = true;
  ClusterRate rate = RateCluster(c, table, /*photon_multiplier=*/true);
  w->dbu_per_hour = rate.dbu_per_hour;
  w->usd_per_dbu = rate.usd_per_dbu;
  w->photon_multiplier = rate.photon_multiplier;
  w->missing = std::move(rate.missing);
  w->statuses = std::move(rate.statuses);
  if (c.runtime_seconds < 0) w->missing.push_back("runtime_seconds");
  if (!w->missing.empty()) {
    w->formula = "runtime x (driver + workers) DBU/h x $/DBU x (Photon multiplier - 1) x fallback share";
    return;
  }
  const double premium = w->photon_multiplier > 1 ? w->photon_multiplier - 1 : 0;
  w->usd = (c.runtime_seconds / 3600.0) * w->dbu_per_hour * w->usd_per_dbu * premium * w->fallback_weight;
  PerMonth(c, w->usd, &w->usd_per_month);
  w->formula = Hours(c.runtime_seconds) + " x " + Number(w->dbu_per_hour, 4) + " DBU/h x " + Money(w->usd_per_dbu) +
               "/DBU x (" + Number(w->photon_multiplier, 4) + " - 1) x " + Percent(w->fallback_weight) + " = " +
               Money(*w->usd);
  if (premium == 0) w->note = "this SKU has Photon priced in: no avoidable premium, the fallback costs time only";
}

// VM $/h of one node type, and (for a GPU instance) its price above its CPU twin.
struct NodeVm {
  double usd_per_hour = 0;
  double gpu_premium = 0;
  bool gpu = false;
};

NodeVm RateVm(const ClusterContext& c, const std::string& type, const char* what, const PriceTable& table, Waste* w) {
  NodeVm out;
  if (type.empty()) {
    w->missing.push_back(what);
    return out;
  }
  const auto vm = table.NodeVm(c.cloud, type);
  if (!vm) {
    w->missing.push_back(std::string("vm_usd_per_hour for ") + c.cloud + "/" + type + " (not in the price table)");
    return out;
  }
  w->statuses.push_back(vm->status);
  out.usd_per_hour = vm->usd_per_hour;
  if (vm->gpus > 0 && !vm->cpu_twin.empty()) {
    if (const auto twin = table.NodeVm(c.cloud, vm->cpu_twin)) {
      out.gpu = true;
      out.gpu_premium = vm->usd_per_hour - twin->usd_per_hour;
    }
  }
  return out;
}

void PriceOffEngineSpend(const ClusterContext& c, Engine engine, const PriceTable& table, Waste* w) {
  w->measure = "off_engine_spend";
  w->dbu_billed = c.billing == "databricks";
  const std::string driver_type = c.driver_node_type.empty() ? c.node_type : c.driver_node_type;
  const NodeVm driver = RateVm(c, driver_type, "driver_node_type", table, w);
  const NodeVm worker = RateVm(c, c.node_type, "node_type", table, w);
  const int workers = c.workers < 0 ? 0 : c.workers;
  if (c.workers < 0) w->missing.push_back("workers");
  w->vm_usd_per_hour = driver.usd_per_hour + worker.usd_per_hour * workers;
  double dbu_usd_per_hour = 0;
  if (w->dbu_billed) {
    ClusterRate rate = RateCluster(c, table, /*photon_multiplier=*/false);
    w->dbu_per_hour = rate.dbu_per_hour;
    w->usd_per_dbu = rate.usd_per_dbu;
    for (std::string& m : rate.missing)
      if (m != "workers") w->missing.push_back(std::move(m));
    for (std::string& s : rate.statuses) w->statuses.push_back(std::move(s));
    dbu_usd_per_hour = w->dbu_per_hour * w->usd_per_dbu;
  }
  if (c.runtime_seconds < 0) w->missing.push_back("runtime_seconds");
  const std::string dbu_shape = w->dbu_billed ? " + DBU $/h" : "";
  if (!w->missing.empty()) {
    w->formula = "runtime x (VM $/h" + dbu_shape + " of driver + workers) x share of work off " + EngineName(engine);
    return;
  }
  w->cluster_usd_per_hour = w->vm_usd_per_hour + dbu_usd_per_hour;
  const double hours = c.runtime_seconds / 3600.0;
  w->usd = hours * w->cluster_usd_per_hour * w->fallback_weight;
  PerMonth(c, w->usd, &w->usd_per_month);
  w->formula = Hours(c.runtime_seconds) + " x (" + Money(w->vm_usd_per_hour) + " VM/h" +
               (w->dbu_billed ? " + " + Number(w->dbu_per_hour, 4) + " DBU/h x " + Money(w->usd_per_dbu) + "/DBU" : "") +
               ") x " + Percent(w->fallback_weight) + " = " + Money(*w->usd);
  if (engine == Engine::kRapids && (driver.gpu || worker.gpu)) {
    w->gpu_premium_usd_per_hour = driver.gpu_premium + worker.gpu_premium * workers;
    w->gpu_premium_usd = hours * w->gpu_premium_usd_per_hour * w->fallback_weight;
    PerMonth(c, w->gpu_premium_usd, &w->gpu_premium_usd_per_month);
    w->formula += "; of which GPUs: " + Hours(c.runtime_seconds) + " x " + Money(w->gpu_premium_usd_per_hour) +
                  " GPU instances above their CPU twins/h x " + Percent(w->fallback_weight) + " = " +
                  Money(*w->gpu_premium_usd);
  }
  w->note = std::string("what the cluster cost while ") + Percent(w->fallback_weight) + " of the work ran off " +
            EngineName(engine) + " (not a premium: the engine costs no more per hour)";
}

}  // namespace

Waste PriceWaste(const ClusterContext& c, Engine engine, double fallback_weight, const PriceTable& table) {
  Waste w;
  w.fallback_weight = fallback_weight;
  if (engine == Engine::kSpark) {
    w.measure = "none";
    w.note = "vanilla Spark: no native engine, so no work ran off one";
    w.missing.push_back("native_engine");
    return w;
  }
  if (engine == Engine::kPhoton) PricePhotonPremium(c, table, &w);
  else PriceOffEngineSpend(c, engine, table, &w);
  return w;
}

const char* WasteMeasureLabel(const std::string& measure) {
  if (measure == "photon_premium") return "Photon premium paid for JVM work";
  if (measure == "off_engine_spend") return "Spend on work off the engine";
  return "No dollar figure";
}

}  // namespace clusop
