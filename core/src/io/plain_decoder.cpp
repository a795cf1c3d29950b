// Plain JSON lines: the bytes are the output. The caller's chunks go to the sink as they are.
#include "io/decoded_output.hpp"
#include "io/decoders.hpp"

namespace clusop::io {
namespace {

class PlainDecoder : public Decoder {
 public:
  explicit PlainDecoder(const DecoderLimits& limits) : limit_(limits.max_output_bytes) {}

  bool Feed(std::string_view input, ByteSink* out, std::string* error) override {
    if (input.size() > limit_ - total_) {
      *error = "plain: the file passes the limit of " + SizeText(limit_) + " per file";
      return false;
    }
    total_ += input.size();
    return input.empty() || out->Write(input, error);
  }

  bool Finish(ByteSink*, bool* truncated, std::string*) override {
    *truncated = false;
    return true;
  }

 private:
  uint64_t limit_;
  uint64_t total_ = 0;
};

}  // namespace

std::unique_ptr<Decoder> MakePlainDecoder(const DecoderLimits& limits) {
  return std::make_unique<PlainDecoder>(limits);
}

}  // namespace clusop::io
