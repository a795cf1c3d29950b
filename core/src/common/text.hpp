#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace clusop::text {

inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsIdentChar(char c) { return IsUpper(c) || IsLower(c) || IsDigit(c) || c == '_' || c == '$'; }

std::string_view Trim(std::string_view s);
std::string_view TrimLeft(std::string_view s);
// Inline: hot paths test every plan line against constant words, whose sizes then fold in.
inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}
inline bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
// The leading identifier of s ("Project [a#1]" -> "Project").
std::string_view LeadingIdentifier(std::string_view s);
// The decimal number at the start of s (digits read while the value stays below cap), or -1
// when s does not start with a digit.
int64_t LeadingInteger(std::string_view s, int64_t cap);
std::string ToLower(std::string_view s);

}  // namespace clusop::text
