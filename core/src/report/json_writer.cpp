#include "report/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "common/json_specials.hpp"
#include "report/json_text.hpp"

namespace clusop {

void JsonWriter::Flush(size_t room) {
  if (len_ > 0) out_.append(stage_.get(), len_);
  len_ = 0;
  if (stage_size_ < room) {
    stage_size_ = room > kStageBytes ? room : kStageBytes;
    stage_.reset(new char[stage_size_]);  // not value-initialised: no zero fill
  }
}

void JsonWriter::PutLarge(std::string_view s) {
  Flush(0);
  out_.append(s);
}

void JsonWriter::Reserve(size_t bytes) { out_.reserve(bytes); }

std::string JsonWriter::Take() {
  Flush(0);
  return std::move(out_);
}

void JsonWriter::AppendInt(int64_t value) { Commit(WriteInteger(Room(kMaxIntegerBytes), value)); }

void JsonWriter::NewLine() {
  if (indent_ == 0) return;
  const size_t spaces = has_items_.size() * static_cast<size_t>(indent_);
  char* at = Room(spaces + 1);
  at[0] = '\n';
  std::memset(at + 1, ' ', spaces);
  len_ += spaces + 1;
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_items_.empty()) return;
  if (has_items_.back()) Put(',');
  has_items_.back() = true;
  NewLine();
}

JsonWriter& JsonWriter::Open(char bracket) {
  BeforeValue();
  Put(bracket);
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::Close(char bracket) {
  const bool had_items = has_items_.back();
  has_items_.pop_back();
  if (had_items) NewLine();
  Put(bracket);
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  WriteEscaped(key);
  if (indent_) Put(": ");
  else Put(':');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  BeforeValue();
  WriteEscaped(value);
  return *this;
}

void JsonWriter::WriteEscaped(std::string_view value) {
  static const char* hex = "0123456789abcdef";
  size_t plain = NextJsonSpecial(value, 0);
  if (plain == value.size() && value.size() <= kStageBytes) {  // most strings and every key: one room check, one copy
    char* at = Room(value.size() + 2);
    at[0] = '"';
    if (!value.empty()) std::memcpy(at + 1, value.data(), value.size());
    at[value.size() + 1] = '"';
    len_ += value.size() + 2;
    return;
  }
  Put('"');
  size_t from = 0;
  while (from < value.size()) {
    Put(value.substr(from, plain - from));
    if (plain == value.size()) break;
    const unsigned char c = static_cast<unsigned char>(value[plain]);
    switch (c) {
      case '"': Put("\\\""); break;
      case '\\': Put("\\\\"); break;
      case '\n': Put("\\n"); break;
      case '\r': Put("\\r"); break;
      case '\t': Put("\\t"); break;
      default:
        Put("\\u00");
        Put(hex[c >> 4]);
        Put(hex[c & 0xF]);
    }
    from = plain + 1;
    plain = NextJsonSpecial(value, from);
  }
  Put('"');
}

JsonWriter& JsonWriter::Int(int64_t value) {
  BeforeValue();
  AppendInt(value);
  return *this;
}

JsonWriter& JsonWriter::Fixed(double value, int decimals) {
  BeforeValue();
  if (!std::isfinite(value)) {
    Put("null");
    return *this;
  }
  int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  if (std::fabs(value) * static_cast<double>(scale) >= 9e15) {
    // beyond exact integers in a double: print the whole number (exact in every libc) and zeros
    char digits[400];
    std::snprintf(digits, sizeof digits, "%.0f", value);
    Put(digits);
    if (decimals > 0) {
      Put('.');
      for (int i = 0; i < decimals; ++i) Put('0');
    }
    return *this;
  }
  const int64_t scaled = std::llround(value * static_cast<double>(scale));
  const uint64_t magnitude = scaled < 0 ? static_cast<uint64_t>(-scaled) : static_cast<uint64_t>(scaled);
  if (scaled < 0) Put('-');
  AppendInt(static_cast<int64_t>(magnitude / static_cast<uint64_t>(scale)));
  if (decimals > 0) {
    char frac[24];
    const auto r = std::to_chars(frac, frac + sizeof frac, magnitude % static_cast<uint64_t>(scale));
    Put('.');
    for (size_t zeros = static_cast<size_t>(decimals) - static_cast<size_t>(r.ptr - frac); zeros > 0; --zeros) Put('0');
    Put(std::string_view(frac, static_cast<size_t>(r.ptr - frac)));
  }
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  Put(value ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  Put("null");
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  Put(json);
  return *this;
}

}  // namespace clusop
