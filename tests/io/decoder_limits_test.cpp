// Bounded memory whatever the input claims: output reaches the sink in chunks of at most
// 256 KiB, and a per-file cap stops a decompression bomb with a clear error.
#include <gtest/gtest.h>

#include "io/codec.hpp"
#include "io_test_support.hpp"
#include "stream_builders.hpp"

namespace clusop {
namespace {

constexpr size_t kChunk = size_t{256} << 10;

struct Bomb {
  const char* name;
  std::string bytes;
};

std::vector<Bomb> Bombs(const std::string& zeros) {
  std::string lz4, snappy = testing::SnappyJavaHeader();
  for (size_t at = 0; at < zeros.size(); at += 1 << 20) {
    lz4 += testing::Lz4JavaBlock(std::string_view(zeros).substr(at, 1 << 20), false, 10);
    snappy += testing::SnappyJavaChunk(std::string_view(zeros).substr(at, 1 << 20));
  }
  return {{"zstd", testing::ZstdFrame(zeros, 19)}, {"gzip", testing::GzipMember(zeros)}, {"lz4", lz4}, {"snappy", snappy}};
}

TEST(DecoderLimits, OutputComesInBoundedChunks) {
  const std::string zeros(size_t{24} << 20, '\0');
  for (const Bomb& b : Bombs(zeros)) {
    SniffingDecoder decoder(b.name);
    testing::CountingSink sink;
    std::string error;
    bool truncated = false;
    ASSERT_TRUE(decoder.Feed(b.bytes, &sink, &error)) << b.name << ": " << error;
    ASSERT_TRUE(decoder.Finish(&sink, &truncated, &error)) << error;
    EXPECT_EQ(sink.bytes_, zeros.size()) << b.name;
    EXPECT_LE(sink.largest_write, kChunk) << b.name;
    EXPECT_LT(b.bytes.size() * 8, zeros.size()) << b.name << " is no bomb";
  }
}

TEST(DecoderLimits, PerFileCapStopsABomb) {
  const std::string zeros(size_t{24} << 20, '\0');
  DecoderLimits limits;
  limits.max_output_bytes = size_t{4} << 20;
  for (const Bomb& b : Bombs(zeros)) {
    const auto r = testing::DecodeInChunks(b.bytes, 1 << 16, b.name, limits);
    EXPECT_FALSE(r.ok) << b.name;
    EXPECT_NE(r.error.find("limit of 4 MiB per file"), std::string::npos) << r.error;
    EXPECT_LE(r.output.size(), limits.max_output_bytes) << b.name;
  }
  const auto plain = testing::DecodeInChunks(std::string(5 << 20, ' ') + "{}", 1 << 16, "x", limits);
  EXPECT_FALSE(plain.ok);
  EXPECT_NE(plain.error.find("limit of 4 MiB"), std::string::npos) << plain.error;
}

TEST(DecoderLimits, TheDefaultCapIs64GiB) { EXPECT_EQ(DecoderLimits{}.max_output_bytes, uint64_t{64} << 30); }

TEST(DecoderLimits, ASinkThatRefusesStopsDecoding) {
  const std::string text = testing::SomeLines(1 << 20);
  auto decoder = MakeDecoder(Codec::kZstd);
  testing::StringSink sink;
  sink.refuse_after = 1;
  std::string error;
  EXPECT_FALSE(decoder->Feed(testing::ZstdFrame(text), &sink, &error));
  EXPECT_EQ(error, "sink refused");
}

}  // namespace
}  // namespace clusop
