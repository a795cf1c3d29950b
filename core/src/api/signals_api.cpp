#include <cstdlib>
#include <cstring>
#include <string>

#include "clusop/clusop.h"
#include "report/error_json.hpp"
#include "signals/signals_request.hpp"

extern "C" char* clusop_signals(const char* request_json, size_t length) {
  try {
    const std::string answer =
        request_json ? clusop::signals::SignalsRequestToJson(std::string_view(request_json, length))
                     : clusop::ContractErrorJson(clusop::signals::kSchema, "bad_request",
                                                 "request: expected a JSON object, got NULL", 0);
    char* out = static_cast<char*>(std::malloc(answer.size() + 1));
    if (!out) return nullptr;
    std::memcpy(out, answer.data(), answer.size());
    out[answer.size()] = '\0';
    return out;
  } catch (...) {
    return nullptr;
  }
}
