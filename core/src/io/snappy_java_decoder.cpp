// snappy-java's SnappyOutputStream framing (what Spark's snappy codec writes; not the snappy
// framing format): a 16-byte header ("\x82SNAPPY\0", version, compatible version as big-endian
// int32s), then chunks of [big-endian int32 length][raw snappy block]. A header may come again
// where a chunk would start (streams written one after another).
#include "io/decoded_output.hpp"
#include "io/decoders.hpp"

#if CLUSOP_HAVE_SNAPPY
#include <snappy-c.h>

#include <vector>

#include "io/byte_order.hpp"

namespace clusop::io {
namespace {

constexpr std::string_view kMagic("\x82SNAPPY\0", 8);
constexpr size_t kHeaderBytes = 16;
constexpr uint32_t kCompatibleVersion = 1;
// snappy-java writes blocks of its buffer size (Spark: 32 KiB); larger claims are refused.
constexpr size_t kMaxBlockBytes = size_t{64} << 20;

enum class Expect { kHeader, kLength, kBlock };

class SnappyJavaDecoder : public Decoder {
 public:
  explicit SnappyJavaDecoder(const DecoderLimits& limits) : out_("snappy", limits) {}

  bool Feed(std::string_view input, ByteSink* sink, std::string* error) override {
    while (!input.empty()) {
      std::string_view piece;
      switch (expect_) {
        case Expect::kHeader:
          if (!gather_.Take(&input, kHeaderBytes, &piece)) return true;
          if (!ParseHeader(piece, error)) return false;
          consumed_ += kHeaderBytes;
          expect_ = Expect::kLength;
          break;
        case Expect::kLength:
          if (static_cast<unsigned char>(input[0]) == 0x82 && gather_.pending() == 0) {
            expect_ = Expect::kHeader;  // a negative length would be invalid: it is the next stream's magic
            break;
          }
          if (!gather_.Take(&input, 4, &piece)) return true;
          block_length_ = ReadBigEndian32(piece, 0);
          consumed_ += 4;
          if (block_length_ > snappy_max_compressed_length(kMaxBlockBytes))
            return Fail("chunk length " + std::to_string(block_length_) + " is larger than any block", error);
          expect_ = Expect::kBlock;
          if (block_length_ == 0) expect_ = Expect::kLength;
          break;
        case Expect::kBlock:
          if (!gather_.Take(&input, block_length_, &piece)) return true;
          if (!DecodeBlock(piece, sink, error)) return false;
          consumed_ += block_length_;
          ++blocks_;
          expect_ = Expect::kLength;
          break;
      }
    }
    return true;
  }

  bool Finish(ByteSink* sink, bool* truncated, std::string* error) override {
    *truncated = expect_ == Expect::kBlock || gather_.pending() > 0;
    return out_.Flush(sink, error);
  }

 private:
  bool ParseHeader(std::string_view h, std::string* error) const {
    if (h.substr(0, kMagic.size()) != kMagic) return Fail("expected the \"\\x82SNAPPY\\0\" stream header", error);
    const uint32_t compatible = ReadBigEndian32(h, 12);
    if (compatible != kCompatibleVersion)
      return Fail("stream needs reader version " + std::to_string(compatible) + ", expected " +
                      std::to_string(kCompatibleVersion),
                  error);
    return true;
  }

  bool DecodeBlock(std::string_view src, ByteSink* sink, std::string* error) {
    size_t n = 0;
    if (snappy_uncompressed_length(src.data(), src.size(), &n) != SNAPPY_OK)
      return Fail("corrupt snappy block (no valid length prefix)", error);
    if (n > kMaxBlockBytes) return Fail("block claims " + std::to_string(n) + " bytes, more than 64 MiB", error);
    if (n > out_.room() && !out_.Flush(sink, error)) return false;
    const bool into_output = n <= out_.room();
    if (!into_output && large_.size() < n) large_.resize(n);
    char* dst = into_output ? out_.space() : large_.data();
    size_t got = n;
    if (snappy_uncompress(src.data(), src.size(), dst, &got) != SNAPPY_OK || got != n)
      return Fail("corrupt snappy block (" + std::to_string(src.size()) + " bytes)", error);
    return into_output ? out_.Commit(n, sink, error) : out_.WriteThrough(std::string_view(dst, n), sink, error);
  }

  bool Fail(const std::string& what, std::string* error) const {
    *error = "snappy: " + what + " (chunk " + std::to_string(blocks_ + 1) + ", input byte " + std::to_string(consumed_) + ")";
    return false;
  }

  DecodedOutput out_;
  InputGather gather_;
  Expect expect_ = Expect::kHeader;
  uint32_t block_length_ = 0;
  std::vector<char> large_;
  uint64_t blocks_ = 0;
  uint64_t consumed_ = 0;
};

}  // namespace

std::unique_ptr<Decoder> MakeSnappyJavaDecoder(const DecoderLimits& limits) {
  return std::make_unique<SnappyJavaDecoder>(limits);
}

}  // namespace clusop::io

#else

namespace clusop::io {
std::unique_ptr<Decoder> MakeSnappyJavaDecoder(const DecoderLimits&) {
  return MakeFailingDecoder("snappy is not supported in this build");
}
}  // namespace clusop::io

#endif
