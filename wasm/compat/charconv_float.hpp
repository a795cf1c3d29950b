#pragma once
// Debian's Emscripten 3.1.6 ships libc++ 14, whose <charconv> has no floating-point from_chars
// (it came with libc++ 20). The WebAssembly build force-includes this header (see
// cmake/wasm_deps.cmake) so the core compiles unchanged: std::from_chars for double, with
// from_chars' contract (no leading space or '+', no hex in the general format, value untouched
// on error) over musl's strtod, which rounds correctly as glibc's from_chars does, so native
// and WebAssembly read the same digits as the same double.
#include <charconv>

#if defined(_LIBCPP_VERSION) && _LIBCPP_VERSION < 15000
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace std {

inline from_chars_result from_chars(const char* first, const char* last, double& value,
                                    chars_format = chars_format::general) {
  // A number longer than this is not one Spark writes; what follows is not read.
  constexpr ptrdiff_t kMaxDigits = 767;
  char text[kMaxDigits + 1];
  const ptrdiff_t length = last - first < kMaxDigits ? last - first : kMaxDigits;
  if (length <= 0 || *first == '+' || *first == ' ' || (*first >= '\t' && *first <= '\r')) {
    return {first, errc::invalid_argument};
  }
  memcpy(text, first, static_cast<size_t>(length));
  text[length] = '\0';
  // strtod reads "0x1p3" as hex; from_chars in the general format reads the "0" and stops
  const ptrdiff_t digits = text[0] == '-' ? 1 : 0;
  if (text[digits] == '0' && (text[digits + 1] == 'x' || text[digits + 1] == 'X')) text[digits + 1] = '\0';
  const int saved = errno;
  errno = 0;
  char* end = nullptr;
  const double parsed = strtod(text, &end);
  const bool range = errno == ERANGE;
  errno = saved;
  if (end == text) return {first, errc::invalid_argument};
  if (range) return {first + (end - text), errc::result_out_of_range};
  value = parsed;
  return {first + (end - text), errc()};
}

}  // namespace std
#endif
