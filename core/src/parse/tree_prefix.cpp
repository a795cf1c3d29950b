#include "parse/tree_prefix.hpp"

#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/spaces.hpp"

namespace clusop {
namespace {

// Bytes that may stand before a node's text: indentation, branch bars and the "+-" / ":-" glyphs.
struct PrefixTable {
  bool is_prefix[256] = {};
  PrefixTable() {
    for (unsigned char c : {' ', ':', '|', '-', '+', '\t', '\r'}) is_prefix[c] = true;
  }
};
const PrefixTable kPrefixTable;

}  // namespace

namespace detail {

TreePrefix ReadTreePrefixScalar(std::string_view line) {
  TreePrefix prefix;
  size_t pos = 0;
  for (;;) {
    pos = text::SkipSpaces(line, pos);  // most of a deep line's prefix
    if (pos >= line.size() || !kPrefixTable.is_prefix[static_cast<unsigned char>(line[pos])]) break;
    prefix.has_tab |= line[pos] == '\t';
    prefix.has_dash |= line[pos] == '-';
    ++pos;
  }
  prefix.length = pos;
  return prefix;
}

}  // namespace detail

#if defined(__SSE2__)

namespace {

unsigned Equal(__m128i bytes, char c) {
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(c))));
}

// Most blocks of a deep line are blanks and branch bars only ("   :  :  |  "): three compares
// tell so; the glyph and tab compares run only on the block where that stops.
unsigned BlanksAndBars(__m128i bytes) {
  const __m128i bars = _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(':')),
                                    _mm_cmpeq_epi8(bytes, _mm_set1_epi8('|')));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(bars, _mm_cmpeq_epi8(bytes, _mm_set1_epi8(' ')))));
}

// Where the prefix ends in the block at `at`, which is not all blanks and bars (those are in is_prefix).
// Returns whether the prefix goes on past the block.
bool EndOfPrefix(__m128i bytes, unsigned is_prefix, size_t at, TreePrefix* prefix) {
  const unsigned dash = Equal(bytes, '-');
  const unsigned tab = Equal(bytes, '\t');
  is_prefix |= dash | tab | Equal(bytes, '+') | Equal(bytes, '\r');
  const unsigned length = static_cast<unsigned>(std::countr_one(is_prefix));  // at most 16
  const unsigned inside = (1u << length) - 1;
  prefix->has_dash |= (dash & inside) != 0;
  prefix->has_tab |= (tab & inside) != 0;
  prefix->length = at + length;
  return length == 16;
}

}  // namespace

TreePrefix ReadTreePrefix(std::string_view line) {
  const size_t n = line.size();
  if (n < 16) return detail::ReadTreePrefixScalar(line);
  TreePrefix prefix;
  size_t pos = 0;
  for (; pos + 16 <= n; pos += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(line.data() + pos));
    const unsigned plain = BlanksAndBars(bytes);
    if (plain != 0xFFFFu && !EndOfPrefix(bytes, plain, pos, &prefix)) return prefix;
  }
  if (pos < n) {
    // The line's last 16 bytes: those before pos are prefix already read.
    const size_t at = n - 16;
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(line.data() + at));
    const unsigned plain = BlanksAndBars(bytes) | ((1u << (pos - at)) - 1);
    if (plain != 0xFFFFu && !EndOfPrefix(bytes, plain, at, &prefix)) return prefix;
  }
  prefix.length = n;
  return prefix;
}

#else

TreePrefix ReadTreePrefix(std::string_view line) { return detail::ReadTreePrefixScalar(line); }

#endif

}  // namespace clusop
