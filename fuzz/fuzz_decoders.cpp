// libFuzzer target: bytes through the event-log decoders and the zip reader.
//   byte 0  picks the decoder: a forced codec (0-6) or the sniffing decoder under a name (7-15)
//   byte 1  seeds the chunk sizes the input is fed in
//   rest    the input
// Invariants: a failure says why in one line; the output never passes the cap; feeding the same
// bytes whole or in random pieces gives the same verdict and the same output.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_checks.hpp"
#include "io/codec.hpp"
#include "io/zip_archive.hpp"

namespace {

constexpr uint64_t kCap = uint64_t{16} << 20;

class HashingSink : public clusop::ByteSink {
 public:
  bool Write(std::string_view bytes, std::string*) override {
    CLUSOP_FUZZ_REQUIRE(bytes.size() <= (size_t{32} << 20), "a sink write is bounded");
    for (unsigned char c : bytes) hash_ = (hash_ ^ c) * 0x100000001b3ull;
    size_ += bytes.size();
    return true;
  }
  uint64_t hash_ = 0xcbf29ce484222325ull;
  uint64_t size_ = 0;
};

struct Outcome {
  bool ok = false;
  bool truncated = false;
  uint64_t hash = 0;
  uint64_t size = 0;
};

constexpr const char* kNames[] = {"app-1", "app-1.zstd", "eventlog-2022-01-14--17-00.gz", "app-1.lz4.inprogress",
                                  "events_2_app-1.snappy", "app-1.lzf", "logs.zip", "a.compact", "x.zst"};

std::unique_ptr<clusop::Decoder> MakeFor(uint8_t selector) {
  clusop::DecoderLimits limits;
  limits.max_output_bytes = kCap;
  if (selector % 16 < 7) return clusop::MakeDecoder(static_cast<clusop::Codec>(selector % 16), limits);
  return std::make_unique<clusop::SniffingDecoder>(kNames[(selector % 16 - 7) % 9], limits);
}

Outcome Decode(uint8_t selector, std::string_view input, uint32_t seed) {
  auto decoder = MakeFor(selector);
  HashingSink sink;
  std::string error;
  Outcome outcome;
  size_t at = 0;
  while (at < input.size()) {
    size_t n = input.size() - at;
    if (seed != 0) {
      seed = seed * 1103515245u + 12345u;
      n = std::min<size_t>(n, 1 + (seed >> 16) % 97);
    }
    if (!decoder->Feed(input.substr(at, n), &sink, &error)) {
      if (error.empty() || error.find('\n') != std::string::npos) std::fprintf(stderr, "the error: [%s]\n", error.c_str());
      CLUSOP_FUZZ_REQUIRE(!error.empty() && error.find('\n') == std::string::npos, "a failed Feed says why in one line");
      return outcome;
    }
    at += n;
  }
  outcome.ok = decoder->Finish(&sink, &outcome.truncated, &error);
  if (!outcome.ok) CLUSOP_FUZZ_REQUIRE(!error.empty(), "a failed Finish says why");
  CLUSOP_FUZZ_REQUIRE(sink.size_ <= kCap, "output stays under the cap");
  outcome.hash = sink.hash_;
  outcome.size = sink.size_;
  return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 2, size - 2);
  const Outcome whole = Decode(data[0], input, 0);
  const Outcome pieces = Decode(data[0], input, 1u + data[1]);
  CLUSOP_FUZZ_REQUIRE(whole.ok == pieces.ok, "chunking does not change the verdict");
  if (whole.ok) {
    CLUSOP_FUZZ_REQUIRE(whole.truncated == pieces.truncated, "chunking does not change truncation");
    CLUSOP_FUZZ_REQUIRE(whole.size == pieces.size && whole.hash == pieces.hash, "chunking does not change the output");
  }

  std::vector<clusop::ZipMember> members;
  std::string error;
  if (clusop::ListZipMembers(input, &members, &error)) {
    for (const clusop::ZipMember& m : members) {
      HashingSink sink;
      if (clusop::ReadZipMember(input, m, &sink, &error)) {
        CLUSOP_FUZZ_REQUIRE(sink.size_ == m.size, "a member read whole has its directory size");
      } else {
        CLUSOP_FUZZ_REQUIRE(!error.empty(), "a failed member read says why");
      }
    }
  } else {
    CLUSOP_FUZZ_REQUIRE(!error.empty(), "a failed listing says why");
  }
  return 0;
}
