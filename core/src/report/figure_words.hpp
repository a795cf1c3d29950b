#pragma once
// The words of figures a face kept as numbers only (the tables of the Python face keep numbers):
// each {kind, value} worded by the same display_text formatter that wrote it in clusop.scan/1,
// so a run read back from a table reads exactly as a fresh scan (contract: clusop_words in
// clusop.h).
#include <string>
#include <string_view>
#include <vector>

namespace clusop::figure_words {

inline constexpr std::string_view kSchema = "clusop.words/1";

// The kinds, in the order an error lists them.
const std::vector<std::string>& Kinds();

// {"figures": [{"kind", "value": number|null}, ...]} -> {"schema", "texts": [string|null, ...]};
// bad input: the contract's error object naming what was expected (an unknown kind with the list).
std::string WordsJson(std::string_view request, int indent);

}  // namespace clusop::figure_words
