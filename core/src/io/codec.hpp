#pragma once
// Codecs of Spark event logs: bytes in, plain JSON-lines bytes out, in bounded memory.
// A decoder is fed chunks of any size and writes what it decoded to a ByteSink as it goes,
// so neither the compressed nor the decompressed file is ever held whole.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace clusop {

namespace io {
class ZipEntryDecoder;
}

enum class Codec : uint8_t {
  kNone,        // plain JSON lines
  kZstd,        // standard zstd frames, many per file (Spark closes a frame on flush)
  kGzip,        // gzip members (Databricks rotated parts)
  kLz4Java,     // lz4-java LZ4BlockOutputStream framing ("LZ4Block" magic), not the LZ4 frame format
  kSnappyJava,  // snappy-java SnappyOutputStream framing ("\x82SNAPPY\0" magic)
  kLzf,         // ning compress-lzf "ZV" chunks
  kUnknown,     // binary that is none of the above
};
const char* CodecName(Codec codec);

// Decides the codec from the first bytes (magic) first and the file name's suffix second
// (after stripping ".inprogress" / ".compact"). `head` may be shorter than 8 bytes at EOF.
Codec DetectCodec(std::string_view head, std::string_view file_name);

// Where decoded bytes go. Returns false (with `error`) to stop decoding.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual bool Write(std::string_view bytes, std::string* error) = 0;
};

class Decoder {
 public:
  virtual ~Decoder() = default;
  // Decodes the next chunk of input. False with a one-line `error` on corrupt input or when the
  // sink refuses; the decoder must not be fed again after that.
  virtual bool Feed(std::string_view input, ByteSink* out, std::string* error) = 0;
  // The input ended. A partial last frame or block is tolerated (an in-progress log):
  // whatever decoded cleanly was written and `*truncated` is set.
  virtual bool Finish(ByteSink* out, bool* truncated, std::string* error) = 0;
};

// Bounds a decoder keeps whatever its input claims.
struct DecoderLimits {
  // Decoded bytes per file; beyond it decoding stops with an error (a decompression bomb).
  uint64_t max_output_bytes = uint64_t{64} << 30;
};

// A decoder for a known codec. Never null: a codec missing from this build gives a decoder
// whose first Feed fails with "<codec> is not supported in this build".
std::unique_ptr<Decoder> MakeDecoder(Codec codec);
std::unique_ptr<Decoder> MakeDecoder(Codec codec, const DecoderLimits& limits);

// A decoder that waits for the first bytes, decides the codec with DetectCodec, then delegates.
// `codec()` tells what it chose (kUnknown until decided). A zip entry's local header (a browser
// feeding one entry of an archive) is read as that entry; a compressed file whose decoded bytes
// are a zip (eventlog-<date>.zip.gz) has its entry read too, a few levels deep at most.
class SniffingDecoder : public Decoder {
 public:
  explicit SniffingDecoder(std::string file_name);
  SniffingDecoder(std::string file_name, const DecoderLimits& limits, int depth = 0);
  ~SniffingDecoder() override;
  bool Feed(std::string_view input, ByteSink* out, std::string* error) override;
  bool Finish(ByteSink* out, bool* truncated, std::string* error) override;
  // For a zip entry: the codec of the entry's bytes.
  Codec codec() const;
  // Whether the bytes fed are a zip entry (from its local header), and its own bytes so far.
  bool reads_zip_entry() const { return entry_ != nullptr; }
  uint64_t zip_entry_bytes() const;

 private:
  class UnzipDecoded;
  void Choose();
  ByteSink* Output(ByteSink* out);

  std::string file_name_;
  DecoderLimits limits_;
  int depth_ = 0;
  std::string head_;
  Codec codec_ = Codec::kUnknown;
  std::unique_ptr<Decoder> inner_;
  const io::ZipEntryDecoder* entry_ = nullptr;  // inner_ when it reads a zip entry
  std::unique_ptr<UnzipDecoded> unzip_;  // set for a compressed codec: its output may be a zip
};

}  // namespace clusop
