#include "io/lzf_block.hpp"

#include <cstring>

namespace clusop::io {

bool LzfDecompressBlock(std::string_view in, char* out, size_t out_size) {
  const auto* ip = reinterpret_cast<const unsigned char*>(in.data());
  const auto* in_end = ip + in.size();
  size_t op = 0;
  while (ip < in_end) {
    size_t ctrl = *ip++;
    if (ctrl < 32) {
      const size_t run = ctrl + 1;
      if (run > static_cast<size_t>(in_end - ip) || run > out_size - op) return false;
      std::memcpy(out + op, ip, run);
      ip += run;
      op += run;
      continue;
    }
    size_t length = ctrl >> 5;
    if (length == 7) {
      if (ip == in_end) return false;
      length += *ip++;
    }
    if (ip == in_end) return false;
    const size_t distance = ((ctrl & 0x1f) << 8) + *ip++ + 1;
    length += 2;
    if (distance > op || length > out_size - op) return false;
    const char* from = out + op - distance;
    if (distance >= length) {
      std::memcpy(out + op, from, length);
    } else {
      for (size_t i = 0; i < length; ++i) out[op + i] = from[i];  // overlapping: repeats the last bytes
    }
    op += length;
  }
  return op == out_size;
}

}  // namespace clusop::io
