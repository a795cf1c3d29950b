#include "parse/node_line.hpp"

#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/spaces.hpp"
#include "common/text.hpp"

namespace clusop {
namespace {

constexpr int kTabWidth = 4;

// Bytes that may stand before a node's text: indentation, branch bars and the "+-" / ":-" glyphs.
struct PrefixTable {
  bool is_prefix[256] = {};
  PrefixTable() {
    for (unsigned char c : {' ', ':', '|', '-', '+', '\t', '\r'}) is_prefix[c] = true;
  }
};
const PrefixTable kPrefixTable;

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

// Whether s holds " <- ", " ## " or "←" (E2 86 90), each found by its second byte: one pass,
// where searching for each mark would stop at every space.
bool HasAnnotationMark(std::string_view s) {
  size_t i = 1;
  // 8 places at a time while none holds '<', '#' or 0x86 (a whole word's test for each byte)
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const auto has_byte = [](uint64_t word, unsigned char c) {
    const uint64_t v = word ^ (kOnes * c);
    return ((v - kOnes) & ~v & kHigh) != 0;
  };
  for (; i + 8 < s.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if (has_byte(word, '<') || has_byte(word, '#') || has_byte(word, 0x86)) break;
  }
  for (; i + 1 < s.size(); ++i) {
    const char c = s[i];
    if (c == '\x86' && s[i - 1] == '\xE2' && s[i + 1] == '\x90') return true;
    if ((c == '<' || c == '#') && s[i - 1] == ' ' && s[i + 1] == (c == '<' ? '-' : '#') && i + 2 < s.size() &&
        s[i + 2] == ' ')
      return true;
  }
  return false;
}

// Authors annotate pasted plans with "<- note", "← note" or "## note"; Spark never prints these.
std::string_view StripAnnotation(std::string_view s) {
  if (!HasAnnotationMark(s)) return text::Trim(s);
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

TreePrefix ReadTreePrefix(std::string_view line) {
  TreePrefix prefix;
  size_t pos = 0;
#if defined(__SSE2__)
  // Most of a deep line's prefix is blanks and branch bars ("   :  :  |  "), 16 bytes at a
  // time; the loop below reads the rest (the "+- " glyph, tabs) byte by byte.
  for (; pos + 16 <= line.size(); pos += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(line.data() + pos));
    const __m128i bars = _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8(':')),
                                      _mm_cmpeq_epi8(bytes, _mm_set1_epi8('|')));
    const unsigned plain = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(bars, _mm_cmpeq_epi8(bytes, _mm_set1_epi8(' ')))));
    if (plain != 0xFFFFu) {
      pos += static_cast<size_t>(std::countr_one(plain));
      break;
    }
  }
#endif
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
  std::string_view rest = text::Trim(line.substr(pos));
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
  const std::string_view first = text::LeadingIdentifier(s);
  if (first.empty()) return first;
  size_t i = first.size();
  auto skip_spaces = [&] { while (i < s.size() && s[i] == ' ') ++i; };
  if (first == "Execute") {
    skip_spaces();
    const std::string_view command = text::LeadingIdentifier(s.substr(i));
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
  const std::string_view format = text::LeadingIdentifier(s.substr(i));
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
