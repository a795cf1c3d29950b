#include <string>

#include "api/c_string.hpp"
#include "clusop/clusop.h"
#include "compare/compare.hpp"
#include "report/error_json.hpp"

extern "C" char* clusop_compare(const char* request_json, size_t length) {
  try {
    const std::string answer =
        request_json ? clusop::compare::CompareRequestToJson(std::string_view(request_json, length))
                     : clusop::ContractErrorJson(clusop::compare::kSchema, "bad_request",
                                                 "request: expected a JSON object, got NULL", 0);
    return clusop::CopyToCString(answer);
  } catch (...) {
    return nullptr;
  }
}
