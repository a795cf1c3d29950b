#pragma once
#include <string>
#include <string_view>

namespace clusop {

// {"schema": <schema>, "error": {"code", "message"}}: the one error shape of every contract.
std::string ContractErrorJson(std::string_view schema, std::string_view code, std::string_view message, int indent);

}  // namespace clusop
