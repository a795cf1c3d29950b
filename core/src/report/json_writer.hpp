#pragma once
// A small JSON writer: deterministic number formatting (fixed decimals from integers, so the
// native and WebAssembly builds print the same bytes) and optional indentation.
#include <cstdint>
#include <cstring>
#include <memory>
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
  // Room for at most `bytes` written straight through the returned pointer (json_text.hpp's
  // Write* functions), then Commit(end): one room check for a whole compact object.
  char* RoomFor(size_t bytes) { return Room(bytes); }
  void Commit(const char* end) { len_ = static_cast<size_t>(end - stage_.get()); }

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

  // Bytes go into a small stage (stage_, len_ bytes written) that is appended to out_ whenever
  // a piece does not fit: one room check per piece instead of std::string's bookkeeping per
  // append, and the answer's buffer is reserved, never zero-filled as a resize would.
  static constexpr size_t kStageBytes = 2048;
  char* Room(size_t n) {
    if (stage_size_ - len_ < n) Flush(n);
    return stage_.get() + len_;
  }
  void Flush(size_t room);  // appends the stage to out_; the stage then holds at least `room`
  void Put(char c) {
    *Room(1) = c;
    ++len_;
  }
  void Put(std::string_view s) {
    if (s.empty()) return;
    if (s.size() > kStageBytes) return PutLarge(s);
    std::memcpy(Room(s.size()), s.data(), s.size());
    len_ += s.size();
  }
  void PutLarge(std::string_view s);

  std::string out_;
  std::unique_ptr<char[]> stage_;
  size_t stage_size_ = 0;
  size_t len_ = 0;
  std::vector<char> has_items_;  // per open bracket: 1 once it holds an item (char: cheaper than vector<bool>)
  bool after_key_ = false;
  int indent_;
};

}  // namespace clusop
