// libFuzzer target: bytes as one application's event log (plain JSON lines, the codec is still
// sniffed) through AppScan -> clusop.scan/1, fed in chunks whose size the first byte picks, so
// lines straddle chunks at every position. The answer must always be valid JSON of the schema.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "analysis/app_scan.hpp"
#include "fuzz_checks.hpp"
#include "kpi/app_report.hpp"
#include "report/scan_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t chunk = 1 + data[0];
  // a copy of exactly the log's bytes, so ASan sees any read past them
  const size_t n = size - 1;
  char* bytes = new char[n ? n : 1];
  if (n) std::memcpy(bytes, data + 1, n);
  {
    clusop::ScanOptions options;
    options.max_line_bytes = 1 << 16;  // small, so the limit is reached too
    clusop::AppScan scan(options);
    scan.BeginPart("fuzz.jsonl");
    for (size_t i = 0; i < n; i += chunk) scan.Feed(std::string_view(bytes + i, std::min(chunk, n - i)));
    const clusop::AppReport& report = scan.Finish();
    const std::string answer = clusop::ScanToJson({&report}, {});
    const nlohmann::json doc = nlohmann::json::parse(answer, nullptr, /*allow_exceptions=*/false);
    CLUSOP_FUZZ_REQUIRE(!doc.is_discarded(), "the scan answer is valid JSON");
    CLUSOP_FUZZ_REQUIRE(doc["schema"] == clusop::kScanSchema, "the scan answer names its schema");
    CLUSOP_FUZZ_REQUIRE(doc["applications"].size() == 1, "one application per stream");
    for (const clusop::StageKpis& s : report.stages)
      CLUSOP_FUZZ_REQUIRE(s.tasks == s.succeeded_tasks + s.failed_tasks + s.killed_tasks, "every task counted once");
  }
  delete[] bytes;
  return 0;
}
