// clusop_rank through the C entry point: findings made elsewhere are merged (same rule on the same
// thing once; a cause's effects folded into its cascade), priced from the application's cluster
// with the embedded price table (modeled, never billed), ranked by time saved; a malformed
// finding is named by its index and the others still ranked.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "clusop/clusop.h"

namespace {

using nlohmann::json;

json Rank(const json& request) {
  const std::string text = request.dump();
  char* out = clusop_rank(text.data(), text.size());
  EXPECT_NE(out, nullptr);
  json answer = json::parse(out);
  clusop_free(out);
  return answer;
}

json Finding(const std::string& rule, const std::string& scope, int stage, double time_ms) {
  json f = {{"rule", rule}, {"scope", scope}, {"severity", "medium"}, {"title", rule},
            {"saving", {{"time_ms", time_ms}}}, {"confidence", {{"level", "MEDIUM"}, {"reasons", {"test"}}}}};
  if (stage >= 0) f["stage_id"] = stage;
  return f;
}

TEST(RankApi, MergesPricesAndRanks) {
  json request = {{"application", {{"cluster", {{"cloud", "aws"}, {"worker_node_type", "i3.xlarge"},
                                                {"driver_node_type", "i3.xlarge"}, {"workers", 4}, {"photon", false}}}}},
                  {"recommendations", json::array({Finding("my_rule", "stage", 3, 60000), Finding("my_rule", "stage", 3, 90000),
                                                   Finding("other", "application", -1, 3600000),
                                                   {{"rule", ""}, {"scope", "stage"}}})}};
  const json answer = Rank(request);
  ASSERT_EQ(answer["schema"], "clusop.scan/1");
  const json& recs = answer["recommendations"];
  ASSERT_EQ(recs.size(), 2u) << answer.dump(1);
  EXPECT_EQ(recs[0]["rule"], "other");
  EXPECT_EQ(recs[0]["rank"], 1);
  EXPECT_EQ(recs[1]["saving"]["time_ms"], 90000) << "the duplicate kept is the larger saving";
  ASSERT_TRUE(recs[0]["saving"]["usd"].is_number()) << recs[0]["saving"].dump();
  EXPECT_GT(recs[0]["saving"]["usd"].get<double>(), 0);
  EXPECT_EQ(recs[0]["saving"]["usd_basis"], "modeled");
  ASSERT_EQ(answer["rule_errors"].size(), 1u);
  EXPECT_NE(answer["rule_errors"][0]["message"].get<std::string>().find("recommendations[3]"), std::string::npos);
}

TEST(RankApi, UnpricedClusterSaysWhatIsMissing) {
  const json answer = Rank({{"application", {{"duration_ms", 1000}}}, {"recommendations", {Finding("x", "stage", 1, 5000)}}});
  const json& saving = answer["recommendations"][0]["saving"];
  EXPECT_TRUE(saving["usd"].is_null());
  EXPECT_FALSE(saving["usd_missing"].empty());
}

TEST(RankApi, BadRequestIsNamed) {
  const std::string text = "[1,2]";
  char* out = clusop_rank(text.data(), text.size());
  const json answer = json::parse(out);
  clusop_free(out);
  EXPECT_EQ(answer["error"]["code"], "bad_request");
}

}  // namespace
