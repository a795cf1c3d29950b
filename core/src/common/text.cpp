#include "common/text.hpp"

#include "common/ident_scan.hpp"
#include "common/spaces.hpp"

namespace clusop::text {

std::string_view TrimLeft(std::string_view s) {
  size_t i = SkipSpaces(s, 0);
  while (i < s.size() && IsSpace(s[i])) ++i;
  return s.substr(i);
}

std::string_view Trim(std::string_view s) {
  s = TrimLeft(s);
  size_t n = s.size();
  while (n > 0 && IsSpace(s[n - 1])) --n;
  return s.substr(0, n);
}

static char Lower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (Lower(s[i]) != Lower(prefix[i])) return false;
  return true;
}

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  for (size_t i = 0; i + needle.size() <= haystack.size(); ++i)
    if (StartsWithIgnoreCase(haystack.substr(i), needle)) return true;
  return false;
}

std::string_view LeadingIdentifier(std::string_view s) { return s.substr(0, IdentifierLength(s)); }

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

int64_t LeadingInteger(std::string_view s, int64_t cap) {
  int64_t n = 0;
  size_t i = 0;
  while (i < s.size() && IsDigit(s[i]) && n < cap) n = n * 10 + (s[i++] - '0');
  return i == 0 ? -1 : n;
}

}  // namespace clusop::text
