#pragma once
// XXH32 (Yann Collet's xxHash, 32-bit variant), written from the published specification
// (github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md). lz4-java checks its blocks with it.
#include <cstdint>
#include <string_view>

namespace clusop::io {

uint32_t Xxh32(std::string_view bytes, uint32_t seed);

}  // namespace clusop::io
