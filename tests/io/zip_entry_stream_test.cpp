// A zip entry fed as a stream from its local header on (how the browser feeds an entry it
// sliced out of an archive), and a zip found inside a compressed file (a Databricks part saved
// as eventlog-<date>.zip.gz): both read by the SniffingDecoder, whatever the chunking.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "clusop/clusop.h"
#include "io/zip_archive.hpp"
#include "io_test_support.hpp"
#include "stream_builders.hpp"
#include "support/test_files.hpp"
#include "zip_builder.hpp"

namespace clusop {
namespace {

using testing::BuildZip;
using testing::DecodeInChunks;
using clusop::testing::ReadFile;

const std::string kLog = std::string(CLUSOP_SOURCE_DIR) + "/tests/io/data/spark-3.5.9/none/local-1796014104063";

// The bytes [start, end) of each entry, as clusop_zip_entries names them from the last bytes.
nlohmann::json Entries(const std::string& archive, size_t tail_bytes) {
  const std::string_view tail = std::string_view(archive).substr(archive.size() - std::min(tail_bytes, archive.size()));
  char* answer = clusop_zip_entries(tail.data(), tail.size(), static_cast<double>(archive.size()));
  nlohmann::json parsed = nlohmann::json::parse(answer);
  clusop_free(answer);
  return parsed;
}

TEST(ZipEntryStream, EachEntrySlicedFromItsHeaderDecodesInAnyChunking) {
  const std::string log = ReadFile(kLog);
  const std::string zip = BuildZip({{"logs/", ""}, {"logs/stored", log}, {"logs/deflated", log, true},
                                    {"logs/gzipped.gz", testing::GzipMember(log)}});
  const nlohmann::json answer = Entries(zip, zip.size());
  ASSERT_TRUE(answer.contains("entries")) << answer.dump();
  ASSERT_EQ(answer["entries"].size(), 3u);  // the folder is not listed
  for (const auto& e : answer["entries"]) {
    const std::string slice = zip.substr(e["start"].get<size_t>(), e["end"].get<size_t>() - e["start"].get<size_t>());
    for (size_t chunk : {size_t{1}, size_t{7}, size_t{4096}, slice.size()}) {
      const auto r = DecodeInChunks(slice, chunk, "archive.zip/" + e["name"].get<std::string>());
      ASSERT_TRUE(r.ok) << e["name"] << " chunk " << chunk << ": " << r.error;
      EXPECT_FALSE(r.truncated);
      EXPECT_TRUE(r.output == log) << e["name"] << " chunk " << chunk;
      // the codec of the entry's own bytes, as the command line reports the inflated member
      EXPECT_EQ(CodecName(r.codec), std::string(e["name"] == "logs/gzipped.gz" ? "gzip" : "none"));
    }
  }
}

TEST(ZipEntryStream, TheDirectoryIsListedFromTheLastBytesOnly) {
  const std::string log = ReadFile(kLog);
  const std::string zip = BuildZip({{"a", log, true}, {"b", log}}, std::string(300, 'c'));
  const nlohmann::json whole = Entries(zip, zip.size());
  // too few bytes for the directory: the core asks for exactly what it needs, and then agrees
  const nlohmann::json short_tail = Entries(zip, 400);
  ASSERT_TRUE(short_tail.contains("need")) << short_tail.dump();
  const size_t need = short_tail["need"].get<size_t>();
  EXPECT_GT(need, 400u);
  EXPECT_EQ(Entries(zip, need), whole);
  std::vector<ZipMember> members;
  std::string error;
  ASSERT_TRUE(ListZipMembers(zip, &members, &error));
  ASSERT_EQ(whole["entries"].size(), members.size());
  EXPECT_EQ(whole["entries"][1]["start"].get<uint64_t>(), members[1].offset);
  EXPECT_EQ(whole["entries"][0]["end"].get<uint64_t>(), members[1].offset);
  const nlohmann::json noise = Entries(std::string(100000, 'x'), 100000);
  ASSERT_TRUE(noise.contains("error")) << noise.dump();
  EXPECT_NE(noise["error"]["message"].get<std::string>().find("no end-of-central-directory"), std::string::npos);
}

TEST(ZipEntryStream, AZipInsideAGzipIsRead) {
  const std::string log = ReadFile(kLog);
  const std::string zip_gz = testing::GzipMember(BuildZip({{"eventlog-2022-01-14--17-00", log, true}}));
  for (size_t chunk : {size_t{3}, size_t{65536}}) {
    const auto r = DecodeInChunks(zip_gz, chunk, "eventlog-2022-01-14--17-00.zip.gz");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_TRUE(r.output == log);
    EXPECT_EQ(r.codec, Codec::kGzip);
  }
}

TEST(ZipEntryStream, DamageAndSecondFilesAreErrorsNotSilence) {
  const std::string log = ReadFile(kLog);
  std::string zip = BuildZip({{"one", log, true}});
  zip[30 + 3 + 500] = static_cast<char>(zip[30 + 3 + 500] ^ 0x5a);  // inside the deflate data
  auto r = DecodeInChunks(zip, 4096, "a.zip/one");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error.rfind("zip: entry one: ", 0), 0u) << r.error;

  // a nested archive holding two logs: the first is read, the second is named, not dropped
  r = DecodeInChunks(testing::GzipMember(BuildZip({{"first", log}, {"second", log}})), 4096, "x.zip.gz");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("another entry follows"), std::string::npos) << r.error;
  EXPECT_TRUE(r.output == log);

  // zips in gzips in zips: bounded, with a reason
  std::string nested = log;
  for (int i = 0; i < 5; ++i) nested = testing::GzipMember(BuildZip({{"n", nested}}));
  r = DecodeInChunks(nested, 65536, "deep.gz");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("nested more than"), std::string::npos) << r.error;

  // an entry cut in its data: what was inflated is kept and the cut is said
  const std::string whole = BuildZip({{"cut", log, true}});
  r = DecodeInChunks(std::string_view(whole).substr(0, whole.size() / 2), 4096, "cut.zip/cut");
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(log.rfind(r.output.substr(0, r.output.size()), 0), 0u);
}

TEST(ZipEntryStream, AnEntryNameWithControlBytesIsShownOnOneLine) {
  // found by fuzz_decoders: the name went into the error message as it was, newline and all
  std::string zip = BuildZip({{"bad\nname", "{\"Event\":\"x\"}\n"}});
  zip[zip.find("Event")] = 'e';  // the CRC-32 no longer matches
  const auto r = DecodeInChunks(zip, 5, "archive.zip/entry");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.error.find('\n'), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("entry bad\\x0aname: CRC-32 mismatch"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace clusop
