#pragma once
// The whole pipeline on one plan text: read, diagnose, weigh, price, report (JSON, Markdown, text).
#include <string>
#include <string_view>

#include "analysis/analyze.hpp"
#include "fuzz_checks.hpp"
#include "report/analysis_json.hpp"
#include "report/text_report.hpp"

namespace clusop::fuzz {

// `variant` picks the engine override, photon_enabled and the indent, so that one corpus also
// covers the forced-engine paths. Derived from the input, so a saved crash replays exactly.
inline void RunPipeline(std::string_view plan, size_t variant) {
  static const char* const kEngines[] = {"auto", "photon", "auto", "comet", "gluten", "rapids", "spark"};
  AnalyzeInput input;
  input.plan = plan;
  input.engine = kEngines[variant % 7];
  if ((variant / 7) % 3 == 1) input.photon_enabled = true;
  if ((variant / 7) % 3 == 2) input.photon_enabled = false;
  Analysis analysis;
  std::string error;
  if (Analyze(input, &analysis, &error)) {
    CheckTree(analysis.tree, plan);
    CheckResponse(AnalysisToJson(analysis, (variant / 21) % 2 ? 2 : 0, /*node_text=*/true, /*markdown=*/(variant / 84) % 2 != 0));
    CLUSOP_FUZZ_REQUIRE(!AnalysisToText(analysis, (variant / 42) % 2 != 0).empty(), "a text report");
  } else {
    CLUSOP_FUZZ_REQUIRE(!error.empty(), "a failed analysis says why");
    CLUSOP_FUZZ_REQUIRE(error.find('\n') == std::string::npos, "the error is one line");
    CheckResponse(ErrorToJson("no_plan", error));
  }
}

inline size_t VariantOf(const uint8_t* data, size_t size) {
  size_t h = size;
  for (size_t i = 0; i < size && i < 8; ++i) h = h * 31 + data[i];
  return h;
}

}  // namespace clusop::fuzz
