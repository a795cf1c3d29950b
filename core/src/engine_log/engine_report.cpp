#include "engine_log/engine_report.hpp"

#include <algorithm>
#include <unordered_set>

#include "common/byte_search.hpp"
#include "common/text.hpp"
#include "engine/engine_names.hpp"
#include "engine_log/report_lines.hpp"
#include "engine_log/report_marks.hpp"
#include "parse/node_line.hpp"

namespace clusop {

std::string PlanOperatorName(std::string_view engine_name) {
  engine_name = text::Trim(engine_name);
  if (const std::string_view mapped = MappedOperatorName(engine_name); !mapped.empty()) return std::string(mapped);
  if (engine_name.size() > 4 && text::EndsWith(engine_name, "Exec")) engine_name.remove_suffix(4);
  else if (engine_name.size() > 3 && text::EndsWith(engine_name, "Rel")) engine_name.remove_suffix(3);
  return std::string(engine_name);
}

bool EntryNamesOperator(std::string_view entry_op, std::string_view node_name) {
  if (entry_op.empty()) return false;
  if (entry_op == node_name) return true;
  return node_name.size() > entry_op.size() && node_name.substr(0, entry_op.size()) == entry_op &&
         node_name[entry_op.size()] == ' ';
}

namespace {

// None of the marks starts with a tree glyph or a blank, so none can start inside a plan
// line's prefix: the search starts after it.
bool MayBeGlutenOrCometLine(std::string_view line) {
  const std::string_view rest = line.substr(ReadTreePrefix(line).length);
  for (std::string_view mark : kGlutenAndCometMarks)
    if (rest.find(mark) != std::string_view::npos) return true;
  return false;
}

}  // namespace

EngineReport ReadEngineReport(std::string_view input) {
  EngineReport report;
  ReportLineState state;
  // Only the lines holding a mark are read: every other line is one no reader takes (each
  // returns false for it and changes nothing), so skipping it leaves the report as it was.
  size_t line_begin = 0;    // a line start at or before the next mark
  int32_t line_number = 1;  // the number of the line starting at line_begin
  for (size_t mark = NextReportMark(input, 0); mark != std::string_view::npos;) {
    // the line holding the mark (no mark holds a line break), and the line breaks before it
    const char* from = input.data() + line_begin;
    if (const char* last_break = text::FindLastByte(from, mark - line_begin, '\n')) {
      line_number += static_cast<int32_t>(text::CountByte(from, static_cast<size_t>(last_break - from) + 1, '\n'));
      line_begin = static_cast<size_t>(last_break - input.data()) + 1;
    }
    const size_t begin = line_begin;
    const char* line_break = text::FindByte(input.data() + mark, input.size() - mark, '\n');
    const size_t end = line_break ? static_cast<size_t>(line_break - input.data()) : input.size();
    std::string_view line = input.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (report.entries.size() >= kMaxReportEntries) break;
    if (!ReadRapidsLine(line, line_number, &state, &report) && MayBeGlutenOrCometLine(line) &&
        !ReadGlutenLine(line, line_number, &report))
      ReadCometLine(line, line_number, &report);
    if (end >= input.size()) break;
    line_begin = end + 1;
    ++line_number;
    mark = NextReportMark(input, line_begin);
  }
  FinishRapidsCount(state, &report);
  // The engines log the same plan again each time their rules run (AQE stages): one entry per
  // operator, expression and reason, at its first line.
  std::unordered_set<std::string> seen;
  std::vector<EngineReportEntry> unique;
  for (EngineReportEntry& e : report.entries) {
    std::string key = e.op + '\x1f' + e.subject + '\x1f' + e.reason + '\x1f' + std::to_string(e.execution_id);
    if (seen.insert(std::move(key)).second) unique.push_back(std::move(e));
  }
  report.entries = std::move(unique);
  return report;
}

}  // namespace clusop
