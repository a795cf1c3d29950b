#include <cstdlib>
#include <exception>
#include <new>
#include <string>

#include "api/c_string.hpp"
#include "api/request.hpp"
#include "clusop/clusop.h"
#include "clusop/clusop.hpp"
#include "report/analysis_json.hpp"
#include "report/engine_report_json.hpp"

#ifndef CLUSOP_VERSION
#define CLUSOP_VERSION "0.0.0"
#endif

namespace clusop {

std::string AnalyzeRequest(std::string_view request_json) {
  try {
    Request request;
    std::string error;
    if (!ParseRequest(request_json, &request, &error)) return ErrorToJson("bad_request", error);
    Analysis analysis;
    if (!Analyze(request.input, &analysis, &error)) {
      if (analysis.report_alone()) return EngineReportToJson(analysis.engine_report, request.indent, request.markdown);
      return ErrorToJson("no_plan", error, request.indent);
    }
    return AnalysisToJson(analysis, request.indent, /*node_text=*/true, request.markdown);
  } catch (const std::bad_alloc&) {
    return ErrorToJson("out_of_memory", "the plan is too large to analyse in the memory available");
  } catch (const std::exception& e) {
    return ErrorToJson("internal", std::string("internal error: ") + e.what());
  } catch (...) {
    return ErrorToJson("internal", "internal error");
  }
}

}  // namespace clusop

extern "C" {

char* clusop_analyze(const char* request_json, size_t length) {
  try {
    const std::string response =
        request_json ? clusop::AnalyzeRequest(std::string_view(request_json, length))
                     : clusop::ErrorToJson("bad_request", "request: expected a JSON object, got NULL");
    return clusop::CopyToCString(response);
  } catch (...) {
    return nullptr;
  }
}

void clusop_free(char* response) { std::free(response); }

const char* clusop_version(void) { return CLUSOP_VERSION; }

}
