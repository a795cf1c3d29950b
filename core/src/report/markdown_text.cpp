#include "report/markdown_text.hpp"

#include <algorithm>

namespace clusop::markdown {
namespace {

size_t LongestBacktickRun(std::string_view text) {
  size_t longest = 0;
  size_t run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}

}  // namespace

std::string Inline(std::string_view text) {
  static constexpr std::string_view kSpecials = "\\`*_[]<>|~";
  const std::string line = OneLine(text);
  std::string out;
  out.reserve(line.size() + 8);
  if (!line.empty() && line[0] == '#') out += '\\';
  for (char c : line) {
    if (kSpecials.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string Cell(std::string_view text) { return Inline(text); }

std::string Code(std::string_view text, bool in_table) {
  std::string line = OneLine(text);
  const std::string tick(LongestBacktickRun(line) + 1, '`');
  const bool pad = !line.empty() && (line.front() == '`' || line.back() == '`');
  std::string out = tick + (pad ? " " : "") + line + (pad ? " " : "") + tick;
  if (!in_table) return out;
  std::string escaped;
  for (char c : out) {
    if (c == '|') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

std::string Fenced(std::string_view text, std::string_view info) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  const std::string fence(std::max<size_t>(3, LongestBacktickRun(text) + 1), '`');
  return fence + std::string(info) + "\n" + std::string(text) + "\n" + fence;
}

}  // namespace clusop::markdown
