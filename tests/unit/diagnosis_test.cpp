// Fallback diagnosis on plans built with the plan builder, read through the public entry point.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/plan_builder.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using nlohmann::json;
using testing::Node;
using testing::PlanSpec;

json Analyze(const std::string& plan, const std::string& extra = "") {
  return json::parse(testing::AnalyzeThroughApi(plan, extra));
}

PlanSpec PhotonScan(const std::string& table = "db.t") {
  return Node("ColumnarToRow", {Node("PhotonResultStage", {Node("PhotonProject [a#1]", {Node("PhotonScan parquet " + table + "[a#1]")})})});
}

std::vector<std::string> Operators(const json& fallback) {
  return fallback["operators"].get<std::vector<std::string>>();
}

TEST(Diagnosis, TerminalTransitionIsTheResultBoundary) {
  const json a = Analyze(testing::RenderTree(PhotonScan()));
  EXPECT_EQ(a["engine"], "photon");
  EXPECT_FALSE(a["has_fallback"]);
  EXPECT_EQ(a["verdict"]["kind"], "none");
  EXPECT_TRUE(a["nodes"][0]["result_boundary"]);
  EXPECT_EQ(a["nodes"][0]["role"], "transition_to_rows");
}

TEST(Diagnosis, JvmOperatorsAboveAMidPlanTransitionFallBack) {
  const PlanSpec plan = Node("Project [a#1]", {Node("SortMergeJoin [a#1], [b#2], Inner", {PhotonScan("db.t"), PhotonScan("db.u")})});
  const json a = Analyze(testing::RenderTree(plan));
  ASSERT_TRUE(a["has_fallback"]);
  ASSERT_EQ(a["fallbacks"].size(), 1u);
  EXPECT_EQ(Operators(a["fallbacks"][0]), (std::vector<std::string>{"Project", "SortMergeJoin"}));
  EXPECT_EQ(a["verdict"]["kind"], "fix_fallback");
  EXPECT_EQ(a["verdict"]["cause"], "unsupported_operator");
  EXPECT_NE(a["recommendation"].get<std::string>().find("preferSortMergeJoin"), std::string::npos);
  EXPECT_EQ(a["fallback_weight_basis"], "node_count");
  EXPECT_DOUBLE_EQ(a["fallback_weight"].get<double>(), 0.3333);  // 2 of 6 real operators
}

TEST(Diagnosis, PythonUdfIsNamedAsTheCause) {
  const PlanSpec plan = Node("Project [a#1, pythonUDF0#9 AS f#3]", {Node("BatchEvalPython [f(a#1)#2], [pythonUDF0#9]", {PhotonScan()})});
  const json a = Analyze(testing::RenderTree(plan));
  EXPECT_EQ(a["verdict"]["cause"], "python_udf");
  EXPECT_NE(a["recommendation"].get<std::string>().find("BatchEvalPython"), std::string::npos);
  EXPECT_EQ(a["confidence"]["recommendation"], "HIGH");
}

TEST(Diagnosis, PandasScalaAndDatasetCauses) {
  EXPECT_EQ(Analyze(testing::RenderTree(Node("ArrowEvalPython [f(a#1)#2], [p#3], 200", {PhotonScan()})))["verdict"]["cause"],
            "pandas_udf");
  EXPECT_EQ(Analyze(testing::RenderTree(Node("*(1) Project [UDF(a#1) AS b#2]", {PhotonScan()})))["verdict"]["cause"],
            "scala_udf");
  const PlanSpec dataset =
      Node("SerializeFromObject [x]", {Node("MapElements f, obj#5", {Node("DeserializeToObject createexternalrow(a#1)", {PhotonScan()})})});
  EXPECT_EQ(Analyze(testing::RenderTree(dataset))["verdict"]["cause"], "dataset_api");
}

TEST(Diagnosis, LocalTableLeafIsNegligibleButAJvmScanIsNot) {
  const PlanSpec local = Node("ColumnarToRow", {Node("PhotonResultStage", {Node("PhotonGroupingAgg", {Node("PhotonRowToColumnar", {Node("LocalTableScan [a#1]")})})})});
  EXPECT_FALSE(Analyze(testing::RenderTree(local))["has_fallback"]);
  const PlanSpec csv = Node("ColumnarToRow", {Node("PhotonResultStage", {Node("PhotonFilter", {Node("PhotonRowToColumnar", {Node("FileScan csv [a#1] Batched: false")})})})});
  const json a = Analyze(testing::RenderTree(csv));
  ASSERT_TRUE(a["has_fallback"]);
  EXPECT_EQ(Operators(a["fallbacks"][0]), std::vector<std::string>{"FileScan csv"});
}

TEST(Diagnosis, RoundTripThroughRows) {
  const PlanSpec plan = Node("ColumnarToRow", {Node("PhotonResultStage", {Node("PhotonProject", {Node("PhotonRowToColumnar", {Node("Coalesce 4", {PhotonScan()})})})})});
  const json a = Analyze(testing::RenderTree(plan));
  EXPECT_EQ(a["verdict"]["cause"], "row_to_columnar_roundtrip");
}

TEST(Diagnosis, WholePlanOnTheJvmOnlyWhenTheEngineIsOn) {
  const std::string plan = testing::RenderTree(Node("*(1) Project [a#1]", {Node("*(1) Filter (a#1 > 1)", {Node("*(1) ColumnarToRow", {Node("FileScan parquet db.t[a#1] Batched: true")})})}));
  const json vanilla = Analyze(plan);
  EXPECT_EQ(vanilla["engine"], "spark");
  EXPECT_FALSE(vanilla["has_fallback"]);
  const json photon = Analyze(plan, "\"photon_enabled\": true");
  EXPECT_EQ(photon["engine"], "photon");
  EXPECT_EQ(photon["verdict"]["kind"], "disable_photon");
  EXPECT_EQ(photon["verdict"]["cause"], "whole_plan_jvm");
  EXPECT_DOUBLE_EQ(photon["fallback_weight"].get<double>(), 1.0);
  const json comet = Analyze(plan, "\"engine\": \"comet\"");
  EXPECT_EQ(comet["verdict"]["kind"], "fix_fallback");
  EXPECT_NE(comet["recommendation"].get<std::string>().find("spark.comet.enabled=false"), std::string::npos);
}

TEST(Diagnosis, AqeFinalPlanIsJudgedNeverTheInitialOne) {
  const PlanSpec plan = Node("AdaptiveSparkPlan isFinalPlan=true",
                             {Node("== Final Plan ==", {Node("ResultQueryStage 1", {PhotonScan()})}),
                              Node("== Initial Plan ==", {Node("Project [a#1]", {Node("Scan parquet db.t[a#1]")})})});
  const json a = Analyze(testing::RenderTree(plan));
  EXPECT_FALSE(a["has_fallback"]);
  EXPECT_EQ(a["parse"]["plan_state"], "final");
  for (const json& node : a["nodes"])
    if (node["name"] == "Project" || node["name"] == "Scan parquet") EXPECT_FALSE(node["judged"]);
}

TEST(Diagnosis, CurrentPlanJudgesOnlyMaterializedStages) {
  const PlanSpec plan = Node("AdaptiveSparkPlan isFinalPlan=false",
                             {Node("== Current Plan ==", {Node("HashAggregate(keys=[], functions=[count(1)])",
                                                              {Node("ShuffleQueryStage 0", {Node("PhotonShuffleExchangeSource", {Node("PhotonShuffleMapStage", {Node("PhotonShuffleExchangeSink SinglePartition", {Node("PhotonAgg", {Node("PhotonScan parquet db.t[a#1]")})})})})})})}),
                              Node("== Initial Plan ==", {Node("PhotonAgg", {Node("PhotonScan parquet db.t[a#1]")})})});
  const json a = Analyze(testing::RenderTree(plan));
  EXPECT_FALSE(a["has_fallback"]);
  EXPECT_EQ(a["parse"]["plan_state"], "aqe_current");
  EXPECT_EQ(a["confidence"]["diagnosis"], "LOW");
}

TEST(Diagnosis, InitialPlanBeforeEngineRulesIsNotJudged) {
  const std::string plan = testing::RenderTree(Node("AdaptiveSparkPlan isFinalPlan=false", {Node("Project [a#1]", {Node("Scan parquet db.t[a#1]")})}));
  const json a = Analyze(plan, "\"engine\": \"rapids\"");
  EXPECT_FALSE(a["has_fallback"]);
  EXPECT_EQ(a["confidence"]["diagnosis"], "LOW");
}

// Photon places its operators before AQE runs (initial Photon plans show Photon* nodes): an
// initial plan on a Photon cluster without one ran wholly on the JVM, and is judged so.
TEST(Diagnosis, InitialPlanWithoutPhotonOnAPhotonClusterRanOnTheJvm) {
  const std::string plan = testing::RenderTree(Node("AdaptiveSparkPlan isFinalPlan=false", {Node("HashAggregate(keys=[a#1], functions=[count(1)])", {Node("Exchange hashpartitioning(a#1, 200)", {Node("Scan parquet db.t[a#1]")})})}));
  const json a = Analyze(plan, "\"photon_enabled\": true");
  ASSERT_TRUE(a["has_fallback"]);
  EXPECT_EQ(a["verdict"]["cause"], "whole_plan_jvm");
  EXPECT_EQ(a["verdict"]["kind"], "disable_photon");
  EXPECT_EQ(a["parse"]["plan_state"], "aqe_initial");
  EXPECT_EQ(a["confidence"]["diagnosis"], "MEDIUM");
  // the same plan from a Comet cluster is printed before Comet's rules ran: not judged
  EXPECT_FALSE(Analyze(plan, "\"engine\": \"comet\"")["has_fallback"]);
}

TEST(Diagnosis, PhotonExplanationGivesTheReason) {
  const PlanSpec plan = Node("*(1) Sample 0.0, 0.01, false, 42", {Node("*(1) ColumnarToRow", {Node("PhotonResultStage", {Node("PhotonScan parquet db.t[a#1]")})})});
  const std::string text = testing::RenderTree(plan) +
                           "\n== Photon Explanation ==\nPhoton does not fully support the query because:\n"
                           "\t\tUnsupported node: Sample 0.0, 0.01, false, 42.\n\nReference node:\n\tSample 0.0, 0.01, false, 42\n";
  const json a = Analyze(text);
  ASSERT_TRUE(a["has_fallback"]);
  EXPECT_EQ(a["fallbacks"][0]["reason"], "Unsupported node: Sample 0.0, 0.01, false, 42.");
  EXPECT_EQ(a["engine_evidence"]["explanation"], "not_fully_supported");
  EXPECT_EQ(a["confidence"]["diagnosis"], "HIGH");
}

TEST(Diagnosis, UnknownOperatorsLowerParseConfidenceAndCapTheAdvice) {
  const PlanSpec plan = Node("FancyVendorOp [a#1]", {PhotonScan()});
  const json a = Analyze(testing::RenderTree(plan));
  ASSERT_TRUE(a["has_fallback"]);
  EXPECT_EQ(a["parse"]["unknown_nodes"], json::array({"FancyVendorOp"}));
  EXPECT_EQ(a["confidence"]["parse"], "LOW");
  EXPECT_EQ(a["confidence"]["recommendation"], "LOW");
}

TEST(Diagnosis, TimeMetricsWeighTheFallback) {
  // an event-log tree whose metrics carry values: 30 ms on the JVM Project, 70 ms in Photon
  const std::string plan = R"({"nodeName":"Project","simpleString":"Project [a#1]","children":[
    {"nodeName":"ColumnarToRow","simpleString":"ColumnarToRow","children":[
     {"nodeName":"PhotonResultStage","simpleString":"PhotonResultStage","children":[
      {"nodeName":"PhotonScan parquet ","simpleString":"PhotonScan parquet db.t[a#1]","children":[],
       "metrics":[{"name":"exclusive time","accumulatorId":2,"metricType":"nsTiming","value":70000000}]}],
      "metrics":[]}],"metrics":[]}],
    "metrics":[{"name":"duration","accumulatorId":1,"metricType":"timing","value":30}]})";
  const json a = Analyze(plan);
  EXPECT_EQ(a["fallback_weight_basis"], "time_metrics");
  EXPECT_DOUBLE_EQ(a["fallback_weight"].get<double>(), 0.3);
}

}  // namespace
}  // namespace clusop
