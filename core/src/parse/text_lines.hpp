#pragma once
#include <cstring>
#include <string_view>
#include <vector>

namespace clusop {

struct TextLine {
  size_t begin;
  std::string_view text;  // without the line break
};

inline std::vector<TextLine> SplitLines(std::string_view input) {
  std::vector<TextLine> lines;
  lines.reserve(input.size() / 64 + 1);  // plan lines are ~100 bytes: one allocation, no regrowth
  size_t pos = 0;
  while (pos < input.size()) {
    const void* hit = std::memchr(input.data() + pos, '\n', input.size() - pos);
    const size_t end = hit ? static_cast<const char*>(hit) - input.data() : input.size();
    size_t text_end = end;
    if (text_end > pos && input[text_end - 1] == '\r') --text_end;
    lines.push_back({pos, input.substr(pos, text_end - pos)});
    pos = end + 1;
  }
  return lines;
}

}  // namespace clusop
