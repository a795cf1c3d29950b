#pragma once
// The reference price table (pricing/price_table.json): $/DBU, Photon DBU multipliers and
// base DBU/hour per node type, each value with its status and sources. Prices are data.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clusop {

struct PriceFact {
  double value = 0;
  std::string status;  // verified, single_source, secondary, unverified, design_choice
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
  const std::string& version() const { return version_; }

 private:
  struct Row {
    std::string cloud, tier, sku, node_type;
    PriceFact fact;
  };
  std::string version_;
  std::vector<Row> usd_per_dbu_, multipliers_, node_rates_;
};

}  // namespace clusop
