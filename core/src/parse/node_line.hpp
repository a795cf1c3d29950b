#pragma once
// One line of a drawn plan tree: where its text starts, what marker it carries,
// and the operator name inside it. Shared by every text format.
#include <cstdint>
#include <string_view>

#include "parse/plan_tree.hpp"
#include "parse/tree_prefix.hpp"  // ReadTreePrefix, used with ParseNodeLine by the engine-log readers

namespace clusop {

struct NodeLine {
  enum class Type : uint8_t { kBlank, kNode, kAqeMarker, kContinuation };
  Type type = Type::kBlank;
  NodeKind kind = NodeKind::kOperator;
  StageMarker marker = StageMarker::kNone;
  int32_t column = 0;        // column where the node text starts
  bool has_glyph = false;    // drawn with "+- " or ":- "
  std::string_view text;     // node text without glyphs, markers and author annotations
};

NodeLine ParseNodeLine(std::string_view line);

// "Project [a#1]" -> "Project"; "Scan parquet db.t[..]" -> "Scan parquet";
// "Execute InsertIntoHadoopFsRelationCommand ..." -> "Execute InsertIntoHadoopFsRelationCommand".
std::string_view OperatorName(std::string_view text);

// The "(N)" id of a formatted-mode outline line, or -1.
int32_t FormattedId(std::string_view text);

// Whether a line holds an author's annotation mark (" <- ", " ## " or "←"), 16 bytes at a time.
bool HasAnnotationMark(std::string_view s);
namespace detail {
bool HasAnnotationMarkScalar(std::string_view s);  // the same answer byte by byte (unit-tested)
}  // namespace detail

// A line that can open a plan outline: an operator-looking text that is not log or prose.
bool LooksLikeOperator(std::string_view text);

}  // namespace clusop
