#include <string>

#include "api/c_string.hpp"
#include "clusop/clusop.h"
#include "report/error_json.hpp"
#include "report/figure_words.hpp"

extern "C" char* clusop_words(const char* request_json, size_t length) {
  try {
    const std::string answer =
        request_json ? clusop::figure_words::WordsJson(std::string_view(request_json, length), 0)
                     : clusop::ContractErrorJson(clusop::figure_words::kSchema, "bad_request",
                                                 "request: expected a JSON object, got NULL", 0);
    return clusop::CopyToCString(answer);
  } catch (...) {
    return nullptr;
  }
}
