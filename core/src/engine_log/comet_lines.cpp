#include <cstdlib>

#include "common/text.hpp"
#include "engine_log/report_lines.hpp"
#include "parse/node_line.hpp"

namespace clusop {
namespace {

constexpr std::string_view kTag = "[COMET: ";
constexpr std::string_view kSummary = "Comet accelerated ";

int32_t LeadingNumber(std::string_view s) { return static_cast<int32_t>(text::LeadingInteger(s, int64_t{1} << 30)); }

// "Comet accelerated 36 out of 52 eligible operators (69%). ..."
bool ReadSummary(std::string_view line, EngineReport* report) {
  const size_t at = line.find(kSummary);
  if (at == std::string_view::npos) return false;
  std::string_view rest = line.substr(at + kSummary.size());
  const int32_t accelerated = LeadingNumber(rest);
  const size_t out_of = rest.find(" out of ");
  if (accelerated < 0 || out_of == std::string_view::npos) return false;
  const int32_t eligible = LeadingNumber(rest.substr(out_of + 8));
  if (eligible < 0 || accelerated > eligible) return false;
  report->engine = Engine::kComet;
  // Comet logs a plan (and its count) each time its rule runs, several times per query under
  // AQE: the last one is the plan as it finally ran.
  report->accelerated = accelerated;
  report->eligible = eligible;
  report->count_source = "comet_summary";
  ++report->counts_read;
  return true;
}

// The reason inside "[COMET: ...]", which may itself hold brackets ("Unsupported data type: ...").
std::string_view TagReason(std::string_view line, size_t at) {
  const size_t begin = at + kTag.size();
  int depth = 1;
  for (size_t i = begin; i < line.size(); ++i) {
    if (line[i] == '[') ++depth;
    else if (line[i] == ']' && --depth == 0) return line.substr(begin, i - begin);
  }
  return line.substr(begin);
}

}  // namespace

bool ReadCometLine(std::string_view line, int32_t line_number, EngineReport* report) {
  if (ReadSummary(line, report)) return true;
  const size_t at = line.find(kTag);
  if (at == std::string_view::npos) return false;
  const NodeLine node = ParseNodeLine(line.substr(0, at));
  EngineReportEntry entry;
  entry.op = std::string(OperatorName(text::Trim(node.text)));
  entry.reason = std::string(text::Trim(TagReason(line, at)));
  entry.line = line_number;
  report->engine = Engine::kComet;
  report->entries.push_back(std::move(entry));
  return true;
}

}  // namespace clusop
