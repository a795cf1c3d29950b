#pragma once
// The reference price table (pricing/price_table.json): $/DBU, Photon DBU multipliers and
// base DBU/hour per node type, cloud VM $/hour per node type (GPUs and the CPU twin of a GPU
// instance), each value with its status and sources. Prices are data.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clusop {

struct PriceFact {
  double value = 0;
  std::string status;  // verified, single_source, secondary, unverified, design_choice
};

// One node type's on-demand VM price; a GPU instance names the CPU instance of the same shape.
struct NodeVmPrice {
  double usd_per_hour = 0;
  std::string status;
  int gpus = 0;
  std::string cpu_twin;  // empty unless gpus > 0
};

class PriceTable {
 public:
  // Parses a table in the clusop.price_table/1 schema; false with `error` on a bad table.
  static bool Parse(std::string_view json, PriceTable* out, std::string* error);
  // The table compiled into the core from pricing/price_table.json.
  static const PriceTable& Default();

  std::optional<PriceFact> UsdPerDbu(std::string_view cloud, std::string_view tier, std::string_view sku) const;
  std::optional<PriceFact> PhotonMultiplier(std::string_view cloud, std::string_view sku) const;
  std::optional<PriceFact> NodeDbuPerHour(std::string_view cloud, std::string_view node_type) const;
  // Optional section "node_vm_usd_per_hour": absent in a table that prices DBUs only.
  std::optional<NodeVmPrice> NodeVm(std::string_view cloud, std::string_view node_type) const;
  const std::string& version() const { return version_; }

 private:
  struct Row {
    std::string cloud, tier, sku, node_type;
    PriceFact fact;
  };
  std::string version_;
  std::vector<Row> usd_per_dbu_, multipliers_, node_rates_;
  std::vector<std::pair<std::string, NodeVmPrice>> vm_rates_;  // key: cloud + '/' + node type
};

}  // namespace clusop
