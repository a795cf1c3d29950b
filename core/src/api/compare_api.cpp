#include <cstdlib>
#include <cstring>
#include <string>

#include "clusop/clusop.h"
#include "compare/compare.hpp"
#include "report/error_json.hpp"

extern "C" char* clusop_compare(const char* request_json, size_t length) {
  try {
    const std::string answer =
        request_json ? clusop::compare::CompareRequestToJson(std::string_view(request_json, length))
                     : clusop::ContractErrorJson(clusop::compare::kSchema, "bad_request",
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
