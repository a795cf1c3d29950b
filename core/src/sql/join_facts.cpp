#include "sql/join_facts.hpp"

#include "common/text.hpp"
#include "engine/engine_catalog.hpp"

namespace clusop {
namespace {

// The operator name without its engine's prefix or suffix: "PhotonShuffledHashJoin" ->
// "ShuffledHashJoin", "SortMergeJoinExecTransformer" -> "SortMergeJoin".
std::string_view BaseName(std::string_view name) {
  for (std::string_view prefix : {"Photon", "Comet", "Gpu", "Velox", "CHNative"})
    if (text::StartsWith(name, prefix) && name.size() > prefix.size() && text::IsUpper(name[prefix.size()])) {
      name.remove_prefix(prefix.size());
      break;
    }
  for (std::string_view suffix : {"ExecTransformer", "Transformer", "Exec"})
    if (text::EndsWith(name, suffix) && name.size() > suffix.size()) {
      name.remove_suffix(suffix.size());
      break;
    }
  return name;
}

bool Contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// Nodes a join input passes through unchanged in size terms: data movement, ordering, row-wise
// narrowing, and wrappers without work of their own.
bool PassesThrough(std::string_view name) {
  const OperatorInfo info = LookupOperator(name);
  if (info.starts_subplan) return false;
  if (info.role == Role::kWrapper || info.role == Role::kToRows || info.role == Role::kToColumnar) return true;
  const std::string_view base = BaseName(name);
  for (std::string_view pass :
       {"Project", "Filter", "Sort", "Exchange", "ShuffleExchange", "BroadcastExchange", "ColumnarExchange",
        "ColumnarShuffleExchange", "ColumnarBroadcastExchange", "ShuffleExchangeSink", "ShuffleExchangeSource",
        "Coalesce", "CoalesceBatches", "ShuffleCoalesce", "AQEShuffleRead", "CustomShuffleReader"})
    if (base == pass) return true;
  return false;
}

// Metrics that measure the bytes a node hands on, most telling first.
constexpr std::string_view kSizeMetrics[] = {
    "data size",            // Spark shuffle and broadcast exchanges (rows as serialised)
    "shuffle bytes written",
    "partition data size",  // AQEShuffleRead
    "num bytes read",       // PhotonShuffleExchangeSource
    "num bytes written",    // PhotonShuffleExchangeSink
    "size of files read",   // file scans
    "bytes written",
};
constexpr std::string_view kRowMetrics[] = {"number of output rows", "shuffle records written", "records read"};

// The value of the first metric of `names` (in that order) the node carries with a value.
template <size_t N>
bool FindMetric(const PlanTree& tree, NodeId id, const std::string_view (&names)[N], double* value) {
  const PlanNode& node = tree.nodes[id];
  for (std::string_view wanted : names)
    for (uint32_t m = node.metrics_begin; m < node.metrics_begin + node.metrics_count; ++m) {
      const Metric& metric = tree.metrics[m];
      if (metric.has_value && metric.name == wanted) {
        *value = metric.value;
        return true;
      }
    }
  return false;
}

// The children that are part of this plan (subquery plans hang below some nodes too).
std::vector<NodeId> PlanChildren(const PlanTree& tree, NodeId id) {
  std::vector<NodeId> out;
  for (NodeId child : Children(tree, id))
    if (!LookupOperator(tree.nodes[child].name).starts_subplan) out.push_back(child);
  return out;
}

void MeasureSide(const PlanTree& tree, NodeId side, int64_t* bytes, int64_t* rows) {
  NodeId id = side;
  for (size_t steps = 0; id != kNoNode && steps < tree.nodes.size(); ++steps) {
    double v = 0;
    if (*rows < 0 && FindMetric(tree, id, kRowMetrics, &v)) *rows = static_cast<int64_t>(v);
    if (*bytes < 0 && FindMetric(tree, id, kSizeMetrics, &v)) *bytes = static_cast<int64_t>(v);
    // AQEShuffleRead measures bytes only: its exchange below it counts the rows
    if (*bytes >= 0 && *rows >= 0) return;
    if (!PassesThrough(tree.nodes[id].name)) return;
    const std::vector<NodeId> children = PlanChildren(tree, id);
    id = children.size() == 1 ? children[0] : kNoNode;
  }
}

bool IsDelimiter(char c) { return c == ' ' || c == ',' || c == '[' || c == ']' || c == '(' || c == ')' || text::IsSpace(c); }

// Join type and build side from the node text, outside brackets and parentheses:
// "SortMergeJoin [a#1], [b#2], LeftOuter", "BroadcastHashJoin [k#1], [k#2], Inner, BuildRight, false".
void ReadJoinWords(std::string_view text, JoinFacts* join) {
  static constexpr std::string_view kTypes[] = {"Inner",   "Cross",    "LeftOuter", "RightOuter",   "FullOuter",
                                                "LeftSemi", "LeftAnti", "LeftSingle", "ExistenceJoin"};
  int depth = 0;
  size_t i = 0;
  // skip the operator name
  while (i < text.size() && !IsDelimiter(text[i])) ++i;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '[' || c == '(') { ++depth; ++i; continue; }
    if (c == ']' || c == ')') { if (depth > 0) --depth; ++i; continue; }
    if (IsDelimiter(c)) { ++i; continue; }
    const size_t begin = i;
    while (i < text.size() && !IsDelimiter(text[i])) ++i;
    if (depth != 0) continue;
    const std::string_view word = text.substr(begin, i - begin);
    if (join->join_type.empty())
      for (std::string_view type : kTypes)
        if (word == type) join->join_type = std::string(word);
    if (join->build_side.empty() && (word == "BuildLeft" || word == "BuildRight")) join->build_side = std::string(word);
  }
}

}  // namespace

std::string_view JoinStrategy(std::string_view name) {
  const std::string_view base = BaseName(name);
  if (Contains(base, "SymmetricHashJoin")) return {};  // streaming joins
  if (Contains(base, "BroadcastNestedLoopJoin")) return "BroadcastNestedLoopJoin";
  if (Contains(base, "CartesianProduct")) return "CartesianProduct";
  if (Contains(base, "SortMergeJoin")) return "SortMergeJoin";
  if (Contains(base, "BroadcastHashJoin")) return "BroadcastHashJoin";
  if (text::EndsWith(base, "HashJoin") && Contains(base, "Shuffle")) return "ShuffledHashJoin";
  // CometHashJoin replaces ShuffledHashJoin; other engines' bare HashJoin names say no more.
  if (base == "HashJoin") return text::StartsWith(name, "Comet") ? "ShuffledHashJoin" : "HashJoin";
  return {};
}

std::vector<JoinFacts> FindJoins(const PlanTree& tree) {
  std::vector<JoinFacts> joins;
  for (size_t i = 0; i < tree.nodes.size(); ++i) {
    const PlanNode& node = tree.nodes[i];
    if (node.kind != NodeKind::kOperator) continue;
    const std::string_view strategy = JoinStrategy(node.name);
    if (strategy.empty()) continue;
    JoinFacts join;
    join.strategy = std::string(strategy);
    join.operator_name = std::string(node.name);
    join.node = static_cast<int32_t>(i);
    ReadJoinWords(node.text, &join);
    const std::vector<NodeId> sides = PlanChildren(tree, static_cast<NodeId>(i));
    if (sides.size() >= 1) MeasureSide(tree, sides[0], &join.left_bytes, &join.left_rows);
    if (sides.size() >= 2) MeasureSide(tree, sides[1], &join.right_bytes, &join.right_rows);
    joins.push_back(std::move(join));
  }
  return joins;
}

}  // namespace clusop
