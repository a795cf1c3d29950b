// clusop._core: the C entry point of the core (core/include/clusop/clusop.h), as is.
// A JSON request in, the core's JSON answer out: no analysis happens on the Python side.
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include <cstddef>
#include <string>

#include "clusop/clusop.h"

namespace nb = nanobind;

namespace {

// The answer as UTF-8 bytes, exactly as the core wrote them. The GIL is released while the
// core works, so a watch thread analysing a plan never blocks the notebook.
nb::bytes Analyze(nb::bytes request) {
  std::string in(request.c_str(), request.size());
  char* out = nullptr;
  {
    nb::gil_scoped_release release;
    out = clusop_analyze(in.data(), in.size());
  }
  if (out == nullptr) throw std::bad_alloc();
  std::string answer(out);
  clusop_free(out);
  return nb::bytes(answer.data(), answer.size());
}

}  // namespace

NB_MODULE(_core, m) {
  m.doc() = "The clusop core's single entry point (clusop_analyze): JSON request bytes in, JSON answer bytes out.";
  m.def("analyze", &Analyze, nb::arg("request"),
        "Analyses one clusop request (UTF-8 JSON bytes); returns the clusop.analysis/1 answer bytes.");
  m.def("version", []() { return std::string(clusop_version()); }, "The core's version.");
}
