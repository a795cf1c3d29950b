#pragma once
// A small JSON writer: deterministic number formatting (fixed decimals from integers, so the
// native and WebAssembly builds print the same bytes) and optional indentation.
#include <cstdint>
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

  std::string Take() { return std::move(out_); }

 private:
  JsonWriter& Open(char bracket);
  JsonWriter& Close(char bracket);
  void BeforeValue();
  void WriteEscaped(std::string_view value);
  void AppendInt(int64_t value);
  void NewLine();

  std::string out_;
  std::vector<char> has_items_;  // per open bracket: 1 once it holds an item (char: cheaper than vector<bool>)
  bool after_key_ = false;
  int indent_;
};

}  // namespace clusop
