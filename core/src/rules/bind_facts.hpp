#pragma once
// Binds an application's KPIs (kpi/, sql/) to the rule vocabulary: one row per stage attempt,
// SQL execution, join and executor, plus the application's row with the Spark settings rules
// read (AQE, shuffle partitions, broadcast threshold, speculation).
#include <string_view>

#include "kpi/app_report.hpp"
#include "price/cluster_from_conf.hpp"
#include "rules/vocabulary.hpp"

namespace clusop::rules {

// True for the Spark properties the rules read (a scan keeps only these).
bool IsRuleConfKey(std::string_view key);

RuleFacts BindFacts(const AppReport& app, const SparkConf& conf);

}  // namespace clusop::rules
