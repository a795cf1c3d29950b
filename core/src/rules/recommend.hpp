#pragma once
// The AppScan step after the KPIs: the rules over the application's facts, then the findings
// priced, merged and ranked into report->recommendations (rank/).
#include "analysis/app_scan.hpp"
#include "kpi/app_report.hpp"
#include "price/cluster_from_conf.hpp"

namespace clusop {

// `conf` holds the Spark properties the rules and the cluster price read.
void Recommend(const ScanOptions& options, const SparkConf& conf, AppReport* report);

// The properties Recommend reads (rules' settings, what prices the cluster).
bool IsRecommendConfKey(std::string_view key);

}  // namespace clusop
