#include "io/xxhash32.hpp"

namespace clusop::io {
namespace {

constexpr uint32_t kPrime1 = 2654435761u;
constexpr uint32_t kPrime2 = 2246822519u;
constexpr uint32_t kPrime3 = 3266489917u;
constexpr uint32_t kPrime4 = 668265263u;
constexpr uint32_t kPrime5 = 374761393u;

uint32_t RotateLeft(uint32_t v, int bits) { return (v << bits) | (v >> (32 - bits)); }

uint32_t ReadLittleEndian32(const unsigned char* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

uint32_t Round(uint32_t acc, uint32_t lane) { return RotateLeft(acc + lane * kPrime2, 13) * kPrime1; }

}  // namespace

uint32_t Xxh32(std::string_view bytes, uint32_t seed) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  uint32_t acc;
  if (bytes.size() >= 16) {
    uint32_t v1 = seed + kPrime1 + kPrime2;
    uint32_t v2 = seed + kPrime2;
    uint32_t v3 = seed;
    uint32_t v4 = seed - kPrime1;
    for (; end - p >= 16; p += 16) {
      v1 = Round(v1, ReadLittleEndian32(p));
      v2 = Round(v2, ReadLittleEndian32(p + 4));
      v3 = Round(v3, ReadLittleEndian32(p + 8));
      v4 = Round(v4, ReadLittleEndian32(p + 12));
    }
    acc = RotateLeft(v1, 1) + RotateLeft(v2, 7) + RotateLeft(v3, 12) + RotateLeft(v4, 18);
  } else {
    acc = seed + kPrime5;
  }
  acc += static_cast<uint32_t>(bytes.size());
  for (; end - p >= 4; p += 4) acc = RotateLeft(acc + ReadLittleEndian32(p) * kPrime3, 17) * kPrime4;
  for (; p < end; ++p) acc = RotateLeft(acc + *p * kPrime5, 11) * kPrime1;
  acc ^= acc >> 15;
  acc *= kPrime2;
  acc ^= acc >> 13;
  acc *= kPrime3;
  acc ^= acc >> 16;
  return acc;
}

}  // namespace clusop::io
