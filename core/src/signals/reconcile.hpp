#pragma once
// Billed reconciliation: usage records (system.billing.usage) and list prices
// (system.billing.list_prices) matched to a record's clusters / job runs and time window.
#include <string>

#include <nlohmann/json.hpp>

namespace clusop::signals {

// The "reconcile" op: {"signal": stored record, "usage": [...], "list_prices": [...]}.
std::string ReconcileRequest(const nlohmann::json& request, int indent);

}  // namespace clusop::signals
