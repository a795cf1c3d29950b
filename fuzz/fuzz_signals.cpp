// libFuzzer target: the input bytes as a clusop.signals/1 request (clusop_signals). No crash, no
// hang, always one JSON object of the contract's schema; a merge is idempotent (the same batch
// merged into its own answer changes nothing); a rank answers for every record it was given.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "clusop/clusop.h"
#include "fuzz_checks.hpp"

namespace {

using nlohmann::json;

json Call(const std::string& request) {
  char* out = clusop_signals(request.data(), request.size());
  CLUSOP_FUZZ_REQUIRE(out != nullptr, "an answer (NULL only when out of memory)");
  json answer = json::parse(out, nullptr, false);
  clusop_free(out);
  CLUSOP_FUZZ_REQUIRE(answer.is_object(), "the answer is a JSON object");
  CLUSOP_FUZZ_REQUIRE(answer.value("schema", "") == "clusop.signals/1", "the answer names its schema");
  if (answer.contains("error"))
    CLUSOP_FUZZ_REQUIRE(answer["error"].is_object() && answer["error"].value("message", "") != "",
                        "an error has a message");
  return answer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string request(reinterpret_cast<const char*>(data), size);
  const json answer = Call(request);
  if (answer.contains("error")) return 0;
  json parsed = json::parse(request, nullptr, false);
  if (!parsed.is_object()) return 0;
  const std::string op = parsed.value("op", "");
  if (op == "merge") {
    // the answer's records replace the stored ones: merging the same batch again is a retry
    json stored = json::object();
    for (const json& r : parsed.value("signals", json::array())) stored[r.value("workspace_id", "") + "|" + r.value("signature", "")] = r;
    for (const json& r : answer["signals"]) stored[r["record_key"].get<std::string>()] = r;
    json again_request = parsed;
    again_request["signals"] = json::array();
    for (const auto& [key, r] : stored.items()) again_request["signals"].push_back(r);
    const json again = Call(again_request.dump());
    CLUSOP_FUZZ_REQUIRE(!again.contains("error"), "the merge accepts its own records back");
    CLUSOP_FUZZ_REQUIRE(again["signals"].empty(), "the same batch again changes no record");
    for (const json& o : again["outcomes"])
      CLUSOP_FUZZ_REQUIRE(o["result"] == "duplicate" || o["result"] == "stale", "a retried signal is not counted again");
  } else if (op == "rank") {
    const size_t given = parsed["signals"].size();
    CLUSOP_FUZZ_REQUIRE(answer["signals"].size() + answer["rejected"].size() == given,
                        "every record is ranked or rejected");
  }
  return 0;
}
