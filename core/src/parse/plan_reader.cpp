#include "parse/plan_reader.hpp"

#include <cstdint>
#include <cstring>

#include "common/byte_search.hpp"
#include "common/text.hpp"
#include "parse/json_plan_reader.hpp"
#include "parse/text_plan_reader.hpp"

namespace clusop {
namespace {

// Length of a valid UTF-8 prefix check: a plan must be text.
bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    i += text::AsciiPrefix(s.data() + i, s.size() - i);  // plans are mostly ASCII
    if (i >= s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    size_t n = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
    else return false;
    if (i + n >= s.size() + (n == 0)) return false;
    for (size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return false;
      const unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))) return false;
    if (cp >= 0xD800 && cp < 0xE000) return false;
    i += n + 1;
  }
  return true;
}

void ShiftSpans(PlanTree* tree, size_t by) {
  for (PlanNode& node : tree->nodes) {
    node.span.begin += by;
    node.span.end += by;
  }
}

}  // namespace

bool ReadPlan(std::string_view original, PlanTree* tree, std::string* error, PlanReadFailure* failure) {
  PlanReadFailure ignored;
  if (!failure) failure = &ignored;
  *failure = PlanReadFailure::kNone;
  std::string_view input = original;
  const size_t bom = text::StartsWith(input, "\xEF\xBB\xBF") ? 3 : 0;
  input.remove_prefix(bom);
  if (text::Trim(input).empty()) {
    *error = "empty input: expected Spark explain output or an event-log JSON line";
    *failure = PlanReadFailure::kEmpty;
    return false;
  }
  if (!IsValidUtf8(input)) {
    *error = "input is not UTF-8 text: expected Spark explain output or an event-log JSON line";
    *failure = PlanReadFailure::kNotText;
    return false;
  }
  const std::string_view body = text::TrimLeft(input);
  const bool ok = (!body.empty() && body[0] == '{') ? ReadJsonPlan(input, tree, error, failure)
                                                     : ReadTextPlan(input, tree, error);
  if (!ok && *failure == PlanReadFailure::kNone) *failure = PlanReadFailure::kNoPlan;
  tree->input = original;
  if (bom) ShiftSpans(tree, bom);
  return ok;
}

}  // namespace clusop
