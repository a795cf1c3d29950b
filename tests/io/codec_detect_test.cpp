#include <gtest/gtest.h>

#include "io/codec.hpp"
#include "io_test_support.hpp"

namespace clusop {
namespace {

TEST(DetectCodec, MagicBytesComeFirst) {
  EXPECT_EQ(DetectCodec(std::string_view("\x28\xb5\x2f\xfd\x00\x48", 6), "x"), Codec::kZstd);
  EXPECT_EQ(DetectCodec(std::string_view("\x1f\x8b\x08\x00", 4), "x"), Codec::kGzip);
  EXPECT_EQ(DetectCodec("LZ4Block\x20", "x"), Codec::kLz4Java);
  EXPECT_EQ(DetectCodec(std::string_view("\x82SNAPPY\0\0\0\0\1", 12), "x"), Codec::kSnappyJava);
  EXPECT_EQ(DetectCodec(std::string_view("ZV\x01\x00\x10", 5), "x"), Codec::kLzf);
  EXPECT_EQ(DetectCodec("{\"Event\":\"SparkListenerLogStart\"}", "x"), Codec::kNone);
  // A plain log whose name claims a codec is still plain.
  EXPECT_EQ(DetectCodec("{\"Event\":", "app-1.zstd"), Codec::kNone);
  EXPECT_EQ(DetectCodec(std::string_view("\x1f\x8b\x08", 3), "app-1.lz4"), Codec::kGzip);
}

TEST(DetectCodec, JsonAfterBomOrBlankSpace) {
  EXPECT_EQ(DetectCodec("\xef\xbb\xbf{\"Event\"", "x"), Codec::kNone);
  EXPECT_EQ(DetectCodec("\n\r\t  {\"Ev", "x"), Codec::kNone);
}

TEST(DetectCodec, ZipAndGarbageAreUnknown) {
  EXPECT_EQ(DetectCodec(std::string_view("PK\x03\x04\x14\x00", 6), "logs.zip"), Codec::kUnknown);
  EXPECT_EQ(DetectCodec(std::string_view("PK\x03\x04\x14\x00", 6), "app-1.zstd"), Codec::kUnknown);
  EXPECT_EQ(DetectCodec(std::string_view("\x00\x01\x02\x03\xff\xfe\x80\x81", 8), "app-1"), Codec::kUnknown);
  EXPECT_EQ(DetectCodec("== Physical Plan ==", "plan.txt"), Codec::kUnknown);
}

TEST(DetectCodec, NameDecidesWhenTheBytesCannot) {
  EXPECT_EQ(DetectCodec("", "app-1.zstd"), Codec::kZstd);
  EXPECT_EQ(DetectCodec("", "app-1.zst"), Codec::kZstd);
  EXPECT_EQ(DetectCodec("", "eventlog-2022-01-14--17-00.gz"), Codec::kGzip);
  EXPECT_EQ(DetectCodec("", "app-1.lz4.inprogress"), Codec::kLz4Java);
  EXPECT_EQ(DetectCodec("", "dir/events_3_app-1.snappy.compact"), Codec::kSnappyJava);
  EXPECT_EQ(DetectCodec("", "app-1.LZF"), Codec::kLzf);
  EXPECT_EQ(DetectCodec("", "app-1"), Codec::kNone);  // an empty file: nothing to decode
  // Bytes that are no magic under a codec's name go to that codec, whose error says what it expected.
  EXPECT_EQ(DetectCodec(std::string_view("\x00\x01\x02\x03\xff\xfe\x80\x81", 8), "app-1.zstd"), Codec::kZstd);
}

TEST(DetectCodec, ACutMagicStillCounts) {
  EXPECT_EQ(DetectCodec("LZ4", "x"), Codec::kLz4Java);
  EXPECT_EQ(DetectCodec("\x82SNA", "x"), Codec::kSnappyJava);
  EXPECT_EQ(DetectCodec("\x28\xb5", "x"), Codec::kZstd);
}

TEST(CodecName, NamesEveryCodec) {
  EXPECT_STREQ(CodecName(Codec::kNone), "none");
  EXPECT_STREQ(CodecName(Codec::kZstd), "zstd");
  EXPECT_STREQ(CodecName(Codec::kGzip), "gzip");
  EXPECT_STREQ(CodecName(Codec::kLz4Java), "lz4");
  EXPECT_STREQ(CodecName(Codec::kSnappyJava), "snappy");
  EXPECT_STREQ(CodecName(Codec::kLzf), "lzf");
  EXPECT_STREQ(CodecName(Codec::kUnknown), "unknown");
}

TEST(SniffingDecoder, GarbageGivesOneClearLine) {
  const auto r = testing::DecodeInChunks(std::string(64, '\x07'), 3, "blob");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.codec, Codec::kUnknown);
  EXPECT_NE(r.error.find("expected JSON lines"), std::string::npos) << r.error;
}

TEST(SniffingDecoder, ADamagedZipEntryIsNamedAsAZip) {
  // a zip entry is read from its local header (zip_entry_stream_test.cpp); garbage after the
  // signature is the zip's damage, said as such
  const auto r = testing::DecodeInChunks(std::string("PK\x03\x04", 4) + std::string(40, 'x'), 5, "logs.zip");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.rfind("zip: ", 0), 0u) << r.error;
}

TEST(SniffingDecoder, ShortAndEmptyInputs) {
  auto r = testing::DecodeInChunks("", 1, "app-1");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.output, "");
  r = testing::DecodeInChunks("{}\n", 1, "app-1");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.output, "{}\n");
  EXPECT_EQ(r.codec, Codec::kNone);
  r = testing::DecodeInChunks(std::string(5000, ' ') + "{\"Event\":\"x\"}\n", 1, "app-1");
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.output.size(), 5014u);
  r = testing::DecodeInChunks("LZ4Bl", 2, "app-1.lz4.inprogress");
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.output, "");
}

TEST(MakeDecoder, UnknownCodecFailsOnFirstFeed) {
  auto decoder = MakeDecoder(Codec::kUnknown);
  ASSERT_NE(decoder, nullptr);
  testing::StringSink sink;
  std::string error;
  EXPECT_FALSE(decoder->Feed("abc", &sink, &error));
  EXPECT_FALSE(error.empty());
}

}  // namespace
}  // namespace clusop
