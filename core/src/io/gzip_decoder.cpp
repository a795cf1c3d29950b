// gzip: zlib inflate with gzip header detection, member after member (Databricks rotated parts
// and `cat a.gz b.gz` are several members).
#include <zlib.h>

#include <algorithm>

#include "io/decoded_output.hpp"
#include "io/decoders.hpp"

namespace clusop::io {
namespace {

constexpr int kGzipWindowBits = 15 + 32;  // 32 KiB window, gzip or zlib header detected
constexpr uint64_t kGzipHeaderBytes = 10;

class GzipDecoder : public Decoder {
 public:
  explicit GzipDecoder(const DecoderLimits& limits) : out_("gzip", limits) {
    stream_ = {};
    ready_ = inflateInit2(&stream_, kGzipWindowBits) == Z_OK;
  }
  ~GzipDecoder() override {
    if (ready_) inflateEnd(&stream_);
  }

  bool Feed(std::string_view input, ByteSink* sink, std::string* error) override {
    if (!ready_) {
      *error = "gzip: could not initialise zlib";
      return false;
    }
    bool output_full = false;
    for (;;) {
      if (input.empty() && !output_full) return true;
      if (!in_member_) {
        if (input.empty()) return true;
        if (members_ > 0 && inflateReset(&stream_) != Z_OK) {
          *error = "gzip: could not reset zlib";
          return false;
        }
        in_member_ = true;
        member_consumed_ = 0;
      }
      const size_t chunk = std::min<size_t>(input.size(), 1u << 30);
      const size_t room = out_.room();
      stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
      stream_.avail_in = static_cast<uInt>(chunk);
      stream_.next_out = reinterpret_cast<Bytef*>(out_.space());
      stream_.avail_out = static_cast<uInt>(room);
      const int status = inflate(&stream_, Z_NO_FLUSH);
      const size_t used = chunk - stream_.avail_in;
      const size_t produced = room - stream_.avail_out;
      input.remove_prefix(used);
      consumed_ += used;
      member_consumed_ += used;
      output_full = produced == room;
      if (!out_.Commit(produced, sink, error)) return false;
      if (status == Z_STREAM_END) {
        in_member_ = false;
        ++members_;
        continue;
      }
      if (status == Z_OK) continue;
      if (status == Z_BUF_ERROR && used == 0 && produced == 0) return true;  // needs more input
      if (status == Z_BUF_ERROR) continue;
      return Fail(status, error);
    }
  }

  bool Finish(ByteSink* sink, bool* truncated, std::string* error) override {
    *truncated = in_member_;
    return out_.Flush(sink, error);
  }

 private:
  bool Fail(int status, std::string* error) const {
    const std::string what = stream_.msg ? stream_.msg : "inflate status " + std::to_string(status);
    if (members_ > 0 && member_consumed_ <= kGzipHeaderBytes)
      *error = "gzip: expected another gzip member (1f 8b) after member " + std::to_string(members_) +
               " at input byte " + std::to_string(consumed_) + ": " + what;
    else
      *error = "gzip: corrupt data in member " + std::to_string(members_ + 1) + " near input byte " +
               std::to_string(consumed_) + ": " + what;
    return false;
  }

  DecodedOutput out_;
  z_stream stream_;
  bool ready_ = false;
  bool in_member_ = false;
  uint64_t members_ = 0;
  uint64_t consumed_ = 0;
  uint64_t member_consumed_ = 0;
};

}  // namespace

std::unique_ptr<Decoder> MakeGzipDecoder(const DecoderLimits& limits) {
  return std::make_unique<GzipDecoder>(limits);
}

}  // namespace clusop::io
