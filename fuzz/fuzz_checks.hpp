#pragma once
// Checks shared by the fuzz targets. A broken invariant aborts, which libFuzzer reports as a
// crash and saves the input; sanitizer reports (ASan, UBSan, leaks) abort on their own.
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "parse/plan_tree.hpp"

namespace clusop::fuzz {

#define CLUSOP_FUZZ_REQUIRE(cond, what)                                                        \
  do {                                                                                         \
    if (!(cond)) {                                                                             \
      std::fprintf(stderr, "clusop fuzz invariant broken: %s (%s) at %s:%d\n", what, #cond,  \
                   __FILE__, __LINE__);                                                        \
      std::abort();                                                                            \
    }                                                                                          \
  } while (0)

// The tree a reader built: links consistent, parents before children, spans inside the input.
inline void CheckTree(const PlanTree& tree, std::string_view input) {
  const auto n = static_cast<NodeId>(tree.nodes.size());
  CLUSOP_FUZZ_REQUIRE(!tree.roots.empty(), "a successful read has at least one root");
  for (const PlanRoot& root : tree.roots) {
    CLUSOP_FUZZ_REQUIRE(root.node >= 0 && root.node < n, "root id in range");
    CLUSOP_FUZZ_REQUIRE(tree.nodes[root.node].parent == kNoNode, "a root has no parent");
  }
  size_t linked_children = 0;
  for (NodeId id = 0; id < n; ++id) {
    const PlanNode& node = tree.nodes[id];
    CLUSOP_FUZZ_REQUIRE(node.parent == kNoNode || (node.parent >= 0 && node.parent < id),
                        "a parent comes before its children");
    CLUSOP_FUZZ_REQUIRE(node.span.begin <= node.span.end && node.span.end <= input.size(), "span inside the input");
    CLUSOP_FUZZ_REQUIRE(static_cast<size_t>(node.metrics_begin) + node.metrics_count <= tree.metrics.size(),
                        "metrics range inside the metrics array");
    NodeId last = kNoNode;
    for (NodeId child = node.first_child; child != kNoNode; child = tree.nodes[child].next_sibling) {
      CLUSOP_FUZZ_REQUIRE(child > id && child < n, "child id in range");
      CLUSOP_FUZZ_REQUIRE(tree.nodes[child].parent == id, "a child points back to its parent");
      last = child;
      ++linked_children;
      CLUSOP_FUZZ_REQUIRE(linked_children <= static_cast<size_t>(n), "sibling links form no cycle");
    }
    CLUSOP_FUZZ_REQUIRE(last == node.last_child, "last_child is the end of the sibling list");
  }
  size_t with_parent = 0;
  for (const PlanNode& node : tree.nodes) with_parent += node.parent != kNoNode;
  CLUSOP_FUZZ_REQUIRE(with_parent == linked_children, "every node with a parent is in its parent's child list");
}

// A response of the core: valid JSON (UTF-8 included), schema, and either an error with a
// non-empty code and message, an analysis whose node count matches its nodes array, or (input
// with no plan but an engine's own report) that report with its entries and its sentence.
inline void CheckResponse(std::string_view response) {
  const nlohmann::json doc = nlohmann::json::parse(response.begin(), response.end(), nullptr, false);
  CLUSOP_FUZZ_REQUIRE(!doc.is_discarded(), "the response is valid JSON");
  CLUSOP_FUZZ_REQUIRE(doc.is_object(), "the response is an object");
  const auto schema = doc.find("schema");
  CLUSOP_FUZZ_REQUIRE(schema != doc.end() && schema->is_string(), "the response has a schema");
  if (*schema == "clusop.engine_report/1") {
    const auto report = doc.find("report");
    CLUSOP_FUZZ_REQUIRE(report != doc.end() && report->is_object(), "report");
    CLUSOP_FUZZ_REQUIRE(report->contains("engine") && (*report)["engine"].is_string(), "report.engine");
    CLUSOP_FUZZ_REQUIRE(report->contains("entries") && (*report)["entries"].is_array(), "report.entries[]");
    CLUSOP_FUZZ_REQUIRE(doc.contains("recommendation") && doc["recommendation"].is_string(), "recommendation");
    return;
  }
  CLUSOP_FUZZ_REQUIRE(*schema == "clusop.analysis/1", "the response is an analysis or an engine report");
  if (const auto error = doc.find("error"); error != doc.end()) {
    CLUSOP_FUZZ_REQUIRE(error->is_object(), "error is an object");
    const auto code = error->find("code");
    const auto message = error->find("message");
    CLUSOP_FUZZ_REQUIRE(code != error->end() && code->is_string() && !code->get<std::string>().empty(), "error.code");
    CLUSOP_FUZZ_REQUIRE(message != error->end() && message->is_string() && !message->get<std::string>().empty(),
                        "error.message");
    return;
  }
  const auto parse = doc.find("parse");
  CLUSOP_FUZZ_REQUIRE(parse != doc.end() && parse->contains("node_count"), "parse.node_count");
  const auto nodes = doc.find("nodes");
  CLUSOP_FUZZ_REQUIRE(nodes != doc.end() && nodes->is_array(), "nodes[]");
  CLUSOP_FUZZ_REQUIRE((*parse)["node_count"].get<size_t>() == nodes->size(), "node_count matches nodes[]");
}

}  // namespace clusop::fuzz
