#pragma once
#include <string>

#include "analysis/analysis.hpp"

namespace clusop {

// The analysis as "clusop.analysis/1" JSON: the one contract every face reads.
std::string AnalysisToJson(const Analysis& analysis, int indent = 0);

// {"schema": "clusop.analysis/1", "error": {"code": ..., "message": ...}}
std::string ErrorToJson(std::string_view code, std::string_view message, int indent = 0);

}  // namespace clusop
