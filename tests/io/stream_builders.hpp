#pragma once
// Builds small streams in each framing from the published layouts, with the block libraries
// themselves, so the tests can make edge cases Spark never writes by itself.
#include <lz4.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <string>
#include <string_view>

#include "io/xxhash32.hpp"

namespace clusop::testing {

inline void PutLittleEndian32(std::string* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}
inline void PutBigEndian32(std::string* out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out->push_back(static_cast<char>(v >> (8 * i)));
}

// One lz4-java block (LZ4BlockOutputStream): level = log2(block size) - 10.
inline std::string Lz4JavaBlock(std::string_view data, bool raw = false, unsigned level = 6) {
  std::string compressed(static_cast<size_t>(LZ4_compressBound(static_cast<int>(data.size()))), '\0');
  int n = raw ? 0 : LZ4_compress_default(data.data(), compressed.data(), static_cast<int>(data.size()),
                                         static_cast<int>(compressed.size()));
  if (raw || n <= 0 || static_cast<size_t>(n) >= data.size()) {
    raw = true;
    compressed.assign(data);
    n = static_cast<int>(data.size());
  }
  compressed.resize(static_cast<size_t>(n));
  std::string out = "LZ4Block";
  out.push_back(static_cast<char>((raw ? 0x10 : 0x20) | level));
  PutLittleEndian32(&out, static_cast<uint32_t>(n));
  PutLittleEndian32(&out, static_cast<uint32_t>(data.size()));
  PutLittleEndian32(&out, io::Xxh32(data, 0x9747b28c) & 0x0FFFFFFF);
  return out + compressed;
}

inline std::string Lz4JavaEnd() {
  std::string out = "LZ4Block";
  out.push_back(static_cast<char>(0x10 | 6));
  for (int i = 0; i < 12; ++i) out.push_back('\0');
  return out;
}

inline std::string SnappyJavaHeader() {
  std::string out("\x82SNAPPY\0", 8);
  PutBigEndian32(&out, 1);
  PutBigEndian32(&out, 1);
  return out;
}

inline std::string SnappyJavaChunk(std::string_view data) {
  size_t n = snappy_max_compressed_length(data.size());
  std::string compressed(n, '\0');
  snappy_compress(data.data(), data.size(), compressed.data(), &n);
  compressed.resize(n);
  std::string out;
  PutBigEndian32(&out, static_cast<uint32_t>(n));
  return out + compressed;
}

inline std::string ZstdFrame(std::string_view data, int level = 3) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), level));
  return out;
}

// One gzip member (deflate with a gzip header and trailer).
inline std::string GzipMember(std::string_view data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// Raw deflate (no header), as zip members hold it.
inline std::string RawDeflate(std::string_view data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// Event-log-like text of about `bytes` bytes.
inline std::string SomeLines(size_t bytes) {
  std::string out;
  for (int i = 0; out.size() < bytes; ++i)
    out += "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":" + std::to_string(i % 13) + ",\"Task Info\":{\"Task ID\":" +
           std::to_string(i) + "}}\n";
  out.resize(bytes);
  return out;
}

}  // namespace clusop::testing
