#pragma once
// A small JSON writer: deterministic number formatting (fixed decimals from integers, so the
// native and WebAssembly builds print the same bytes) and optional indentation.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace clusop {

class JsonWriter {
 public:
  explicit JsonWriter(int indent = 0) : indent_(indent) {}

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Fixed(double value, int decimals);  // 0.1235 for (0.12349, 4)
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A value already serialised by this writer (e.g. an embedded clusop.analysis/1 object).
  JsonWriter& Raw(std::string_view json);

  // Compact output (indent 0) written straight, for objects repeated thousands of times (the
  // answer's nodes[]): Raw() opens the value with its separator, then the Put* calls append
  // constant key text, strings and integers with no per-token bookkeeping. The caller writes
  // one whole, balanced value this way.
  bool compact() const { return indent_ == 0; }
  void PutRaw(std::string_view json) { Put(json); }
  void PutString(std::string_view value) { WriteEscaped(value); }
  void PutInt(int64_t value) { AppendInt(value); }

  // Room for about `bytes` of output, so a large answer is not copied as it grows.
  void Reserve(size_t bytes);
  std::string Take();

 private:
  JsonWriter& Open(char bracket);
  JsonWriter& Close(char bracket);
  void BeforeValue();
  void WriteEscaped(std::string_view value);
  void AppendInt(int64_t value);
  void NewLine();

  // Bytes go into out_ through len_: out_'s size is the room, len_ the bytes written (Take()
  // trims the rest). One room check per piece instead of std::string's bookkeeping per append.
  char* Room(size_t n) {
    if (out_.size() - len_ < n) Grow(n);
    return out_.data() + len_;
  }
  void Grow(size_t n);
  void Put(char c) {
    *Room(1) = c;
    ++len_;
  }
  void Put(std::string_view s) {
    if (s.empty()) return;
    std::memcpy(Room(s.size()), s.data(), s.size());
    len_ += s.size();
  }

  std::string out_;
  size_t len_ = 0;
  std::vector<char> has_items_;  // per open bracket: 1 once it holds an item (char: cheaper than vector<bool>)
  bool after_key_ = false;
  int indent_;
};

}  // namespace clusop
