// A zip entry read as a stream, from its local file header on: how the browser feeds one entry
// of an archive (it slices the entry's bytes after reading the central directory at the end),
// and how a zip found inside a compressed file (a Databricks part saved as
// eventlog-<date>.zip.gz) is read. The entry's bytes go through another SniffingDecoder, so a
// gzip or zstd log inside a zip is decoded too. Directory entries before the first file are
// passed over; a second file entry is an error (one log per nested archive), not a silent skip.
#include <zlib.h>

#include <algorithm>
#include <memory>

#include "io/byte_order.hpp"
#include "io/decoded_output.hpp"
#include "io/zip_entry_decoder.hpp"

namespace clusop::io {
namespace {

constexpr uint32_t kLocalHeaderSignature = 0x04034b50;
constexpr uint32_t kDescriptorSignature = 0x08074b50;
constexpr size_t kLocalHeaderBytes = 30;
constexpr uint16_t kStored = 0;
constexpr uint16_t kDeflated = 8;
constexpr uint16_t kEncrypted = 1;
constexpr uint16_t kSizesAfterData = 8;
constexpr uint16_t kZip64ExtraId = 1;

class EntryDecoder : public ZipEntryDecoder {
 public:
  EntryDecoder(const DecoderLimits& limits, int depth)
      : limits_(limits), depth_(depth), out_("zip", limits), crc_(crc32_z(0, nullptr, 0)) {}
  ~EntryDecoder() override {
    if (inflating_) inflateEnd(&z_);
  }

  bool Feed(std::string_view input, ByteSink* sink, std::string* error) override {
    sink_ = sink;
    while (!input.empty()) {
      switch (state_) {
        case State::kHeader:
          if (!ReadHeader(&input, error)) return false;
          break;
        case State::kNameExtra:
          if (!ReadNameExtra(&input, error)) return false;
          break;
        case State::kData:
          if (!ReadData(&input, error)) return false;
          break;
        case State::kDescriptor:
          if (!ReadDescriptor(&input, error)) return false;
          break;
        case State::kAfter:
          if (!CheckAfter(&input, error)) return false;
          break;
        case State::kDone:
          return true;  // the central directory and what follows it: nothing to read
      }
    }
    return true;
  }

  Codec entry_codec() const override { return inner_ ? inner_->codec() : Codec::kUnknown; }
  uint64_t entry_bytes() const override { return written_; }

  bool Finish(ByteSink* sink, bool* truncated, std::string* error) override {
    *truncated = false;
    sink_ = sink;
    if (state_ == State::kHeader && !file_seen_ && consumed_ == 0) {
      *error = "zip: the entry is empty (expected a local file header)";
      return false;
    }
    if (!file_seen_ && state_ != State::kData) {
      *error = "zip: the archive ends before its first file entry";
      return false;
    }
    const bool cut = state_ == State::kData || state_ == State::kDescriptor;
    if (!out_.Flush(Inner(), error)) return false;
    bool inner_truncated = false;
    if (inner_ && !inner_->Finish(sink_, &inner_truncated, error)) return false;
    *truncated = cut || inner_truncated;
    return true;
  }

 private:
  enum class State { kHeader, kNameExtra, kData, kDescriptor, kAfter, kDone };

  // The decoded entry goes through the inner sniffing decoder to the caller's sink.
  class InnerSink : public ByteSink {
   public:
    explicit InnerSink(EntryDecoder* owner) : owner_(owner) {}
    bool Write(std::string_view bytes, std::string* error) override {
      owner_->crc_ = crc32_z(owner_->crc_, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size());
      owner_->written_ += bytes.size();
      return owner_->inner_->Feed(bytes, owner_->sink_, error);
    }

   private:
    EntryDecoder* owner_;
  };

  ByteSink* Inner() { return &inner_sink_; }

  // An entry's name as an error message may show it: one line, control bytes written as \xNN.
  static std::string Shown(std::string_view name) {
    std::string shown;
    for (const unsigned char c : name) {
      if (c >= 0x20 && c != 0x7f) {
        shown += static_cast<char>(c);
        continue;
      }
      static constexpr char kHex[] = "0123456789abcdef";
      shown += {'\\', 'x', kHex[c >> 4], kHex[c & 15]};
    }
    return shown;
  }

  bool Fail(std::string* error, const std::string& what) const {
    *error = "zip: " + (name_.empty() ? std::string() : "entry " + Shown(name_) + ": ") + what;
    return false;
  }

  bool ReadHeader(std::string_view* input, std::string* error) {
    std::string_view h;
    const size_t before = input->size();
    const bool whole = gather_.Take(input, kLocalHeaderBytes, &h);
    consumed_ += before - input->size();
    if (!whole) return true;
    if (ReadLittleEndian32(h, 0) != kLocalHeaderSignature)
      return Fail(error, "expected a local file header (PK\\3\\4) at entry byte " + std::to_string(consumed_ - kLocalHeaderBytes));
    flags_ = ReadLittleEndian16(h, 6);
    method_ = ReadLittleEndian16(h, 8);
    expected_crc_ = ReadLittleEndian32(h, 14);
    compressed_size_ = ReadLittleEndian32(h, 18);
    size_ = ReadLittleEndian32(h, 22);
    name_extra_ = size_t{ReadLittleEndian16(h, 26)} + ReadLittleEndian16(h, 28);
    name_length_ = ReadLittleEndian16(h, 26);
    state_ = State::kNameExtra;
    return true;
  }

  bool ReadNameExtra(std::string_view* input, std::string* error) {
    std::string_view piece;
    const size_t before = input->size();
    const bool whole = gather_.Take(input, name_extra_, &piece);
    consumed_ += before - input->size();
    if (!whole) return true;
    name_.assign(piece.substr(0, name_length_));
    ReadZip64Sizes(piece.substr(name_length_));
    if (flags_ & kEncrypted) return Fail(error, "encrypted: not supported");
    const bool directory = !name_.empty() && name_.back() == '/';
    if (directory && !file_seen_) {  // a folder entry before the log: next header
      if (method_ == kDeflated || compressed_size_ > 0) return Fail(error, "a folder entry holding data");
      name_.clear();
      state_ = State::kHeader;
      return true;
    }
    if (file_seen_)
      return Fail(error, "a second file in a nested zip archive (expected one log per archive; the first was read)");
    file_seen_ = true;
    if (method_ == kStored && (flags_ & kSizesAfterData))
      return Fail(error, "stored with its size after the data: cannot be read as a stream");
    if (method_ != kStored && method_ != kDeflated)
      return Fail(error, "compression method " + std::to_string(method_) + " is not supported (expected 0 stored or 8 deflate)");
    if (method_ == kDeflated) {
      z_ = {};
      if (inflateInit2(&z_, -15) != Z_OK) return Fail(error, "could not initialise zlib");
      inflating_ = true;
    }
    inner_ = std::make_unique<SniffingDecoder>(name_, limits_, depth_ + 1);
    state_ = State::kData;
    return true;
  }

  // A zip64 entry keeps its sizes in extra field 0x0001 (original size, then compressed size).
  void ReadZip64Sizes(std::string_view extra) {
    while (extra.size() >= 4) {
      const uint16_t id = ReadLittleEndian16(extra, 0);
      const size_t length = ReadLittleEndian16(extra, 2);
      if (extra.size() < 4 + length) return;
      std::string_view body = extra.substr(4, length);
      if (id == kZip64ExtraId) {
        if (size_ == 0xFFFFFFFFu && body.size() >= 8) {
          size_ = ReadLittleEndian64(body, 0);
          body.remove_prefix(8);
        }
        if (compressed_size_ == 0xFFFFFFFFu && body.size() >= 8) compressed_size_ = ReadLittleEndian64(body, 0);
        zip64_ = true;
      }
      extra.remove_prefix(4 + length);
    }
  }

  bool ReadData(std::string_view* input, std::string* error) {
    if (method_ == kStored) {
      const size_t n = static_cast<size_t>(std::min<uint64_t>(input->size(), compressed_size_ - data_read_));
      if (n > 0 && (!out_.WriteThrough(input->substr(0, n), Inner(), error))) return false;
      input->remove_prefix(n);
      data_read_ += n;
      consumed_ += n;
      if (data_read_ == compressed_size_) return EndData(error);
      return true;
    }
    while (!input->empty()) {
      const size_t chunk = std::min<size_t>(input->size(), 1u << 30);
      const size_t room = out_.room();
      z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input->data()));
      z_.avail_in = static_cast<uInt>(chunk);
      z_.next_out = reinterpret_cast<Bytef*>(out_.space());
      z_.avail_out = static_cast<uInt>(room);
      const int status = inflate(&z_, Z_NO_FLUSH);
      const size_t used = chunk - z_.avail_in;
      const size_t produced = room - z_.avail_out;
      input->remove_prefix(used);
      consumed_ += used;
      data_read_ += used;
      if (!out_.Commit(produced, Inner(), error)) return false;
      if (status == Z_STREAM_END) return EndData(error);
      if (status == Z_OK || (status == Z_BUF_ERROR && (used > 0 || produced > 0))) continue;
      if (status == Z_BUF_ERROR) return true;  // needs more input
      return Fail(error, std::string("corrupt deflate data: ") + (z_.msg ? z_.msg : std::to_string(status)));
    }
    return true;
  }

  bool EndData(std::string* error) {
    if (!out_.Flush(Inner(), error)) return false;
    if (inflating_) {
      inflateEnd(&z_);
      inflating_ = false;
    }
    if (flags_ & kSizesAfterData) {
      state_ = State::kDescriptor;
      return true;
    }
    return Check(error);
  }

  // The data descriptor: [PK\7\8] crc32, compressed size, size (4 bytes each, 8 for zip64 sizes).
  bool ReadDescriptor(std::string_view* input, std::string* error) {
    const size_t sizes = zip64_ ? 16 : 8;
    std::string_view d;
    if (!gather_.Take(input, 4 + 4 + sizes, &d)) return true;
    std::string_view rest;
    if (ReadLittleEndian32(d, 0) == kDescriptorSignature) {
      expected_crc_ = ReadLittleEndian32(d, 4);
      size_ = zip64_ ? ReadLittleEndian64(d, 4 + 4 + 8) : ReadLittleEndian32(d, 4 + 4 + 4);
    } else {  // no signature: the four bytes read past the descriptor belong to what follows
      expected_crc_ = ReadLittleEndian32(d, 0);
      size_ = zip64_ ? ReadLittleEndian64(d, 4 + 8) : ReadLittleEndian32(d, 4 + 4);
      rest = d.substr(4 + sizes);
    }
    if (!Check(error)) return false;
    const std::string tail(rest);
    std::string_view tail_view = tail;
    return tail_view.empty() || CheckAfter(&tail_view, error);
  }

  bool Check(std::string* error) {
    if (written_ != size_)
      return Fail(error, std::to_string(written_) + " bytes read, its header says " + std::to_string(size_));
    if (crc_ != expected_crc_) return Fail(error, "CRC-32 mismatch: the entry is damaged");
    state_ = State::kAfter;
    return true;
  }

  // What follows the entry: the central directory (done), or another entry: an error, since a
  // nested archive is read as one log and a second one would be left out unsaid.
  bool CheckAfter(std::string_view* input, std::string* error) {
    if (depth_ == 0) {  // an entry a face sliced out of its archive: what follows is the archive's
      state_ = State::kDone;
      input->remove_prefix(input->size());
      return true;
    }
    std::string_view next;
    if (!gather_.Take(input, 4, &next)) return true;
    if (ReadLittleEndian32(next, 0) == kLocalHeaderSignature)
      return Fail(error, "another entry follows it in the nested zip archive (expected one log per archive; this first one was read)");
    state_ = State::kDone;
    input->remove_prefix(input->size());
    return true;
  }

  DecoderLimits limits_;
  int depth_;
  State state_ = State::kHeader;
  InputGather gather_;
  DecodedOutput out_;
  InnerSink inner_sink_{this};
  std::unique_ptr<SniffingDecoder> inner_;
  ByteSink* sink_ = nullptr;
  z_stream z_{};
  bool inflating_ = false;
  bool file_seen_ = false;
  bool zip64_ = false;
  uint16_t flags_ = 0;
  uint16_t method_ = 0;
  uint32_t expected_crc_ = 0;
  uint64_t compressed_size_ = 0;
  uint64_t size_ = 0;
  size_t name_extra_ = 0;
  size_t name_length_ = 0;
  std::string name_;
  uint64_t data_read_ = 0;
  uint64_t consumed_ = 0;
  uint64_t written_ = 0;
  uLong crc_;
};

}  // namespace

std::unique_ptr<ZipEntryDecoder> ZipEntryDecoder::Make(const DecoderLimits& limits, int depth) {
  return std::make_unique<EntryDecoder>(limits, depth);
}

}  // namespace clusop::io
