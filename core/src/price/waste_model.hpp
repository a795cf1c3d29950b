#pragma once
// A dollar figure for the work that left the engine, one measure per engine, never mixed up:
//   photon_premium   (Photon) the DBU premium paid for JVM work:
//     runtime_hours x (driver + workers) DBU/h x $/DBU x (multiplier - 1) x fallback share
//   off_engine_spend (Comet, Gluten, RAPIDS) what the cluster cost while doing work off the engine:
//     runtime_hours x (VM $/h + DBU $/h where Databricks bills) x fallback share
//     RAPIDS on GPU instances also gets gpu_premium: the GPU instances' price above their CPU twins
//     for that share of the time (part of the spend, not added to it).
// Always modeled: list prices and a share estimate, never a billed amount.
#include <optional>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "price/cluster_context.hpp"
#include "price/price_table.hpp"

namespace clusop {

struct Waste {
  std::string measure;                  // photon_premium | off_engine_spend | none
  std::optional<double> usd;            // per run; absent when an input is missing
  std::optional<double> usd_per_month;  // usd x runs_per_day x 30
  double dbu_per_hour = 0;              // driver + workers, base (non-Photon) rates
  double usd_per_dbu = 0;
  double photon_multiplier = 0;
  double fallback_weight = 0;
  bool dbu_billed = false;              // the cluster pays DBUs (Databricks)
  double vm_usd_per_hour = 0;           // driver + workers on-demand VM price
  double cluster_usd_per_hour = 0;      // VM + DBU $/h: what an hour of the cluster costs
  std::optional<double> gpu_premium_usd;            // RAPIDS on GPU instances only
  std::optional<double> gpu_premium_usd_per_month;
  double gpu_premium_usd_per_hour = 0;  // GPU instances above their CPU twins, whole cluster
  std::string formula;                  // the formula with the inputs filled in (or its shape when unpriced)
  std::vector<std::string> missing;     // inputs that were absent or unknown to the table
  std::vector<std::string> statuses;    // status of every table value used
  std::string note;
};

Waste PriceWaste(const ClusterContext& cluster, Engine engine, double fallback_weight, const PriceTable& table);

// The words for a measure ("Photon premium paid for JVM work", ...), for every face.
const char* WasteMeasureLabel(const std::string& measure);

}  // namespace clusop
