#pragma once
// One reader per engine, each looking at one line at a time (engine_report.cpp walks the lines).
#include <cstddef>
#include <string_view>
#include <vector>

#include "engine_log/engine_report.hpp"

namespace clusop {

// A log with more fallback lines than this is not read further (a report lists a plan's
// operators, not millions of lines).
inline constexpr size_t kMaxReportEntries = 4096;

// Every line ReadRapidsLine takes holds this (its " cannot run on GPU because ", " will run on
// GPU" and " could run on GPU"; keep in step with rapids_lines.cpp).
inline constexpr std::string_view kRapidsMark = " run on GPU";

// RAPIDS' explain tree nests expressions under their exec by indentation.
struct ReportLineState {
  struct OpenExec {
    size_t indent;
    int32_t entry;   // index of the exec's own entry, or -1 when it runs on the GPU
    std::string op;
    std::string engine_op;
  };
  std::vector<OpenExec> execs;
  int32_t gpu_execs = 0;  // "*Exec <...> will run on GPU"
  int32_t cpu_execs = 0;  // "!Exec <...> cannot run on GPU"
};

// "!Exec <ProjectExec> cannot run on GPU because ...", "! <AddMonths> ... cannot run on GPU because ...",
// "*Exec <SortExec> will run on GPU".
bool ReadRapidsLine(std::string_view line, int32_t line_number, ReportLineState* state, EngineReport* report);
void FinishRapidsCount(const ReportLineState& state, EngineReport* report);

// Every line ReadGlutenLine or ReadCometLine takes holds one of these (keep in step with them):
// ReadEngineReport hands them only the lines that do, so plain plan lines cost one look.
inline constexpr std::string_view kGlutenAndCometMarks[] = {
    kGlutenFallbackEvent, "Validation failed for plan: ", "native validation failed due to: ",
    "Comet accelerated ", "[COMET: "};

// "Validation failed for plan: Project[QueryId=3], due to: ...", "native validation failed due to:
// in ProjectRel, ...", and a GlutenPlanFallbackEvent event-log line.
bool ReadGlutenLine(std::string_view line, int32_t line_number, EngineReport* report);

// A plan line carrying "[COMET: reason]", and "Comet accelerated N out of M eligible operators".
bool ReadCometLine(std::string_view line, int32_t line_number, EngineReport* report);

}  // namespace clusop
