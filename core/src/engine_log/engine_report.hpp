#pragma once
// The fallback reports the engines write themselves, read from driver logs and event-log lines:
// RAPIDS' explain output ("!Exec <ProjectExec> cannot run on GPU because ..."), Gluten's
// "Validation failed for plan: ..." lines and its GlutenPlanFallbackEvent, Comet's explainFallback
// WARN tree ("[COMET: ...]") and summary. Alone they give the reasons per operator; beside a plan
// they fill each fallback's reason. Every reader walks the text line by line (no recursion).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.hpp"

namespace clusop {

struct EngineReportEntry {
  std::string op;            // the operator as plans print it ("Project", "Scan parquet"), may be empty
  std::string engine_op;     // the engine's own name for it ("ProjectExec"), when it uses one
  std::string subject;       // the expression or function the reason names ("AddMonths"), else empty
  std::string reason;        // the engine's words
  int64_t execution_id = -1; // Gluten's [QueryId=N] / the event's executionId, when given
  int32_t line = 0;          // 1-based line of the input it came from
};

// RAPIDS' mark on one exec it considered ("*Exec <SortExec> will run on GPU", "!Exec <ProjectExec>
// cannot run on GPU because ...", "@Exec <X> could run on GPU but is going to be removed because ..."):
// how a CPU plan of an explainOnly run is judged, node by node (diagnose/engine_marks.hpp).
struct EngineExecMark {
  std::string op;          // the operator as plans print it ("Exchange")
  bool on_engine = false;  // "will run on GPU"
  std::string reason;      // the engine's words when it is not, else empty
  int32_t printout = 0;    // index into EngineReport::printouts
  int32_t line = 0;        // 1-based line of the input
};

// One printout of RAPIDS' explain output: the execs it marks (one per query and per AQE pass).
struct EnginePrintout {
  int32_t on_engine = 0;   // "*Exec ... will run on GPU"
  int32_t off_engine = 0;  // "!Exec ... cannot run on GPU", "@Exec ... going to be removed"
};

struct EngineReport {
  Engine engine = Engine::kSpark;  // kSpark: no engine report found
  std::vector<EngineReportEntry> entries;
  // The engine's own count of operators it runs and of those it considered, when it prints one
  // (Comet's "accelerated N out of M eligible operators", Gluten's numGlutenNodes /
  // numFallbackNodes, RAPIDS' "*Exec ... will run on GPU" lines); -1 when it does not.
  int32_t accelerated = -1;
  int32_t eligible = -1;
  const char* count_source = "";  // which of the engine's outputs the count came from
  // How many counts the input printed (Comet writes one per plan its rule makes: one per query,
  // and several per query under AQE); the last is kept, so with more than one the faces say so.
  int32_t counts_read = 0;
  int64_t count_execution = -1;  // the execution the kept count is of, when the engine names it
  std::vector<EngineExecMark> exec_marks;  // RAPIDS: every exec mark, in log order
  std::vector<EnginePrintout> printouts;   // RAPIDS: its printouts, in log order
  bool found() const { return engine != Engine::kSpark; }
};

// Reads every engine report in `text` (a driver log, an explain log, event-log lines).
EngineReport ReadEngineReport(std::string_view text);

// The event-log event in which an engine reports its own fallbacks ("Event" ends with it).
inline constexpr std::string_view kGlutenFallbackEvent = "GlutenPlanFallbackEvent";
inline bool IsEngineReportEvent(std::string_view event) { return event.ends_with(kGlutenFallbackEvent); }

// The operator a RAPIDS exec class or a Gluten/Substrait relation stands for, as plans print it
// ("ProjectExec" -> "Project", "ShuffleExchangeExec" -> "Exchange", "ProjectRel" -> "Project").
std::string PlanOperatorName(std::string_view engine_name);

// True when a report entry's operator names this plan node ("Scan parquet" matches
// "Scan parquet default.t"; "Project" matches "Project").
bool EntryNamesOperator(std::string_view entry_op, std::string_view node_name);

}  // namespace clusop
