#pragma once
// Two runs of one job compared (clusop_compare, "clusop.compare/1"; contract in README.md):
// each figure of the table as the scan wrote it for each run, the change between them in numbers
// and words, and whether the figure the changed rules target went down.
#include <string>
#include <string_view>

namespace clusop::compare {

inline constexpr std::string_view kSchema = "clusop.compare/1";

// The answer to a request; bad input is an error object naming what was expected, never a throw.
std::string CompareRequestToJson(std::string_view request);

}  // namespace clusop::compare
