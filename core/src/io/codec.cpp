#include "io/codec.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "io/decoders.hpp"

namespace clusop {
namespace {

struct Magic {
  std::string_view bytes;
  Codec codec;
};

constexpr Magic kMagics[] = {
    {std::string_view("\x28\xb5\x2f\xfd", 4), Codec::kZstd},
    {std::string_view("\x1f\x8b", 2), Codec::kGzip},
    {std::string_view("LZ4Block", 8), Codec::kLz4Java},
    {std::string_view("\x82SNAPPY\0", 8), Codec::kSnappyJava},
    {std::string_view("ZV", 2), Codec::kLzf},
};
constexpr std::string_view kZipMagic("PK\x03\x04", 4);
constexpr std::string_view kUtf8Bom("\xef\xbb\xbf", 3);

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The codec a file name's last suffix names, after ".inprogress" and ".compact" are stripped.
Codec CodecOfName(std::string_view name) {
  const size_t slash = name.find_last_of('/');
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string lower = text::ToLower(name);
  std::string_view rest = lower;
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (std::string_view marker : {std::string_view(".inprogress"), std::string_view(".compact")}) {
      if (text::EndsWith(rest, marker)) {
        rest.remove_suffix(marker.size());
        stripped = true;
      }
    }
  }
  const size_t dot = rest.find_last_of('.');
  if (dot == std::string_view::npos) return Codec::kUnknown;
  const std::string_view suffix = rest.substr(dot + 1);
  if (suffix == "zstd" || suffix == "zst") return Codec::kZstd;
  if (suffix == "gz") return Codec::kGzip;
  if (suffix == "lz4") return Codec::kLz4Java;
  if (suffix == "snappy") return Codec::kSnappyJava;
  if (suffix == "lzf") return Codec::kLzf;
  return Codec::kUnknown;
}

}  // namespace

const char* CodecName(Codec codec) {
  switch (codec) {
    case Codec::kNone: return "none";
    case Codec::kZstd: return "zstd";
    case Codec::kGzip: return "gzip";
    case Codec::kLz4Java: return "lz4";
    case Codec::kSnappyJava: return "snappy";
    case Codec::kLzf: return "lzf";
    case Codec::kUnknown: break;
  }
  return "unknown";
}

Codec DetectCodec(std::string_view head, std::string_view file_name) {
  const Codec named = CodecOfName(file_name);
  if (head.empty()) return named == Codec::kUnknown ? Codec::kNone : named;
  if (text::StartsWith(head, kZipMagic.substr(0, std::min(head.size(), kZipMagic.size())))) return Codec::kUnknown;
  for (const Magic& m : kMagics) {
    // A head shorter than the magic (a file cut right after it began) counts when it matches so far.
    if (text::StartsWith(head, m.bytes.substr(0, std::min(head.size(), m.bytes.size())))) return m.codec;
  }
  std::string_view text = head;
  if (text::StartsWith(text, kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  while (!text.empty() && IsJsonSpace(text.front())) text.remove_prefix(1);
  if (text.empty() || text.front() == '{') return Codec::kNone;
  return named;
}

std::unique_ptr<Decoder> MakeDecoder(Codec codec) { return MakeDecoder(codec, DecoderLimits{}); }

std::unique_ptr<Decoder> MakeDecoder(Codec codec, const DecoderLimits& limits) {
  switch (codec) {
    case Codec::kNone: return io::MakePlainDecoder(limits);
    case Codec::kZstd: return io::MakeZstdDecoder(limits);
    case Codec::kGzip: return io::MakeGzipDecoder(limits);
    case Codec::kLz4Java: return io::MakeLz4JavaDecoder(limits);
    case Codec::kSnappyJava: return io::MakeSnappyJavaDecoder(limits);
    case Codec::kLzf: return io::MakeLzfDecoder(limits);
    case Codec::kUnknown: break;
  }
  return io::MakeFailingDecoder(
      "unknown format: expected JSON lines starting with '{' or a zstd, gzip, lz4, snappy or lzf stream");
}

}  // namespace clusop
