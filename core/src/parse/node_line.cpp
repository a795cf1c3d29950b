#include "parse/node_line.hpp"

#include <bit>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/ident_scan.hpp"
#include "common/text.hpp"

namespace clusop {
namespace {

constexpr int kTabWidth = 4;

// Skips "*(1) ", "* ", "^(2) ", "^ " and reports which marker it was.
std::string_view StripStageMarker(std::string_view s, StageMarker* marker) {
  if (s.size() < 2 || (s[0] != '*' && s[0] != '^')) return s;
  const StageMarker kind = s[0] == '*' ? StageMarker::kCodegen : StageMarker::kNativeStage;
  size_t i = 1;
  if (s[i] == '(') {
    size_t j = i + 1;
    while (j < s.size() && text::IsDigit(s[j])) ++j;
    if (j == i + 1 || j >= s.size() || s[j] != ')') return s;
    i = j + 1;
  }
  if (i >= s.size() || s[i] != ' ') return s;
  *marker = kind;
  return text::TrimLeft(s.substr(i));
}

// Whether an author's mark " <- ", " ## " or "←" (E2 86 90) has its second byte at i.
bool AnnotationMarkAt(std::string_view s, size_t i) {
  const char c = s[i];
  if (c == '\x86') return s[i - 1] == '\xE2' && s[i + 1] == '\x90';
  return (c == '<' || c == '#') && s[i - 1] == ' ' && s[i + 1] == (c == '<' ? '-' : '#') && i + 2 < s.size() &&
         s[i + 2] == ' ';
}

}  // namespace

namespace detail {

bool HasAnnotationMarkScalar(std::string_view s) {
  for (size_t i = 1; i + 1 < s.size(); ++i)
    if (AnnotationMarkAt(s, i)) return true;
  return false;
}

}  // namespace detail

#if defined(__SSE2__)
namespace {

__m128i LoadHalves(const char* low, const char* high) {
  return _mm_unpacklo_epi64(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(low)),
                            _mm_loadl_epi64(reinterpret_cast<const __m128i*>(high)));
}

// A bit for each place whose byte could be a mark's second byte: '<' or '#' after a space, or
// 0x86. Attribute ids put a '#' every few bytes of a plan line, never after a space.
unsigned MarkCandidates(__m128i before, __m128i middle) {
  const auto eq = [](__m128i bytes, char c) { return _mm_cmpeq_epi8(bytes, _mm_set1_epi8(c)); };
  const __m128i ascii = _mm_and_si128(eq(before, ' '), _mm_or_si128(eq(middle, '<'), eq(middle, '#')));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(ascii, eq(middle, '\x86'))));
}

// A bit for each of the 16 places from `at` that could hold a mark's second byte.
unsigned MarkCandidates(std::string_view s, size_t at) {
  return MarkCandidates(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + at - 1)),
                        _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + at)));
}

bool AnyMarkAt(std::string_view s, size_t at, unsigned candidates) {
  for (; candidates != 0; candidates &= candidates - 1)
    if (AnnotationMarkAt(s, at + static_cast<size_t>(std::countr_zero(candidates)))) return true;
  return false;
}

}  // namespace
#endif

// Each mark is found by its second byte ('<', '#', 0x86): one pass, where searching for each
// mark would stop at every space.
bool HasAnnotationMark(std::string_view s) {
#if defined(__SSE2__)
  if (s.size() >= 18) {  // the last block [end - 16, end) starts at place 1 or later
    const size_t end = s.size() - 1;  // a mark's second byte has a byte after it
    size_t place = 1;
    for (; place + 16 <= end; place += 16)
      if (const unsigned candidates = MarkCandidates(s, place); candidates != 0 && AnyMarkAt(s, place, candidates))
        return true;
    if (place == end) return false;
    // The last block is [end - 16, end): places before `place` were looked at already.
    const size_t at = end - 16;
    return AnyMarkAt(s, at, MarkCandidates(s, at) & ~((1u << (place - at)) - 1));
  }
  if (s.size() >= 10) {
    // Places 1..8 and the last 8 places (n - 9..n - 2), overlapping, in one block.
    const size_t last = s.size() - 9;
    const unsigned candidates = MarkCandidates(LoadHalves(s.data(), s.data() + last - 1),
                                               LoadHalves(s.data() + 1, s.data() + last));
    return AnyMarkAt(s, 1, candidates & 0xFFu) || AnyMarkAt(s, last, candidates >> 8);
  }
#endif
  return detail::HasAnnotationMarkScalar(s);
}

namespace {

// Authors annotate pasted plans with "<- note", "← note" or "## note"; Spark never prints these.
// s is trimmed already; so is the answer.
std::string_view StripAnnotation(std::string_view s) {
  if (!HasAnnotationMark(s)) return s;
  for (std::string_view mark : {std::string_view("\xE2\x86\x90"), std::string_view(" <- "), std::string_view(" ## ")}) {
    const size_t at = s.find(mark);
    if (at != std::string_view::npos) s = s.substr(0, at);
  }
  return text::Trim(s);
}

NodeKind AqeMarkerKind(std::string_view s) {
  if (s.empty() || s[0] != '=') return NodeKind::kOperator;
  if (text::StartsWith(s, "== Final Plan ==")) return NodeKind::kAqeFinalPlan;
  if (text::StartsWith(s, "== Initial Plan ==")) return NodeKind::kAqeInitialPlan;
  if (text::StartsWith(s, "== Current Plan ==")) return NodeKind::kAqeCurrentPlan;
  return NodeKind::kOperator;
}

bool IsScanWord(std::string_view token) { return text::EndsWith(token, "Scan"); }

bool IsExecuteWord(std::string_view token) { return token == "Execute"; }

std::string_view LeadingIdentifier(std::string_view s) { return {s.data(), text::IdentifierLength(s)}; }

std::string_view TrimRight(std::string_view s) {
  size_t n = s.size();
  while (n > 0 && text::IsSpace(s[n - 1])) --n;
  return s.substr(0, n);
}

// "Output [2]: [...]", "Condition : ...", "Join type: Inner": a formatted-mode details line.
bool IsDetailsLine(std::string_view s) {
  const size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon > 40) return false;
  std::string_view label = text::Trim(s.substr(0, colon));
  if (text::EndsWith(label, "]")) {
    const size_t open = label.rfind('[');
    if (open == std::string_view::npos) return false;
    for (char c : label.substr(open + 1, label.size() - open - 2))
      if (!text::IsDigit(c)) return false;
    label = text::Trim(label.substr(0, open));
  }
  for (char c : label)
    if (!text::IsIdentChar(c) && c != ' ') return false;
  return true;
}

}  // namespace

NodeLine ParseNodeLine(std::string_view line) {
  NodeLine out;
  const TreePrefix prefix = ReadTreePrefix(line);
  const size_t pos = prefix.length;
  const bool tabs = prefix.has_tab;
  const bool dash = prefix.has_dash;
  out.has_glyph = dash;
  int32_t col = static_cast<int32_t>(pos);  // every prefix byte is one column, except tabs
  if (tabs) {
    col = 0;
    for (size_t i = 0; i < pos; ++i) col = line[i] == '\t' ? (col / kTabWidth + 1) * kTabWidth : col + 1;
  }
  // The prefix stops at a byte that is not ' ', '\t' or '\r': only '\n', '\f' or '\v' can follow.
  std::string_view rest = line.substr(pos);
  if (!rest.empty() && text::IsSpace(rest[0])) rest = text::TrimLeft(rest);
  rest = TrimRight(rest);
  if (rest.empty()) return out;
  out.column = col;
  const NodeKind aqe = AqeMarkerKind(rest);
  if (aqe != NodeKind::kOperator) {
    out.type = NodeLine::Type::kAqeMarker;
    out.kind = aqe;
    out.text = rest;
    return out;
  }
  rest = StripStageMarker(rest, &out.marker);
  rest = StripAnnotation(rest);
  out.text = rest;
  out.type = (!rest.empty() && text::IsUpper(rest[0])) ? NodeLine::Type::kNode : NodeLine::Type::kContinuation;
  return out;
}

std::string_view OperatorName(std::string_view s) {
  const std::string_view first = LeadingIdentifier(s);
  if (first.empty()) return first;
  size_t i = first.size();
  auto skip_spaces = [&] { while (i < s.size() && s[i] == ' ') ++i; };
  if (IsExecuteWord(first)) {
    skip_spaces();
    const std::string_view command = LeadingIdentifier(s.substr(i));
    return command.empty() ? first : s.substr(0, i + command.size());
  }
  if (!IsScanWord(first)) return first;
  // "Scan parquet", "PhotonScan parquet", "CometScan [native_iceberg_compat] parquet", "Scan OneRowRelation"
  skip_spaces();
  if (i < s.size() && s[i] == '[') {
    const size_t close = s.find(']', i);
    if (close == std::string_view::npos) return first;
    i = close + 1;
    skip_spaces();
  }
  const std::string_view format = LeadingIdentifier(s.substr(i));
  if (format.empty()) return first;
  return s.substr(0, i + format.size());
}

int32_t FormattedId(std::string_view s) {
  for (size_t open = s.find(" ("); open != std::string_view::npos; open = s.find(" (", open + 1)) {
    size_t j = open + 2;
    int64_t value = 0;
    while (j < s.size() && text::IsDigit(s[j]) && value < 100000000) value = value * 10 + (s[j++] - '0');
    if (j == open + 2 || j >= s.size() || s[j] != ')') continue;
    if (j + 1 == s.size() || s[j + 1] == ',') return static_cast<int32_t>(value);
  }
  return -1;
}

bool LooksLikeOperator(std::string_view s) {
  const std::string_view first = text::LeadingIdentifier(s);
  if (first.empty() || !text::IsUpper(first[0])) return false;
  for (std::string_view log_level : {"WARN", "INFO", "ERROR", "DEBUG", "TRACE"})
    if (first == log_level) return false;
  // prose such as "Photon does not ..." or "Comet accelerated ..." has a lower-case second word
  if (first.size() < s.size() && s[first.size()] == ' ' && first.size() + 1 < s.size()) {
    const std::string_view second = text::LeadingIdentifier(s.substr(first.size() + 1));
    if (!second.empty() && text::IsLower(second[0]) && second.size() > 2 &&
        (second == "does" || second == "accelerated" || second == "is" || second == "cannot" || second == "will"))
      return false;
  }
  return !IsDetailsLine(s);
}

}  // namespace clusop
