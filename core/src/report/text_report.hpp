#pragma once
#include <string>

#include "analysis/analysis.hpp"

namespace clusop {

// A terminal rendering: the judged tree with fallback subtrees marked, then the summary.
std::string AnalysisToText(const Analysis& analysis, bool colour);

}  // namespace clusop
