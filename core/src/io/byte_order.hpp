#pragma once
// Fixed-width integers read from byte strings the framings define (big- or little-endian).
#include <cstdint>
#include <string_view>

namespace clusop::io {

inline uint32_t Byte(std::string_view s, size_t i) { return static_cast<unsigned char>(s[i]); }

inline uint16_t ReadBigEndian16(std::string_view s, size_t at) {
  return static_cast<uint16_t>(Byte(s, at) << 8 | Byte(s, at + 1));
}
inline uint32_t ReadBigEndian32(std::string_view s, size_t at) {
  return Byte(s, at) << 24 | Byte(s, at + 1) << 16 | Byte(s, at + 2) << 8 | Byte(s, at + 3);
}
inline uint16_t ReadLittleEndian16(std::string_view s, size_t at) {
  return static_cast<uint16_t>(Byte(s, at) | Byte(s, at + 1) << 8);
}
inline uint32_t ReadLittleEndian32(std::string_view s, size_t at) {
  return Byte(s, at) | Byte(s, at + 1) << 8 | Byte(s, at + 2) << 16 | Byte(s, at + 3) << 24;
}
inline uint64_t ReadLittleEndian64(std::string_view s, size_t at) {
  return ReadLittleEndian32(s, at) | uint64_t{ReadLittleEndian32(s, at + 4)} << 32;
}

}  // namespace clusop::io
