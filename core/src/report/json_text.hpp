#pragma once
// Pieces of JSON text written straight to a pointer into room the caller has already made
// (JsonWriter::RoomFor): no bounds check per piece, each call returns the end of what it wrote.
// The answer's nodes[] is ~14,000 integers and ~2,300 names for a large plan, so these are inline.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace clusop {

// The most bytes WriteInteger writes: "-9223372036854775808".
inline constexpr size_t kMaxIntegerBytes = 20;

namespace json_text_detail {

// "00" "01" ... "99": two digits per step.
struct DigitPairs {
  char text[200];
  constexpr DigitPairs() : text() {
    for (int i = 0; i < 100; ++i) {
      text[2 * i] = static_cast<char>('0' + i / 10);
      text[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
  }
};
inline constexpr DigitPairs kDigitPairs;

inline char* WritePair(char* at, uint64_t pair) {
  std::memcpy(at, kDigitPairs.text + 2 * pair, 2);
  return at + 2;
}

// `value`'s digits, ending at `end`, from the back two a step (the compiler turns the
// divisions by 100 into multiplications).
template <typename Unsigned>
inline void WriteDigitsBefore(char* end, Unsigned value) {
  char* p = end;
  while (value >= 100) {
    p -= 2;
    WritePair(p, value % 100);
    value /= 100;
  }
  if (value >= 10) WritePair(p - 2, value);
  else p[-1] = static_cast<char>('0' + value);
}

// A 64-bit value's digits (values beyond 32 bits: rare here).
inline char* WriteDigitsByDivision(char* at, uint64_t value) {
  size_t length = 1;
  for (uint64_t rest = value; rest >= 10; rest /= 10) ++length;
  WriteDigitsBefore(at + length, value);
  return at + length;
}

// The number of decimal digits of a 32-bit value, by compares (ids and offsets: 1 to 7 digits).
inline int DigitCount32(uint32_t value) {
  if (value < 100000) {
    if (value < 100) return value < 10 ? 1 : 2;
    return value < 1000 ? 3 : (value < 10000 ? 4 : 5);
  }
  if (value < 10000000) return value < 1000000 ? 6 : 7;
  if (value < 1000000000) return value < 100000000 ? 8 : 9;
  return 10;
}

// The answer's integers are node ids and byte offsets: 32-bit arithmetic.
inline char* WriteDigits32(char* at, uint32_t value) {
  char* const end = at + DigitCount32(value);
  WriteDigitsBefore(end, value);
  return end;
}

}  // namespace json_text_detail

// A non-negative integer's decimal digits.
inline char* WriteUnsigned(char* at, uint64_t value) {
  if (value <= UINT32_MAX) return json_text_detail::WriteDigits32(at, static_cast<uint32_t>(value));
  return json_text_detail::WriteDigitsByDivision(at, value);
}

// An integer as JSON (the bytes std::to_chars makes), at most kMaxIntegerBytes.
inline char* WriteInteger(char* at, int64_t value) {
  uint64_t magnitude = static_cast<uint64_t>(value);
  if (value < 0) {
    *at++ = '-';
    magnitude = 0 - magnitude;
  }
  return WriteUnsigned(at, magnitude);
}

// Constant text (a key with its separators) whose length the compiler knows.
template <size_t N>
inline char* WriteLiteral(char* at, const char (&text)[N]) {
  std::memcpy(at, text, N - 1);
  return at + (N - 1);
}

inline char* WriteBytes(char* at, std::string_view bytes) {
  if (!bytes.empty()) std::memcpy(at, bytes.data(), bytes.size());
  return at + bytes.size();
}

// The most bytes WriteJsonString writes for `value`: each byte may become a 6-byte \u00XX.
inline size_t JsonStringBound(std::string_view value) { return 6 * value.size() + 2; }

// `value` as a JSON string with its quotes, escaped as JsonWriter::String escapes it.
char* WriteJsonString(char* at, std::string_view value);

}  // namespace clusop
