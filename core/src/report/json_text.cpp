#include "report/json_text.hpp"

#include "common/json_specials.hpp"

namespace clusop {

char* WriteJsonString(char* at, std::string_view value) {
  static const char* hex = "0123456789abcdef";
  *at++ = '"';
  size_t from = 0;
  for (;;) {
    const size_t plain = NextJsonSpecial(value, from);
    at = WriteBytes(at, value.substr(from, plain - from));
    if (plain == value.size()) break;
    const unsigned char c = static_cast<unsigned char>(value[plain]);
    switch (c) {
      case '"': at = WriteLiteral(at, "\\\""); break;
      case '\\': at = WriteLiteral(at, "\\\\"); break;
      case '\n': at = WriteLiteral(at, "\\n"); break;
      case '\r': at = WriteLiteral(at, "\\r"); break;
      case '\t': at = WriteLiteral(at, "\\t"); break;
      default:
        at = WriteLiteral(at, "\\u00");
        *at++ = hex[c >> 4];
        *at++ = hex[c & 0xF];
    }
    from = plain + 1;
  }
  *at++ = '"';
  return at;
}

}  // namespace clusop
