#include <string>

#include "common/text.hpp"
#include "engine_log/report_lines.hpp"
#include "parse/json_scanner.hpp"
#include "parse/node_line.hpp"

namespace clusop {
namespace {

constexpr std::string_view kValidation = "Validation failed for plan: ";
constexpr std::string_view kDueTo = ", due to: ";
constexpr std::string_view kNative = "native validation failed due to: ";
constexpr std::string_view kQueryId = "[QueryId=";
constexpr std::string_view kNotRegistered = "function name not registered: ";

int64_t ParseId(std::string_view s) { return text::LeadingInteger(s, int64_t{1} << 40); }

// "in ProjectRel, Scalar function name not registered: get_struct_field, ..." -> Project / get_struct_field.
void FillFromNativeReason(std::string_view reason, EngineReportEntry* entry) {
  const std::string_view lead = text::TrimLeft(reason);
  if (entry->op.empty() && text::StartsWith(lead, "in ")) {
    const std::string_view rel = text::LeadingIdentifier(lead.substr(3));
    if (text::EndsWith(rel, "Rel")) entry->op = PlanOperatorName(rel);
  }
  if (const size_t at = reason.find(kNotRegistered); at != std::string_view::npos) {
    std::string_view name = reason.substr(at + kNotRegistered.size());
    entry->subject = std::string(name.substr(0, name.find_first_of(", ")));
  }
}

// Reads the fields of one GlutenPlanFallbackEvent line; nested objects other than
// fallbackNodeToReason are skipped.
bool ReadFallbackEvent(std::string_view line, int32_t line_number, EngineReport* report) {
  JsonScanner scanner(line);
  if (scanner.Next() != JsonScanner::Token::kObjectBegin) return false;
  int64_t execution = -1;
  int64_t gluten_nodes = -1, fallback_nodes = -1;
  bool is_event = false;
  std::vector<EngineReportEntry> entries;
  for (;;) {
    JsonScanner::Token t = scanner.Next();
    if (t == JsonScanner::Token::kObjectEnd) break;
    if (t != JsonScanner::Token::kKey) return false;
    const std::string_view key = scanner.raw();
    t = scanner.Next();
    if (key == "Event" && t == JsonScanner::Token::kString) {
      is_event = text::EndsWith(scanner.raw(), kGlutenFallbackEvent);
    } else if ((key == "executionId" || key == "numGlutenNodes" || key == "numFallbackNodes") &&
               t == JsonScanner::Token::kNumber) {
      const int64_t n = ParseId(scanner.raw());
      (key == "executionId" ? execution : key == "numGlutenNodes" ? gluten_nodes : fallback_nodes) = n;
    } else if (key == "fallbackNodeToReason" && t == JsonScanner::Token::kObjectBegin) {
      for (;;) {
        t = scanner.Next();
        if (t == JsonScanner::Token::kObjectEnd) break;
        if (t != JsonScanner::Token::kKey || entries.size() >= kMaxReportEntries) return false;
        std::string node;
        if (!JsonScanner::Unescape(scanner.raw(), &node)) return false;
        if (scanner.Next() != JsonScanner::Token::kString) return false;
        EngineReportEntry entry;
        if (!JsonScanner::Unescape(scanner.raw(), &entry.reason)) return false;
        // "002 Project": Gluten's operator id, then the node name
        std::string_view name = node;
        while (!name.empty() && text::IsDigit(name.front())) name.remove_prefix(1);
        entry.op = std::string(OperatorName(text::Trim(name)));
        FillFromNativeReason(entry.reason, &entry);
        entry.line = line_number;
        entries.push_back(std::move(entry));
      }
    } else if (!scanner.SkipValue(t)) {
      return false;
    }
  }
  if (!is_event) return false;
  report->engine = Engine::kGluten;
  for (EngineReportEntry& e : entries) {
    e.execution_id = execution;
    report->entries.push_back(std::move(e));
  }
  constexpr int64_t kMaxNodes = int64_t{1} << 24;  // counts beyond this are not a plan's
  if (gluten_nodes >= 0 && fallback_nodes >= 0 && gluten_nodes < kMaxNodes && fallback_nodes < kMaxNodes) {
    // the last event is the plan as it finally ran (Gluten posts one each time its rules run)
    report->accelerated = static_cast<int32_t>(gluten_nodes);
    report->eligible = static_cast<int32_t>(gluten_nodes + fallback_nodes);
    report->count_source = "gluten_fallback_event";
    // an event per run of Gluten's rules: the AQE passes of one execution are one count (its last)
    if (report->counts_read == 0 || execution != report->count_execution) ++report->counts_read;
    report->count_execution = execution;
  }
  return true;
}

}  // namespace

bool ReadGlutenLine(std::string_view line, int32_t line_number, EngineReport* report) {
  if (line.find(kGlutenFallbackEvent) != std::string_view::npos && text::TrimLeft(line).starts_with('{'))
    return ReadFallbackEvent(text::TrimLeft(line), line_number, report);
  EngineReportEntry entry;
  entry.line = line_number;
  if (const size_t at = line.find(kValidation); at != std::string_view::npos) {
    std::string_view rest = line.substr(at + kValidation.size());
    const size_t due = rest.find(kDueTo);
    if (due == std::string_view::npos) return false;
    std::string_view node = rest.substr(0, due);
    if (const size_t q = node.find(kQueryId); q != std::string_view::npos) {
      entry.execution_id = ParseId(node.substr(q + kQueryId.size()));
      node = node.substr(0, q);
    }
    entry.op = std::string(OperatorName(text::Trim(node)));
    entry.reason = std::string(text::Trim(rest.substr(due + kDueTo.size())));
  } else if (const size_t native = line.find(kNative); native != std::string_view::npos) {
    entry.reason = std::string(text::Trim(line.substr(native + kNative.size())));
  } else {
    return false;
  }
  FillFromNativeReason(entry.reason, &entry);
  report->engine = Engine::kGluten;
  report->entries.push_back(std::move(entry));
  return true;
}

}  // namespace clusop
