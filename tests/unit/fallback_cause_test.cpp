// The cause of a Comet fallback from the plan's shape, the engine's own reason and Comet's
// operator and function tables (engine/engine_support.cpp), on plans built with the plan builder.
// Operator lines and reasons are in the words Comet 0.12 prints (tests/golden/plans/comet).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/plan_builder.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using nlohmann::json;
using testing::Node;
using testing::PlanSpec;

PlanSpec CometScan() {
  return Node("CometColumnarToRow",
              {Node("CometScan [native_iceberg_compat] parquet [a#1,s#2] Batched: true, Format: CometParquet")});
}

// A JVM operator between Comet below (CometColumnarToRow) and Comet above (a Comet shuffle).
json RoundTrip(const std::string& jvm_line, const std::string& reason = "") {
  const PlanSpec plan = Node("CometSort [a#1], [a#1 ASC NULLS FIRST]",
                             {Node("CometColumnarExchange hashpartitioning(a#1, 4), ENSURE_REQUIREMENTS, CometColumnarShuffle",
                                   {Node(jvm_line + (reason.empty() ? "" : " [COMET: " + reason + "]"), {CometScan()})})});
  return json::parse(testing::AnalyzeThroughApi(testing::RenderTree(plan), "\"engine\": \"comet\""));
}

json OnlyFallback(const json& a) {
  EXPECT_EQ(a["fallbacks"].size(), 1u) << a.dump();
  return a["fallbacks"].empty() ? json::object() : a["fallbacks"][0];
}

TEST(FallbackCause, AFunctionCometDoesNotRunInANativeOperatorIsAnUnsupportedExpression) {
  const json f = OnlyFallback(RoundTrip("Project [a#1, regexp_extract(s#2, note-([0-9]+), 1) AS code#3]"));
  EXPECT_EQ(f["cause"], "unsupported_expression");
  EXPECT_EQ(f["suspects"], json::array({"regexp_extract"}));
}

TEST(FallbackCause, AnIncompatibleFunctionIsASuspectAndSupportedOnesAreNot) {
  const json f = OnlyFallback(RoundTrip("Filter (isnotnull(s#2) AND RLIKE(s#2, ^note-1[0-9]-))"));
  EXPECT_EQ(f["cause"], "unsupported_expression");
  EXPECT_EQ(f["suspects"], json::array({"rlike"}));
}

TEST(FallbackCause, ANativeOperatorWithNothingSuspectIsARoundTrip) {
  const json f = OnlyFallback(RoundTrip("Project [a#1, upper_case#2, cast(a#1 as decimal(12,2)) AS d#3]"));
  EXPECT_EQ(f["cause"], "row_to_columnar_roundtrip");
  EXPECT_EQ(f["suspects"], json::array());
}

TEST(FallbackCause, AnOperatorCometNeverRunsIsUnsupportedEvenInARoundTrip) {
  const json sample = OnlyFallback(RoundTrip("Sample 0.0, 0.1, false, 42"));
  EXPECT_EQ(sample["cause"], "unsupported_operator");
  const json cached = OnlyFallback(RoundTrip("InMemoryTableScan [a#1, s#2]"));
  EXPECT_EQ(cached["cause"], "unsupported_operator");
}

TEST(FallbackCause, TheEnginesReasonOutranksTheRoundTripAndIsMappedByWhatItNames) {
  EXPECT_EQ(OnlyFallback(RoundTrip("Window [a#1]", "WindowExec is not fully compatible with Spark"))["cause"],
            "unsupported_operator");
  EXPECT_EQ(OnlyFallback(RoundTrip("Project [sort_array(s#2, true) AS t#3]", "sort_array is not supported"))["cause"],
            "unsupported_expression");
  EXPECT_EQ(OnlyFallback(RoundTrip("WindowGroupLimit [a#1], [a#1 ASC NULLS FIRST], rank(a#1), 2, Partial",
                                   "WindowGroupLimit is not supported"))["cause"],
            "unsupported_operator");
  EXPECT_EQ(OnlyFallback(RoundTrip("Project [a#1]", "Unsupported data type: StructType(StructField(x,LongType,false))"))["cause"],
            "unsupported_expression");
}

}  // namespace
}  // namespace clusop
