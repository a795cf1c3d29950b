#pragma once
// Finding the next byte a JSON string cannot hold as it is ('"', '\\' or a control character
// below 0x20): the scanner stops there to end or unescape a string, the writer to escape one.
// 16 bytes at a time with SSE2, else 8 at a time in a 64-bit word; most bytes need nothing.
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace clusop {

inline bool IsJsonSpecial(char c) {
  return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
}

// The first special byte at or after `pos`, else s.size().
inline size_t NextJsonSpecial(std::string_view s, size_t pos) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1F);
  for (; pos + 16 <= s.size(); pos += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + pos));
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(bytes, last_control), bytes);  // byte <= 0x1F
    const __m128i hits =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)), control);
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hits));
    if (mask != 0) return pos + static_cast<size_t>(std::countr_zero(mask));
  }
#endif
  if constexpr (std::endian::native == std::endian::little) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL;
    constexpr uint64_t kHigh = 0x8080808080808080ULL;
    for (; pos + 8 <= s.size(); pos += 8) {
      uint64_t word;
      std::memcpy(&word, s.data() + pos, 8);
      const uint64_t quote = word ^ (kOnes * '"');
      const uint64_t slash = word ^ (kOnes * '\\');
      // the high bit of each byte that is special: exact up to the first such byte (later ones
      // may be flagged by a borrow, which the lowest set bit ignores)
      const uint64_t hits =
          (((quote - kOnes) & ~quote) | ((slash - kOnes) & ~slash) | ((word - kOnes * 0x20) & ~word)) & kHigh;
      if (hits != 0) return pos + static_cast<size_t>(std::countr_zero(hits)) / 8;
    }
  }
  while (pos < s.size() && !IsJsonSpecial(s[pos])) ++pos;
  return pos;
}

}  // namespace clusop
