#include "io/decoded_output.hpp"

#include <algorithm>

namespace clusop::io {

DecodedOutput::DecodedOutput(const char* codec_name, const DecoderLimits& limits)
    : codec_name_(codec_name), limit_(limits.max_output_bytes), buffer_(new char[kOutputChunkBytes]) {}

bool DecodedOutput::Admit(uint64_t n, std::string* error) {
  if (n > limit_ - std::min(total_, limit_)) {
    *error = std::string(codec_name_) + ": decoded output passes the limit of " + SizeText(limit_) +
             " per file (a decompression bomb?)";
    return false;
  }
  total_ += n;
  return true;
}

bool DecodedOutput::Commit(size_t n, ByteSink* sink, std::string* error) {
  used_ += n;
  if (!Admit(n, error)) return false;
  return used_ < kOutputChunkBytes || Flush(sink, error);
}

bool DecodedOutput::WriteThrough(std::string_view bytes, ByteSink* sink, std::string* error) {
  if (!Admit(bytes.size(), error) || !Flush(sink, error)) return false;
  while (!bytes.empty()) {
    const size_t n = std::min(bytes.size(), kOutputChunkBytes);
    if (!sink->Write(bytes.substr(0, n), error)) return false;
    bytes.remove_prefix(n);
  }
  return true;
}

bool DecodedOutput::Flush(ByteSink* sink, std::string* error) {
  if (used_ == 0) return true;
  const size_t n = used_;
  used_ = 0;
  return sink->Write(std::string_view(buffer_.get(), n), error);
}

bool InputGather::Take(std::string_view* input, size_t n, std::string_view* piece) {
  if (handed_out_) {
    pending_.clear();
    handed_out_ = false;
  }
  if (pending_.empty() && input->size() >= n) {
    *piece = input->substr(0, n);
    input->remove_prefix(n);
    return true;
  }
  const size_t want = n - pending_.size();
  const size_t take = std::min(want, input->size());
  pending_.append(input->data(), take);
  input->remove_prefix(take);
  if (pending_.size() < n) return false;
  *piece = pending_;
  handed_out_ = true;
  return true;
}

std::string SizeText(uint64_t bytes) {
  if (bytes >= (uint64_t{1} << 30) && bytes % (uint64_t{1} << 30) == 0) return std::to_string(bytes >> 30) + " GiB";
  if (bytes >= (uint64_t{1} << 20) && bytes % (uint64_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace clusop::io
