#pragma once
// Finding the next byte a JSON string cannot hold as it is ('"', '\\' or a control character
// below 0x20): the scanner stops there to end or unescape a string, the writer to escape one.
// 32 bytes at a time with SSE2, else 8 at a time in a 64-bit word; most bytes need nothing.
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

#if defined(__SSE2__)
// The special bytes among 16, as 0xFF lanes.
inline __m128i JsonSpecialLanes(__m128i bytes) {
  // flipping bit 1 maps '"' (0x22) to 0x20 and keeps 0x00-0x1F below 0x20, so one unsigned
  // "<= 0x20" finds quotes and control bytes together
  const __m128i flipped = _mm_xor_si128(bytes, _mm_set1_epi8(0x02));
  const __m128i quote_or_control = _mm_cmpeq_epi8(_mm_min_epu8(flipped, _mm_set1_epi8(0x20)), flipped);
  return _mm_or_si128(quote_or_control, _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\')));
}

inline __m128i JsonSpecialLanes(const char* at) {
  return JsonSpecialLanes(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)));
}

inline unsigned JsonSpecialMask(const char* at) {
  return static_cast<unsigned>(_mm_movemask_epi8(JsonSpecialLanes(at)));
}

// NextJsonSpecial over 4 to 15 bytes [pos, size) (a node name, a key): the first and last 4 or
// 8 of them side by side in one vector, one test.
inline size_t NextJsonSpecialInFew(const char* data, size_t pos, size_t size) {
  const size_t half = size - pos >= 8 ? 8 : 4;
  __m128i bytes;
  if (half == 8) {
    bytes = _mm_unpacklo_epi64(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(data + pos)),
                               _mm_loadl_epi64(reinterpret_cast<const __m128i*>(data + size - 8)));
  } else {
    int32_t first;
    int32_t last;
    std::memcpy(&first, data + pos, 4);
    std::memcpy(&last, data + size - 4, 4);
    bytes = _mm_unpacklo_epi32(_mm_cvtsi32_si128(first), _mm_cvtsi32_si128(last));
  }
  const unsigned lanes = (1u << (2 * half)) - 1;  // the rest are zero bytes, not input
  const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(JsonSpecialLanes(bytes))) & lanes;
  if (mask == 0) return size;
  const unsigned in_first = mask & ((1u << half) - 1);
  if (in_first != 0) return pos + static_cast<size_t>(std::countr_zero(in_first));
  return size - half + static_cast<size_t>(std::countr_zero(mask >> half));
}
#endif

// The high bit of each special byte among 8 (little-endian word): exact up to the first such
// byte (later ones may be flagged by a borrow, which the lowest set bit ignores).
inline uint64_t JsonSpecialWordBits(const char* at) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  uint64_t word;
  std::memcpy(&word, at, 8);
  const uint64_t quote = word ^ (kOnes * '"');
  const uint64_t slash = word ^ (kOnes * '\\');
  return (((quote - kOnes) & ~quote) | ((slash - kOnes) & ~slash) | ((word - kOnes * 0x20) & ~word)) & kHigh;
}

// The first special byte at or after `pos`, else s.size(). The last block of a string is
// loaded so that it ends at the string's end, overlapping bytes already looked at: no byte by
// byte tail for most strings of 8 bytes or more, and no load past the end.
inline size_t NextJsonSpecial(std::string_view s, size_t pos) {
  const size_t size = s.size();
  const size_t from = pos;
#if defined(__SSE2__)
  if (pos < size && size - pos < 16 && size - pos >= 4) return NextJsonSpecialInFew(s.data(), pos, size);
  for (; pos + 32 <= size; pos += 32) {  // 32 bytes a step, one mask test
    const __m128i low = JsonSpecialLanes(s.data() + pos);
    const __m128i high = JsonSpecialLanes(s.data() + pos + 16);
    if (_mm_movemask_epi8(_mm_or_si128(low, high)) != 0) {
      const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(low)) |
                            (static_cast<unsigned>(_mm_movemask_epi8(high)) << 16);
      return pos + static_cast<size_t>(std::countr_zero(mask));
    }
  }
  if (pos + 16 <= size) {
    const unsigned mask = JsonSpecialMask(s.data() + pos);
    if (mask != 0) return pos + static_cast<size_t>(std::countr_zero(mask));
    pos += 16;
  }
  if (pos < size && size >= 16) {  // bytes before pos in this block are not looked at
    const unsigned mask = JsonSpecialMask(s.data() + size - 16) >> (pos - (size - 16));
    return mask != 0 ? pos + static_cast<size_t>(std::countr_zero(mask)) : size;
  }
#endif
  if constexpr (std::endian::native == std::endian::little) {
    for (; pos + 8 <= size; pos += 8) {
      const uint64_t hits = JsonSpecialWordBits(s.data() + pos);
      if (hits != 0) return pos + static_cast<size_t>(std::countr_zero(hits)) / 8;
    }
    // only over bytes this call found plain: a borrow from a special byte before them could
    // flag a plain byte
    if (pos < size && size >= 8 && size - 8 >= from) {
      const uint64_t hits = JsonSpecialWordBits(s.data() + size - 8);
      return hits != 0 ? size - 8 + static_cast<size_t>(std::countr_zero(hits)) / 8 : size;
    }
  }
  while (pos < size && !IsJsonSpecial(s[pos])) ++pos;
  return pos;
}

}  // namespace clusop
