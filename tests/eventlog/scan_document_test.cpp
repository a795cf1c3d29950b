// clusop_scan_document: a face hands back the names it listed, what its listing met and each
// stream's answer; the core words every error and writes the whole clusop.scan/1 document,
// keeping each application's bytes as its stream wrote them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "clusop/clusop.h"
#include "support/test_files.hpp"

namespace {

using nlohmann::json;

std::string Take(char* answer) {
  std::string out = answer ? answer : "";
  clusop_free(answer);
  return out;
}

std::string StreamAnswer(const std::string& name, const std::string& bytes) {
  const std::string request = json({{"name", name}, {"indent", 2}}).dump();
  clusop_stream* s = clusop_stream_open(request.data(), request.size());
  EXPECT_EQ(clusop_stream_feed(s, bytes.data(), bytes.size()), 0);
  return Take(clusop_stream_finish(s));
}

std::string Document(const json& request) {
  const std::string text = request.dump();
  return Take(clusop_scan_document(text.data(), text.size()));
}

const std::string kCase = clusop::testing::ReadFile(clusop::testing::SourceDir() + "/tests/eventlog/cases/minimal_complete.jsonl");

json Request(const std::string& answer) {
  return {
      {"paths", {"logs/local-1", "logs/.DS_Store", "logs/eventlog_v2_local-2/events_1_local-2",
                 "logs/eventlog_v2_local-2/events_3_local-2"}},
      {"listing", {{{"path", "gone"}, {"problem", "missing"}, {"reason", "No such file or directory"}},
                   {{"path", "empty"}, {"problem", "empty_folder"}, {"reason", ""}}}},
      // in clusop_layout's order: the rolling folder's first part sorts first
      {"applications", {{{"answer", ""}, {"stopped", {{"problem", "refused"}, {"reason", "binary data: expected a Spark event log"}}}},
                        {{"answer", answer}, {"stopped", nullptr}}}},
      {"indent", 2}};
}

TEST(ScanDocument, EveryErrorWordedByTheCoreInTheCommandLinesOrder) {
  const std::string answer = StreamAnswer("logs/local-1", kCase);
  const std::string text = Document(Request(answer));
  const json doc = json::parse(text);
  ASSERT_FALSE(doc.contains("error")) << text;
  EXPECT_FALSE(doc.contains("nothing_read"));
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"gone", "cannot read: No such file or directory (expected an event-log file, a folder or a zip)"},
      {"empty", "the folder holds no files (expected event logs)"},
      {"logs/.DS_Store", "skipped: macOS folder metadata (.DS_Store), not a log"},
      // a damaged layout names the folder it is damaged in, not the application's key
      {"logs/eventlog_v2_local-2", "layout: rolling part 2 is missing"},
      {"logs/eventlog_v2_local-2", "layout: no appstatus_ marker in eventlog_v2_local-2"},
      {"logs/eventlog_v2_local-2/events_1_local-2", "binary data: expected a Spark event log"},
  };
  ASSERT_EQ(doc["errors"].size(), expected.size()) << doc["errors"].dump(1);
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(doc["errors"][i]["path"], expected[i].first) << i;
    EXPECT_EQ(doc["errors"][i]["message"], expected[i].second) << i;
  }
  // the application as its stream wrote it, byte for byte
  const json one = json::parse(answer);
  ASSERT_EQ(doc["applications"].size(), 1u);
  EXPECT_EQ(doc["applications"][0], one["applications"][0]);
  const size_t begin = answer.find("\n    {");
  const size_t end = answer.find("\n  ],", begin);
  EXPECT_NE(text.find(answer.substr(begin, end - begin)), std::string::npos);
}

TEST(ScanDocument, NothingReadSaysWhyInOneLine) {
  json request = Request("");
  request["applications"][1] = {{"answer", StreamAnswer("logs/local-1", "")}, {"stopped", nullptr}};
  const json doc = json::parse(Document(request));
  ASSERT_TRUE(doc.contains("nothing_read")) << doc.dump(1);
  EXPECT_EQ(doc["nothing_read"].get<std::string>().rfind("nothing could be read (7 inputs failed", 0), 0u) << doc["nothing_read"];
  const json none = json::parse(Document({{"paths", json::array()}, {"applications", json::array()}}));
  EXPECT_EQ(none["nothing_read"], "no event log found in the paths given (expected event-log files, folders or zip archives)");
}

TEST(ScanDocument, BadRequestsAnswerErrors) {
  const json mismatch = json::parse(Document({{"paths", {"a/local-1"}}, {"applications", json::array()}}));
  EXPECT_EQ(mismatch["error"]["code"], "bad_request");
  const json problem = json::parse(Document({{"paths", json::array()}, {"listing", {{{"path", "x"}, {"problem", "lost"}}}}}));
  EXPECT_NE(problem["error"]["message"].get<std::string>().find("empty_folder"), std::string::npos);
  EXPECT_EQ(json::parse(Take(clusop_scan_document(nullptr, 0)))["error"]["code"], "bad_request");
  // an answer written with another indent cannot be cut out as it is: said, not mangled
  const std::string request = json({{"name", "local-1"}, {"indent", 1}}).dump();
  clusop_stream* s = clusop_stream_open(request.data(), request.size());
  clusop_stream_feed(s, kCase.data(), kCase.size());
  const json indent = json::parse(Document({{"paths", {"local-1"}}, {"applications", {{{"answer", Take(clusop_stream_finish(s))}}}}}));
  EXPECT_EQ(indent["error"]["code"], "bad_request");
}

}  // namespace
