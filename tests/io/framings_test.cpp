// Each framing on streams built from its published layout: several streams or members one after
// another, large blocks, damaged headers and checksums.
#include <gtest/gtest.h>

#include "io/codec.hpp"
#include "io/lzf_block.hpp"
#include "io/xxhash32.hpp"
#include "io_test_support.hpp"
#include "stream_builders.hpp"

namespace clusop {
namespace {

using testing::DecodeInChunks;
using testing::SomeLines;

TEST(Xxh32, MatchesThePublishedValues) {
  // Reference values of the xxHash specification's test suite (seed 0 and the prime seed).
  EXPECT_EQ(io::Xxh32("", 0), 0x02CC5D05u);
  EXPECT_EQ(io::Xxh32("a", 0), 0x550D7456u);
  EXPECT_EQ(io::Xxh32("abc", 0), 0x32D153FFu);
  EXPECT_EQ(io::Xxh32("Nobody inspects the spammish repetition", 0), 0xE2293B2Fu);
}

TEST(LzfBlock, LiteralsAndOverlappingMatches) {
  // "abc" as a literal run, then a 9-byte match 3 back (length 7 + extra 0, + 2).
  const std::string block = std::string("\x02" "abc", 4) + std::string("\xe0\x00\x02", 3);
  char out[12];
  ASSERT_TRUE(io::LzfDecompressBlock(block, out, sizeof out));
  EXPECT_EQ(std::string(out, 12), "abcabcabcabc");
  EXPECT_FALSE(io::LzfDecompressBlock(block, out, 11)) << "output would overflow";
  EXPECT_FALSE(io::LzfDecompressBlock(std::string("\xe0\x00\x05", 3), out, 9)) << "match before the start";
  EXPECT_FALSE(io::LzfDecompressBlock(std::string("\x05" "ab", 3), out, 6)) << "literal run past the input";
  EXPECT_FALSE(io::LzfDecompressBlock(std::string("\x02" "abc\xe0", 5), out, 12)) << "match cut short";
}

TEST(LzfStream, StoredAndCompressedChunks) {
  const std::string stream = std::string("ZV\x00\x00\x03" "xyz", 8) + std::string("ZV\x01\x00\x07\x00\x0c", 7) +
                             std::string("\x02" "abc\xe0\x00\x02", 7);
  for (size_t chunk : {1, 3, 100}) {
    const auto r = DecodeInChunks(stream, chunk, "app.lzf");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_FALSE(r.truncated);
    EXPECT_EQ(r.output, "xyzabcabcabcabc");
  }
  const auto empty_last = DecodeInChunks(stream + std::string("ZV\x00\x00\x00", 5), 100, "app.lzf");
  ASSERT_TRUE(empty_last.ok) << empty_last.error;
  EXPECT_FALSE(empty_last.truncated);
  const auto bad = DecodeInChunks(stream.substr(0, 8) + "ZV\x07", 4, "app.lzf");
  EXPECT_FALSE(bad.ok);
  EXPECT_EQ(bad.error.rfind("lzf: expected chunk type 0", 0), 0u) << bad.error;
}

TEST(Lz4Java, ConcatenatedStreamsRawAndLargeBlocks) {
  const std::string a = SomeLines(100000), b = SomeLines(3000), big = SomeLines(3 << 20);
  const std::string stream = testing::Lz4JavaBlock(a, false, 7) + testing::Lz4JavaBlock(b, true) + testing::Lz4JavaEnd() +
                             testing::Lz4JavaBlock(big, false, 12) + testing::Lz4JavaEnd();
  for (size_t chunk : {size_t{1} << 20, size_t{4093}}) {
    const auto r = DecodeInChunks(stream, chunk, "x");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_FALSE(r.truncated);
    EXPECT_TRUE(r.output == a + b + big);
  }
}

TEST(Lz4Java, RefusesBadChecksumsAndAbsurdLengths) {
  std::string block = testing::Lz4JavaBlock(SomeLines(5000));
  std::string bad_sum = block;
  bad_sum[17] = static_cast<char>(bad_sum[17] ^ 1);
  auto r = DecodeInChunks(bad_sum, 100, "x");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("checksum"), std::string::npos) << r.error;

  std::string huge = block;  // level 6 (64 KiB blocks) claiming 2 GiB
  huge[13] = huge[14] = huge[15] = '\0';
  huge[16] = '\x7f';
  r = DecodeInChunks(huge, 100, "x");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("do not fit a block of at most 65536 bytes"), std::string::npos) << r.error;

  std::string method = block;
  method[8] = '\x36';
  r = DecodeInChunks(method, 100, "x");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("method"), std::string::npos) << r.error;
}

TEST(SnappyJava, ChunksAndASecondHeader) {
  const std::string a = SomeLines(70000), b = SomeLines(100);
  const std::string stream = testing::SnappyJavaHeader() + testing::SnappyJavaChunk(a) + testing::SnappyJavaChunk(b) +
                             testing::SnappyJavaHeader() + testing::SnappyJavaChunk(b);
  for (size_t chunk : {1, 333, 1 << 20}) {
    const auto r = DecodeInChunks(stream, static_cast<size_t>(chunk), "x");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_FALSE(r.truncated);
    EXPECT_TRUE(r.output == a + b + b);
  }
  std::string absurd = testing::SnappyJavaHeader() + std::string("\x7f\xff\xff\xff", 4);
  auto r = DecodeInChunks(absurd, 7, "x");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("larger than any block"), std::string::npos) << r.error;
  std::string garbage_block = testing::SnappyJavaHeader() + std::string("\x00\x00\x00\x04\xff\xff\xff\xff", 8);
  r = DecodeInChunks(garbage_block, 7, "x");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.rfind("snappy: corrupt snappy block", 0), 0u) << r.error;
}

TEST(Gzip, MembersOneAfterAnother) {
  const std::string a = SomeLines(300000), b = SomeLines(10);
  const std::string stream = testing::GzipMember(a) + testing::GzipMember(b);
  for (size_t chunk : {1, 4096, 1 << 22}) {
    const auto r = DecodeInChunks(stream, static_cast<size_t>(chunk), "part.gz");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_FALSE(r.truncated);
    EXPECT_TRUE(r.output == a + b);
  }
  const auto trailing = DecodeInChunks(stream + "garbage!", 4096, "part.gz");
  EXPECT_FALSE(trailing.ok);
  EXPECT_NE(trailing.error.find("expected another gzip member"), std::string::npos) << trailing.error;
  const auto cut = DecodeInChunks(std::string_view(stream).substr(0, stream.size() / 2), 4096, "part.gz");
  EXPECT_TRUE(cut.ok);
  EXPECT_TRUE(cut.truncated);
  EXPECT_EQ(a.compare(0, cut.output.size(), cut.output), 0);
}

TEST(Zstd, ManyFramesAndATruncatedTail) {
  std::string stream, expected;
  for (int i = 0; i < 50; ++i) {
    const std::string part = SomeLines(1000 + 37 * i);
    stream += testing::ZstdFrame(part);
    expected += part;
  }
  auto r = DecodeInChunks(stream, 1, "x");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_FALSE(r.truncated);
  EXPECT_EQ(r.output, expected);
  r = DecodeInChunks(std::string_view(stream).substr(0, stream.size() - 5), 64, "x");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(expected.compare(0, r.output.size(), r.output), 0);
}

TEST(Zstd, AcceptsA128MiBWindowAndRefusesLarger) {
  // A frame header declaring its window: 0x28b52ffd, descriptor 0 (window byte follows), then
  // the window byte = (exponent - 10) << 3. Only the header matters for the check.
  const auto header = [](int window_log) {
    return std::string("\x28\xb5\x2f\xfd\x00", 5) + static_cast<char>((window_log - 10) << 3);
  };
  auto r = DecodeInChunks(header(27), 16, "x.zstd");
  EXPECT_TRUE(r.ok) << r.error;  // accepted, then cut short
  EXPECT_TRUE(r.truncated);
  r = DecodeInChunks(header(28) + std::string(8, '\0'), 16, "x.zstd");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("window above 128 MiB"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace clusop

namespace clusop {
namespace {

TEST(EveryCodec, EmptyFeedsChangeNothing) {
  for (Codec codec : {Codec::kNone, Codec::kZstd, Codec::kGzip, Codec::kLz4Java, Codec::kSnappyJava, Codec::kLzf}) {
    auto decoder = MakeDecoder(codec);
    testing::StringSink sink;
    std::string error;
    bool truncated = true;
    EXPECT_TRUE(decoder->Feed("", &sink, &error)) << CodecName(codec);
    EXPECT_TRUE(decoder->Finish(&sink, &truncated, &error)) << CodecName(codec);
    EXPECT_FALSE(truncated) << CodecName(codec);
    EXPECT_TRUE(sink.data.empty()) << CodecName(codec);
  }
}

}  // namespace
}  // namespace clusop
