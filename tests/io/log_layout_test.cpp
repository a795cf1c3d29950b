#include "io/log_layout.hpp"

#include <gtest/gtest.h>

#include "io/zip_archive.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using Paths = std::vector<std::string>;

const AppLogFiles* FindApp(const LogLayout& layout, const std::string& key) {
  for (const AppLogFiles& app : layout.applications)
    if (app.app_key == key) return &app;
  return nullptr;
}

std::string SkipReason(const LogLayout& layout, const std::string& path) {
  for (const SkippedFile& s : layout.skipped)
    if (s.path == path) return s.message;
  return "";
}

TEST(LogLayout, SingleFilesAndAttempts) {
  const LogLayout layout = GroupLogFiles({"logs/application_1713000000000_0001_2.zstd",
                                          "logs/application_1713000000000_0001_1.zstd", "logs/local-1.lz4.inprogress",
                                          "logs/app-20240919162642-0000", "logs/databricks.json.gz"});
  ASSERT_EQ(layout.applications.size(), 5u);
  EXPECT_TRUE(layout.skipped.empty());
  const AppLogFiles* first = FindApp(layout, "application_1713000000000_0001_1");
  const AppLogFiles* second = FindApp(layout, "application_1713000000000_0001_2");
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->layout, "single");
  EXPECT_EQ(second->parts, Paths{"logs/application_1713000000000_0001_2.zstd"});
  const AppLogFiles* live = FindApp(layout, "local-1");
  ASSERT_TRUE(live);
  EXPECT_TRUE(live->in_progress);
  EXPECT_FALSE(first->in_progress);
  ASSERT_TRUE(FindApp(layout, "databricks.json"));
  // Sorted by path: the output never depends on the order the face listed files in.
  EXPECT_EQ(layout.applications.front().parts.front(), "logs/app-20240919162642-0000");
}

TEST(LogLayout, FinishedLogWinsOverItsInProgressTwin) {
  const LogLayout layout = GroupLogFiles({"d/local-7.zstd.inprogress", "d/local-7.zstd"});
  ASSERT_EQ(layout.applications.size(), 1u);
  EXPECT_EQ(layout.applications[0].parts, Paths{"d/local-7.zstd"});
  EXPECT_FALSE(layout.applications[0].in_progress);
  EXPECT_NE(SkipReason(layout, "d/local-7.zstd.inprogress").find("another log of application local-7"), std::string::npos);
}

TEST(LogLayout, RollingPartsInNumericOrder) {
  const std::string dir = "h/eventlog_v2_app-1_1/";
  const LogLayout layout = GroupLogFiles({dir + "events_10_app-1_1.zstd", dir + "events_2_app-1_1.zstd",
                                          dir + "events_1_app-1_1.zstd", dir + "appstatus_app-1_1.inprogress",
                                          dir + "events_9_app-1_1.zstd", dir + "events_3_app-1_1.zstd"});
  ASSERT_EQ(layout.applications.size(), 1u);
  const AppLogFiles& app = layout.applications[0];
  EXPECT_EQ(app.layout, "rolling");
  EXPECT_EQ(app.app_key, "app-1_1");
  EXPECT_TRUE(app.in_progress);
  EXPECT_EQ(app.parts, (Paths{dir + "events_1_app-1_1.zstd", dir + "events_2_app-1_1.zstd", dir + "events_3_app-1_1.zstd",
                              dir + "events_9_app-1_1.zstd", dir + "events_10_app-1_1.zstd"}));
  ASSERT_EQ(app.warnings.size(), 1u);
  EXPECT_EQ(app.warnings[0], "rolling parts 4 to 8 are missing");
  EXPECT_TRUE(layout.skipped.empty()) << "the marker is read, not skipped";
}

TEST(LogLayout, CompactedPartReplacesThePartsItCovers) {
  const std::string dir = "eventlog_v2_a/";
  const LogLayout layout = GroupLogFiles({dir + "events_1_a", dir + "events_2_a", dir + "events_3_a.compact",
                                          dir + "events_3_a", dir + "events_4_a", dir + "appstatus_a"});
  ASSERT_EQ(layout.applications.size(), 1u);
  EXPECT_EQ(layout.applications[0].parts, (Paths{dir + "events_3_a.compact", dir + "events_4_a"}));
  EXPECT_FALSE(layout.applications[0].in_progress);
  EXPECT_TRUE(layout.applications[0].warnings.empty());
  EXPECT_NE(SkipReason(layout, dir + "events_1_a").find("covered by the compacted part events_3_a.compact"),
            std::string::npos);
  EXPECT_FALSE(SkipReason(layout, dir + "events_3_a").empty());
}

TEST(LogLayout, DatabricksRotation) {
  const std::string dir = "dbfs/cluster-logs/0114-abc/eventlog/0114-abc_10_0_0_1/8837/";
  const LogLayout layout = GroupLogFiles({dir + "eventlog", dir + "eventlog-2022-01-14--18-00.gz",
                                          dir + "eventlog-2022-01-14--17-00.gz", dir + "databricks_pricing.json",
                                          dir + ".DS_Store", "dbfs/cluster-logs/0114-abc/eventlog/0114-abc_10_0_0_1/9999/eventlog"});
  ASSERT_EQ(layout.applications.size(), 2u);
  const AppLogFiles* app = FindApp(layout, "8837");
  ASSERT_TRUE(app);
  EXPECT_EQ(app->layout, "databricks");
  EXPECT_EQ(app->parts,
            (Paths{dir + "eventlog-2022-01-14--17-00.gz", dir + "eventlog-2022-01-14--18-00.gz", dir + "eventlog"}));
  ASSERT_TRUE(FindApp(layout, "9999"));
  EXPECT_NE(SkipReason(layout, dir + "databricks_pricing.json").find("not a log"), std::string::npos);
  EXPECT_NE(SkipReason(layout, dir + ".DS_Store").find("not a log"), std::string::npos);
}

TEST(LogLayout, DatabricksPartSavedAsZipInGzipKeepsItsPlace) {
  const std::string dir = "c/ctx/";
  const LogLayout layout = GroupLogFiles({dir + "eventlog", dir + "eventlog-2022-01-14--18-00.gz",
                                          dir + "eventlog-2022-01-14--17-00.zip.gz"});
  ASSERT_EQ(layout.applications.size(), 1u);
  EXPECT_EQ(layout.applications[0].parts,
            (std::vector<std::string>{dir + "eventlog-2022-01-14--17-00.zip.gz", dir + "eventlog-2022-01-14--18-00.gz",
                                      dir + "eventlog"}));
  EXPECT_TRUE(layout.skipped.empty());
}

TEST(LogLayout, ForeignFilesAreSkippedWithAReason) {
  const LogLayout layout = GroupLogFiles({"x/README.md", "x/.local-1.crc", "x/notes.txt", "x/logs.zip", "x/logs.tgz",
                                          "__MACOSX/x/._local-1", "x/appstatus_local-1", "x/eventlog-diff-context",
                                          "x/eventlog", "x/local-1"});
  ASSERT_EQ(layout.applications.size(), 2u);  // x/local-1 and the Databricks folder x/
  EXPECT_EQ(layout.skipped.size(), 8u);
  for (const SkippedFile& s : layout.skipped) EXPECT_FALSE(s.message.empty()) << s.path;
  EXPECT_NE(SkipReason(layout, "x/eventlog-diff-context").find("eventlog-YYYY-MM-DD--HH-MM"), std::string::npos);
  EXPECT_NE(SkipReason(layout, "x/logs.zip").find("ListZipMembers"), std::string::npos);
}

TEST(LogLayout, EventlogDashNameOutsideADatabricksFolderIsASingleLog) {
  // spark-rapids-tools names single logs "eventlog-gpu-dsv1.zstd": no live `eventlog` beside it
  const LogLayout layout = GroupLogFiles({"p/eventlog-gpu-dsv1.zstd", "p/eventlog_dsv1.zstd"});
  ASSERT_EQ(layout.applications.size(), 2u);
  EXPECT_TRUE(layout.skipped.empty());
  EXPECT_EQ(layout.applications[0].layout, "single");
  EXPECT_EQ(layout.applications[0].app_key, "eventlog-gpu-dsv1");
}

TEST(LogLayout, EmptyInput) {
  const LogLayout layout = GroupLogFiles({});
  EXPECT_TRUE(layout.applications.empty());
  EXPECT_TRUE(layout.skipped.empty());
}

TEST(LogLayout, OurSparkSamplesFolder) {
  // What Spark 3.5.9 left on disk (tests/io/data/spark-3.5.9/FACTS.md): five single logs, one
  // rolling folder with its marker and the local file system's hidden .crc, and the copy of a
  // zstd log taken while it was still being written, beside its finished twin; and FACTS.md.
  const LogLayout layout = GroupLogFiles(testing::ListFiles(testing::SourceDir() + "/tests/io/data/spark-3.5.9"));
  ASSERT_EQ(layout.applications.size(), 6u);
  int rolling = 0;
  for (const AppLogFiles& app : layout.applications) {
    EXPECT_EQ(app.parts.size(), 1u) << app.app_key;
    EXPECT_FALSE(app.in_progress) << app.app_key;
    EXPECT_TRUE(app.warnings.empty()) << app.app_key;
    rolling += app.layout == "rolling";
  }
  EXPECT_EQ(rolling, 1);
  ASSERT_EQ(layout.skipped.size(), 3u);
  EXPECT_NE(layout.skipped[0].path.find("FACTS.md"), std::string::npos);
  EXPECT_NE(layout.skipped[1].path.find(".crc"), std::string::npos);
  EXPECT_NE(layout.skipped[2].path.find(".zstd.inprogress"), std::string::npos);
  EXPECT_NE(layout.skipped[2].message.find("another log of application"), std::string::npos);
}

// ---- the corpus folders (skipped when absent) ----

std::string EventLogs() {
  const std::string dir = testing::CorpusDir();
  return dir.empty() ? "" : dir + "/eventlogs";
}

LogLayout GroupFolder(const std::string& relative) { return GroupLogFiles(testing::ListFiles(EventLogs() + "/" + relative)); }

#define SKIP_WITHOUT_CORPUS() \
  if (EventLogs().empty()) GTEST_SKIP() << "corpus absent"

TEST(LogLayoutCorpus, DatabricksRollover) {
  SKIP_WITHOUT_CORPUS();
  const LogLayout layout = GroupFolder("spark_log_parser/databricks-rollover");
  ASSERT_EQ(layout.applications.size(), 1u);
  const AppLogFiles& app = layout.applications[0];
  EXPECT_EQ(app.layout, "databricks");
  ASSERT_EQ(app.parts.size(), 3u);
  EXPECT_NE(app.parts[0].find("eventlog-2022-01-14--17-00.gz"), std::string::npos);
  EXPECT_NE(app.parts[1].find("eventlog-2022-01-14--18-00.gz"), std::string::npos);
  EXPECT_EQ(app.parts[2].substr(app.parts[2].size() - 9), "/eventlog");
  ASSERT_EQ(layout.skipped.size(), 1u);
  EXPECT_NE(layout.skipped[0].path.find("databricks_pricing.json"), std::string::npos);
}

TEST(LogLayoutCorpus, RollingFolders) {
  SKIP_WITHOUT_CORPUS();
  LogLayout layout = GroupFolder("spark-rapids-tools/spark-events-qualification/eventlog_v2_local-1623876083964");
  ASSERT_EQ(layout.applications.size(), 1u);
  EXPECT_EQ(layout.applications[0].app_key, "local-1623876083964");
  ASSERT_EQ(layout.applications[0].parts.size(), 2u);
  EXPECT_NE(layout.applications[0].parts[0].find("events_1_"), std::string::npos);
  EXPECT_TRUE(layout.applications[0].warnings.empty());
  Paths mcp;
  for (const std::string& path : testing::ListFiles(EventLogs() + "/mcp-apache-spark-history-server"))
    if (path.find("/expected/") == std::string::npos) mcp.push_back(path);
  layout = GroupLogFiles(mcp);
  int rolling = 0, single = 0;
  for (const AppLogFiles& app : layout.applications) {
    rolling += app.layout == "rolling";
    single += app.layout == "single";
  }
  EXPECT_EQ(rolling, 4);
  EXPECT_EQ(single, 4);  // two attempts of one application are two entries, plus two local apps
  ASSERT_TRUE(FindApp(layout, "application_1713000000000_0001_1"));
  ASSERT_TRUE(FindApp(layout, "application_1713000000000_0001_2"));
}

TEST(LogLayoutCorpus, DatabricksSimulatedSet) {
  SKIP_WITHOUT_CORPUS();
  const LogLayout layout = GroupFolder("spark-rapids-tools/spark-events-qualification/db_sim_eventlog");
  ASSERT_EQ(layout.applications.size(), 1u);
  ASSERT_EQ(layout.applications[0].parts.size(), 2u);
  EXPECT_NE(layout.applications[0].parts[0].find("eventlog-2021-06-15--15-00.gz"), std::string::npos);
}

TEST(LogLayoutCorpus, BrokenDatabricksSamples) {
  SKIP_WITHOUT_CORPUS();
  // A stray copy of a dated part in a subfolder is named as a copy of the part that is read,
  // not read as a second application.
  LogLayout layout = GroupFolder("spark_log_parser/bad/duplicate-part");
  ASSERT_EQ(layout.applications.size(), 1u);
  EXPECT_FALSE(FindApp(layout, "extra"));
  EXPECT_EQ(FindApp(layout, "duplicate-part")->parts.size(), 4u);
  ASSERT_EQ(layout.skipped.size(), 1u);
  EXPECT_NE(layout.skipped[0].path.find("extra/eventlog-2022-01-18--19-00"), std::string::npos);
  EXPECT_NE(layout.skipped[0].message.find("a copy of the rotated part for 2022-01-18--19-00"), std::string::npos);
  EXPECT_NE(layout.skipped[0].message.find("duplicate-part/eventlog-2022-01-18--19-00 is read"), std::string::npos)
      << layout.skipped[0].message;
  // A file of another context only named like a part is skipped, named.
  layout = GroupFolder("spark_log_parser/bad/non-unique-context-id");
  ASSERT_EQ(layout.applications.size(), 1u);
  EXPECT_EQ(layout.applications[0].parts.size(), 4u);
  ASSERT_EQ(layout.skipped.size(), 1u);
  EXPECT_NE(layout.skipped[0].path.find("eventlog-diff-context"), std::string::npos);
  layout = GroupFolder("spark_log_parser/bad/missing-dbc-event");
  ASSERT_EQ(layout.applications.size(), 1u);
  EXPECT_EQ(layout.skipped.size(), 1u);
  // Parts missing from the middle cannot be seen in the names: the events tell (Rollover Number).
  layout = GroupFolder("spark_log_parser/bad/missing-part");
  ASSERT_EQ(layout.applications.size(), 1u);
  EXPECT_EQ(layout.applications[0].parts.size(), 3u);
}

TEST(LogLayoutCorpus, MembersOfTheBrokenZipsGroupAsTheirFolders) {
  SKIP_WITHOUT_CORPUS();
  // Members are named "<archive>/<member>", as a face lists them; the zips hold the same files
  // as the extracted folders (corpus README), so they group the same way.
  const struct {
    const char* zip;
    size_t parts;
    size_t skipped;
  } cases[] = {{"missing-dbc-event.zip", 3, 1}, {"missing-part.zip", 3, 0}, {"non-unique-context-id.zip", 4, 1},
               {"missing-first-part.zip", 3, 0}};
  for (const auto& c : cases) {
    const std::string path = EventLogs() + "/spark_log_parser/bad/" + c.zip;
    const std::string archive = testing::ReadFile(path);
    std::vector<ZipMember> members;
    std::string error;
    ASSERT_TRUE(ListZipMembers(archive, &members, &error)) << c.zip << ": " << error;
    Paths names;
    for (const ZipMember& m : members) names.push_back(path + "/" + m.name);
    const LogLayout layout = GroupLogFiles(names);
    ASSERT_EQ(layout.applications.size(), 1u) << c.zip;
    EXPECT_EQ(layout.applications[0].layout, "databricks") << c.zip;
    EXPECT_EQ(layout.applications[0].parts.size(), c.parts) << c.zip;
    EXPECT_EQ(layout.applications[0].parts.back().substr(layout.applications[0].parts.back().size() - 9), "/eventlog");
    EXPECT_EQ(layout.skipped.size(), c.skipped) << c.zip;
  }
}

TEST(LogLayoutCorpus, WholeCorpusGroupsWithoutSurprises) {
  SKIP_WITHOUT_CORPUS();
  const LogLayout layout = GroupLogFiles(testing::ListFiles(EventLogs()));
  EXPECT_GT(layout.applications.size(), 60u);
  for (const AppLogFiles& app : layout.applications) EXPECT_FALSE(app.parts.empty()) << app.app_key;
  for (const SkippedFile& s : layout.skipped) EXPECT_FALSE(s.message.empty()) << s.path;
  // Expected CSVs and the README are skipped, never taken for logs.
  for (const AppLogFiles& app : layout.applications)
    for (const std::string& part : app.parts) EXPECT_EQ(part.find(".csv"), std::string::npos) << part;
}

}  // namespace
}  // namespace clusop
