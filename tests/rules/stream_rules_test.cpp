// A scan request's rule fields through the stream entry points: a user's rules file runs beside
// the built-in rules and its recommendations are priced from the cluster the log states; a
// fault in it is a rule error, not a failed scan; a malformed field is a bad request.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "clusop/clusop.h"
#include "support/test_files.hpp"

namespace {

using nlohmann::json;

json Scan(const json& request) {
  const std::string log = clusop::testing::ReadFile(clusop::testing::SourceDir() + "/tests/eventlog/cases/databricks_shape.jsonl");
  const std::string text = request.dump();
  clusop_stream* stream = clusop_stream_open(text.data(), text.size());
  clusop_stream_feed(stream, log.data(), log.size());
  char* out = clusop_stream_finish(stream);
  json answer = json::parse(out);
  clusop_free(out);
  return answer;
}

const char* kUserRules =
    "rule every_app\n  scope application\n  when jobs >= 0\n  title {app_id}\n  saving 3600000\n"
    "  confidence LOW: a test rule\nend\n"
    "rule broken\n  scope stage\n  when no_such_kpi > 1\n  title x\n  saving 0\nend\n";

TEST(StreamRules, UserRulesRunAndArePriced) {
  const json answer = Scan({{"name", "databricks_shape.jsonl"}, {"rules", kUserRules}, {"mute", {"aqe_off"}},
                            {"thresholds", {{"task_skew.min_excess_ms", 1000}}}});
  ASSERT_FALSE(answer.contains("error")) << answer.dump();
  ASSERT_EQ(answer["rule_errors"].size(), 1u) << answer["rule_errors"].dump();
  EXPECT_EQ(answer["rule_errors"][0]["line"], 10);
  EXPECT_EQ(answer["rule_errors"][0]["rule"], "broken");
  const json& recs = answer["applications"][0]["recommendations"];
  ASSERT_FALSE(recs.empty());
  int mine = 0;
  for (const json& r : recs) {
    if (r["rule"] != "every_app") continue;
    ++mine;
    // a Databricks log names its node types, workers and Photon: the hour saved has a modeled price
    ASSERT_TRUE(r["saving"]["usd"].is_number()) << r["saving"].dump();
    EXPECT_GT(r["saving"]["usd"].get<double>(), 0);
    EXPECT_EQ(r["title"], "app-2023");
    EXPECT_EQ(r["saving"]["usd_basis"], "modeled");
    EXPECT_EQ(r["confidence"]["level"], "LOW");
  }
  EXPECT_EQ(mine, 1);
}

TEST(StreamRules, MalformedFieldsAreBadRequests) {
  for (const json& request : {json{{"thresholds", {{"task_skew.min_excess_ms", "soon"}}}}, json{{"mute", "aqe_off"}},
                              json{{"rules", 5}}}) {
    const json answer = Scan(request);
    ASSERT_TRUE(answer.contains("error")) << request.dump();
    EXPECT_EQ(answer["error"]["code"], "bad_request");
  }
}

}  // namespace
