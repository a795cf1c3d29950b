#pragma once
// Findings from the rules (and from elsewhere: the Python face's @rule functions) become the
// ranked list: duplicates merged (one rule on one thing reported once), a root cause's
// cascade folded into it (a rule's `causes` on the same stage, or on a stage of the same SQL
// execution), each saving priced in modeled dollars, then ordered by time saved.
#include <vector>

#include "rank/cluster_price.hpp"
#include "rank/finding.hpp"

namespace clusop {

void RankFindings(std::vector<Finding>* findings, const ClusterPrice& price);

}  // namespace clusop
