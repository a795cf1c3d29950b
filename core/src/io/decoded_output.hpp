#pragma once
// The output side every decoder shares: a fixed 256 KiB buffer the codec decodes into, handed
// to the sink when full, and the per-file cap on decoded bytes.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "io/codec.hpp"

namespace clusop::io {

inline constexpr size_t kOutputChunkBytes = size_t{256} << 10;

class DecodedOutput {
 public:
  DecodedOutput(const char* codec_name, const DecoderLimits& limits);

  // Free space at the end of the buffer; decode into it, then Commit what was written.
  char* space() { return buffer_.get() + used_; }
  size_t room() const { return kOutputChunkBytes - used_; }
  // Counts `n` bytes just decoded into space(); hands the buffer over when it is full.
  bool Commit(size_t n, ByteSink* sink, std::string* error);
  // Hands decoded bytes that live elsewhere (a large block) to the sink, after what is buffered.
  bool WriteThrough(std::string_view bytes, ByteSink* sink, std::string* error);
  bool Flush(ByteSink* sink, std::string* error);
  // Fails when `n` more bytes would pass the per-file cap.
  bool Admit(uint64_t n, std::string* error);
  uint64_t total() const { return total_; }

 private:
  const char* codec_name_;
  uint64_t limit_;
  uint64_t total_ = 0;
  size_t used_ = 0;
  std::unique_ptr<char[]> buffer_;
};

// Collects the bytes of one header or block across Feed calls. When the current input holds the
// whole piece, it is returned in place (no copy); otherwise it is gathered into `pending_`.
class InputGather {
 public:
  // True with `*piece` once `n` bytes are available; consumes them from `input`. False means
  // `input` was used up and more is needed. A piece stays valid until the next Take.
  bool Take(std::string_view* input, size_t n, std::string_view* piece);
  // Bytes held while waiting for the rest of a piece.
  size_t pending() const { return handed_out_ ? 0 : pending_.size(); }

 private:
  std::string pending_;
  bool handed_out_ = false;
};

std::string SizeText(uint64_t bytes);

}  // namespace clusop::io
