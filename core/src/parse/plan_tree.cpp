#include "parse/plan_tree.hpp"

namespace clusop {

NodeId PlanTree::Add(const PlanNode& node, NodeId parent) {
  const NodeId id = static_cast<NodeId>(nodes.size());
  nodes.push_back(node);
  nodes[id].parent = parent;
  if (parent != kNoNode) {
    PlanNode& p = nodes[parent];
    if (p.last_child == kNoNode) p.first_child = id;
    else nodes[p.last_child].next_sibling = id;
    p.last_child = id;
  }
  return id;
}

std::string_view PlanTree::Own(std::string s) {
  owned.push_back(std::move(s));
  return owned.back();
}

std::string OtherPlansWarning(int32_t other_plans) {
  return "the input holds " + std::to_string(other_plans + 1) +
         " physical plans ('== Physical Plan ==' sections): only the first was analysed; analyse each on its own";
}

const char* FormatName(PlanFormat format) {
  switch (format) {
    case PlanFormat::kTree: return "tree";
    case PlanFormat::kExtended: return "extended";
    case PlanFormat::kFormatted: return "formatted";
    case PlanFormat::kSimplified: return "simplified";
    case PlanFormat::kCometExtended: return "comet_extended";
    case PlanFormat::kEventJson: return "event_log_json";
    case PlanFormat::kPlanInfoJson: return "spark_plan_info_json";
    case PlanFormat::kUnknown: break;
  }
  return "unknown";
}

}  // namespace clusop
