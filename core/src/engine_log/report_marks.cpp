#include "engine_log/report_marks.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <utility>

#include "engine_log/report_lines.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace clusop {
namespace {

// Each mark is looked for by one of its bytes, its anchor, rare in plan texts (per 1,000 bytes
// of the corpus' Comet, Gluten, Spark and Photon plans: 'G' 0-0.4, 'C' 2-8, 'f' 3-9). Marks
// share anchors, and 'C' and 'G' differ in one bit: the scan tests each byte twice, `byte | 4`
// against 'G' and the byte against 'f'. A place holding an anchor is then compared with the
// whole marks around it. The marks are taken without their leading and trailing blanks (a
// line holding the whole mark still holds them).
constexpr char kAnchorPair = 'G';  // 'C' or 'G': the byte with bit 2 set
constexpr char kAnchorPairBit = 0x04;
constexpr char kAnchor = 'f';
static_assert(('C' | kAnchorPairBit) == kAnchorPair);

constexpr bool IsAnchor(char c) { return (c | kAnchorPairBit) == kAnchorPair || c == kAnchor; }

struct Mark {
  std::string_view text;
  size_t anchor;  // where the anchor byte is in text
};

constexpr Mark MakeMark(std::string_view mark, char anchor) {
  while (!mark.empty() && mark.front() == ' ') mark.remove_prefix(1);
  while (!mark.empty() && mark.back() == ' ') mark.remove_suffix(1);
  return {mark, mark.find(anchor)};
}

// Gluten's two validation marks share this part: one look for both.
constexpr std::string_view kValidation = "alidation failed";
static_assert(kGlutenAndCometMarks[1].find(kValidation) != std::string_view::npos &&
              kGlutenAndCometMarks[2].find(kValidation) != std::string_view::npos);

constexpr Mark kMarks[] = {MakeMark(kGlutenAndCometMarks[0], 'G'), MakeMark(kValidation, 'f'),
                           MakeMark(kGlutenAndCometMarks[3], 'C'), MakeMark(kGlutenAndCometMarks[4], 'C'),
                           MakeMark(kRapidsMark, 'G')};
static_assert(std::size(kGlutenAndCometMarks) == 5, "every Gluten and Comet mark is in kMarks");

constexpr bool EveryMarkHasAnAnchor() {
  for (const Mark& m : kMarks)
    if (m.anchor == std::string_view::npos || !IsAnchor(m.text[m.anchor]) || m.text.size() < 2) return false;
  return true;
}
static_assert(EveryMarkHasAnAnchor());

// Whether mark k starts at `at` minus its anchor's offset, at or after `pos` (<= at). Its last
// byte is compared before the whole mark.
template <size_t k>
bool MarkStartsBefore(std::string_view text, size_t pos, size_t at) {
  constexpr Mark m = kMarks[k];
  if (text[at] != m.text[m.anchor] || at - pos < m.anchor) return false;
  const size_t start = at - m.anchor;
  return text.size() - start >= m.text.size() && text[start + m.text.size() - 1] == m.text.back() &&
         std::memcmp(text.data() + start, m.text.data(), m.text.size()) == 0;
}

template <size_t... k>
size_t MarkAround(std::string_view text, size_t pos, size_t at, std::index_sequence<k...>) {
  size_t start = std::string_view::npos;
  ((MarkStartsBefore<k>(text, pos, at) && (start = at - kMarks[k].anchor, true)) || ...);
  return start;
}

// The start of a whole mark whose anchor is the byte at `at` and which starts at or after
// `pos` (<= at), else npos.
size_t MarkAround(std::string_view text, size_t pos, size_t at) {
  return MarkAround(text, pos, at, std::make_index_sequence<std::size(kMarks)>());
}

// Byte by byte from `at`, for marks starting at or after `pos`. The first anchor of a whole mark
// is on the first line holding one: each mark lies within its line.
size_t ScanBytes(std::string_view text, size_t pos, size_t at) {
  for (; at < text.size(); ++at) {
    if (!IsAnchor(text[at])) continue;
    const size_t start = MarkAround(text, pos, at);
    if (start != std::string_view::npos) return start;
  }
  return std::string_view::npos;
}

}  // namespace

size_t NextReportMarkScalar(std::string_view text, size_t pos) {
  if (pos >= text.size()) return std::string_view::npos;
  return ScanBytes(text, pos, pos);
}

size_t NextReportMark(std::string_view text, size_t pos) {
  if (pos >= text.size()) return std::string_view::npos;
  size_t at = pos;
#if defined(__SSE2__)
  const __m128i pair_bit = _mm_set1_epi8(kAnchorPairBit);
  const __m128i pair = _mm_set1_epi8(kAnchorPair);
  const __m128i single = _mm_set1_epi8(kAnchor);
  // 64 places a step, as four 16-byte blocks; bit i of the mask is place at + i
  for (; text.size() - at >= 64; at += 64) {
    __m128i anchors[4];
    for (int k = 0; k < 4; ++k) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at + 16 * k));
      anchors[k] = _mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(bytes, pair_bit), pair), _mm_cmpeq_epi8(bytes, single));
    }
    const __m128i any = _mm_or_si128(_mm_or_si128(anchors[0], anchors[1]), _mm_or_si128(anchors[2], anchors[3]));
    if (_mm_movemask_epi8(any) == 0) continue;
    uint64_t mask = 0;
    for (int k = 0; k < 4; ++k)
      mask |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(anchors[k]))) << (16 * k);
    for (; mask != 0; mask &= mask - 1) {
      const size_t start = MarkAround(text, pos, at + static_cast<size_t>(std::countr_zero(mask)));
      if (start != std::string_view::npos) return start;
    }
  }
#endif
  return ScanBytes(text, pos, at);
}

}  // namespace clusop
