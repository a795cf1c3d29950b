#pragma once
// Billed reconciliation of one stored record from the workspace's own billing tables, in the
// exact shapes of Databricks' system.billing.usage and system.billing.list_prices rows.
//
// Per source of the record:
//   records  = usage rows of the record's workspace whose usage_metadata names the source's
//              cluster_id (else job_run_id, else job_id) and whose [usage_start_time,
//              usage_end_time] overlaps the source's [first_seen, last_seen];
//   price    = the list price of the row's sku_name and usage_unit in USD in force at its
//              usage_start_time (pricing.default; the latest price_start_time wins);
//   spend    = sum of usage_quantity x price (retractions are negative quantities and count);
//   share    = min(1, the source's fallback runtime / the hours its records cover);
//   waste    = spend x share x (photon_multiplier - 1) / photon_multiplier x fallback_weight,
//              the multiplier and weight being the signal's analysis' own.
// The basis is "billed" (cost leg HIGH) only when every source has records, every record a
// price, the records show Photon billing (product_features.is_photon or a PHOTON SKU) and the
// analysis has its multiplier and weight; otherwise "modeled", with the reason. The records used
// are listed as evidence; rows that matched but could not be used are listed with why.
#include <string>

#include <nlohmann/json.hpp>

namespace clusop::signals {

// The "reconcile" op: {"signal": stored record, "usage": [...], "list_prices": [...]}.
std::string ReconcileRequest(const nlohmann::json& request, int indent);

}  // namespace clusop::signals
