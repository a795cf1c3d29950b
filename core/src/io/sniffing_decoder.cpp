// SniffingDecoder: holds the first bytes until the codec can be told, then hands everything to
// that codec's decoder. Zip entries are read wherever they start a stream: fed raw (a browser
// slicing one entry of an archive) or as what a compressed file decodes to (a .zip.gz part).
#include <algorithm>

#include "io/codec.hpp"
#include "io/decoders.hpp"
#include "io/zip_entry_decoder.hpp"

namespace clusop {
namespace {

constexpr size_t kSniffBytes = 8;           // the longest magic
constexpr size_t kMaxLeadingSpace = 4096;   // JSON may start after blank space; wait this long at most
constexpr int kMaxZipDepth = 3;             // zips within compressed files within zips: a bound, not a use
constexpr std::string_view kZipEntryMagic("PK\x03\x04", 4);

bool StartsZipEntry(std::string_view head) { return head.substr(0, 4) == kZipEntryMagic; }

bool OnlySpaceSoFar(std::string_view head) {
  if (head.size() >= 3 && head.substr(0, 3) == "\xef\xbb\xbf") head.remove_prefix(3);
  return head.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::unique_ptr<Decoder> TooDeep() {
  return io::MakeFailingDecoder("zip archives nested more than " + std::to_string(kMaxZipDepth) +
                                " deep (expected a log, at most a few archives down)");
}

}  // namespace

// The decoded bytes of a compressed file: passed on, or, when they start a zip entry, read as one.
class SniffingDecoder::UnzipDecoded : public ByteSink {
 public:
  UnzipDecoded(const DecoderLimits& limits, int depth) : limits_(limits), depth_(depth) {}

  bool Write(std::string_view bytes, std::string* error) override {
    if (!decided_) {
      const size_t take = std::min(bytes.size(), 4 - head_.size());
      head_.append(bytes.data(), take);
      bytes.remove_prefix(take);
      if (head_.size() < 4) return true;
      if (!Decide(error)) return false;
    }
    if (bytes.empty()) return true;
    return entry_ ? entry_->Feed(bytes, out_, error) : out_->Write(bytes, error);
  }

  bool Finish(bool* truncated, std::string* error) {
    *truncated = false;
    if (!decided_ && !Decide(error)) return false;
    return !entry_ || entry_->Finish(out_, truncated, error);
  }

  void set_out(ByteSink* out) { out_ = out; }

 private:
  bool Decide(std::string* error) {
    decided_ = true;
    std::string head;
    head.swap(head_);
    if (StartsZipEntry(head)) entry_ = depth_ < kMaxZipDepth ? io::ZipEntryDecoder::Make(limits_, depth_) : TooDeep();
    if (head.empty()) return true;
    return entry_ ? entry_->Feed(head, out_, error) : out_->Write(head, error);
  }

  DecoderLimits limits_;
  int depth_;
  ByteSink* out_ = nullptr;
  std::string head_;
  bool decided_ = false;
  std::unique_ptr<Decoder> entry_;
};

SniffingDecoder::SniffingDecoder(std::string file_name) : SniffingDecoder(std::move(file_name), DecoderLimits{}) {}

SniffingDecoder::SniffingDecoder(std::string file_name, const DecoderLimits& limits, int depth)
    : file_name_(std::move(file_name)), limits_(limits), depth_(depth) {}

SniffingDecoder::~SniffingDecoder() = default;

Codec SniffingDecoder::codec() const { return entry_ ? entry_->entry_codec() : codec_; }

uint64_t SniffingDecoder::zip_entry_bytes() const { return entry_ ? entry_->entry_bytes() : 0; }

void SniffingDecoder::Choose() {
  // magic bytes first: an entry named "x.gz" inside a zip starts with the zip's header
  if (StartsZipEntry(head_)) {
    codec_ = Codec::kUnknown;
    if (depth_ >= kMaxZipDepth) {
      inner_ = TooDeep();
      return;
    }
    auto entry = io::ZipEntryDecoder::Make(limits_, depth_);
    entry_ = entry.get();
    inner_ = std::move(entry);
    return;
  }
  codec_ = DetectCodec(head_, file_name_);
  inner_ = MakeDecoder(codec_, limits_);
  if (codec_ != Codec::kNone && codec_ != Codec::kUnknown) unzip_ = std::make_unique<UnzipDecoded>(limits_, depth_ + 1);
}

ByteSink* SniffingDecoder::Output(ByteSink* out) {
  if (!unzip_) return out;
  unzip_->set_out(out);
  return unzip_.get();
}

bool SniffingDecoder::Feed(std::string_view input, ByteSink* out, std::string* error) {
  if (inner_) return inner_->Feed(input, Output(out), error);
  while (!input.empty()) {
    const size_t want = head_.size() < kSniffBytes ? kSniffBytes - head_.size() : 1;
    const size_t take = std::min(want, input.size());
    head_.append(input.data(), take);
    input.remove_prefix(take);
    if (head_.size() >= kSniffBytes && (!OnlySpaceSoFar(head_) || head_.size() >= kMaxLeadingSpace)) break;
  }
  if (head_.size() < kSniffBytes || (OnlySpaceSoFar(head_) && head_.size() < kMaxLeadingSpace)) return true;
  Choose();
  std::string head;
  head.swap(head_);
  ByteSink* sink = Output(out);
  return inner_->Feed(head, sink, error) && (input.empty() || inner_->Feed(input, sink, error));
}

bool SniffingDecoder::Finish(ByteSink* out, bool* truncated, std::string* error) {
  *truncated = false;
  ByteSink* sink = out;
  if (!inner_) {
    Choose();
    std::string head;
    head.swap(head_);
    sink = Output(out);
    if (!head.empty() && !inner_->Feed(head, sink, error)) return false;
  }
  sink = Output(out);
  if (!inner_->Finish(sink, truncated, error)) return false;
  bool unzip_truncated = false;
  if (unzip_ && !unzip_->Finish(&unzip_truncated, error)) return false;
  *truncated = *truncated || unzip_truncated;
  return true;
}

}  // namespace clusop
