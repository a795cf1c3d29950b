#pragma once
// The analysis as Markdown, for a ticket, a pull request or a notebook: the one Markdown every
// face shows (the page's export, Analysis.to_markdown() in Python, `clusop analyze --format
// markdown`), reached through the request's "markdown": true.
#include <string>

#include "analysis/analysis.hpp"
#include "engine_log/engine_report.hpp"

namespace clusop {

// The title and recommendation, the verdict, the modeled dollars with their measure, inputs and
// formula, each fallback (operators, cause, the engine's reason, suspect expressions, the
// setting the engine names as a fenced conf block, the key operator's text), the engine's own
// report with its count beside ours, the confidence reasons and the parse notes.
std::string AnalysisToMarkdown(const Analysis& analysis);

// The engine's own report when the input held no plan: its reasons per operator, the settings it
// names, its count.
std::string EngineReportToMarkdown(const EngineReport& report);

}  // namespace clusop
