#include "engine_log/report_marks.hpp"

#include <bit>
#include <cstring>

#include "engine_log/report_lines.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace clusop {
namespace {

// Each mark is looked for by two of its bytes, its first and its last one (16 places at a time
// with SSE2); a place where both match is then compared whole. The marks are taken without
// their leading and trailing blanks (rarer end bytes; a line holding the whole mark still
// holds them).
struct Mark {
  std::string_view text;
  size_t last;  // text.size() - 1
};

constexpr Mark MakeMark(std::string_view mark) {
  while (!mark.empty() && mark.front() == ' ') mark.remove_prefix(1);
  while (!mark.empty() && mark.back() == ' ') mark.remove_suffix(1);
  return {mark, mark.size() - 1};
}

// Gluten's two validation marks share this part: one look for both.
constexpr std::string_view kValidation = "alidation failed";
static_assert(kGlutenAndCometMarks[1].find(kValidation) != std::string_view::npos &&
              kGlutenAndCometMarks[2].find(kValidation) != std::string_view::npos);

constexpr Mark kMarks[] = {MakeMark(kGlutenAndCometMarks[0]), MakeMark(kValidation),
                           MakeMark(kGlutenAndCometMarks[3]), MakeMark(kGlutenAndCometMarks[4]),
                           MakeMark(kRapidsMark)};
static_assert(std::size(kGlutenAndCometMarks) == 5, "every Gluten and Comet mark is in kMarks");

constexpr size_t LongestMark() {
  size_t longest = 0;
  for (const Mark& m : kMarks) longest = m.text.size() > longest ? m.text.size() : longest;
  return longest;
}

bool MarkAt(std::string_view text, size_t at) {
  for (const Mark& m : kMarks)
    if (text.size() - at > m.last && text[at] == m.text.front() && text[at + m.last] == m.text.back() &&
        std::memcmp(text.data() + at, m.text.data(), m.text.size()) == 0)
      return true;
  return false;
}

// The bytes a mark starts with, for the place-by-place search (no SSE2, the text's last bytes).
struct FirstBytes {
  bool is_first[256] = {};
  constexpr FirstBytes() {
    for (const Mark& m : kMarks) is_first[static_cast<unsigned char>(m.text.front())] = true;
  }
};
constexpr FirstBytes kFirstBytes;

}  // namespace

size_t NextReportMark(std::string_view text, size_t pos) {
#if defined(__SSE2__)
  constexpr size_t kMarkCount = std::size(kMarks);
  __m128i first[kMarkCount];
  __m128i last[kMarkCount];
  for (size_t k = 0; k < kMarkCount; ++k) {
    first[k] = _mm_set1_epi8(kMarks[k].text.front());
    last[k] = _mm_set1_epi8(kMarks[k].text.back());
  }
  // Every load of a block stays inside the text: 16 places, the furthest last byte LongestMark() on.
  for (; pos + 16 + LongestMark() <= text.size(); pos += 16) {
    const char* at = text.data() + pos;
    const __m128i head = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    __m128i hits = _mm_setzero_si128();
    for (size_t k = 0; k < kMarkCount; ++k) {
      const __m128i tail = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at + kMarks[k].last));
      hits = _mm_or_si128(hits, _mm_and_si128(_mm_cmpeq_epi8(head, first[k]), _mm_cmpeq_epi8(tail, last[k])));
    }
    for (unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hits)); mask != 0; mask &= mask - 1) {
      const size_t place = pos + static_cast<size_t>(std::countr_zero(mask));
      if (MarkAt(text, place)) return place;
    }
  }
#endif
  for (; pos < text.size(); ++pos)
    if (kFirstBytes.is_first[static_cast<unsigned char>(text[pos])] && MarkAt(text, pos)) return pos;
  return std::string_view::npos;
}

}  // namespace clusop
