#pragma once
// Finding a byte or a short string in a long text, for the event-log reader's hot loops (the
// next newline of a chunk, a key inside a multi-kilobyte line). Native builds use the C
// library's own vectorised memchr/memmem. WebAssembly's C library (musl) searches a word at a
// time and memmem runs the two-way algorithm with its set-up per call, which cost as much as
// the JSON parsing on a big log; with WebAssembly SIMD both look at 16 bytes per step here.
#include <bit>
#include <cstddef>
#include <cstring>
#include <string_view>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
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
