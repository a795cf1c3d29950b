// Real logs of the shared corpus (skipped when ../shared/corpus is absent). Expected sizes and
// line counts are the corpus README's, measured there with `zstd -dc` / `gzip -dc` / `unzip`.
#include <gtest/gtest.h>

#include "io/codec.hpp"
#include "io/zip_archive.hpp"
#include "io_test_support.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

std::string Corpus(const std::string& relative) {
  const std::string dir = testing::CorpusDir();
  return dir.empty() ? "" : dir + "/eventlogs/" + relative;
}

struct Counted {
  bool ok = false;
  bool truncated = false;
  std::string error;
  uint64_t bytes = 0;
  uint64_t lines = 0;
  size_t largest_write = 0;
};

Counted DecodeFile(const std::string& path, size_t chunk) {
  const std::string bytes = testing::ReadFile(path);
  SniffingDecoder decoder(path);
  testing::CountingSink sink;
  Counted c;
  for (size_t at = 0; at < bytes.size(); at += chunk)
    if (!decoder.Feed(std::string_view(bytes).substr(at, std::min(chunk, bytes.size() - at)), &sink, &c.error)) return c;
  c.ok = decoder.Finish(&sink, &c.truncated, &c.error);
  c.bytes = sink.bytes_;
  c.lines = sink.lines_;
  c.largest_write = sink.largest_write;
  return c;
}

TEST(CorpusCodecs, DatabricksPhotonZstdNeedsTheFullWindow) {
  const std::string path = Corpus("spark-rapids-tools/spark-events-qualification/nds_q88_photon_db_13_3.zstd");
  if (path.empty() || !testing::Exists(path)) GTEST_SKIP() << "corpus absent";
  const Counted c = DecodeFile(path, size_t{1} << 20);
  ASSERT_TRUE(c.ok) << c.error;
  EXPECT_FALSE(c.truncated);
  EXPECT_EQ(c.bytes, 142361502u);
  EXPECT_EQ(c.lines, 10141u);
  EXPECT_LE(c.largest_write, size_t{256} << 10);
}

TEST(CorpusCodecs, RollingZstdPartsAndDatabricksGzipParts) {
  // events_1 + events_2 of the rolling folder, and the simulated Databricks set cut from the same
  // run, both hold the same 11,431,520 bytes.
  const std::string rolling = Corpus("spark-rapids-tools/spark-events-qualification/eventlog_v2_local-1623876083964/");
  const std::string db = Corpus("spark-rapids-tools/spark-events-qualification/db_sim_eventlog/");
  if (rolling.empty() || !testing::Exists(rolling + "events_1_local-1623876083964.zstd")) GTEST_SKIP() << "corpus absent";
  const Counted r1 = DecodeFile(rolling + "events_1_local-1623876083964.zstd", 65536);
  const Counted r2 = DecodeFile(rolling + "events_2_local-1623876083964.zstd", 65536);
  const Counted d1 = DecodeFile(db + "eventlog-2021-06-15--15-00.gz", 65536);
  const Counted d2 = DecodeFile(db + "eventlog", 65536);
  for (const Counted* c : {&r1, &r2, &d1, &d2}) ASSERT_TRUE(c->ok && !c->truncated) << c->error;
  EXPECT_EQ(r1.bytes + r2.bytes, 11431520u);
  EXPECT_EQ(d1.bytes + d2.bytes, 11431520u);
  EXPECT_EQ(r1.lines + r2.lines, 5621u);
}

TEST(CorpusCodecs, EveryCompressedCorpusLogDecodes) {
  const std::string dir = testing::CorpusDir();
  if (dir.empty()) GTEST_SKIP() << "corpus absent";
  int decoded = 0;
  for (const std::string& path : testing::ListFiles(dir + "/eventlogs")) {
    const bool zstd = path.size() > 5 && path.compare(path.size() - 5, 5, ".zstd") == 0;
    const bool gz = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    if (!zstd && !gz) continue;
    if (path.find("mixed_parsed") != std::string::npos) continue;  // gzip of a JSON document, still gzip
    const Counted c = DecodeFile(path, 1 << 16);
    EXPECT_TRUE(c.ok) << path << ": " << c.error;
    EXPECT_FALSE(c.truncated) << path;
    EXPECT_GT(c.lines, 0u) << path;
    ++decoded;
  }
  EXPECT_GT(decoded, 40);
}

TEST(CorpusCodecs, EmrZipMemberInflates) {
  const std::string path = Corpus("spark_log_parser/emr.zip");
  if (path.empty() || !testing::Exists(path)) GTEST_SKIP() << "corpus absent";
  const std::string archive = testing::ReadFile(path);
  ASSERT_TRUE(IsZipArchive(archive));
  std::vector<ZipMember> members;
  std::string error;
  ASSERT_TRUE(ListZipMembers(archive, &members, &error)) << error;
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0].name, "application_1640227485896_0002");
  EXPECT_EQ(members[0].size, 75628621u);
  EXPECT_EQ(members[0].method, 8);
  testing::CountingSink sink;
  ASSERT_TRUE(ReadZipMember(archive, members[0], &sink, &error)) << error;
  EXPECT_EQ(sink.bytes_, 75628621u);
  EXPECT_EQ(sink.lines_, 23533u);
  EXPECT_LE(sink.largest_write, size_t{256} << 10);
}

TEST(CorpusCodecs, MessyDatabricksZipListsItsJunkToo) {
  const std::string path = Corpus("spark_log_parser/databricks-rollover-messy.zip");
  if (path.empty() || !testing::Exists(path)) GTEST_SKIP() << "corpus absent";
  const std::string archive = testing::ReadFile(path);
  std::vector<ZipMember> members;
  std::string error;
  ASSERT_TRUE(ListZipMembers(archive, &members, &error)) << error;
  EXPECT_EQ(members.size(), 10u);  // 15 entries less 5 folders (unzip -l)
  for (const ZipMember& m : members) {
    testing::CountingSink sink;
    EXPECT_TRUE(ReadZipMember(archive, m, &sink, &error)) << m.name << ": " << error;
    EXPECT_EQ(sink.bytes_, m.size) << m.name;
  }
}

}  // namespace
}  // namespace clusop
