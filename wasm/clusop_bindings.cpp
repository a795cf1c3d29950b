// The WebAssembly face: the core's single entry point, exposed to JavaScript through embind.
// No analysis logic here: JSON request in, the same clusop.analysis/1 JSON out as every face.
#include <emscripten/bind.h>

#include <string>

#include "clusop/clusop.h"
#include "clusop/clusop.hpp"

namespace {

std::string Analyze(const std::string& request_json) { return clusop::AnalyzeRequest(request_json); }

std::string Version() { return clusop_version(); }

}  // namespace

EMSCRIPTEN_BINDINGS(clusop) {
  emscripten::function("analyze", &Analyze);
  emscripten::function("version", &Version);
}
