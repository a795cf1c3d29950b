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

// The answer's integers are node ids and byte offsets, mostly below 10^6: a few compares.
template <typename U>
inline size_t DecimalLength(U value) {
  size_t length = 1;
  for (;;) {
    if (value < 10) return length;
    if (value < 100) return length + 1;
    if (value < 1000) return length + 2;
    if (value < 10000) return length + 3;
    value /= 10000;
    length += 4;
  }
}

// Digits written from the back, two a step, straight into place.
template <typename U>
inline char* WriteDigits(char* at, U value) {
  char* const end = at + DecimalLength(value);
  char* p = end;
  while (value >= 100) {
    p -= 2;
    std::memcpy(p, kDigitPairs.text + 2 * (value % 100), 2);
    value /= 100;
  }
  if (value >= 10) std::memcpy(p - 2, kDigitPairs.text + 2 * value, 2);
  else p[-1] = static_cast<char>('0' + value);
  return end;
}

}  // namespace json_text_detail

// A non-negative integer's decimal digits.
inline char* WriteUnsigned(char* at, uint64_t value) {
  // 32-bit arithmetic where it fits: a cheaper division by 100
  if (value <= UINT32_MAX) return json_text_detail::WriteDigits(at, static_cast<uint32_t>(value));
  return json_text_detail::WriteDigits(at, value);
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
