#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/plan_builder.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using testing::Node;
using testing::PlanSpec;

PlanSpec UdfPlan(const std::string& ids, const std::string& path) {
  return Node("Project [a#" + ids + ", pythonUDF0#" + ids + "9 AS f#3]",
              {Node("BatchEvalPython [f(a#" + ids + ")], [pythonUDF0#" + ids + "9]",
                    {Node("ColumnarToRow", {Node("PhotonResultStage", {Node("PhotonScan parquet " + path + "[a#" + ids + "]")})})})});
}

std::string Signature(const std::string& plan) {
  return nlohmann::json::parse(testing::AnalyzeThroughApi(plan))["signature"].get<std::string>();
}

TEST(Signature, StableAcrossRunsIdsPathsAndFormats) {
  const std::string first = Signature(testing::RenderTree(UdfPlan("1", "db.t")));
  EXPECT_EQ(first.size(), 16u);
  EXPECT_EQ(first, Signature(testing::RenderTree(UdfPlan("4711", "s3://bucket/other"))));
  EXPECT_EQ(first, Signature(testing::RenderFormatted(UdfPlan("1", "db.t"))));
  EXPECT_EQ(first, Signature(testing::RenderPlanInfoJson(UdfPlan("1", "db.t"))));
}

TEST(Signature, DiffersForADifferentFallbackShape) {
  const PlanSpec other = Node("Project [a#1]", {Node("ArrowEvalPython [f(a#1)], [p#2], 200",
                                                     {Node("ColumnarToRow", {Node("PhotonResultStage", {Node("PhotonScan parquet db.t[a#1]")})})})});
  EXPECT_NE(Signature(testing::RenderTree(UdfPlan("1", "db.t"))), Signature(testing::RenderTree(other)));
}

TEST(Signature, NullWithoutFallback) {
  const std::string clean = testing::RenderTree(Node("ColumnarToRow", {Node("PhotonResultStage", {Node("PhotonScan parquet db.t[a#1]")})}));
  EXPECT_TRUE(nlohmann::json::parse(testing::AnalyzeThroughApi(clean))["signature"].is_null());
}

}  // namespace
}  // namespace clusop
