#include "common/ident_scan.hpp"

#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/text.hpp"

namespace clusop::text {
namespace {

struct IdentTable {
  bool is_ident[256] = {};
  IdentTable() {
    for (int c = 0; c < 256; ++c) is_ident[c] = IsIdentChar(static_cast<char>(c));
  }
};

#if defined(__SSE2__)
// A bit per byte of the block that is an identifier character. Signed compares after a shift:
// (b - lo) ^ 0x80 lands below -128 + width exactly for lo <= b < lo + width.
unsigned IdentBits(__m128i bytes) {
  const __m128i letter_offset = _mm_sub_epi8(_mm_or_si128(bytes, _mm_set1_epi8(0x20)), _mm_set1_epi8('a' - 128));
  const __m128i letters = _mm_cmplt_epi8(letter_offset, _mm_set1_epi8(-128 + 26));
  const __m128i digit_offset = _mm_sub_epi8(bytes, _mm_set1_epi8('0' - 128));
  const __m128i digits = _mm_cmplt_epi8(digit_offset, _mm_set1_epi8(-128 + 10));
  const __m128i marks = _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('_')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('$')));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letters, digits), marks)));
}
#endif

}  // namespace

namespace detail {

size_t IdentifierLengthScalar(std::string_view s) {
  static const IdentTable table;  // built on first use: other statics' constructors may call this
  size_t n = 0;
  while (n < s.size() && table.is_ident[static_cast<unsigned char>(s[n])]) ++n;
  return n;
}

}  // namespace detail

size_t IdentifierLength(std::string_view s) {
#if defined(__SSE2__)
  const size_t n = s.size();
  if (n >= 16) {
    size_t pos = 0;
    for (;;) {
      // The last block is the text's last 16 bytes: those before pos are identifier already read.
      const size_t at = pos + 16 <= n ? pos : n - 16;
      const unsigned ident =
          IdentBits(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + at))) | ((1u << (pos - at)) - 1);
      if (ident != 0xFFFFu) return at + static_cast<size_t>(std::countr_one(ident));
      pos = at + 16;
      if (pos == n) return n;
    }
  }
  if (n >= 8) {
    // The first 8 bytes and the last 8 (overlapping when n < 16) in one block.
    const __m128i halves = _mm_unpacklo_epi64(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(s.data())),
                                              _mm_loadl_epi64(reinterpret_cast<const __m128i*>(s.data() + n - 8)));
    const unsigned ident = IdentBits(halves);
    if ((ident & 0xFFu) != 0xFFu) return static_cast<size_t>(std::countr_one(ident));
    return n - 8 + static_cast<size_t>(std::countr_one(ident >> 8));
  }
#endif
  return detail::IdentifierLengthScalar(s);
}

}  // namespace clusop::text
