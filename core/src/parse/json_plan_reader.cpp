#include "parse/json_plan_reader.hpp"

#include <cstdlib>
#include <vector>

#include "common/text.hpp"
#include "parse/json_scanner.hpp"
#include "parse/node_line.hpp"

namespace clusop {
namespace {

using Token = JsonScanner::Token;

class JsonPlanReader {
 public:
  JsonPlanReader(std::string_view input, PlanTree* tree) : scanner_(input), tree_(tree) {}

  bool well_formed() const { return well_formed_; }

  bool Read(std::string* error) {
    if (scanner_.Next() != Token::kObjectBegin) return Fail(error, "expected a JSON object");
    if (!ReadTopObject()) return Fail(error, scanner_.error().empty() ? error_ : scanner_.error());
    if (scanner_.Next() != Token::kEnd) return Fail(error, "trailing data after the JSON object");
    well_formed_ = true;
    if (tree_->roots.empty())
      return Fail(error, "no plan found in the JSON: expected a sparkPlanInfo object (nodeName, simpleString, "
                         "children) or an event-log line holding one");
    return true;
  }

 private:
  enum class Frame : uint8_t { kNode, kChildren, kMetrics, kMetric };
  struct StackEntry {
    Frame frame;
    NodeId node;
  };

  bool Fail(std::string* error, const std::string& what) {
    *error = "invalid event-log JSON: " + what;
    return false;
  }

  // The top level is either an event line or a bare sparkPlanInfo node.
  bool ReadTopObject() {
    const size_t begin = scanner_.token_begin();
    bool is_node = false;
    NodeId node = kNoNode;
    for (;;) {
      const Token t = scanner_.Next();
      if (t == Token::kObjectEnd) break;
      if (t != Token::kKey) return false;
      const std::string_view key = scanner_.raw();
      if (key == "nodeName" || key == "simpleString" || key == "children" || key == "metrics") {
        if (!is_node) {
          is_node = true;
          node = StartNode(kNoNode, begin);
          tree_->format = PlanFormat::kPlanInfoJson;
        }
        if (!ReadNodeField(node, key)) return false;
      } else if (key == "sparkPlanInfo") {
        tree_->format = PlanFormat::kEventJson;
        if (scanner_.Next() != Token::kObjectBegin) return Error("sparkPlanInfo is not an object");
        if (!ReadNodeTree(StartNode(kNoNode, scanner_.token_begin()))) return false;
      } else if (key == "physicalPlanDescription") {
        if (!ReadDescription()) return false;
      } else if (key == "Event") {
        if (!ReadEventType()) return false;
      } else if (!scanner_.SkipValue(scanner_.Next())) {
        return false;
      }
    }
    if (is_node) FinishNodeSpan(node);
    return true;
  }

  NodeId StartNode(NodeId parent, size_t begin) {
    PlanNode node;
    node.span = {begin, begin + 1};
    const NodeId id = tree_->Add(node, parent);
    if (parent == kNoNode) tree_->roots.push_back({id, false});
    return id;
  }

  void FinishNodeSpan(NodeId id) {
    PlanNode& node = tree_->nodes[id];
    if (node.span.end <= node.span.begin) node.span.end = node.span.begin + 1;
  }

  // Walks one node object (already opened) and all its descendants with an explicit stack.
  bool ReadNodeTree(NodeId root) {
    std::vector<StackEntry> stack{{Frame::kNode, root}};
    while (!stack.empty()) {
      const StackEntry top = stack.back();
      const Token t = scanner_.Next();
      switch (top.frame) {
        case Frame::kNode:
          if (t == Token::kObjectEnd) {
            FinishNodeSpan(top.node);
            stack.pop_back();
          } else if (t != Token::kKey) {
            return Error("expected a key in a plan node");
          } else if (scanner_.raw() == "children") {
            if (scanner_.Next() != Token::kArrayBegin) return Error("children is not an array");
            stack.push_back({Frame::kChildren, top.node});
          } else if (scanner_.raw() == "metrics") {
            if (scanner_.Next() != Token::kArrayBegin) return Error("metrics is not an array");
            stack.push_back({Frame::kMetrics, top.node});
          } else if (!ReadNodeField(top.node, scanner_.raw())) {
            return false;
          }
          break;
        case Frame::kChildren:
          if (t == Token::kArrayEnd) {
            stack.pop_back();
          } else if (t == Token::kObjectBegin) {
            stack.push_back({Frame::kNode, StartNode(top.node, scanner_.token_begin())});
          } else {
            return Error("a child is not an object");
          }
          break;
        case Frame::kMetrics:
          if (t == Token::kArrayEnd) {
            stack.pop_back();
          } else if (t == Token::kObjectBegin) {
            if (!ReadMetric(top.node)) return false;
          } else {
            return Error("a metric is not an object");
          }
          break;
        case Frame::kMetric:
          return Error("internal reader state");
      }
    }
    return true;
  }

  // Reads the value of a node field other than children/metrics (those only at the top level).
  bool ReadNodeField(NodeId id, std::string_view key) {
    if (key == "children" || key == "metrics") {
      const Token t = scanner_.Next();
      if (t != Token::kArrayBegin) return Error("expected an array");
      // A bare top-level node: hand its children and metrics to the iterative walker.
      if (key == "children") return ReadChildrenOfTop(id);
      while (true) {
        const Token m = scanner_.Next();
        if (m == Token::kArrayEnd) return true;
        if (m != Token::kObjectBegin || !ReadMetric(id)) return Error("a metric is not an object");
      }
    }
    const Token t = scanner_.Next();
    if (key == "nodeName" || key == "simpleString") {
      if (t != Token::kString) return Error("expected a string for " + std::string(key));
      const std::string_view value = Decode();
      PlanNode& node = tree_->nodes[id];
      if (!error_.empty()) return false;
      if (key == "nodeName") node.name = OperatorName(text::Trim(value));
      else node.text = value;
      node.span.end = scanner_.position();
      return true;
    }
    if (key == "explainId" && t == Token::kNumber) {
      tree_->nodes[id].explain_id = static_cast<int32_t>(std::strtol(std::string(scanner_.raw()).c_str(), nullptr, 10));
      return true;
    }
    return scanner_.SkipValue(t);
  }

  bool ReadChildrenOfTop(NodeId parent) {
    for (;;) {
      const Token t = scanner_.Next();
      if (t == Token::kArrayEnd) return true;
      if (t != Token::kObjectBegin) return Error("a child is not an object");
      if (!ReadNodeTree(StartNode(parent, scanner_.token_begin()))) return false;
    }
  }

  bool ReadMetric(NodeId id) {
    Metric metric;
    for (;;) {
      const Token t = scanner_.Next();
      if (t == Token::kObjectEnd) break;
      if (t != Token::kKey) return Error("expected a key in a metric");
      const std::string_view key = scanner_.raw();
      const Token v = scanner_.Next();
      if (key == "name" && v == Token::kString) metric.name = Decode();
      else if (key == "metricType" && v == Token::kString) metric.type = Decode();
      else if (key == "accumulatorId" && v == Token::kNumber) {
        metric.accumulator_id = std::strtoll(std::string(scanner_.raw()).c_str(), nullptr, 10);
      } else if (key == "value" && v == Token::kNumber) {
        metric.value = std::strtod(std::string(scanner_.raw()).c_str(), nullptr);
        metric.has_value = true;
      } else if (!scanner_.SkipValue(v)) {
        return false;
      }
    }
    PlanNode& node = tree_->nodes[id];
    if (node.metrics_count == 0) node.metrics_begin = static_cast<uint32_t>(tree_->metrics.size());
    // metrics of one node arrive together, after its children have been read
    if (node.metrics_begin + node.metrics_count != tree_->metrics.size()) {
      node.metrics_begin = static_cast<uint32_t>(tree_->metrics.size());
      node.metrics_count = 0;
    }
    tree_->metrics.push_back(metric);
    ++node.metrics_count;
    return true;
  }

  bool ReadDescription() {
    if (scanner_.Next() != Token::kString) return Error("physicalPlanDescription is not a string");
    const std::string_view description = Decode();
    if (!error_.empty()) return false;
    const size_t at = description.find("== Photon Explanation ==");
    if (at != std::string_view::npos) {
      std::string_view rest = description.substr(at + 24);
      const size_t next = rest.find("\n== ");
      tree_->engine_explanation = rest.substr(0, next);
    }
    const size_t comet = description.find("Comet accelerated ");
    if (comet != std::string_view::npos) {
      const size_t eol = description.find('\n', comet);
      tree_->engine_summary = description.substr(comet, eol == std::string_view::npos ? eol : eol - comet);
    }
    return true;
  }

  bool ReadEventType() {
    if (scanner_.Next() != Token::kString) return Error("Event is not a string");
    const std::string_view event = scanner_.raw();
    if (text::EndsWith(event, "SparkListenerSQLExecutionStart")) tree_->aqe_source = AqeSource::kExecutionStart;
    else if (text::EndsWith(event, "SparkListenerSQLAdaptiveExecutionUpdate")) tree_->aqe_source = AqeSource::kAdaptiveUpdate;
    return true;
  }

  std::string_view Decode() {
    if (!scanner_.raw_has_escapes()) return scanner_.raw();
    std::string out;
    if (!JsonScanner::Unescape(scanner_.raw(), &out)) {
      error_ = "bad escape in string at byte " + std::to_string(scanner_.token_begin());
      return {};
    }
    return tree_->Own(std::move(out));
  }

  bool Error(const std::string& what) {
    if (error_.empty()) error_ = what + " at byte " + std::to_string(scanner_.token_begin());
    return false;
  }

  JsonScanner scanner_;
  PlanTree* tree_;
  std::string error_;
  bool well_formed_ = false;
};

}  // namespace

bool ReadJsonPlan(std::string_view input, PlanTree* tree, std::string* error, PlanReadFailure* failure) {
  tree->input = input;
  JsonPlanReader reader(input, tree);
  const bool ok = reader.Read(error);
  if (!ok && failure) *failure = reader.well_formed() ? PlanReadFailure::kNoPlan : PlanReadFailure::kMalformed;
  return ok;
}

}  // namespace clusop
