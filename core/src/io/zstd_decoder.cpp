// zstd: standard frames, many per file (Spark closes a frame on every flush), decoded with
// libzstd's streaming API. The window limit is zstd's full 128 MiB: Databricks writes logs that
// need it, and the window is the only large allocation, made once per decoder.
#include <zstd.h>
#include <zstd_errors.h>

#include "io/decoded_output.hpp"
#include "io/decoders.hpp"

namespace clusop::io {
namespace {

constexpr int kWindowLogMax = 27;  // 128 MiB

class ZstdDecoder : public Decoder {
 public:
  explicit ZstdDecoder(const DecoderLimits& limits) : out_("zstd", limits), ctx_(ZSTD_createDCtx()) {
    if (ctx_) ZSTD_DCtx_setParameter(ctx_, ZSTD_d_windowLogMax, kWindowLogMax);
  }
  ~ZstdDecoder() override { ZSTD_freeDCtx(ctx_); }

  bool Feed(std::string_view input, ByteSink* sink, std::string* error) override {
    if (!ctx_) {
      *error = "zstd: could not allocate a decoding context";
      return false;
    }
    // Nothing is held back between calls (the loop below drains full outputs), so no input means
    // nothing to do; asking libzstd anyway would report a frame "in progress" before any began.
    if (input.empty()) return true;
    ZSTD_inBuffer in{input.data(), input.size(), 0};
    for (;;) {
      ZSTD_outBuffer o{out_.space(), out_.room(), 0};
      const size_t before = in.pos;
      const size_t hint = ZSTD_decompressStream(ctx_, &o, &in);
      consumed_ += in.pos - before;
      if (ZSTD_isError(hint)) return Fail(hint, error);
      const bool output_full = o.pos == o.size;
      if (!out_.Commit(o.pos, sink, error)) return false;
      in_frame_ = hint != 0;
      if (in.pos == in.size && !output_full) return true;
    }
  }

  bool Finish(ByteSink* sink, bool* truncated, std::string* error) override {
    *truncated = in_frame_;
    return out_.Flush(sink, error);
  }

 private:
  bool Fail(size_t code, std::string* error) const {
    *error = std::string("zstd: corrupt or unsupported frame near input byte ") + std::to_string(consumed_) + ": " +
             ZSTD_getErrorName(code);
    if (ZSTD_getErrorCode(code) == ZSTD_error_frameParameter_windowTooLarge)
      *error += " (the frame needs a window above 128 MiB)";
    return false;
  }

  DecodedOutput out_;
  ZSTD_DCtx* ctx_;
  uint64_t consumed_ = 0;
  bool in_frame_ = false;
};

}  // namespace

std::unique_ptr<Decoder> MakeZstdDecoder(const DecoderLimits& limits) {
  return std::make_unique<ZstdDecoder>(limits);
}

}  // namespace clusop::io
