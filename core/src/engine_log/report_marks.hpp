#pragma once
// Where the next engine-report line may be: the first place in a text holding one of the marks
// every report line carries (report_lines.hpp). Plan texts are thousands of lines with none of
// them, so ReadEngineReport looks at whole lines only around these places.
#include <cstddef>
#include <string_view>

namespace clusop {

// The first offset at or after `pos` where one of the report marks starts, else npos. A filter:
// every line a report reader takes holds a mark, a line holding one may still be no report line.
size_t NextReportMark(std::string_view text, size_t pos);

}  // namespace clusop
