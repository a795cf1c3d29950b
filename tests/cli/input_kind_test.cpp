// The core's decision of what bytes are, on real inputs: golden plans written by a real Spark,
// event logs from the public corpus (skipped when absent), and a few hand-made edge cases.
#include "analysis/input_kind.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/test_files.hpp"

namespace clusop {
namespace {

InputKind KindOfFile(const std::string& path) {
  const std::string bytes = testing::ReadFile(path);
  return DecideInputKind(std::string_view(bytes).substr(0, kInputKindHeadBytes), bytes.size() <= kInputKindHeadBytes);
}

std::string Golden(const std::string& name) { return testing::SourceDir() + "/tests/golden/plans/" + name; }

std::string EventLogs() {
  const std::string corpus = testing::CorpusDir();
  return corpus.empty() ? "" : corpus + "/eventlogs";
}

TEST(InputKind, PlansInEveryFormAreText) {
  for (const char* name : {"comet/python_udf.tree.txt", "comet/scan_filter_agg.formatted.txt",
                           "comet/python_udf.comet_extended.txt"})
    EXPECT_EQ(KindOfFile(Golden(name)), InputKind::kPlanText) << name;
}

TEST(InputKind, OneEventLineWithAPlanIsAnEventLine) {
  EXPECT_EQ(KindOfFile(Golden("comet/python_udf.event.json")), InputKind::kEventLine);
}

TEST(InputKind, EmptyAndBlankAreEmpty) {
  EXPECT_EQ(DecideInputKind("", true), InputKind::kEmpty);
  EXPECT_EQ(DecideInputKind(" \n\t\r\n", true), InputKind::kEmpty);
}

TEST(InputKind, SeveralEventLinesAreALog) {
  const std::string log =
      "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.5.5\"}\n"
      "{\"Event\":\"SparkListenerApplicationEnd\",\"Timestamp\":1774375208728}\n";
  EXPECT_EQ(DecideInputKind(log, true), InputKind::kEventLog);
  // the head of a long log may end inside its second line
  EXPECT_EQ(DecideInputKind(log.substr(0, log.size() - 20), false), InputKind::kEventLog);
  // white space before the key, as a pretty-printer may leave it
  EXPECT_EQ(DecideInputKind("{ \"Event\" : \"A\"}\n{\"Event\":\"B\"}\n", true), InputKind::kEventLog);
}

TEST(InputKind, OneEventLineWithoutAPlanIsATinyLog) {
  EXPECT_EQ(DecideInputKind("{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.5.5\"}\n", true),
            InputKind::kEventLog);
  // cut before its end, it may still carry a plan further on: analysed as one line
  EXPECT_EQ(DecideInputKind("{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart\"", false),
            InputKind::kEventLine);
}

TEST(InputKind, JsonThatIsNotAnEventIsPlanText) {
  EXPECT_EQ(DecideInputKind("{\"nodeName\":\"Project\",\"children\":[]}", true), InputKind::kPlanText);
  EXPECT_EQ(DecideInputKind("{\"Events\":1}\n{\"Events\":2}\n", true), InputKind::kPlanText);
  // an event line followed by prose is a paste, not a log
  EXPECT_EQ(DecideInputKind("{\"Event\":\"A\"}\nthis is what I ran\n", true), InputKind::kPlanText);
}

TEST(InputKind, BinaryNoiseIsBinaryButUtf8TextIsNot) {
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise.push_back(static_cast<char>((i * 131 + 7) % 251 + 1));
  EXPECT_EQ(DecideInputKind(noise, true), InputKind::kBinary);
  EXPECT_EQ(DecideInputKind(std::string("Project\0[a]", 11), true), InputKind::kBinary);
  EXPECT_EQ(DecideInputKind("Project [name#1 AS \xc3\xa9t\xc3\xa9#2]\n+- Scan parquet \xe6\x97\xa5\xe6\x9c\xac\n", true),
            InputKind::kPlanText);
  // a multi-byte character cut by the end of the head is not a fault
  EXPECT_EQ(DecideInputKind("Project [a#1]\n\xe6\x97", false), InputKind::kPlanText);
}

TEST(InputKind, RealLogsOfEveryLayoutAndCodec) {
  const std::string logs = EventLogs();
  if (logs.empty()) GTEST_SKIP() << "corpus absent";
  const std::string rapids = logs + "/spark-rapids-tools/spark-events-qualification/";
  EXPECT_EQ(KindOfFile(rapids + "python_udf_eventlog"), InputKind::kEventLog);
  EXPECT_EQ(KindOfFile(rapids + "nds_q88_photon_db_13_3.zstd"), InputKind::kCompressed);
  EXPECT_EQ(KindOfFile(rapids + "db_sim_eventlog/eventlog-2021-06-15--15-00.gz"), InputKind::kCompressed);
  EXPECT_EQ(KindOfFile(rapids + "db_sim_eventlog/eventlog"), InputKind::kEventLog);
  EXPECT_EQ(KindOfFile(logs + "/spark_log_parser/emr.zip"), InputKind::kZipArchive);
  EXPECT_EQ(KindOfFile(logs + "/apache-spark/spark-events/local-1642039451826"), InputKind::kEventLog);
}

TEST(InputKind, ScannedKindsAreTheLogs) {
  EXPECT_TRUE(IsScannedKind(InputKind::kEventLog));
  EXPECT_TRUE(IsScannedKind(InputKind::kCompressed));
  EXPECT_TRUE(IsScannedKind(InputKind::kZipArchive));
  EXPECT_FALSE(IsScannedKind(InputKind::kEventLine));
  EXPECT_FALSE(IsScannedKind(InputKind::kPlanText));
  EXPECT_FALSE(IsScannedKind(InputKind::kBinary));
  EXPECT_STREQ(InputKindName(InputKind::kEventLog), "event_log");
}

TEST(InputKind, WhatCannotStartALogSaysWhatItIsAndWhatWasExpected) {
  for (InputKind kind : {InputKind::kEmpty, InputKind::kBinary, InputKind::kPlanText}) {
    const std::string_view reason = NotAnEventLogReason(kind);
    EXPECT_NE(reason.find("expected"), std::string_view::npos) << InputKindName(kind);
    EXPECT_EQ(reason.find('\n'), std::string_view::npos);
  }
  // an event line starts a (tiny) log: the scan reads it
  for (InputKind kind : {InputKind::kEventLog, InputKind::kEventLine, InputKind::kCompressed, InputKind::kZipArchive})
    EXPECT_TRUE(NotAnEventLogReason(kind).empty()) << InputKindName(kind);
}

}  // namespace
}  // namespace clusop
