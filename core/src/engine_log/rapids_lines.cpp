#include "common/text.hpp"
#include "engine_log/report_lines.hpp"

namespace clusop {
namespace {

constexpr std::string_view kCannot = " cannot run on GPU because ";
constexpr std::string_view kWill = " will run on GPU";
constexpr std::string_view kCould = " could run on GPU";

// "ProjectExec" out of "Exec <ProjectExec> ..." / " <AddMonths> ...".
std::string_view BracketedName(std::string_view s) {
  const size_t open = s.find('<');
  if (open == std::string_view::npos) return {};
  const size_t close = s.find('>', open + 1);
  if (close == std::string_view::npos) return {};
  return s.substr(open + 1, close - open - 1);
}

}  // namespace

bool ReadRapidsLine(std::string_view line, int32_t line_number, ReportLineState* state, EngineReport* report) {
  const std::string_view t = text::TrimLeft(line);
  if (t.empty() || (t[0] != '!' && t[0] != '*' && t[0] != '@')) return false;
  const size_t cannot = t.find(kCannot);
  const bool will = cannot == std::string_view::npos && (t.find(kWill) != std::string_view::npos ||
                                                         t.find(kCould) != std::string_view::npos);
  if (cannot == std::string_view::npos && !will) return false;
  const std::string_view head = t.substr(1);
  const std::string_view name = BracketedName(head);
  if (name.empty()) return false;
  const std::string_view kind = text::LeadingIdentifier(text::TrimLeft(head));
  const size_t indent = line.size() - t.size();
  while (!state->execs.empty() && state->execs.back().indent >= indent) state->execs.pop_back();
  report->engine = Engine::kRapids;
  // Older releases print "! <DeserializeToObjectExec> ..." without the "Exec" kind word.
  if (kind == "Exec" || (kind.empty() && name.size() > 4 && text::EndsWith(name, "Exec"))) {
    ReportLineState::OpenExec open{indent, -1, PlanOperatorName(name), std::string(name)};
    // a printout starts at the left margin (one per query and per AQE pass)
    if (indent == 0 || report->printouts.empty()) report->printouts.emplace_back();
    EnginePrintout& printout = report->printouts.back();
    EngineExecMark mark{open.op, t[0] == '*', "", static_cast<int32_t>(report->printouts.size()) - 1, line_number};
    if (t[0] == '!' && cannot != std::string_view::npos) {
      ++state->cpu_execs;
      ++printout.off_engine;
      open.entry = static_cast<int32_t>(report->entries.size());
      mark.reason = std::string(text::Trim(t.substr(cannot + kCannot.size())));
      report->entries.push_back({open.op, std::string(name), "", mark.reason, -1, line_number});
    } else if (t[0] == '*') {
      ++state->gpu_execs;
      ++printout.on_engine;
    } else if (const size_t could = t.find(kCould); t[0] == '@' && could != std::string_view::npos) {
      // "could run on GPU but is going to be removed because ...": it stays on the CPU
      std::string_view why = text::Trim(t.substr(could + kCould.size()));
      if (why.starts_with("but ")) why.remove_prefix(4);
      mark.reason = std::string(why);
    }
    report->exec_marks.push_back(std::move(mark));
    state->execs.push_back(std::move(open));
    return true;
  }
  if (cannot == std::string_view::npos) return true;
  // An expression, partitioning or data type that keeps its exec on the CPU.
  EngineReportEntry entry;
  if (!state->execs.empty()) {
    entry.op = state->execs.back().op;
    entry.engine_op = state->execs.back().engine_op;
  }
  entry.subject = std::string(name);
  entry.reason = std::string(text::Trim(t.substr(cannot + kCannot.size())));
  entry.line = line_number;
  report->entries.push_back(std::move(entry));
  return true;
}

void FinishRapidsCount(const ReportLineState& state, EngineReport* report) {
  if (report->engine != Engine::kRapids || state.gpu_execs + state.cpu_execs == 0) return;
  // With spark.rapids.sql.explain=NOT_ON_GPU only the CPU execs are printed: no count to compare.
  if (state.gpu_execs == 0) return;
  // RAPIDS counts per printout (per query, and again per AQE pass of one): adding the printouts up
  // counts one query's operators several times. The last is kept, and how many there were.
  const EnginePrintout* last = nullptr;
  int32_t counted = 0;
  for (const EnginePrintout& p : report->printouts) {
    if (p.on_engine + p.off_engine == 0) continue;
    last = &p;
    ++counted;
  }
  if (last == nullptr) return;
  report->accelerated = last->on_engine;
  report->eligible = last->on_engine + last->off_engine;
  report->count_source = "explain_all";
  report->counts_read = counted;
}

}  // namespace clusop
