#include <string>

#include "api/c_string.hpp"
#include "clusop/clusop.h"
#include "report/error_json.hpp"
#include "signals/signals_request.hpp"

extern "C" char* clusop_signals(const char* request_json, size_t length) {
  try {
    const std::string answer =
        request_json ? clusop::signals::SignalsRequestToJson(std::string_view(request_json, length))
                     : clusop::ContractErrorJson(clusop::signals::kSchema, "bad_request",
                                                 "request: expected a JSON object, got NULL", 0);
    return clusop::CopyToCString(answer);
  } catch (...) {
    return nullptr;
  }
}
