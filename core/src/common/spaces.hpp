#pragma once
// Skipping runs of spaces eight bytes at a time: deep plan lines are indented by tens of them.
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace clusop::text {

// The first byte at or after `pos` that is not ' ' (s.size() when there is none).
inline size_t SkipSpaces(std::string_view s, size_t pos) {
  if constexpr (std::endian::native == std::endian::little) {
    constexpr uint64_t kSpaces = 0x2020202020202020ULL;
    for (; pos + 8 <= s.size(); pos += 8) {
      uint64_t word;
      std::memcpy(&word, s.data() + pos, 8);
      const uint64_t other = word ^ kSpaces;  // zero exactly in the bytes that are spaces
      if (other != 0) return pos + static_cast<size_t>(std::countr_zero(other)) / 8;
    }
  }
  while (pos < s.size() && s[pos] == ' ') ++pos;
  return pos;
}

}  // namespace clusop::text
