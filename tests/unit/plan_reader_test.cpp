#include "parse/plan_reader.hpp"

#include <gtest/gtest.h>

#include "support/plan_builder.hpp"

namespace clusop {
namespace {

using testing::Node;
using testing::PlanSpec;

PlanSpec SamplePlan() {
  return Node("Project [a#1]", {Node("SortMergeJoin [a#1], [b#2], Inner",
                                     {Node("*(1) ColumnarToRow", {Node("PhotonResultStage", {Node("PhotonScan parquet db.t[a#1]")})}),
                                      Node("*(2) ColumnarToRow", {Node("PhotonResultStage", {Node("PhotonScan parquet db.u[b#2]")})})})});
}

// name and parent of every node, in reading order
std::vector<std::pair<std::string, int>> Shape(const PlanTree& tree) {
  std::vector<std::pair<std::string, int>> shape;
  for (const PlanNode& node : tree.nodes) shape.emplace_back(std::string(node.name), node.parent);
  return shape;
}

TEST(PlanReader, EveryFormatGivesTheSameTree) {
  const PlanSpec plan = SamplePlan();
  PlanTree tree_text, formatted, json, event;
  std::string error;
  const std::string tree_input = testing::RenderTree(plan);
  const std::string formatted_input = testing::RenderFormatted(plan);
  const std::string json_input = testing::RenderPlanInfoJson(plan);
  const std::string event_input = testing::RenderEventLine(
      plan, "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart", "== Physical Plan ==\n...");
  ASSERT_TRUE(ReadPlan(tree_input, &tree_text, &error)) << error;
  ASSERT_TRUE(ReadPlan(formatted_input, &formatted, &error)) << error;
  ASSERT_TRUE(ReadPlan(json_input, &json, &error)) << error;
  ASSERT_TRUE(ReadPlan(event_input, &event, &error)) << error;
  EXPECT_EQ(tree_text.format, PlanFormat::kTree);
  EXPECT_EQ(formatted.format, PlanFormat::kFormatted);
  EXPECT_EQ(json.format, PlanFormat::kPlanInfoJson);
  EXPECT_EQ(event.format, PlanFormat::kEventJson);
  EXPECT_EQ(event.aqe_source, AqeSource::kExecutionStart);
  ASSERT_EQ(tree_text.nodes.size(), 8u);
  EXPECT_EQ(Shape(tree_text), Shape(formatted));
  EXPECT_EQ(Shape(tree_text), Shape(json));
  EXPECT_EQ(Shape(tree_text), Shape(event));
  EXPECT_EQ(tree_text.nodes[2].marker, StageMarker::kCodegen);
  EXPECT_EQ(formatted.nodes[4].explain_id, 1);  // ids are assigned children-first
  EXPECT_EQ(formatted.nodes[7].explain_id, 4);
  EXPECT_EQ(formatted.nodes[0].explain_id, 8);
  EXPECT_NE(formatted.nodes[0].detail.find("Arguments: [a#1]"), std::string_view::npos);
}

TEST(PlanReader, SpansPointAtEachNodeInTheInput) {
  const std::string input = testing::RenderTree(SamplePlan());
  PlanTree tree;
  std::string error;
  ASSERT_TRUE(ReadPlan(input, &tree, &error));
  for (const PlanNode& node : tree.nodes) {
    const std::string_view spanned = std::string_view(input).substr(node.span.begin, node.span.end - node.span.begin);
    EXPECT_NE(spanned.find(node.text), std::string_view::npos) << node.text;
  }
  const std::string json = testing::RenderPlanInfoJson(SamplePlan());
  PlanTree json_tree;
  ASSERT_TRUE(ReadPlan(json, &json_tree, &error));
  for (const PlanNode& node : json_tree.nodes) {
    const std::string_view spanned = std::string_view(json).substr(node.span.begin, node.span.end - node.span.begin);
    EXPECT_EQ(spanned.substr(0, 12), "{\"nodeName\":");
    EXPECT_NE(spanned.find(node.text), std::string_view::npos);
  }
}

TEST(PlanReader, FindsThePlanInsideNoise) {
  const std::string plan = testing::RenderTree(SamplePlan());
  const std::string noisy = "Some notes before the plan.\n```text\n" + plan +
                            "```\n\n== Photon Explanation ==\nPhoton does not fully support the query because:\n"
                            "\t\tUnsupported node: SortMergeJoin [a#1], [b#2], Inner.\n\nReference node:\n\tSortMergeJoin "
                            "[a#1], [b#2], Inner\n\n== Optimizer Statistics (table names per statistics state) ==\n"
                            "  missing = \n";
  PlanTree tree;
  std::string error;
  ASSERT_TRUE(ReadPlan(noisy, &tree, &error)) << error;
  EXPECT_EQ(tree.nodes.size(), 8u);
  EXPECT_NE(tree.engine_explanation.find("Unsupported node: SortMergeJoin"), std::string_view::npos);
  EXPECT_EQ(tree.engine_explanation.find("Optimizer Statistics"), std::string_view::npos);
}

TEST(PlanReader, ReadsExtendedOutputPhysicalPartOnly) {
  const std::string input = "== Parsed Logical Plan ==\n'Project [*]\n+- 'UnresolvedRelation [t]\n\n"
                            "== Optimized Logical Plan ==\nRelation db.t[a#1] parquet\n\n" +
                            testing::RenderTree(SamplePlan());
  PlanTree tree;
  std::string error;
  ASSERT_TRUE(ReadPlan(input, &tree, &error)) << error;
  EXPECT_EQ(tree.format, PlanFormat::kExtended);
  EXPECT_EQ(tree.nodes.size(), 8u);
  EXPECT_EQ(tree.nodes[0].name, "Project");
}

TEST(PlanReader, ReadsAqeMarkersAsNodes) {
  const PlanSpec plan = Node("AdaptiveSparkPlan isFinalPlan=true",
                             {Node("== Final Plan ==", {Node("ColumnarToRow", {Node("PhotonResultStage", {Node("PhotonRange")})})}),
                              Node("== Initial Plan ==", {Node("Range (0, 10, step=1, splits=2)")})});
  PlanTree tree;
  std::string error;
  ASSERT_TRUE(ReadPlan(testing::RenderTree(plan), &tree, &error)) << error;
  ASSERT_EQ(tree.nodes.size(), 7u);
  EXPECT_EQ(tree.nodes[1].kind, NodeKind::kAqeFinalPlan);
  EXPECT_EQ(tree.nodes[2].parent, 1);
  EXPECT_EQ(tree.nodes[5].kind, NodeKind::kAqeInitialPlan);
  EXPECT_EQ(tree.nodes[5].parent, 0);
}

TEST(PlanReader, ClearErrorsForInputWithoutAPlan) {
  PlanTree tree;
  std::string error;
  EXPECT_FALSE(ReadPlan("", &tree, &error));
  EXPECT_NE(error.find("expected"), std::string::npos);
  EXPECT_FALSE(ReadPlan("just some words\nand more words\n", &tree, &error));
  EXPECT_NE(error.find("no physical plan found"), std::string::npos);
  EXPECT_FALSE(ReadPlan("\xff\xfe bad bytes", &tree, &error));
  EXPECT_NE(error.find("UTF-8"), std::string::npos);
  EXPECT_FALSE(ReadPlan("{\"Event\":\"SparkListenerJobStart\"}", &tree, &error));
  EXPECT_NE(error.find("sparkPlanInfo"), std::string::npos);
  EXPECT_FALSE(ReadPlan("{\"nodeName\": 3}", &tree, &error));
  EXPECT_NE(error.find("nodeName"), std::string::npos);
}

}  // namespace
}  // namespace clusop
