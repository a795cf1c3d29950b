// AppScan on inputs the data-driven cases cannot hold: a line over the limit, empty and binary
// input, and several parts of one application.
#include "analysis/app_scan.hpp"

#include <gtest/gtest.h>

#include <string>

#include "kpi/app_report.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

const std::string kLog =
    clusop::testing::ReadFile(clusop::testing::SourceDir() + "/tests/eventlog/cases/minimal_complete.jsonl");

TEST(AppScan, ALineOverTheLimitFailsTheApplicationAndKeepsWhatWasRead) {
  ScanOptions options;
  options.max_line_bytes = 4096;
  AppScan scan(options);
  ASSERT_TRUE(scan.BeginPart("big.jsonl"));
  const size_t cut = kLog.find("{\"Event\":\"SparkListenerStageCompleted\"");
  ASSERT_TRUE(scan.Feed(kLog.substr(0, cut)));
  const std::string huge = "{\"Event\":\"SparkListenerTaskEnd\",\"x\":\"" + std::string(1 << 20, 'a');
  bool accepted = true;
  for (size_t i = 0; i < huge.size() && accepted; i += 1000) accepted = scan.Feed(huge.substr(i, 1000));
  EXPECT_FALSE(accepted);
  const AppReport& report = scan.Finish();
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].path, "big.jsonl");
  EXPECT_NE(report.errors[0].message.find("line 12 is longer than the limit of 4096 bytes"), std::string::npos)
      << report.errors[0].message;
  EXPECT_FALSE(report.app.complete);
  ASSERT_FALSE(report.stages.empty());
  EXPECT_EQ(report.stages[0].tasks, 4);
  EXPECT_NE(scan.error().find("big.jsonl: line 12"), std::string::npos);
}

TEST(AppScan, EmptyInputIsAnErrorNotAnEmptyReport) {
  AppScan scan{ScanOptions{}};
  ASSERT_TRUE(scan.BeginPart("empty"));
  const AppReport& report = scan.Finish();
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].path, "empty");
  EXPECT_NE(report.errors[0].message.find("empty"), std::string::npos);
  EXPECT_FALSE(report.app.complete);
}

TEST(AppScan, BinaryNoiseIsAnError) {
  AppScan scan{ScanOptions{}};
  ASSERT_TRUE(scan.BeginPart("noise.bin"));
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise.push_back(static_cast<char>((i * 2654435761u) >> 13));
  scan.Feed(noise);
  const AppReport& report = scan.Finish();
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].path, "noise.bin");
  EXPECT_TRUE(report.stages.empty());
}

TEST(AppScan, PartsOfOneApplicationAddUp) {
  AppScan scan{ScanOptions{}};
  const size_t cut = kLog.find("{\"Event\":\"SparkListenerTaskEnd\"");
  ASSERT_TRUE(scan.BeginPart("events_1_local-1"));
  ASSERT_TRUE(scan.Feed(kLog.substr(0, cut)));
  ASSERT_TRUE(scan.BeginPart("events_2_local-1"));
  ASSERT_TRUE(scan.Feed(kLog.substr(cut)));
  const AppReport& report = scan.Finish();
  EXPECT_TRUE(report.errors.empty());
  EXPECT_TRUE(report.app.complete);
  ASSERT_EQ(report.read.parts.size(), 2u);
  EXPECT_EQ(report.read.parts[0].codec, "none");
  EXPECT_EQ(report.read.parts[1].bytes_in, kLog.size() - cut);
  EXPECT_EQ(report.stages[0].tasks, 4);
}

}  // namespace
}  // namespace clusop
