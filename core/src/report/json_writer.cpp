#include "report/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace clusop {

void JsonWriter::AppendInt(int64_t value) {
  char digits[24];
  const auto r = std::to_chars(digits, digits + sizeof digits, value);
  out_.append(digits, r.ptr);
}

void JsonWriter::NewLine() {
  if (indent_ == 0) return;
  out_.push_back('\n');
  out_.append(has_items_.size() * static_cast<size_t>(indent_), ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_items_.empty()) return;
  if (has_items_.back()) out_.push_back(',');
  has_items_.back() = true;
  NewLine();
}

JsonWriter& JsonWriter::Open(char bracket) {
  BeforeValue();
  out_.push_back(bracket);
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::Close(char bracket) {
  const bool had_items = has_items_.back();
  has_items_.pop_back();
  if (had_items) NewLine();
  out_.push_back(bracket);
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  WriteEscaped(key);
  if (indent_) out_.append(": ", 2);
  else out_.push_back(':');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  BeforeValue();
  WriteEscaped(value);
  return *this;
}

namespace {

// Bytes a JSON string cannot hold as they are: '"', '\\' and control characters.
struct EscapeTable {
  bool needs[256] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c) needs[c] = true;
    needs[static_cast<unsigned char>('"')] = true;
    needs[static_cast<unsigned char>('\\')] = true;
  }
};
constexpr EscapeTable kEscape;
inline bool NeedsEscape(unsigned char c) { return kEscape.needs[c]; }

}  // namespace

void JsonWriter::WriteEscaped(std::string_view value) {
  static const char* hex = "0123456789abcdef";
  out_.push_back('"');
  const char* p = value.data();
  const char* const end = p + value.size();
  while (p < end) {
    // append the run of bytes that need no escape in one go (most of any string)
    const char* run = p;
    while (p < end && !NeedsEscape(static_cast<unsigned char>(*p))) ++p;
    out_.append(run, static_cast<size_t>(p - run));
    if (p == end) break;
    const unsigned char c = static_cast<unsigned char>(*p++);
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        out_ += "\\u00";
        out_.push_back(hex[c >> 4]);
        out_.push_back(hex[c & 0xF]);
    }
  }
  out_.push_back('"');
}

JsonWriter& JsonWriter::Int(int64_t value) {
  BeforeValue();
  AppendInt(value);
  return *this;
}

JsonWriter& JsonWriter::Fixed(double value, int decimals) {
  BeforeValue();
  if (!std::isfinite(value)) {
    out_ += "null";
    return *this;
  }
  int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  if (std::fabs(value) * static_cast<double>(scale) >= 9e15) {
    // beyond exact integers in a double: print the whole number (exact in every libc) and zeros
    char digits[400];
    std::snprintf(digits, sizeof digits, "%.0f", value);
    out_ += digits;
    if (decimals > 0) out_ += "." + std::string(static_cast<size_t>(decimals), '0');
    return *this;
  }
  const int64_t scaled = std::llround(value * static_cast<double>(scale));
  const uint64_t magnitude = scaled < 0 ? static_cast<uint64_t>(-scaled) : static_cast<uint64_t>(scaled);
  if (scaled < 0) out_.push_back('-');
  AppendInt(static_cast<int64_t>(magnitude / static_cast<uint64_t>(scale)));
  if (decimals > 0) {
    char frac[24];
    const auto r = std::to_chars(frac, frac + sizeof frac, magnitude % static_cast<uint64_t>(scale));
    out_.push_back('.');
    out_.append(static_cast<size_t>(decimals) - static_cast<size_t>(r.ptr - frac), '0');
    out_.append(frac, r.ptr);
  }
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  out_ += json;
  return *this;
}

}  // namespace clusop
