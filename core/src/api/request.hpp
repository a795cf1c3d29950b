#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "analysis/analyze.hpp"
#include "rules/rule_set.hpp"

namespace clusop {

// A parsed request: owns the plan text and any price table the caller sent.
struct Request {
  std::string plan;
  std::string engine_log;  // the engine's own fallback report sent beside the plan, if any
  AnalyzeInput input;
  std::unique_ptr<PriceTable> prices;
  int indent = 0;
  bool markdown = false;  // "markdown": true adds the answer as Markdown (report/markdown_report.hpp)
};

// False with `error` naming what was expected.
bool ParseRequest(std::string_view json, Request* request, std::string* error);

// A scan request's rule fields: "rules" (the text of a rules file), "thresholds"
// ({"rule.threshold": number}), "mute" (["rule", ...]). Removed from `object` (a JSON object
// text) so the rest reads as an analysis request. False with `error` naming the field.
bool TakeRuleOptions(std::string* object_json, rules::RuleOptions* out, std::string* error);

}  // namespace clusop
