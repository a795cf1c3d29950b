#include "support/plan_builder.hpp"

#include <map>
#include <utility>

#include "parse/node_line.hpp"

namespace clusop::testing {
namespace {

// Drops a leading "*(1) " / "^ " marker: formatted and JSON forms carry no markers.
std::string WithoutMarker(const std::string& text) {
  if (!text.empty() && (text[0] == '*' || text[0] == '^')) {
    const size_t space = text.find(' ');
    if (space != std::string::npos) return text.substr(space + 1);
  }
  return text;
}

struct Frame {
  const PlanSpec* node;
  std::string prefix;
  bool last;
  bool root;
};

}  // namespace

std::string RenderTree(const PlanSpec& plan) {
  std::string out = "== Physical Plan ==\n";
  std::vector<Frame> stack{{&plan, "", true, true}};
  while (!stack.empty()) {
    const Frame f = stack.back();
    stack.pop_back();
    out += f.prefix;
    if (!f.root) out += f.last ? "+- " : ":- ";
    out += f.node->text + "\n";
    const std::string child_prefix = f.root ? "" : f.prefix + (f.last ? "   " : ":  ");
    const auto& kids = f.node->children;
    for (size_t k = kids.size(); k-- > 0;) stack.push_back({&kids[k], child_prefix, k + 1 == kids.size(), false});
  }
  return out;
}

std::string RenderFormatted(const PlanSpec& plan) {
  // ids children-first: number nodes in post-order
  std::map<const PlanSpec*, int> ids;
  std::vector<std::pair<const PlanSpec*, bool>> stack{{&plan, false}};
  int next = 1;
  std::vector<const PlanSpec*> post_order;
  while (!stack.empty()) {
    auto [node, expanded] = stack.back();
    stack.pop_back();
    if (expanded) {
      ids[node] = next++;
      post_order.push_back(node);
      continue;
    }
    stack.push_back({node, true});
    for (size_t k = node->children.size(); k-- > 0;) stack.push_back({&node->children[k], false});
  }
  std::string out = "== Physical Plan ==\n";
  std::vector<Frame> frames{{&plan, "", true, true}};
  while (!frames.empty()) {
    const Frame f = frames.back();
    frames.pop_back();
    const std::string text = WithoutMarker(f.node->text);
    const bool codegen = !f.node->text.empty() && f.node->text[0] == '*';
    out += f.prefix;
    if (!f.root) out += f.last ? "+- " : ":- ";
    out += (codegen ? "* " : "") + std::string(OperatorName(text)) + " (" + std::to_string(ids[f.node]) + ")\n";
    const std::string child_prefix = f.root ? "" : f.prefix + (f.last ? "   " : ":  ");
    const auto& kids = f.node->children;
    for (size_t k = kids.size(); k-- > 0;) frames.push_back({&kids[k], child_prefix, k + 1 == kids.size(), false});
  }
  out += "\n\n";
  for (const PlanSpec* node : post_order) {
    const std::string text = WithoutMarker(node->text);
    const std::string name(OperatorName(text));
    out += "(" + std::to_string(ids[node]) + ") " + name + "\n";
    if (text.size() > name.size()) out += "Arguments: " + text.substr(name.size() + 1) + "\n";
    out += "\n";
  }
  return out;
}

std::string JsonQuote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

std::string RenderPlanInfoJson(const PlanSpec& plan) {
  struct Item {
    const PlanSpec* node;
    bool opened;
    bool comma;  // not the first child: a comma goes before it
  };
  std::string out;
  std::vector<Item> stack{{&plan, false, false}};
  while (!stack.empty()) {
    Item& item = stack.back();
    if (item.opened) {
      out += "],\"metadata\":{},\"metrics\":[]}";
      stack.pop_back();
      continue;
    }
    item.opened = true;
    const PlanSpec* node = item.node;
    const std::string text = WithoutMarker(node->text);
    if (item.comma) out += ',';
    out += "{\"nodeName\":" + JsonQuote(std::string(OperatorName(text))) + ",\"simpleString\":" + JsonQuote(text) +
           ",\"children\":[";
    for (size_t k = node->children.size(); k-- > 0;) stack.push_back({&node->children[k], false, k > 0});
  }
  return out;
}

std::string RenderEventLine(const PlanSpec& plan, const std::string& event, const std::string& description) {
  return "{\"Event\":" + JsonQuote(event) + ",\"executionId\":1,\"physicalPlanDescription\":" +
         JsonQuote(description) + ",\"sparkPlanInfo\":" + RenderPlanInfoJson(plan) + ",\"time\":1}";
}

}  // namespace clusop::testing
