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

}  // namespace
}  // namespace clusop
