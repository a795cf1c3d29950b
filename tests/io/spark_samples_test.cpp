// Logs a real local Spark 3.5.9 wrote with every codec (tests/io/data/spark-3.5.9, FACTS.md
// there): each decodes, in any chunking, to the events of the same job written without a codec.
#include <gtest/gtest.h>

#include <map>

#include "io/codec.hpp"
#include "io_test_support.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using testing::DecodeInChunks;
using testing::EventName;
using testing::Lines;

struct Sample {
  std::string run;
  Codec codec;
  std::string path;
};

std::string DataDir() { return testing::SourceDir() + "/tests/io/data/spark-3.5.9"; }

// The one finished log a run wrote (the zstd run also keeps an in-progress copy beside it).
std::string LogOfRun(const std::string& run, bool in_progress = false) {
  for (const std::string& f : testing::ListFiles(DataDir() + "/" + run)) {
    const bool live = f.size() > 11 && f.compare(f.size() - 11, 11, ".inprogress") == 0;
    if (live == in_progress && f.find("appstatus_") == std::string::npos) return f;
  }
  return "";
}

std::vector<Sample> CompressedSamples() {
  return {{"zstd", Codec::kZstd, LogOfRun("zstd")},
          {"lz4", Codec::kLz4Java, LogOfRun("lz4")},
          {"snappy", Codec::kSnappyJava, LogOfRun("snappy")},
          {"lzf", Codec::kLzf, LogOfRun("lzf")},
          {"rolling", Codec::kZstd, LogOfRun("rolling")}};
}

std::map<std::string, int, std::less<>> EventCounts(std::string_view text) {
  std::map<std::string, int, std::less<>> counts;
  for (std::string_view line : Lines(text)) ++counts[std::string(EventName(line))];
  return counts;
}

std::string PlainRun() { return testing::ReadFile(LogOfRun("none")); }

TEST(SparkSamples, PlainRunIsTheJobWeRan) {
  const std::string plain = PlainRun();
  ASSERT_FALSE(plain.empty());
  const auto counts = EventCounts(plain);
  EXPECT_EQ(counts.count(""), 0u) << "every line starts with {\"Event\":";
  EXPECT_EQ(counts.at("SparkListenerApplicationStart"), 1);
  EXPECT_EQ(counts.at("org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart"), 1);  // one collect()
  EXPECT_GE(counts.at("SparkListenerStageCompleted"), 3);  // scans, aggregate, join/sort
  EXPECT_EQ(EventName(Lines(plain).back()), "SparkListenerApplicationEnd");
}

TEST(SparkSamples, EveryCodecDecodesToThePlainRunsEvents) {
  const auto expected = EventCounts(PlainRun());
  for (const Sample& s : CompressedSamples()) {
    SCOPED_TRACE(s.run + " " + s.path);
    ASSERT_FALSE(s.path.empty());
    const std::string bytes = testing::ReadFile(s.path);
    const auto whole = DecodeInChunks(bytes, bytes.size(), s.path);
    ASSERT_TRUE(whole.ok) << whole.error;
    EXPECT_FALSE(whole.truncated);
    EXPECT_EQ(whole.codec, s.codec);
    EXPECT_GT(whole.output.size(), 2 * bytes.size());
    EXPECT_EQ(EventCounts(whole.output), expected);
    EXPECT_EQ(whole.output.back(), '\n');
    EXPECT_EQ(EventName(Lines(whole.output).back()), "SparkListenerApplicationEnd");
    for (size_t chunk : {size_t{1}, size_t{7}, size_t{4093}, size_t{64} << 10}) {
      const auto r = DecodeInChunks(bytes, chunk, s.path);
      ASSERT_TRUE(r.ok) << "chunk " << chunk << ": " << r.error;
      EXPECT_FALSE(r.truncated) << chunk;
      EXPECT_TRUE(r.output == whole.output) << "chunk " << chunk << " gave different bytes";
    }
  }
}

TEST(SparkSamples, CodecIsFoundByMagicWhateverTheName) {
  for (const Sample& s : CompressedSamples()) {
    const std::string bytes = testing::ReadFile(s.path);
    EXPECT_EQ(DecodeInChunks(bytes, 65536, "renamed.json").codec, s.codec) << s.run;
  }
}

TEST(SparkSamples, InProgressZstdLogIsAPrefixOfTheFinishedOne) {
  const std::string live_path = LogOfRun("zstd", /*in_progress=*/true);
  ASSERT_FALSE(live_path.empty());
  const std::string live = testing::ReadFile(live_path);
  const std::string done = testing::ReadFile(LogOfRun("zstd"));
  ASSERT_LT(live.size(), done.size());
  EXPECT_EQ(done.compare(0, live.size(), live), 0) << "Spark appended to the same stream";
  const auto full = DecodeInChunks(done, 65536);
  for (size_t chunk : {size_t{1}, size_t{65536}}) {
    const auto r = DecodeInChunks(live, chunk, live_path);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.codec, Codec::kZstd);
    EXPECT_LT(r.output.size(), full.output.size());
    EXPECT_EQ(full.output.compare(0, r.output.size(), r.output), 0);
    EXPECT_EQ(EventCounts(r.output).count("SparkListenerApplicationEnd"), 0u);
    // Python's zstandard reads the copy to the end of a whole line: the SQL execution had ended.
    ASSERT_FALSE(r.output.empty());
    EXPECT_EQ(r.output.back(), '\n');
    EXPECT_EQ(EventName(Lines(r.output).back()), "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd");
  }
}

// Codecs whose framing or checksum catches damage: a cut or a flipped byte never yields a
// complete-looking but different output from them.
bool Checked(Codec codec) { return codec == Codec::kLz4Java || codec == Codec::kGzip; }

void ExpectCleanFailure(const testing::DecodeResult& r, Codec codec) {
  EXPECT_FALSE(r.error.empty());
  EXPECT_EQ(r.error.find('\n'), std::string::npos) << r.error;
  EXPECT_EQ(r.error.rfind(std::string(CodecName(codec)) + ":", 0), 0u) << r.error;
}

TEST(SparkSamples, TruncationGivesAPrefixOrAClearError) {
  for (const Sample& s : CompressedSamples()) {
    SCOPED_TRACE(s.run);
    const std::string bytes = testing::ReadFile(s.path);
    const std::string full = DecodeInChunks(bytes, bytes.size()).output;
    std::vector<size_t> cuts;
    for (size_t i = 0; i < 48 && i < bytes.size(); ++i) cuts.push_back(i);
    for (size_t i = 1; i < 128; ++i) cuts.push_back(bytes.size() * i / 128);
    for (size_t i = 1; i <= 48; ++i) cuts.push_back(bytes.size() - i);
    for (size_t cut : cuts) {
      const auto r = DecodeInChunks(std::string_view(bytes).substr(0, cut), 4096, s.path);
      if (!r.ok) {
        ExpectCleanFailure(r, s.codec);
        continue;
      }
      ASSERT_LE(r.output.size(), full.size()) << cut;
      EXPECT_EQ(full.compare(0, r.output.size(), r.output), 0) << "cut at " << cut << " is not a prefix";
      if (s.codec == Codec::kLz4Java && cut > 0) {
        EXPECT_TRUE(r.truncated) << "no end block before " << cut;
      }
    }
  }
}

TEST(SparkSamples, CorruptBytesGiveAClearErrorOrAnHonestResult) {
  for (const Sample& s : CompressedSamples()) {
    SCOPED_TRACE(s.run);
    const std::string bytes = testing::ReadFile(s.path);
    const std::string full = DecodeInChunks(bytes, bytes.size()).output;
    int failures = 0;
    for (size_t i = 0; i < 64; ++i) {
      std::string bad = bytes;
      const size_t at = 8 + (bytes.size() - 9) * i / 64;
      bad[at] = static_cast<char>(bad[at] ^ 0x5a);
      const auto r = DecodeInChunks(bad, 65536, s.path);
      if (!r.ok) {
        ++failures;
        ExpectCleanFailure(r, s.codec);
      } else if (Checked(s.codec) && !r.truncated) {
        EXPECT_EQ(r.output, full) << "byte " << at << " changed silently";
      }
    }
    if (Checked(s.codec)) {
      EXPECT_GT(failures, 48);
    }
  }
}

TEST(SparkSamples, DamagedMagicIsRefused) {
  for (const Sample& s : CompressedSamples()) {
    std::string bad = testing::ReadFile(s.path);
    bad[1] = static_cast<char>(bad[1] ^ 0x40);
    const auto r = DecodeInChunks(bad, 65536, s.path);
    EXPECT_FALSE(r.ok) << s.run;
    EXPECT_FALSE(r.error.empty()) << s.run;
  }
}

}  // namespace
}  // namespace clusop
