// ning compress-lzf chunks (what Spark's lzf codec writes): "ZV", a type byte, then for type 0
// (stored) a big-endian 16-bit length and the bytes, for type 1 (LZF) the 16-bit compressed and
// uncompressed lengths and the LZF block. Chunks hold at most 64 KiB.
#include <algorithm>

#include "io/byte_order.hpp"
#include "io/decoded_output.hpp"
#include "io/decoders.hpp"
#include "io/lzf_block.hpp"

namespace clusop::io {
namespace {

constexpr size_t kTypeBytes = 3;  // "ZV" + type
constexpr unsigned kStored = 0;
constexpr unsigned kCompressed = 1;

enum class Expect { kType, kLengths, kBody };

class LzfDecoder : public Decoder {
 public:
  explicit LzfDecoder(const DecoderLimits& limits) : out_("lzf", limits) {}

  bool Feed(std::string_view input, ByteSink* sink, std::string* error) override {
    while (!input.empty()) {
      std::string_view piece;
      switch (expect_) {
        case Expect::kType:
          if (!gather_.Take(&input, kTypeBytes, &piece)) return true;
          if (piece[0] != 'Z' || piece[1] != 'V') return Fail("expected a chunk starting with \"ZV\"", error);
          type_ = Byte(piece, 2);
          if (type_ != kStored && type_ != kCompressed)
            return Fail("expected chunk type 0 (stored) or 1 (compressed), got " + std::to_string(type_), error);
          consumed_ += kTypeBytes;
          expect_ = Expect::kLengths;
          break;
        case Expect::kLengths: {
          const size_t n = type_ == kStored ? 2 : 4;
          if (!gather_.Take(&input, n, &piece)) return true;
          body_length_ = ReadBigEndian16(piece, 0);
          decoded_length_ = type_ == kStored ? body_length_ : ReadBigEndian16(piece, 2);
          consumed_ += n;
          expect_ = Expect::kBody;
          if (body_length_ == 0) {  // an empty chunk: nothing follows its header
            if (decoded_length_ != 0) return Fail("an empty compressed chunk cannot hold bytes", error);
            ++chunks_;
            expect_ = Expect::kType;
          }
          break;
        }
        case Expect::kBody:
          if (!gather_.Take(&input, body_length_, &piece)) return true;
          if (!DecodeChunk(piece, sink, error)) return false;
          consumed_ += body_length_;
          ++chunks_;
          expect_ = Expect::kType;
          break;
      }
    }
    return true;
  }

  bool Finish(ByteSink* sink, bool* truncated, std::string* error) override {
    *truncated = expect_ != Expect::kType || gather_.pending() > 0;
    return out_.Flush(sink, error);
  }

 private:
  bool DecodeChunk(std::string_view body, ByteSink* sink, std::string* error) {
    if (decoded_length_ > out_.room() && !out_.Flush(sink, error)) return false;
    if (type_ == kStored) {
      std::copy(body.begin(), body.end(), out_.space());
    } else if (!LzfDecompressBlock(body, out_.space(), decoded_length_)) {
      return Fail("corrupt LZF block (" + std::to_string(body.size()) + " bytes, " + std::to_string(decoded_length_) +
                      " expected out)",
                  error);
    }
    return out_.Commit(decoded_length_, sink, error);
  }

  bool Fail(const std::string& what, std::string* error) const {
    *error = "lzf: " + what + " (chunk " + std::to_string(chunks_ + 1) + ", input byte " + std::to_string(consumed_) + ")";
    return false;
  }

  DecodedOutput out_;
  InputGather gather_;
  Expect expect_ = Expect::kType;
  unsigned type_ = 0;
  size_t body_length_ = 0;
  size_t decoded_length_ = 0;
  uint64_t chunks_ = 0;
  uint64_t consumed_ = 0;
};

}  // namespace

std::unique_ptr<Decoder> MakeLzfDecoder(const DecoderLimits& limits) {
  return std::make_unique<LzfDecoder>(limits);
}

}  // namespace clusop::io
