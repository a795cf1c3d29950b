// libFuzzer target: the input bytes as a clusop_words request ({"figures": [{"kind", "value"}]}).
// No crash, no hang, no undefined behaviour in the formatters; always one JSON object of the
// contract's schema: an error with a message, or one text (a string, or null for a missing
// figure) per figure given.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "clusop/clusop.h"
#include "fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using nlohmann::json;
  const std::string request(reinterpret_cast<const char*>(data), size);
  char* out = clusop_words(request.data(), request.size());
  CLUSOP_FUZZ_REQUIRE(out != nullptr, "an answer (NULL only when out of memory)");
  const json answer = json::parse(out, nullptr, false);
  clusop_free(out);
  CLUSOP_FUZZ_REQUIRE(answer.is_object(), "the answer is a JSON object");
  CLUSOP_FUZZ_REQUIRE(answer.value("schema", "") == "clusop.words/1", "the answer names its schema");
  if (answer.contains("error")) {
    CLUSOP_FUZZ_REQUIRE(answer["error"].is_object() && answer["error"].value("message", "") != "",
                        "an error has a message");
    return 0;
  }
  const json parsed = json::parse(request, nullptr, false);
  CLUSOP_FUZZ_REQUIRE(parsed.is_object() && parsed.contains("figures"), "only a request with figures is worded");
  CLUSOP_FUZZ_REQUIRE(answer["texts"].size() == parsed["figures"].size(), "one text per figure");
  for (const json& text : answer["texts"])
    CLUSOP_FUZZ_REQUIRE(text.is_null() || (text.is_string() && !text.get<std::string>().empty()),
                        "a text is words or null");
  return 0;
}
