#pragma once
#include <string>

#include "analysis/analysis.hpp"

namespace clusop {

// A terminal rendering: the judged tree with fallback subtrees marked, then the summary.
// The summary and the fallbacks first; the plan tree with its fallback marks when `tree`.
std::string AnalysisToText(const Analysis& analysis, bool colour, bool tree = false);

}  // namespace clusop
