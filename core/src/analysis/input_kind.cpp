#include "analysis/input_kind.hpp"

#include "common/text.hpp"
#include "io/codec.hpp"
#include "io/zip_archive.hpp"

namespace clusop {
namespace {

// Control bytes other than white space, and malformed UTF-8, in more than this share of the
// head mark it as binary (a pasted plan may carry a stray escape or a bad byte, not hundreds).
constexpr size_t kBinaryPerMille = 10;

bool LooksBinary(std::string_view head) {
  size_t odd = 0;
  size_t i = 0;
  while (i < head.size()) {
    const auto c = static_cast<unsigned char>(head[i]);
    if (c == 0) return true;
    if (c < 0x80) {
      if ((c < 0x20 && !text::IsSpace(static_cast<char>(c))) || c == 0x7f) ++odd;
      ++i;
      continue;
    }
    const size_t length = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (length == 0) {
      ++odd;
      ++i;
      continue;
    }
    if (i + length > head.size()) break;  // a sequence cut by the end of the head
    size_t k = 1;
    while (k < length && (static_cast<unsigned char>(head[i + k]) & 0xc0) == 0x80) ++k;
    if (k < length) ++odd;
    i += k;
  }
  return odd * 1000 > head.size() * kBinaryPerMille;
}

// A JSON object whose first key is "Event", as Spark's JsonProtocol writes every event.
bool IsEventLine(std::string_view line) {
  line = text::TrimLeft(line);
  if (line.empty() || line[0] != '{') return false;
  line = text::TrimLeft(line.substr(1));
  if (!text::StartsWith(line, "\"Event\"")) return false;
  line = text::TrimLeft(line.substr(7));
  return !line.empty() && line[0] == ':';
}

struct Line {
  std::string_view text;
  bool complete;  // ended by a newline, or the input's last line
};

// The next non-blank line from `*rest`, advancing it; empty text when none is left.
Line NextLine(std::string_view* rest, bool whole) {
  while (!rest->empty()) {
    const size_t end = rest->find('\n');
    const std::string_view line = rest->substr(0, end);
    *rest = end == std::string_view::npos ? std::string_view{} : rest->substr(end + 1);
    if (!text::Trim(line).empty()) return {line, end != std::string_view::npos || whole};
  }
  return {{}, true};
}

}  // namespace

const char* InputKindName(InputKind kind) {
  switch (kind) {
    case InputKind::kEmpty: return "empty";
    case InputKind::kPlanText: return "plan_text";
    case InputKind::kEventLine: return "event_line";
    case InputKind::kEventLog: return "event_log";
    case InputKind::kCompressed: return "compressed";
    case InputKind::kZipArchive: return "zip_archive";
    case InputKind::kBinary: return "binary";
  }
  return "binary";
}

bool IsScannedKind(InputKind kind) {
  return kind == InputKind::kEventLog || kind == InputKind::kCompressed || kind == InputKind::kZipArchive;
}

std::string_view NotAnEventLogReason(InputKind kind) {
  switch (kind) {
    case InputKind::kEmpty: return "empty file (expected a Spark event log)";
    case InputKind::kBinary:
      return "binary data that is no known codec (expected a Spark event log: JSON lines, zstd, gzip, lz4, snappy or lzf)";
    case InputKind::kPlanText: return "text that is not a Spark event log (expected JSON lines starting {\"Event\": ...)";
    default: return {};
  }
}

InputKind DecideInputKind(std::string_view head, bool whole) {
  if (head.size() > kInputKindHeadBytes) {
    head = head.substr(0, kInputKindHeadBytes);
    whole = false;
  }
  if (IsZipArchive(head)) return InputKind::kZipArchive;
  const Codec codec = DetectCodec(head, "");
  if (codec != Codec::kNone && codec != Codec::kUnknown) return InputKind::kCompressed;
  if (LooksBinary(head)) return InputKind::kBinary;
  if (text::Trim(head).empty()) return whole ? InputKind::kEmpty : InputKind::kPlanText;

  std::string_view rest = head;
  const Line first = NextLine(&rest, whole);
  if (!IsEventLine(first.text)) return InputKind::kPlanText;
  const Line second = NextLine(&rest, whole);
  if (!second.text.empty()) {
    // A second line cut by the end of the head still shows whether it opens an object.
    return text::TrimLeft(second.text).starts_with('{') ? InputKind::kEventLog : InputKind::kPlanText;
  }
  // One event line. Unless it carries a plan it is a (tiny) log: scanning it reports the
  // application, where analysing it could only say "no plan".
  if (!first.complete || first.text.find("\"sparkPlanInfo\"") != std::string_view::npos) return InputKind::kEventLine;
  return InputKind::kEventLog;
}

}  // namespace clusop
