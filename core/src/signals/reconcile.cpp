#include "signals/reconcile.hpp"

#include "report/error_json.hpp"
#include "signals/signals_request.hpp"

namespace clusop::signals {

std::string ReconcileRequest(const nlohmann::json&, int indent) {
  return ContractErrorJson(kSchema, "not_implemented", "reconcile: not implemented yet", indent);
}

}  // namespace clusop::signals
