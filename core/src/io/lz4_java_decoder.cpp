// lz4-java's LZ4BlockOutputStream framing (what Spark's lz4 codec writes; not the LZ4 frame
// format). Each block: "LZ4Block", a token (method | level), compressed and decompressed
// lengths and an XXH32 checksum of the decompressed bytes (little-endian int32s); a zero-length
// block ends a stream, and another stream may follow it.
#include "io/decoded_output.hpp"
#include "io/decoders.hpp"

#if CLUSOP_HAVE_LZ4
#include <lz4.h>

#include <algorithm>
#include <vector>

#include "io/byte_order.hpp"
#include "io/xxhash32.hpp"

namespace clusop::io {
namespace {

constexpr std::string_view kMagic = "LZ4Block";
constexpr size_t kHeaderBytes = 21;
constexpr unsigned kMethodRaw = 0x10;
constexpr unsigned kMethodLz4 = 0x20;
constexpr unsigned kLevelBase = 10;  // a block holds at most 1 << (10 + level) bytes
constexpr uint32_t kChecksumSeed = 0x9747b28c;
constexpr uint32_t kChecksumMask = 0x0FFFFFFF;  // lz4-java keeps the low 28 bits

struct BlockHeader {
  unsigned method = 0;
  uint32_t compressed = 0;
  uint32_t decompressed = 0;
  uint32_t checksum = 0;
};

class Lz4JavaDecoder : public Decoder {
 public:
  explicit Lz4JavaDecoder(const DecoderLimits& limits) : out_("lz4", limits) {}

  bool Feed(std::string_view input, ByteSink* sink, std::string* error) override {
    while (!input.empty()) {
      std::string_view piece;
      if (!have_header_) {
        if (!gather_.Take(&input, kHeaderBytes, &piece)) return true;
        if (!ParseHeader(piece, error)) return false;
        consumed_ += kHeaderBytes;
        if (header_.decompressed == 0) {
          open_ = false;
          continue;
        }
        have_header_ = true;
        open_ = true;
      }
      if (!gather_.Take(&input, header_.compressed, &piece)) return true;
      if (!DecodeBlock(piece, sink, error)) return false;
      consumed_ += header_.compressed;
      ++blocks_;
      have_header_ = false;
    }
    return true;
  }

  bool Finish(ByteSink* sink, bool* truncated, std::string* error) override {
    *truncated = open_ || have_header_ || gather_.pending() > 0;
    return out_.Flush(sink, error);
  }

 private:
  bool ParseHeader(std::string_view h, std::string* error) {
    if (h.substr(0, kMagic.size()) != kMagic)
      return Fail("expected the \"LZ4Block\" magic at the start of a block", error);
    const unsigned token = Byte(h, 8);
    header_.method = token & 0xF0;
    const unsigned level = token & 0x0F;
    header_.compressed = ReadLittleEndian32(h, 9);
    header_.decompressed = ReadLittleEndian32(h, 13);
    header_.checksum = ReadLittleEndian32(h, 17);
    if (header_.method != kMethodRaw && header_.method != kMethodLz4)
      return Fail("expected block method RAW (0x10) or LZ4 (0x20), got token " + std::to_string(token), error);
    if (header_.compressed == 0 && header_.decompressed == 0) {
      if (header_.checksum != 0) return Fail("an end-of-stream block must carry checksum 0", error);
      return true;
    }
    const uint64_t max_block = uint64_t{1} << (kLevelBase + level);
    if (header_.decompressed > max_block || header_.compressed > 0x7FFFFFFFu || header_.compressed == 0 ||
        header_.decompressed == 0)
      return Fail("block lengths " + std::to_string(header_.compressed) + "/" + std::to_string(header_.decompressed) +
                      " do not fit a block of at most " + std::to_string(max_block) + " bytes",
                  error);
    if (header_.method == kMethodRaw && header_.compressed != header_.decompressed)
      return Fail("a RAW block must have equal compressed and decompressed lengths", error);
    if (header_.compressed > static_cast<uint32_t>(LZ4_compressBound(static_cast<int>(header_.decompressed))))
      return Fail("compressed length " + std::to_string(header_.compressed) + " exceeds the LZ4 bound for " +
                      std::to_string(header_.decompressed) + " bytes",
                  error);
    return true;
  }

  bool DecodeBlock(std::string_view src, ByteSink* sink, std::string* error) {
    const size_t n = header_.decompressed;
    if (header_.method == kMethodRaw) {
      if (!Verify(src, error)) return false;
      if (n > out_.room() && !out_.Flush(sink, error)) return false;
      if (n > out_.room()) return out_.WriteThrough(src, sink, error);
      std::copy(src.begin(), src.end(), out_.space());
      return out_.Commit(n, sink, error);
    }
    if (n > out_.room() && !out_.Flush(sink, error)) return false;
    const bool into_output = n <= out_.room();
    char* dst = into_output ? out_.space() : Large(n);
    const int got = LZ4_decompress_safe(src.data(), dst, static_cast<int>(src.size()), static_cast<int>(n));
    if (got < 0 || static_cast<size_t>(got) != n)
      return Fail("corrupt LZ4 block (" + std::to_string(src.size()) + " bytes, " + std::to_string(n) + " expected out)",
                  error);
    if (!Verify(std::string_view(dst, n), error)) return false;
    return into_output ? out_.Commit(n, sink, error) : out_.WriteThrough(std::string_view(dst, n), sink, error);
  }

  char* Large(size_t n) {
    if (large_.size() < n) large_.resize(n);
    return large_.data();
  }

  bool Verify(std::string_view decoded, std::string* error) const {
    if ((Xxh32(decoded, kChecksumSeed) & kChecksumMask) == header_.checksum) return true;
    return Fail("block checksum mismatch (XXH32 of the decompressed bytes)", error);
  }

  bool Fail(const std::string& what, std::string* error) const {
    *error = "lz4: " + what + " (block " + std::to_string(blocks_ + 1) + ", input byte " + std::to_string(consumed_) + ")";
    return false;
  }

  DecodedOutput out_;
  InputGather gather_;
  BlockHeader header_;
  std::vector<char> large_;
  bool have_header_ = false;
  bool open_ = false;  // a stream started and its end block has not come yet
  uint64_t blocks_ = 0;
  uint64_t consumed_ = 0;
};

}  // namespace

std::unique_ptr<Decoder> MakeLz4JavaDecoder(const DecoderLimits& limits) {
  return std::make_unique<Lz4JavaDecoder>(limits);
}

}  // namespace clusop::io

#else

namespace clusop::io {
std::unique_ptr<Decoder> MakeLz4JavaDecoder(const DecoderLimits&) {
  return MakeFailingDecoder("lz4 is not supported in this build");
}
}  // namespace clusop::io

#endif
