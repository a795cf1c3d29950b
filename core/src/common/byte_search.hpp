#pragma once
// Finding a byte or a short string in a long text, for the event-log reader's hot loops (the
// next newline of a chunk, a key inside a multi-kilobyte line). Native builds use the C
// library's own vectorised memchr/memmem. WebAssembly's C library (musl) searches a word at a
// time and memmem runs the two-way algorithm with its set-up per call, which cost as much as
// the JSON parsing on a big log; with WebAssembly SIMD both look at 16 bytes per step here.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace clusop::text {

// The first `c` in [p, p + n), else nullptr (memchr's contract).
inline const char* FindByte(const char* p, size_t n, char c) {
#if defined(__wasm_simd128__)
  const v128_t wanted = wasm_i8x16_splat(c);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const unsigned mask = wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(p + i), wanted));
    if (mask != 0) return p + i + static_cast<size_t>(std::countr_zero(mask));
  }
  for (; i < n; ++i) {
    if (p[i] == c) return p + i;
  }
  return nullptr;
#else
  return static_cast<const char*>(std::memchr(p, c, n));
#endif
}

// The last `c` in [p, p + n), else nullptr (memrchr's contract; memrchr is glibc's and musl's).
inline const char* FindLastByte(const char* p, size_t n, char c) {
#if defined(__wasm_simd128__)
  const v128_t wanted = wasm_i8x16_splat(c);
  size_t i = n;
  for (; i >= 16; i -= 16) {
    const unsigned mask = wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(p + i - 16), wanted));
    if (mask != 0) return p + i - 16 + (31 - std::countl_zero(mask));
  }
  for (; i > 0; --i) {
    if (p[i - 1] == c) return p + i - 1;
  }
  return nullptr;
#elif defined(__GLIBC__)
  return static_cast<const char*>(memrchr(p, c, n));
#else
  for (size_t i = n; i > 0; --i) {
    if (p[i - 1] == c) return p + i - 1;
  }
  return nullptr;
#endif
}

// How many of the first bytes of [p, p + n) are ASCII (below 0x80): 128 a step while all are.
inline size_t AsciiPrefix(const char* p, size_t n) {
  size_t i = 0;
#if defined(__wasm_simd128__)
  for (; n - i >= 64; i += 64) {
    const v128_t any = wasm_v128_or(wasm_v128_or(wasm_v128_load(p + i), wasm_v128_load(p + i + 16)),
                                    wasm_v128_or(wasm_v128_load(p + i + 32), wasm_v128_load(p + i + 48)));
    if (wasm_i8x16_bitmask(any) != 0) break;
  }
  for (; n - i >= 16; i += 16) {
    const unsigned high = wasm_i8x16_bitmask(wasm_v128_load(p + i));
    if (high != 0) return i + static_cast<size_t>(std::countr_zero(high));
  }
#elif defined(__SSE2__)
  const auto load = [p](size_t at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at)); };
  const auto any64 = [&](size_t at) {
    return _mm_or_si128(_mm_or_si128(load(at), load(at + 16)), _mm_or_si128(load(at + 32), load(at + 48)));
  };
  for (; n - i >= 128; i += 128)
    if (_mm_movemask_epi8(_mm_or_si128(any64(i), any64(i + 64))) != 0) break;
  for (; n - i >= 64; i += 64)
    if (_mm_movemask_epi8(any64(i)) != 0) break;
  for (; n - i >= 16; i += 16) {
    const unsigned high = static_cast<unsigned>(_mm_movemask_epi8(load(i)));
    if (high != 0) return i + static_cast<size_t>(std::countr_zero(high));
  }
#endif
  while (i < n && static_cast<unsigned char>(p[i]) < 0x80) ++i;
  return i;
}

// How many `c` are in [p, p + n). Each byte lane counts up to 4 a step, so the lanes are summed
// every 63 steps, before one could pass 255.
inline size_t CountByte(const char* p, size_t n, char c) {
  size_t count = 0;
  size_t i = 0;
#if defined(__wasm_simd128__)
  const v128_t wanted = wasm_i8x16_splat(c);
  while (n - i >= 64) {
    v128_t lanes = wasm_i8x16_splat(0);
    for (size_t steps = (n - i) / 64 < 63 ? (n - i) / 64 : 63; steps > 0; --steps, i += 64)
      for (size_t k = 0; k < 64; k += 16)
        lanes = wasm_i8x16_sub(lanes, wasm_i8x16_eq(wasm_v128_load(p + i + k), wanted));  // -1 per match
    const v128_t sums = wasm_u32x4_extadd_pairwise_u16x8(wasm_u16x8_extadd_pairwise_u8x16(lanes));
    count += static_cast<uint32_t>(wasm_i32x4_extract_lane(sums, 0)) + static_cast<uint32_t>(wasm_i32x4_extract_lane(sums, 1)) +
             static_cast<uint32_t>(wasm_i32x4_extract_lane(sums, 2)) + static_cast<uint32_t>(wasm_i32x4_extract_lane(sums, 3));
  }
#elif defined(__SSE2__)
  const __m128i wanted = _mm_set1_epi8(c);
  while (n - i >= 64) {
    __m128i lanes = _mm_setzero_si128();
    for (size_t steps = (n - i) / 64 < 63 ? (n - i) / 64 : 63; steps > 0; --steps, i += 64)
      for (size_t k = 0; k < 64; k += 16)
        lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + k)), wanted));
    const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    count += static_cast<uint32_t>(_mm_cvtsi128_si32(sums)) + static_cast<uint32_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
  }
#endif
  for (; i < n; ++i) count += p[i] == c;
  return count;
}

// Where `needle` first occurs in `text` at or after `from`, else std::string_view::npos.
inline size_t FindString(std::string_view text, size_t from, std::string_view needle) {
  if (from > text.size() || needle.size() > text.size() - from) return std::string_view::npos;
  if (needle.empty()) return from;
#if defined(__wasm_simd128__)
  // Candidates are positions whose first and last bytes both match the needle's, 16 at a time;
  // only those are compared in full.
  const size_t m = needle.size();
  if (m >= 2) {
    const char* h = text.data();
    const v128_t first = wasm_i8x16_splat(needle.front());
    const v128_t last = wasm_i8x16_splat(needle.back());
    size_t i = from;
    for (; i + m - 1 + 16 <= text.size(); i += 16) {
      const v128_t hits = wasm_v128_and(wasm_i8x16_eq(wasm_v128_load(h + i), first),
                                        wasm_i8x16_eq(wasm_v128_load(h + i + m - 1), last));
      unsigned mask = wasm_i8x16_bitmask(hits);
      while (mask != 0) {
        const size_t at = i + static_cast<size_t>(std::countr_zero(mask));
        if (std::memcmp(h + at + 1, needle.data() + 1, m - 2) == 0) return at;
        mask &= mask - 1;
      }
    }
    return text.find(needle, i);
  }
  return text.find(needle, from);
#else
  const void* hit = memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
  return hit ? static_cast<size_t>(static_cast<const char*>(hit) - text.data()) : std::string_view::npos;
#endif
}

}  // namespace clusop::text
