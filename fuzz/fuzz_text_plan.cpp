// libFuzzer target: the input bytes as pasted explain text (any format: tree, extended,
// formatted, simplified, Comet extended, with noise), through the reader and the whole pipeline.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_checks.hpp"
#include "fuzz_pipeline.hpp"
#include "engine_log/report_lines.hpp"
#include "parse/plan_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  clusop::PlanTree tree;
  std::string error;
  if (clusop::ReadPlan(input, &tree, &error)) {
    clusop::fuzz::CheckTree(tree, input);
  } else {
    CLUSOP_FUZZ_REQUIRE(!error.empty(), "a failed read says why");
  }

  // The engines' own reports (RAPIDS explain, Gluten validation lines and events, Comet WARN trees)
  // are read from the same text by every analysis; checked here on their own too.
  const clusop::EngineReport report = clusop::ReadEngineReport(input);
  CLUSOP_FUZZ_REQUIRE(report.entries.size() <= clusop::kMaxReportEntries, "a report is bounded");
  CLUSOP_FUZZ_REQUIRE(report.found() || report.entries.empty(), "entries belong to an engine");
  CLUSOP_FUZZ_REQUIRE(report.accelerated <= report.eligible, "the engine's count is consistent");

  clusop::fuzz::RunPipeline(input, clusop::fuzz::VariantOf(data, size));
  return 0;
}
