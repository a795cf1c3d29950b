#include "parse/json_scanner.hpp"

#include <cstring>

#include "common/json_specials.hpp"
#include "common/text.hpp"

namespace clusop {

JsonScanner::Token JsonScanner::Fail(const char* what) {
  if (error_.empty()) error_ = std::string(what) + " at byte " + std::to_string(pos_);
  return Token::kError;
}

void JsonScanner::SkipSpace() {
  while (pos_ < input_.size() && text::IsSpace(input_[pos_])) ++pos_;
}

JsonScanner::Token JsonScanner::Next() {
  if (!error_.empty()) return Token::kError;
  SkipSpace();
  if (pos_ >= input_.size()) return stack_.empty() ? Token::kEnd : Fail("unexpected end of JSON");
  char c = input_[pos_];
  const bool in_object = !stack_.empty() && stack_.back() == '{';
  if (c == '}' || c == ']') {
    if (stack_.empty() || (c == '}') != in_object) return Fail("unbalanced bracket");
    if (!need_separator_ && !(expect_key_ || (!in_object))) return Fail("unexpected close");
    stack_.pop_back();
    token_begin_ = pos_++;
    need_separator_ = true;
    expect_key_ = false;
    return c == '}' ? Token::kObjectEnd : Token::kArrayEnd;
  }
  if (need_separator_) {
    if (stack_.empty()) return Fail("trailing characters after JSON value");
    if (c != ',') return Fail("expected ',' or closing bracket");
    ++pos_;
    SkipSpace();
    if (pos_ >= input_.size()) return Fail("unexpected end of JSON");
    c = input_[pos_];
    need_separator_ = false;
    expect_key_ = in_object;
  }
  token_begin_ = pos_;
  if (expect_key_) {
    if (c != '"') return Fail("expected an object key");
    return ScanString(Token::kKey);
  }
  need_separator_ = true;
  switch (c) {
    case '{':
      ++pos_;
      stack_.push_back('{');
      expect_key_ = true;
      need_separator_ = false;
      return Token::kObjectBegin;
    case '[':
      ++pos_;
      stack_.push_back('[');
      need_separator_ = false;
      return Token::kArrayBegin;
    case '"':
      return ScanString(Token::kString);
    default:
      return ScanScalar();
  }
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ReadHex4(std::string_view s, size_t at, uint32_t* out) {
  if (at + 4 > s.size()) return false;
  uint32_t v = 0;
  for (size_t i = at; i < at + 4; ++i) {
    const int h = HexValue(s[i]);
    if (h < 0) return false;
    v = v * 16 + static_cast<uint32_t>(h);
  }
  *out = v;
  return true;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The byte a one-letter escape ("\\n", "\\\"", ...) stands for, else 0.
char SimpleEscape(char c) {
  switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return 0;
  }
}

// Decodes the escape whose backslash is s[at] (\\uXXXX incl. surrogate pairs) into UTF-8.
// Returns the bytes it spans, or 0 for a bad escape.
size_t DecodeEscape(std::string_view s, size_t at, std::string* out) {
  if (at + 1 >= s.size()) return 0;
  if (s[at + 1] != 'u') {
    const char c = SimpleEscape(s[at + 1]);
    if (c == 0) return 0;
    out->push_back(c);
    return 2;
  }
  uint32_t cp = 0;
  if (!ReadHex4(s, at + 2, &cp)) return 0;
  size_t used = 6;
  if (cp >= 0xD800 && cp < 0xDC00 && at + 11 < s.size() && s[at + 6] == '\\' && s[at + 7] == 'u') {
    uint32_t low = 0;
    if (ReadHex4(s, at + 8, &low) && low >= 0xDC00 && low < 0xE000) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      used = 12;
    }
  }
  if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;  // a lone surrogate
  AppendUtf8(cp, out);
  return used;
}

}  // namespace

JsonScanner::Token JsonScanner::NextDecoded(std::string* decoded) {
  decoded_ = decoded;
  decoded_ok_ = true;
  const Token token = Next();
  decoded_ = nullptr;
  return token;
}

JsonScanner::Token JsonScanner::ScanString(Token kind) {
  // locals, not members, in the loop: the sink's writes could alias them and force reloads
  const std::string_view input = input_;
  const size_t start = pos_ + 1;
  size_t pos = start;
  bool has_escapes = false;
  std::string* const sink = kind == Token::kString ? decoded_ : nullptr;
  if (sink) sink->clear();
  while (pos < input.size()) {
    const size_t stop = NextJsonSpecial(input, pos);
    if (sink) sink->append(input.data() + pos, stop - pos);
    pos = stop;
    if (pos >= input.size()) break;
    const char c = input[pos];
    if (c == '"') break;
    if (c != '\\') {
      pos_ = pos;
      has_escapes_ = has_escapes;
      return Fail("control character in string");
    }
    has_escapes = true;
    const size_t used = sink && decoded_ok_ ? DecodeEscape(input, pos, sink) : 0;
    if (sink && used == 0) decoded_ok_ = false;
    pos += used > 0 ? used : 2;  // a bad escape is stepped over as the backslash and one byte
  }
  pos_ = pos;
  has_escapes_ = has_escapes;
  if (pos_ >= input_.size()) return Fail("unterminated string");
  raw_ = input_.substr(start, pos_ - start);
  ++pos_;
  if (kind == Token::kKey) {
    SkipSpace();
    if (pos_ >= input_.size() || input_[pos_] != ':') return Fail("expected ':' after key");
    ++pos_;
    expect_key_ = false;
    need_separator_ = false;
  }
  return kind;
}

JsonScanner::Token JsonScanner::ScanScalar() {
  const size_t start = pos_;
  while (pos_ < input_.size()) {
    const char c = input_[pos_];
    if (c == ',' || c == '}' || c == ']' || text::IsSpace(c)) break;
    ++pos_;
  }
  raw_ = input_.substr(start, pos_ - start);
  if (raw_ == "true" || raw_ == "false" || raw_ == "null") return Token::kLiteral;
  if (raw_.empty()) return Fail("expected a JSON value");
  const char c = raw_[0];
  if (c != '-' && !text::IsDigit(c)) return Fail("expected a JSON value");
  for (char d : raw_)
    if (!(text::IsDigit(d) || d == '-' || d == '+' || d == '.' || d == 'e' || d == 'E')) return Fail("bad number");
  return Token::kNumber;
}

bool JsonScanner::SkipValue(Token token) {
  if (token != Token::kObjectBegin && token != Token::kArrayBegin)
    return token != Token::kError && token != Token::kEnd;
  size_t depth = 1;
  while (depth > 0) {
    const Token t = Next();
    if (t == Token::kError || t == Token::kEnd) return false;
    if (t == Token::kObjectBegin || t == Token::kArrayBegin) ++depth;
    if (t == Token::kObjectEnd || t == Token::kArrayEnd) --depth;
  }
  return true;
}

bool JsonScanner::Unescape(std::string_view raw, std::string* out) {
  out->clear();
  out->reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    // copy the run up to the next backslash in one go
    const void* hit = std::memchr(raw.data() + i, '\\', raw.size() - i);
    const size_t stop = hit ? static_cast<size_t>(static_cast<const char*>(hit) - raw.data()) : raw.size();
    out->append(raw.data() + i, stop - i);
    if (stop == raw.size()) break;
    const size_t used = DecodeEscape(raw, stop, out);
    if (used == 0) return false;
    i = stop + used;
  }
  return true;
}

}  // namespace clusop
