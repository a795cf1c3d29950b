#include "clusop/clusop.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace clusop {
namespace {

nlohmann::json Call(const std::string& request) {
  char* out = clusop_analyze(request.data(), request.size());
  EXPECT_NE(out, nullptr);
  const nlohmann::json parsed = nlohmann::json::parse(out);
  clusop_free(out);
  return parsed;
}

TEST(CApi, AnalysesARequest) {
  const nlohmann::json a = Call(R"({"plan": "== Physical Plan ==\nColumnarToRow\n+- PhotonResultStage\n   +- PhotonScan parquet t[a#1]\n"})");
  EXPECT_EQ(a["schema"], "clusop.analysis/1");
  EXPECT_EQ(a["verdict"]["kind"], "none");
  for (const char* key : {"engine", "parse", "has_fallback", "fallback_weight", "verdict", "fallbacks", "nodes", "waste",
                          "confidence", "recommendation", "signature"})
    EXPECT_TRUE(a.contains(key)) << key;
}

TEST(CApi, ErrorsNameWhatWasExpected) {
  const struct {
    const char* request;
    const char* code;
    const char* says;
  } cases[] = {
      {"not json", "bad_request", "expected a JSON object"},
      {"{}", "bad_request", "\"plan\""},
      {R"({"plan": 42})", "bad_request", "\"plan\""},
      {R"({"plan": "x", "engine": "duckdb"})", "bad_request", "engine"},
      {R"({"plan": "x", "cluster": {"workers": -3}})", "bad_request", "workers"},
      {R"({"plan": "x", "price_table": {"schema": "nope"}})", "bad_request", "clusop.price_table/1"},
      {R"({"plan": ""})", "no_plan", "expected"},
      {R"({"plan": "hello world"})", "no_plan", "no physical plan found"},
  };
  for (const auto& c : cases) {
    const nlohmann::json a = Call(c.request);
    ASSERT_TRUE(a.contains("error")) << c.request;
    EXPECT_EQ(a["error"]["code"], c.code) << c.request;
    EXPECT_NE(a["error"]["message"].get<std::string>().find(c.says), std::string::npos) << c.request;
  }
}

TEST(CApi, NullRequestIsAnErrorNotACrash) {
  char* out = clusop_analyze(nullptr, 0);
  ASSERT_NE(out, nullptr);
  EXPECT_NE(std::string(out).find("bad_request"), std::string::npos);
  clusop_free(out);
  EXPECT_STRNE(clusop_version(), "");
}

}  // namespace
}  // namespace clusop
