#include "common/display_text.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "clusop/clusop.h"

namespace clusop {
namespace {

TEST(DisplayText, MoneyReadsTheSameEverywhere) {
  EXPECT_EQ(display::Money(0), "$0.00");
  EXPECT_EQ(display::Money(0.004), "$0.0040");
  EXPECT_EQ(display::Money(461.7), "$461.70");
  EXPECT_EQ(display::Money(1234567.891), "$1,234,567.89");
  EXPECT_EQ(display::Money(-3.1), "-$3.10");
}

TEST(DisplayText, PercentHasOneDecimal) {
  EXPECT_EQ(display::Percent(1.0 / 3), "33.3%");
  EXPECT_EQ(display::Percent(0), "0.0%");
  EXPECT_EQ(display::Percent(1), "100.0%");
  EXPECT_EQ(display::Number(2.90, 4), "2.9");
  EXPECT_EQ(display::Number(6, 4), "6");
}

// The vocabulary through the C ABI: every code the analysis contract uses has words.
TEST(DisplayText, VocabularyNamesEveryCode) {
  char* raw = clusop_vocabulary();
  ASSERT_NE(raw, nullptr);
  const auto v = nlohmann::json::parse(raw);
  clusop_free(raw);
  EXPECT_EQ(v["schema"], "clusop.vocabulary/1");
  for (const char* code : {"none", "fix_fallback", "disable_photon"}) EXPECT_TRUE(v["verdict"].contains(code)) << code;
  for (const char* code : {"python_udf", "unsupported_expression", "row_to_columnar_roundtrip", "whole_plan_jvm"})
    EXPECT_TRUE(v["cause"].contains(code)) << code;
  for (const char* code : {"photon", "comet", "gluten", "rapids", "spark"}) EXPECT_TRUE(v["engine"].contains(code)) << code;
  for (const char* code : {"photon_premium", "off_engine_spend"}) EXPECT_TRUE(v["waste_measure"].contains(code)) << code;
  EXPECT_EQ(v["role_badge"]["transition_to_rows"], "TO ROWS");
}

// The answer of clusop_words to a request, parsed.
nlohmann::json Words(const std::string& request) {
  char* raw = clusop_words(request.data(), request.size());
  if (raw == nullptr) return nullptr;
  nlohmann::json answer = nlohmann::json::parse(raw);
  clusop_free(raw);
  return answer;
}

// clusop_words words stored figures with the formatter the scan used for each kind, so a run read
// back from the tables reads as the fresh scan did.
TEST(DisplayText, WordsOfStoredFiguresAreTheScansFormatters) {
  const std::string request =
      R"({"figures": [{"kind": "duration_ms", "value": 12345}, {"kind": "bytes", "value": 1572864},)"
      R"( {"kind": "share", "value": 0.3333}, {"kind": "modeled_usd_per_run", "value": null},)"
      R"( {"kind": "modeled_usd_per_run", "value": 1.5}, {"kind": "duration_ms", "value": null},)"
      R"( {"kind": "utc_minute", "value": 1714566840000}, {"kind": "times", "value": 14.23}]})";
  const nlohmann::json answer = Words(request);
  ASSERT_TRUE(answer.contains("texts")) << answer.dump();
  const nlohmann::json& t = answer["texts"];
  EXPECT_EQ(t[0], display::Duration(12345));
  EXPECT_EQ(t[1], display::Bytes(1572864));
  EXPECT_EQ(t[2], "33.3%");
  EXPECT_EQ(t[3], "not priced");
  EXPECT_EQ(t[4], display::ModeledPerRun(1.5));
  EXPECT_TRUE(t[5].is_null());
  EXPECT_EQ(t[6], "2024-05-01 12:34 UTC");
  EXPECT_EQ(t[7], "14.2x");
}

TEST(DisplayText, WordsRefuseAnUnknownKindWithTheList) {
  const nlohmann::json answer = Words(R"({"figures": [{"kind": "furlongs", "value": 3}]})");
  ASSERT_TRUE(answer.contains("error")) << answer.dump();
  const std::string message = answer["error"]["message"];
  EXPECT_NE(message.find("furlongs"), std::string::npos) << message;
  EXPECT_NE(message.find("duration_ms, bytes"), std::string::npos) << message;
}

// A figure no formatter can word exactly (beyond 2^53, where a double stops holding every whole
// number, and where the minute and byte conversions would overflow) is refused, never worded wrong.
TEST(DisplayText, WordsRefuseAFigureBeyondExactWholeNumbers) {
  for (const char* figure : {R"({"kind": "utc_minute", "value": -9.3e18})", R"({"kind": "bytes", "value": 1e300})",
                             R"({"kind": "whole_number", "value": 1e300})", R"({"kind": "duration_ms", "value": 9007199254740993e3})"}) {
    const nlohmann::json answer = Words(std::string(R"({"figures": [)") + figure + "]}");
    ASSERT_TRUE(answer.contains("error")) << figure << ": " << answer.dump();
    const std::string message = answer["error"]["message"];
    EXPECT_NE(message.find("figures[0].value"), std::string::npos) << message;
  }
  const nlohmann::json answer = Words(R"({"figures": [{"kind": "whole_number", "value": -9007199254740992}]})");
  ASSERT_TRUE(answer.contains("texts")) << answer.dump();
  EXPECT_EQ(answer["texts"][0], "-9007199254740992");
}

}  // namespace
}  // namespace clusop
