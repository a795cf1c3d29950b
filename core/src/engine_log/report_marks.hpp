#pragma once
// Where the next engine-report line may be: a place in a text holding one of the marks every
// report line carries (report_lines.hpp). Plan texts are thousands of lines with none of them,
// so ReadEngineReport looks at whole lines only around these places.
#include <cstddef>
#include <string_view>

namespace clusop {

// An offset at or after `pos` where one of the report marks starts, on the first line (from
// `pos` on) holding a whole mark; npos when none does. A filter: every line a report reader
// takes holds a mark, a line holding one may still be no report line. Which of a line's marks
// is returned is left open (no mark holds a line break, so the line is the same).
size_t NextReportMark(std::string_view text, size_t pos);

// The same, one byte at a time (builds without SIMD); the tests compare the two.
size_t NextReportMarkScalar(std::string_view text, size_t pos);

}  // namespace clusop
