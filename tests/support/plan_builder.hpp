#pragma once
// Builds plan trees in code and prints them the way Spark does (tree, formatted, sparkPlanInfo
// JSON), so tests can state a plan's shape once and read it in every format.
#include <string>
#include <vector>

namespace clusop::testing {

struct PlanSpec {
  std::string text;  // the node's one-line text, e.g. "PhotonProject [a#1]" or "*(1) ColumnarToRow"
  std::vector<PlanSpec> children;
};

inline PlanSpec Node(std::string text, std::vector<PlanSpec> children = {}) {
  return PlanSpec{std::move(text), std::move(children)};
}

// "== Physical Plan ==" followed by the tree drawn with "+- " and ":- ".
std::string RenderTree(const PlanSpec& plan);
// explain("formatted"): outline with "(id)", ids children-first, then the details section.
std::string RenderFormatted(const PlanSpec& plan);
// A bare sparkPlanInfo object.
std::string RenderPlanInfoJson(const PlanSpec& plan);
// A whole event-log line: {"Event": event, "executionId": 1, "physicalPlanDescription": ..., "sparkPlanInfo": ...}.
std::string RenderEventLine(const PlanSpec& plan, const std::string& event, const std::string& description);

// Escapes a string for a JSON document.
std::string JsonQuote(const std::string& s);

}  // namespace clusop::testing
