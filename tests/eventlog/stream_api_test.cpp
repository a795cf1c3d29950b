// The stream C ABI: chunks of any size give the same answer as one feed; files of one
// application in order; bad requests and NULLs answer errors, never crash.
#include <gtest/gtest.h>

#include <string>

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

std::string Stream(const std::string& request, const std::vector<std::pair<std::string, std::string>>& files, size_t chunk) {
  clusop_stream* s = clusop_stream_open(request.data(), request.size());
  EXPECT_NE(s, nullptr);
  bool first = true;
  for (const auto& [name, bytes] : files) {
    if (!first) {
      EXPECT_EQ(clusop_stream_next_file(s, name.data(), name.size()), 0);
    }
    first = false;
    for (size_t i = 0; i < bytes.size(); i += chunk)
      EXPECT_EQ(clusop_stream_feed(s, bytes.data() + i, std::min(chunk, bytes.size() - i)), 0);
  }
  return Take(clusop_stream_finish(s));
}

const std::string kCase = clusop::testing::ReadFile(clusop::testing::SourceDir() + "/tests/eventlog/cases/minimal_complete.jsonl");

TEST(StreamApi, ChunkedFeedEqualsOneFeed) {
  const std::string request = R"({"name": "minimal_complete.jsonl", "indent": 1})";
  const std::string whole = Stream(request, {{"minimal_complete.jsonl", kCase}}, kCase.size());
  const json doc = json::parse(whole);
  EXPECT_EQ(doc["schema"], "clusop.scan/1");
  EXPECT_EQ(doc["applications"][0]["app_id"], "local-1");
  for (size_t chunk : {1, 3, 64, 1000}) EXPECT_EQ(Stream(request, {{"minimal_complete.jsonl", kCase}}, chunk), whole) << chunk;
}

TEST(StreamApi, TwoFilesOfOneApplication) {
  const size_t cut = kCase.find("{\"Event\":\"SparkListenerTaskEnd\"");
  const std::string one = kCase.substr(0, cut), two = kCase.substr(cut);
  const json doc = json::parse(Stream(R"({"name": "events_1_local-1"})", {{"events_1_local-1", one}, {"events_2_local-1", two}}, 5));
  const json& app = doc["applications"][0];
  EXPECT_EQ(app["stages"][0]["tasks_seen"], 4);
  EXPECT_EQ(app["read"]["parts"].size(), 2u);
  EXPECT_EQ(app["read"]["parts"][1]["path"], "events_2_local-1");
  EXPECT_EQ(app["complete"], true);
}

TEST(StreamApi, BadRequestsAndNullsAnswerErrors) {
  for (const std::string request : {"[1]", "{\"name\": 3}", "{\"engine\": \"nope\"}", "not json"}) {
    clusop_stream* s = clusop_stream_open(request.data(), request.size());
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(clusop_stream_feed(s, "{}", 2), -1);
    const json doc = json::parse(Take(clusop_stream_finish(s)));
    EXPECT_EQ(doc["error"]["code"], "bad_request") << request;
    EXPECT_FALSE(doc["error"]["message"].get<std::string>().empty());
  }
  EXPECT_EQ(clusop_stream_feed(nullptr, "x", 1), -1);
  EXPECT_EQ(clusop_stream_next_file(nullptr, "x", 1), -1);
  EXPECT_EQ(json::parse(Take(clusop_stream_finish(nullptr)))["error"]["code"], "bad_request");
  // an open with no request at all reads with the defaults
  clusop_stream* s = clusop_stream_open(nullptr, 0);
  ASSERT_EQ(clusop_stream_feed(s, kCase.data(), kCase.size()), 0);
  EXPECT_EQ(json::parse(Take(clusop_stream_finish(s)))["applications"][0]["complete"], true);
}

TEST(StreamApi, AFailedFileStopsTheStreamButKeepsWhatWasRead) {
  const std::string request = R"({"name": "a.jsonl"})";
  clusop_stream* s = clusop_stream_open(request.data(), request.size());
  ASSERT_EQ(clusop_stream_feed(s, kCase.data(), kCase.size()), 0);
  ASSERT_EQ(clusop_stream_next_file(s, "b.jsonl", 7), 0);
  const std::string garbage = "{\"not\": \"an event\"}\n";
  EXPECT_EQ(clusop_stream_feed(s, garbage.data(), garbage.size()), -1);
  EXPECT_EQ(clusop_stream_feed(s, kCase.data(), kCase.size()), -1);
  const json doc = json::parse(Take(clusop_stream_finish(s)));
  EXPECT_EQ(doc["applications"][0]["stages"][0]["tasks_seen"], 4);
  EXPECT_EQ(doc["errors"][0]["path"], "b.jsonl");
  EXPECT_EQ(doc["applications"][0]["complete"], false);
}

TEST(LayoutApi, AnswersTheLayoutSchemaOrAnError) {
  const std::string request = R"({"paths": ["logs/app-1"]})";
  const json doc = json::parse(Take(clusop_layout(request.data(), request.size())));
  EXPECT_EQ(doc["schema"], "clusop.layout/1");
  EXPECT_TRUE(doc["applications"].is_array());
  const std::string bad = R"({"paths": [1]})";
  EXPECT_EQ(json::parse(Take(clusop_layout(bad.data(), bad.size())))["error"]["code"], "bad_request");
}

}  // namespace
