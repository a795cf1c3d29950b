#pragma once
#include <string>

#include "analysis/analysis.hpp"

namespace clusop {

// The analysis as "clusop.analysis/1" JSON: the one contract every face reads. node_text: each
// node's own text and details block as spans of the input (text_span, detail_span); off where
// the reader has no input to slice (a scan document's SQL executions: the text stays in the log).
// markdown: also "markdown", the same analysis for a ticket (report/markdown_report.hpp).
std::string AnalysisToJson(const Analysis& analysis, int indent = 0, bool node_text = true, bool markdown = false);

// {"schema": "clusop.analysis/1", "error": {"code": ..., "message": ...}}
std::string ErrorToJson(std::string_view code, std::string_view message, int indent = 0);

}  // namespace clusop
