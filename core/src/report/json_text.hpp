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

// A 64-bit value's digits from the back, two a step (values beyond 32 bits: rare here).
inline char* WriteDigitsByDivision(char* at, uint64_t value) {
  size_t length = 1;
  for (uint64_t rest = value; rest >= 10; rest /= 10) ++length;
  char* const end = at + length;
  char* p = end;
  while (value >= 100) {
    p -= 2;
    WritePair(p, value % 100);
    value /= 100;
  }
  if (value >= 10) WritePair(p - 2, value);
  else p[-1] = static_cast<char>('0' + value);
  return end;
}

constexpr uint64_t Pow10(int n) { return n == 0 ? 1 : 10 * Pow10(n - 1); }

// 32-bit values from the front, without division (after J. Jeaiii's itoa): `value` / 10^N as a
// 32.32 fixed-point number, whose integer part is the leading two digits; each further pair is
// the integer part of the fraction times 100. The constants keep every digit exact for all
// values of N + 2 digits (checked over every 32-bit value).
template <int N>
inline uint64_t LeadingPairFixedPoint(uint32_t value) {
  constexpr int shift = N / 5 * N * 53 / 16;
  constexpr uint64_t scale = (uint64_t{1} << (32 + shift)) / Pow10(N) + 1 + N / 6 - N / 8;
  return (scale * value >> shift) + N / 6 * 4;
}

template <int N>  // the N digits after the leading pair
inline char* WriteFractionDigits(char* at, uint64_t fixed) {
  if constexpr (N >= 2) {
    fixed = uint64_t{100} * static_cast<uint32_t>(fixed);
    return WriteFractionDigits<N - 2>(WritePair(at, fixed >> 32), fixed);
  } else if constexpr (N == 1) {
    *at = static_cast<char>('0' + ((uint64_t{10} * static_cast<uint32_t>(fixed)) >> 32));
    return at + 1;
  } else {
    return at;
  }
}

template <int N>  // a value of N + 2 digits
inline char* WriteDigitsFixed(char* at, uint32_t value) {
  const uint64_t fixed = LeadingPairFixedPoint<N>(value);
  return WriteFractionDigits<N>(WritePair(at, fixed >> 32), fixed);
}

// The answer's integers are node ids and byte offsets, mostly 4 to 6 digits: few compares.
inline char* WriteDigits32(char* at, uint32_t value) {
  if (value < 100) {
    if (value >= 10) return WritePair(at, value);
    *at = static_cast<char>('0' + value);
    return at + 1;
  }
  if (value < 1000000) {
    if (value < 10000) return value < 1000 ? WriteDigitsFixed<1>(at, value) : WriteDigitsFixed<2>(at, value);
    return value < 100000 ? WriteDigitsFixed<3>(at, value) : WriteDigitsFixed<4>(at, value);
  }
  if (value < 100000000) return value < 10000000 ? WriteDigitsFixed<5>(at, value) : WriteDigitsFixed<6>(at, value);
  return value < 1000000000 ? WriteDigitsFixed<7>(at, value) : WriteDigitsFixed<8>(at, value);
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
