#pragma once
// The columns of Databricks' system.billing.usage and system.billing.list_prices the billed
// reconciliation (reconcile.cpp) reads, as data: the service's onboarding probes a store's copies
// against them and its reader takes the struct columns from them, so no face lists them again.
//
// op "billing_schema": {"op": "billing_schema"} ->
//   {"schema", "op", "tables": [{"name": "usage" | "list_prices", "system_table",
//     "columns": [{"name", "type" (the system table's), "required", "reads"}]}]}
// required: reconcile cannot match or price a row without it; the others refine when present.
#include <string>
#include <vector>

namespace clusop::signals {

struct BillingColumn {
  const char* name;
  const char* type;      // as in the system table: string, timestamp, date, decimal, struct
  bool required;
  const char* reads;     // what reconcile takes from it
};

struct BillingTable {
  const char* name;          // the key reconcile's request uses: "usage", "list_prices"
  const char* system_table;  // system.billing.usage
  std::vector<BillingColumn> columns;
};

const std::vector<BillingTable>& BillingTables();

std::string BillingSchemaAnswer(int indent);

}  // namespace clusop::signals
