#pragma once
// What a Spark conf says about the cluster, for pricing: Databricks' usage tags
// (spark.databricks.clusterUsageTags.*) and clusop's own spark.clusop.* settings, which win.
// The one place this mapping lives; the Spark listener sends the same keys.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "price/cluster_context.hpp"

namespace clusop {

using SparkConf = std::map<std::string, std::string, std::less<>>;

struct ConfCluster {
  ClusterContext cluster;              // defaults, overwritten by what the conf names
  std::optional<bool> photon_enabled;  // unset: the conf does not say
  std::string engine;                  // spark.clusop.engine, empty when unset
  bool databricks = false;             // any usage tag was present
  bool autoscaling = false;            // clusterScalingType says autoscaling: workers is a snapshot
  std::string runtime_engine;          // PHOTON | STANDARD, as the tag says
  std::string runtime_version;         // e.g. 13.3.x-aarch64-photon-scala2.12
  // Which of the fields with a default (cloud aws, sku jobs, tier premium) the conf named.
  bool cloud_named = false, sku_named = false, tier_named = false;
  // Who runs: what billing rows (system.billing.usage's usage_metadata) are matched by.
  std::string cluster_id;  // usage tag clusterId
  std::string job_id;      // spark.databricks.job.id
  std::string job_run_id;  // spark.databricks.job.parentRunId (a multi-task job's run), else job.runId
  // spark.clusop.* values that did not parse and were ignored, each "key=value: what was expected".
  std::vector<std::string> problems;
};

// True for the keys ClusterFromSparkConf reads (a reader keeps only these).
bool IsClusterConfKey(std::string_view key);

ConfCluster ClusterFromSparkConf(const SparkConf& conf);

// "AWS", "Azure", "GCP", "google" -> aws | azure | gcp; other names lower-cased; "" stays "".
std::string NormaliseCloud(std::string_view cloud);

// Each field the caller set (differs from a default ClusterContext) wins over the conf's.
ClusterContext MergeCluster(const ClusterContext& caller, const ClusterContext& from_conf);

}  // namespace clusop
