#pragma once
// The engine's own fallback report as JSON: inside an analysis ("engine_evidence.report") and,
// when the input holds a report but no plan, alone as "clusop.engine_report/1".
#include <string>
#include <string_view>

#include "diagnose/diagnosis.hpp"
#include "engine_log/engine_report.hpp"
#include "report/json_writer.hpp"

namespace clusop {

// {"engine", "entries": [...], "engine_count": {...} | null, "count_note": ... }. With a diagnosis,
// the engine's count is set beside ours and count_note says when they differ.
void WriteEngineReport(JsonWriter& w, const EngineReport& report, const Diagnosis* diagnosis);

// {"schema": "clusop.engine_report/1", "report": {...}, "recommendation"}, and "markdown" (the
// same for a ticket, report/markdown_report.hpp) when asked for.
std::string EngineReportToJson(const EngineReport& report, int indent, bool markdown = false);

// The same for people: one line per operator and reason, with the setting the engine names.
std::string EngineReportToText(const EngineReport& report);

// Its entries alone, each "- operator / subject: reason" and "  set key=value" under it, every
// line led by `pad`; `spaced`: a blank line before each entry.
std::string EngineReportEntriesText(const EngineReport& report, std::string_view pad, bool spaced);

}  // namespace clusop
