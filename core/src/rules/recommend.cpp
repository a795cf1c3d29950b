#include "rules/recommend.hpp"

#include "rank/rank.hpp"
#include "rules/bind_facts.hpp"
#include "rules/evaluate.hpp"
#include "rules/rule_set.hpp"

namespace clusop {

bool IsRecommendConfKey(std::string_view key) { return rules::IsRuleConfKey(key) || IsClusterConfKey(key); }

void Recommend(const ScanOptions& options, const SparkConf& conf, AppReport* report) {
  const rules::RuleSet& set = options.rules ? *options.rules : rules::BuiltinRules();
  report->rule_errors = set.errors;
  report->recommendations = rules::Evaluate(set, rules::BindFacts(*report, conf));
  const ConfCluster from_conf = ClusterFromSparkConf(conf);
  const ClusterContext cluster = MergeCluster(options.cluster, from_conf.cluster);
  const bool photon = options.photon_enabled.value_or(from_conf.photon_enabled.value_or(report->cluster.photon));
  const ClusterPrice price = PriceCluster(cluster, photon, options.prices ? *options.prices : PriceTable::Default());
  RankFindings(&report->recommendations, price);
  // the run's modeled cost at the same rate as the recommendations' dollars
  const AppSummary& app = report->app;
  report->totals.usd_missing = price.missing;
  if (price.usd_per_hour && app.start_ms >= 0 && app.end_ms >= app.start_ms)
    report->totals.modeled_usd = static_cast<double>(app.end_ms - app.start_ms) / 3.6e6 * *price.usd_per_hour;
  else if (price.usd_per_hour)
    report->totals.usd_missing.push_back("duration");
}

}  // namespace clusop
