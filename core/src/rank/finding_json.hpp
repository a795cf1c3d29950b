#pragma once
// Recommendations as the scan contract writes them (README, "recommendations"), and read back
// from that shape (clusop_rank: findings made elsewhere, e.g. the Python face's @rule functions).
#include <string>
#include <string_view>
#include <vector>

#include "rank/finding.hpp"

namespace clusop {

class JsonWriter;

void WriteRecommendations(JsonWriter* out, const std::vector<Finding>& findings);
void WriteRuleErrors(JsonWriter* out, const std::vector<RuleError>& errors);

// {"application": {...clusop.scan/1 application, or at least "cluster"...},
//  "recommendations": [...], "cluster"?: {...request cluster...}, "indent"?: n}
//   -> {"schema": "clusop.scan/1", "recommendations": [...ranked...], "rule_errors": [...]}
// A malformed recommendation is reported in rule_errors by its index; the others are ranked.
std::string RankRequestToJson(std::string_view request);

}  // namespace clusop
