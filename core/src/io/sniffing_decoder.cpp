// SniffingDecoder: holds the first bytes until the codec can be told, then hands everything to
// that codec's decoder.
#include <algorithm>

#include "io/codec.hpp"
#include "io/decoders.hpp"

namespace clusop {
namespace {

constexpr size_t kSniffBytes = 8;           // the longest magic
constexpr size_t kMaxLeadingSpace = 4096;   // JSON may start after blank space; wait this long at most

// DetectCodec calls a zip kUnknown (it is not a stream); say what it is instead.
std::unique_ptr<Decoder> MakeFor(Codec codec, std::string_view head, const DecoderLimits& limits) {
  if (codec == Codec::kUnknown && head.substr(0, 4) == std::string_view("PK\x03\x04", 4))
    return io::MakeFailingDecoder("a zip archive, not a log stream: expected its members to be listed and read one by one");
  return MakeDecoder(codec, limits);
}

bool OnlySpaceSoFar(std::string_view head) {
  if (head.size() >= 3 && head.substr(0, 3) == "\xef\xbb\xbf") head.remove_prefix(3);
  return head.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

SniffingDecoder::SniffingDecoder(std::string file_name) : SniffingDecoder(std::move(file_name), DecoderLimits{}) {}

SniffingDecoder::SniffingDecoder(std::string file_name, const DecoderLimits& limits)
    : file_name_(std::move(file_name)), limits_(limits) {}

SniffingDecoder::~SniffingDecoder() = default;

bool SniffingDecoder::Feed(std::string_view input, ByteSink* out, std::string* error) {
  if (inner_) return inner_->Feed(input, out, error);
  while (!input.empty()) {
    const size_t want = head_.size() < kSniffBytes ? kSniffBytes - head_.size() : 1;
    const size_t take = std::min(want, input.size());
    head_.append(input.data(), take);
    input.remove_prefix(take);
    if (head_.size() >= kSniffBytes && (!OnlySpaceSoFar(head_) || head_.size() >= kMaxLeadingSpace)) break;
  }
  if (head_.size() < kSniffBytes || (OnlySpaceSoFar(head_) && head_.size() < kMaxLeadingSpace)) return true;
  codec_ = DetectCodec(head_, file_name_);
  inner_ = MakeFor(codec_, head_, limits_);
  std::string head;
  head.swap(head_);
  return inner_->Feed(head, out, error) && (input.empty() || inner_->Feed(input, out, error));
}

bool SniffingDecoder::Finish(ByteSink* out, bool* truncated, std::string* error) {
  *truncated = false;
  if (!inner_) {
    codec_ = DetectCodec(head_, file_name_);
    inner_ = MakeFor(codec_, head_, limits_);
    std::string head;
    head.swap(head_);
    if (!head.empty() && !inner_->Feed(head, out, error)) return false;
  }
  return inner_->Finish(out, truncated, error);
}

}  // namespace clusop
