#include "parse/node_line.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/ident_scan.hpp"

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

// The 16-byte scans against their byte-by-byte forms: lengths around the block size, a prefix,
// identifier or mark ending on a block boundary or in the last byte, tabs, '\r', UTF-8 bytes.
std::vector<std::string> EdgeLines() {
  std::vector<std::string> lines;
  const std::vector<std::string> fills = {" ", ":", "|", "-", "+", "\t", "\r", "a", "Z", "9", "_", "$", "\xE2\x86\x90",
                                          "\xE2\x94\x82", "<", "#", "\n", "\x80", "\xFF", "="};
  for (size_t length : {0, 1, 2, 3, 7, 8, 9, 10, 11, 15, 16, 17, 18, 31, 32, 33, 34, 47, 48, 49}) {
    for (const std::string& fill : fills) {
      std::string base;
      while (base.size() < length) base += fill;
      base.resize(length);
      lines.push_back(base);
      for (const std::string& last : fills) {
        if (length == 0) continue;
        std::string changed = base;
        changed.replace(length - 1, 1, last.substr(0, 1));  // the last byte differs
        lines.push_back(changed);
        for (size_t at : {size_t{1}, size_t{14}, size_t{15}, size_t{16}, size_t{17}, size_t{30}, size_t{31}, size_t{32}}) {
          if (at >= length) continue;
          std::string cut = base;
          cut.replace(at, 1, last.substr(0, 1));  // the run ends here
          lines.push_back(cut);
        }
      }
    }
  }
  for (const char* line : {"   :  :     +- CometBroadcastHashJoin [a#1], [b#2], Inner, BuildRight",
                           "               +- CometNativeScan parquet spark_catalog.default.item",
                           "\t\t+- Project", ":  +- X <- note", "+- ^(1) ExpandExecTransformer      \xE2\x86\x90 Velox",
                           "0123456789abcde <- x", "0123456789abcdef ## y", "0123456789abcdefg \xE2\x86\x90",
                           "                +- AAAAAAAAAAAAAAAA", "               \r+-", "Sort_$09 ## ", " ## ", " <- "})
    lines.push_back(line);
  // deterministic pseudo-random lines over the bytes the scans tell apart
  const std::string alphabet = " :|-+\t\r<#=aZ9_$.[\xE2\x86\x90\x94\x82\xFF\n";
  uint32_t state = 12345;
  for (int k = 0; k < 20000; ++k) {
    state = state * 1664525u + 1013904223u;
    const size_t length = (state >> 8) % 50;
    std::string line;
    for (size_t i = 0; i < length; ++i) {
      state = state * 1664525u + 1013904223u;
      // mostly one byte repeated, so runs of every kind get long
      const size_t pick = (state >> 24) % (alphabet.size() + 8);
      line += pick < alphabet.size() ? alphabet[pick] : (i == 0 ? ' ' : line.back());
    }
    lines.push_back(line);
  }
  return lines;
}

TEST(TreePrefix, SimdMatchesScalar) {
  for (const std::string& line : EdgeLines()) {
    const TreePrefix simd = ReadTreePrefix(line);
    const TreePrefix scalar = detail::ReadTreePrefixScalar(line);
    ASSERT_EQ(simd.length, scalar.length) << '"' << line << '"';
    ASSERT_EQ(simd.has_tab, scalar.has_tab) << '"' << line << '"';
    ASSERT_EQ(simd.has_dash, scalar.has_dash) << '"' << line << '"';
  }
  EXPECT_EQ(ReadTreePrefix("                +- Project").length, 19u);
  EXPECT_EQ(ReadTreePrefix("   :  :  |  :  +Project").length, 16u);  // ends on the block boundary
  EXPECT_TRUE(ReadTreePrefix("                \t-x").has_tab);
}

TEST(IdentifierLength, SimdMatchesScalar) {
  for (const std::string& line : EdgeLines())
    ASSERT_EQ(text::IdentifierLength(line), text::detail::IdentifierLengthScalar(line)) << '"' << line << '"';
  EXPECT_EQ(text::IdentifierLength("CometBroadcastHashJoin [a#1]"), 22u);
  EXPECT_EQ(text::IdentifierLength("ABCDEFGHIJKLMNOP"), 16u);
  EXPECT_EQ(text::IdentifierLength("ABCDEFGHIJKLMNO\xE2"), 15u);
  EXPECT_EQ(text::IdentifierLength("AZaz09_$@[`{/:"), 8u);
  EXPECT_EQ(text::IdentifierLength("ABCDEFGHI "), 9u);  // the end in the overlapping last 8 bytes
  EXPECT_EQ(text::IdentifierLength("ABCDEFGHIJ"), 10u);
}

TEST(HasAnnotationMark, SimdMatchesScalar) {
  for (const std::string& line : EdgeLines())
    ASSERT_EQ(HasAnnotationMark(line), detail::HasAnnotationMarkScalar(line)) << '"' << line << '"';
  EXPECT_TRUE(HasAnnotationMark("0123456789abcdef \xE2\x86\x90"));  // the mark's last byte is the line's
  EXPECT_TRUE(HasAnnotationMark("0123456789abcdefghijk <- x"));
  EXPECT_FALSE(HasAnnotationMark("0123456789abcdefghijk <-"));
  EXPECT_TRUE(HasAnnotationMark("Sort_$09 ## "));
  EXPECT_TRUE(HasAnnotationMark("X \xE2\x86\x90 note"));
  EXPECT_TRUE(HasAnnotationMark("Sort_$09a \xE2\x86\x90"));
}

}  // namespace
}  // namespace clusop
