// libFuzzer target: the input bytes as a whole request through the C entry point, exactly as
// every face (CLI, WebAssembly, Python, JNI) sends it. The response must always be valid JSON.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "clusop/clusop.h"
#include "fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // a copy of exactly `size` bytes, so ASan sees any read past the length the caller gave
  char* request = new char[size ? size : 1];
  if (size) std::memcpy(request, data, size);
  char* response = clusop_analyze(request, size);
  delete[] request;
  CLUSOP_FUZZ_REQUIRE(response != nullptr, "a response (NULL only when out of memory)");
  clusop::fuzz::CheckResponse(std::string_view(response));
  clusop_free(response);
  return 0;
}
