#include "signals/billing_schema.hpp"

#include "report/json_writer.hpp"
#include "signals/signals_request.hpp"

namespace clusop::signals {

const std::vector<BillingTable>& BillingTables() {
  static const std::vector<BillingTable> tables = {
      {"usage",
       "system.billing.usage",
       {
           {"record_id", "string", false, "a row given twice counts once"},
           {"workspace_id", "string", true, "only rows of the signal's workspace match"},
           {"sku_name", "string", true, "the list price's SKU; a PHOTON SKU shows Photon billing"},
           {"cloud", "string", false, "the list price's cloud, when both say"},
           {"usage_start_time", "timestamp", true, "overlap with a source's first..last seen; the price in force"},
           {"usage_end_time", "timestamp", true, "overlap with a source's first..last seen; hours covered"},
           {"usage_date", "date", true, "the service selects a signal's rows by the days it was seen"},
           {"usage_unit", "string", true, "only DBU rows are priced"},
           {"usage_quantity", "decimal", true, "DBUs (retractions negative)"},
           {"usage_metadata", "struct", true, "cluster_id, job_run_id, job_id: which source a row is"},
           {"record_type", "string", false, "kept with the row"},
           {"product_features", "struct", false, "is_photon: Photon billing"},
       }},
      {"list_prices",
       "system.billing.list_prices",
       {
           {"sku_name", "string", true, "the usage row's SKU"},
           {"cloud", "string", false, "the usage row's cloud, when both say"},
           {"currency_code", "string", true, "only USD prices are used"},
           {"usage_unit", "string", true, "the usage row's unit"},
           {"price_start_time", "timestamp", true, "the price in force at usage_start_time"},
           {"price_end_time", "timestamp", false, "null or absent: still in force"},
           {"pricing", "struct", true, "default: the list price per unit"},
       }},
  };
  return tables;
}

std::string BillingSchemaAnswer(int indent) {
  JsonWriter w(indent);
  w.BeginObject();
  w.Key("schema").String(kSchema);
  w.Key("op").String("billing_schema");
  w.Key("tables").BeginArray();
  for (const BillingTable& t : BillingTables()) {
    w.BeginObject();
    w.Key("name").String(t.name);
    w.Key("system_table").String(t.system_table);
    w.Key("columns").BeginArray();
    for (const BillingColumn& c : t.columns)
      w.BeginObject().Key("name").String(c.name).Key("type").String(c.type).Key("required").Bool(c.required)
          .Key("reads").String(c.reads).EndObject();
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

}  // namespace clusop::signals
