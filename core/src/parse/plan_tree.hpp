#pragma once
// The parsed plan: a flat array of nodes linked by index. Every reader (tree text,
// formatted, simplified, event-log JSON) produces this shape; later stages only read it.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "common/span.hpp"

namespace clusop {

using NodeId = int32_t;
constexpr NodeId kNoNode = -1;

// What a plan line stands for, before any engine knowledge is applied.
enum class NodeKind : uint8_t {
  kOperator,          // a SparkPlan node
  kAqeFinalPlan,      // "== Final Plan ==" marker under AdaptiveSparkPlan
  kAqeInitialPlan,    // "== Initial Plan =="
  kAqeCurrentPlan,    // "== Current Plan ==" (AQE still running)
};

// Whole-stage markers printed before an operator: "*(1) " / "* " (Spark codegen), "^(1) " / "^ " (Gluten).
enum class StageMarker : uint8_t { kNone, kCodegen, kNativeStage };

struct Metric {
  std::string_view name;
  std::string_view type;  // sum, size, timing (ms), nsTiming (ns), average, ...
  double value = 0;
  bool has_value = false;
  int64_t accumulator_id = -1;  // event-log JSON: the accumulator carrying the value (-1: none)
};

struct PlanNode {
  NodeKind kind = NodeKind::kOperator;
  StageMarker marker = StageMarker::kNone;
  std::string_view name;    // operator name: "Project", "Scan parquet", "Execute InsertIntoHadoopFsRelationCommand"
  std::string_view text;    // the node's own one-line text (without tree glyphs and markers)
  std::string_view detail;  // formatted mode: the "(id) Name" details block, else empty
  std::string_view engine_reason;  // the engine's own reason attached to this node, if any
  Span span;                // where the node's line(s) sit in the input
  int32_t column = 0;       // indentation column of the node text (text readers)
  int32_t explain_id = -1;  // "(N)" of formatted mode / explainId of Databricks JSON
  NodeId parent = kNoNode;
  NodeId first_child = kNoNode;
  NodeId last_child = kNoNode;
  NodeId next_sibling = kNoNode;
  uint32_t metrics_begin = 0;
  uint32_t metrics_count = 0;
};

// One tree of the document: the main plan, or a subquery printed in its own section.
struct PlanRoot {
  NodeId node = kNoNode;
  bool is_subquery = false;
};

enum class PlanFormat : uint8_t {
  kUnknown, kTree, kExtended, kFormatted, kSimplified, kCometExtended, kEventJson, kPlanInfoJson
};

// Which AQE stage the plan describes, when the source tells it outside the tree
// (event-log JSON: which event carried it).
enum class AqeSource : uint8_t { kUnknown, kExecutionStart, kAdaptiveUpdate };

struct PlanTree {
  std::string_view input;  // the text the spans point into
  PlanFormat format = PlanFormat::kUnknown;
  AqeSource aqe_source = AqeSource::kUnknown;
  std::vector<PlanNode> nodes;
  std::vector<PlanRoot> roots;
  std::vector<Metric> metrics;
  std::string_view engine_explanation;  // "== Photon Explanation ==" body, if present
  std::string_view engine_summary;      // Comet's "Comet accelerated N out of M ..." line, if present
  std::vector<std::string> warnings;
  int32_t other_plans = 0;              // further "== Physical Plan ==" sections, not read
  std::deque<std::string> owned;        // storage for unescaped strings (JSON input)

  NodeId Add(const PlanNode& node, NodeId parent);
  std::string_view Own(std::string s);
};

// Children of a node, in order.
class ChildRange {
 public:
  ChildRange(const PlanTree& tree, NodeId first) : tree_(tree), first_(first) {}
  struct Iterator {
    const PlanTree* tree;
    NodeId id;
    NodeId operator*() const { return id; }
    Iterator& operator++() { id = tree->nodes[id].next_sibling; return *this; }
    bool operator!=(const Iterator& o) const { return id != o.id; }
  };
  Iterator begin() const { return {&tree_, first_}; }
  Iterator end() const { return {&tree_, kNoNode}; }

 private:
  const PlanTree& tree_;
  NodeId first_;
};

inline ChildRange Children(const PlanTree& tree, NodeId id) {
  return ChildRange(tree, tree.nodes[id].first_child);
}

const char* FormatName(PlanFormat format);
// The sentence every face shows when a text held several "== Physical Plan ==" sections.
std::string OtherPlansWarning(int32_t other_plans);

}  // namespace clusop
