#include "parse/node_line.hpp"

#include <gtest/gtest.h>

namespace clusop {
namespace {

TEST(NodeLine, ReadsGlyphsColumnsAndMarkers) {
  NodeLine line = ParseNodeLine("   :  +- *(3) Project [a#1]");
  EXPECT_EQ(line.type, NodeLine::Type::kNode);
  EXPECT_TRUE(line.has_glyph);
  EXPECT_EQ(line.column, 9);
  EXPECT_EQ(line.marker, StageMarker::kCodegen);
  EXPECT_EQ(line.text, "Project [a#1]");

  line = ParseNodeLine("      +- ^ ProjectExecTransformer (3)");
  EXPECT_EQ(line.marker, StageMarker::kNativeStage);
  EXPECT_EQ(line.text, "ProjectExecTransformer (3)");
}

TEST(NodeLine, CometDoubleSpaceAndReasonTag) {
  const NodeLine line = ParseNodeLine("+-  HashAggregate [COMET: Incompatible aggregate function(s): count]");
  EXPECT_EQ(line.column, 4);
  EXPECT_EQ(OperatorName(line.text), "HashAggregate");
}

TEST(NodeLine, AqeMarkersAndContinuations) {
  EXPECT_EQ(ParseNodeLine("+- == Final Plan ==").kind, NodeKind::kAqeFinalPlan);
  EXPECT_EQ(ParseNodeLine("+- == Initial Plan ==").kind, NodeKind::kAqeInitialPlan);
  EXPECT_EQ(ParseNodeLine("   == Current Plan ==").kind, NodeKind::kAqeCurrentPlan);
  EXPECT_EQ(ParseNodeLine("               [[1, null]]").type, NodeLine::Type::kContinuation);
  EXPECT_EQ(ParseNodeLine("   \t  ").type, NodeLine::Type::kBlank);
}

TEST(NodeLine, StripsAuthorAnnotations) {
  const NodeLine line = ParseNodeLine("+- ^(1) ExpandExecTransformer      \xE2\x86\x90 Velox native");
  EXPECT_EQ(line.text, "ExpandExecTransformer");
}

TEST(OperatorName, NamesMultiWordOperators) {
  EXPECT_EQ(OperatorName("Project [a#1, b#2]"), "Project");
  EXPECT_EQ(OperatorName("Scan parquet default.t[a#1]"), "Scan parquet");
  EXPECT_EQ(OperatorName("CometScan [native_iceberg_compat] parquet spark_catalog.default.customer"),
            "CometScan [native_iceberg_compat] parquet");
  EXPECT_EQ(OperatorName("PhotonScan parquet db.t[a#1]"), "PhotonScan parquet");
  EXPECT_EQ(OperatorName("LocalTableScan [a#1]"), "LocalTableScan");
  EXPECT_EQ(OperatorName("Scan OneRowRelation[]"), "Scan OneRowRelation");
  EXPECT_EQ(OperatorName("Execute InsertIntoHadoopFsRelationCommand file:/x"),
            "Execute InsertIntoHadoopFsRelationCommand");
  EXPECT_EQ(OperatorName("WholeStageCodegen (2)"), "WholeStageCodegen");
}

TEST(FormattedId, FindsTheOutlineId) {
  EXPECT_EQ(FormattedId("BroadcastHashJoin Inner BuildRight (31)"), 31);
  EXPECT_EQ(FormattedId("ShuffleQueryStage (9), Statistics(X)"), 9);
  EXPECT_EQ(FormattedId("Exchange hashpartitioning(a#1, 200)"), -1);
  EXPECT_EQ(FormattedId("Project"), -1);
}

TEST(LooksLikeOperator, RejectsLogAndProse) {
  EXPECT_TRUE(LooksLikeOperator("Project [a#1]"));
  EXPECT_FALSE(LooksLikeOperator("WARN CometExecRule: Comet cannot execute"));
  EXPECT_FALSE(LooksLikeOperator("Photon does not fully support the query because:"));
  EXPECT_FALSE(LooksLikeOperator("Comet accelerated 36 out of 52 eligible operators"));
  EXPECT_FALSE(LooksLikeOperator("Output [2]: [a#1, b#2]"));
}

}  // namespace
}  // namespace clusop
