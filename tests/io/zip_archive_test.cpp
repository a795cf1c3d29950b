// Zip archives built byte by byte here from the PKWARE layout (APPNOTE 4.3), stored and deflated.
#include "io/zip_archive.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include "io_test_support.hpp"
#include "stream_builders.hpp"
#include "zip_builder.hpp"

namespace clusop {
namespace {

using testing::BuildZip;

std::string Read(const std::string& zip, const ZipMember& m, std::string* error) {
  testing::StringSink sink;
  if (!ReadZipMember(zip, m, &sink, error)) return "<failed>";
  return sink.data;
}

TEST(ZipArchive, StoredAndDeflatedMembersDirectoriesSkipped) {
  const std::string big = testing::SomeLines(700000);
  const std::string zip = BuildZip({{"logs/", ""}, {"logs/app-1", "{\"Event\":\"x\"}\n"}, {"logs/app-2", big, true}},
                                   "a comment");
  EXPECT_TRUE(IsZipArchive(zip));
  std::vector<ZipMember> members;
  std::string error;
  ASSERT_TRUE(ListZipMembers(zip, &members, &error)) << error;
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].name, "logs/app-1");
  EXPECT_EQ(members[0].method, 0);
  EXPECT_EQ(members[1].method, 8);
  EXPECT_EQ(members[1].size, big.size());
  EXPECT_EQ(Read(zip, members[0], &error), "{\"Event\":\"x\"}\n");
  testing::StringSink sink;
  ASSERT_TRUE(ReadZipMember(zip, members[1], &sink, &error)) << error;
  EXPECT_TRUE(sink.data == big);
  EXPECT_LE(sink.largest_write, size_t{256} << 10);
}

TEST(ZipArchive, NotAZipOrCutShort) {
  std::vector<ZipMember> members;
  std::string error;
  EXPECT_FALSE(ListZipMembers("{\"Event\":\"x\"}", &members, &error));
  EXPECT_NE(error.find("no end-of-central-directory"), std::string::npos) << error;
  const std::string zip = BuildZip({{"a", "hello"}, {"b", testing::SomeLines(5000), true}});
  for (size_t cut = 0; cut < zip.size(); ++cut) {
    error.clear();
    if (ListZipMembers(std::string_view(zip).substr(0, cut), &members, &error)) {
      for (const ZipMember& m : members) Read(zip.substr(0, cut), m, &error);
    } else {
      EXPECT_EQ(error.rfind("zip: ", 0), 0u) << error;
    }
  }
}

TEST(ZipArchive, DamagedOffsetsAndData) {
  const std::string content = testing::SomeLines(20000);
  const std::string zip = BuildZip({{"app", content, true}});
  std::vector<ZipMember> members;
  std::string error;
  ASSERT_TRUE(ListZipMembers(zip, &members, &error));
  ZipMember far = members[0];
  far.offset = zip.size() + 100;
  EXPECT_FALSE(ReadZipMember(zip, far, nullptr, &error));
  EXPECT_NE(error.find("expected a local file header"), std::string::npos) << error;
  ZipMember longer = members[0];
  longer.compressed_size = zip.size();
  EXPECT_FALSE(ReadZipMember(zip, longer, nullptr, &error));
  EXPECT_NE(error.find("past the end"), std::string::npos) << error;

  std::string flipped = zip;
  flipped[30 + 3 + 100] = static_cast<char>(flipped[30 + 3 + 100] ^ 0x55);
  testing::StringSink sink;
  EXPECT_FALSE(ReadZipMember(flipped, members[0], &sink, &error));
  EXPECT_EQ(error.rfind("zip: ", 0), 0u) << error;

  std::string bad_directory = zip;
  const size_t end = bad_directory.size() - 22;
  bad_directory[end + 16] = '\x7f';  // directory offset beyond the data
  EXPECT_FALSE(ListZipMembers(bad_directory, &members, &error));
  EXPECT_NE(error.find("outside the archive"), std::string::npos) << error;
}

TEST(ZipArchive, Zip64IsRefusedClearly) {
  std::string zip = BuildZip({{"a", "x"}});
  const size_t end = zip.size() - 22;
  zip[end + 10] = zip[end + 11] = '\xff';  // 0xFFFF entries: the zip64 record holds the count
  std::vector<ZipMember> members;
  std::string error;
  EXPECT_FALSE(ListZipMembers(zip, &members, &error));
  EXPECT_NE(error.find("zip64"), std::string::npos) << error;
}

TEST(ZipArchive, UnsupportedMethodIsNamed) {
  std::string zip = BuildZip({{"a", "hello"}});
  std::vector<ZipMember> members;
  std::string error;
  ASSERT_TRUE(ListZipMembers(zip, &members, &error));
  members[0].method = 12;  // bzip2
  EXPECT_FALSE(ReadZipMember(zip, members[0], nullptr, &error));
  EXPECT_NE(error.find("method 12"), std::string::npos) << error;
}

}  // namespace
}  // namespace clusop
