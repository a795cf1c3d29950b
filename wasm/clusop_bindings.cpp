// The WebAssembly face: the core's entry points, exposed to JavaScript. No analysis logic here:
// the same JSON in and out as every face. The C functions (clusop_analyze, the event-log stream,
// clusop_layout) are exported as they are (wasm/CMakeLists.txt); embind adds the string calls
// and asks the core what a file's first bytes are.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "analysis/input_kind.hpp"
#include "clusop/clusop.h"
#include "clusop/clusop.hpp"

namespace {

std::string Analyze(const std::string& request_json) { return clusop::AnalyzeRequest(request_json); }

std::string Version() { return clusop_version(); }

// What the first bytes of a file are, as the core decides it for every face: the page scans an
// event log (plain, compressed or zipped) and analyses anything else as one plan.
emscripten::val InputKind(const std::string& head, bool whole) {
  const clusop::InputKind kind = clusop::DecideInputKind(head, whole);
  emscripten::val out = emscripten::val::object();
  out.set("kind", std::string(clusop::InputKindName(kind)));
  out.set("scanned", clusop::IsScannedKind(kind));
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(clusop) {
  emscripten::function("analyze", &Analyze);
  emscripten::function("version", &Version);
  emscripten::function("inputKind", &InputKind);
}
