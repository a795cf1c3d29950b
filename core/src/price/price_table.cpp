#include "price/price_table.hpp"

#include <nlohmann/json.hpp>

#include "price/embedded_price_table.hpp"

namespace clusop {
namespace {

using nlohmann::json;

std::string Str(const json& row, const char* key) {
  const auto it = row.find(key);
  return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

bool PriceTable::Parse(std::string_view text, PriceTable* out, std::string* error) {
  const json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    *error = "price table is not valid JSON";
    return false;
  }
  if (Str(doc, "schema") != "clusop.price_table/1") {
    *error = "price table: expected schema \"clusop.price_table/1\"";
    return false;
  }
  out->version_ = Str(doc, "version");
  struct Section {
    const char* key;
    const char* value_key;
    std::vector<Row>* rows;
  };
  for (const Section& section : {Section{"usd_per_dbu", "usd", &out->usd_per_dbu_},
                                 Section{"photon_multiplier", "value", &out->multipliers_},
                                 Section{"node_dbu_per_hour", "dbu_per_hour", &out->node_rates_}}) {
    const auto it = doc.find(section.key);
    if (it == doc.end() || !it->is_array()) {
      *error = std::string("price table: expected an array \"") + section.key + "\"";
      return false;
    }
    for (const json& row : *it) {
      const auto value = row.find(section.value_key);
      if (!row.is_object() || value == row.end() || !value->is_number()) {
        *error = std::string("price table: a row of \"") + section.key + "\" has no number \"" + section.value_key + "\"";
        return false;
      }
      section.rows->push_back({Str(row, "cloud"), Str(row, "tier"), Str(row, "sku"), Str(row, "node_type"),
                               PriceFact{value->get<double>(), Str(row, "status")}});
    }
  }
  const auto vm = doc.find("node_vm_usd_per_hour");
  if (vm != doc.end()) {
    if (!vm->is_array()) {
      *error = "price table: \"node_vm_usd_per_hour\" must be an array";
      return false;
    }
    for (const json& row : *vm) {
      const auto usd = row.is_object() ? row.find("usd_per_hour") : row.end();
      if (!row.is_object() || usd == row.end() || !usd->is_number()) {
        *error = "price table: a row of \"node_vm_usd_per_hour\" has no number \"usd_per_hour\"";
        return false;
      }
      NodeVmPrice price{usd->get<double>(), Str(row, "status"), 0, Str(row, "cpu_twin")};
      const auto gpus = row.find("gpus");
      if (gpus != row.end() && gpus->is_number_integer()) price.gpus = gpus->get<int>();
      out->vm_rates_.emplace_back(Str(row, "cloud") + "/" + Str(row, "node_type"), std::move(price));
    }
  }
  return true;
}

const PriceTable& PriceTable::Default() {
  static const PriceTable* table = [] {
    auto* t = new PriceTable();
    std::string error;
    if (!Parse(kEmbeddedPriceTable, t, &error)) t->version_ = "invalid: " + error;
    return t;
  }();
  return *table;
}

std::optional<PriceFact> PriceTable::UsdPerDbu(std::string_view cloud, std::string_view tier, std::string_view sku) const {
  for (const Row& r : usd_per_dbu_)
    if (r.cloud == cloud && r.tier == tier && r.sku == sku) return r.fact;
  return std::nullopt;
}

std::optional<PriceFact> PriceTable::PhotonMultiplier(std::string_view cloud, std::string_view sku) const {
  for (const Row& r : multipliers_)
    if (r.cloud == cloud && r.sku == sku) return r.fact;
  return std::nullopt;
}

std::optional<PriceFact> PriceTable::NodeDbuPerHour(std::string_view cloud, std::string_view node_type) const {
  for (const Row& r : node_rates_)
    if (r.cloud == cloud && r.node_type == node_type) return r.fact;
  return std::nullopt;
}

}  // namespace clusop

namespace clusop {

std::optional<NodeVmPrice> PriceTable::NodeVm(std::string_view cloud, std::string_view node_type) const {
  const std::string key = std::string(cloud) + "/" + std::string(node_type);
  for (const auto& [k, price] : vm_rates_)
    if (k == key) return price;
  return std::nullopt;
}

}  // namespace clusop
