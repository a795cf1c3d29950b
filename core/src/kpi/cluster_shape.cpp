#include "kpi/cluster_shape.hpp"

#include <cctype>
#include <charconv>

namespace clusop {
namespace {

constexpr std::string_view kTags = "spark.databricks.clusterUsageTags.";

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

int64_t ToInt(std::string_view s, int64_t fallback) {
  int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  return ec == std::errc() && ptr == s.data() + s.size() ? value : fallback;
}

bool Redacted(std::string_view value) { return value.find("(redacted)") != std::string_view::npos; }

}  // namespace

void ClusterShapeReader::OnSparkProperty(std::string_view key, std::string_view value) {
  if (Redacted(value)) return;
  if (IsClusterConfKey(key)) cluster_conf_.insert_or_assign(std::string(key), std::string(value));
  if (StartsWith(key, "spark.databricks.")) {
    databricks_ = true;
    if (!StartsWith(key, kTags)) return;
    const std::string_view tag = key.substr(kTags.size());
    if (tag == "cloudProvider") shape_.cloud = NormaliseCloud(value);
    else if (tag == "region" || tag == "dataPlaneRegion") shape_.region.assign(value);
    else if (tag == "clusterMinWorkers") shape_.min_workers = ToInt(value, shape_.min_workers);
    else if (tag == "clusterMaxWorkers") shape_.max_workers = ToInt(value, shape_.max_workers);
    return;
  }
  if (StartsWith(key, "spark.emr.") || StartsWith(key, "spark.yarn.appMasterEnv.EMR_")) emr_ = true;
  else if (StartsWith(key, "spark.dataproc.")) dataproc_ = true;
  else if (key == "spark.master") shape_.master.assign(value);
  else if (key == "spark.executor.cores") shape_.executor_cores = ToInt(value, shape_.executor_cores);
  else if (key == "spark.executor.instances") shape_.executor_instances = ToInt(value, shape_.executor_instances);
  else if (key == "spark.executor.memory") shape_.executor_memory.assign(value);
  else if (key == "spark.dynamicAllocation.enabled") shape_.dynamic_allocation = value == "true";
}

void ClusterShapeReader::OnSparkVersion(std::string_view version) {
  if (version.find("amzn") != std::string_view::npos) emr_ = true;
}

ClusterShape ClusterShapeReader::Shape() const {
  ClusterShape s = shape_;
  const std::string_view master = s.master;
  if (databricks_) s.platform = "databricks";
  else if (emr_) s.platform = "emr";
  else if (dataproc_) s.platform = "dataproc";
  else if (StartsWith(master, "k8s://")) s.platform = "kubernetes";
  else if (StartsWith(master, "yarn")) s.platform = "yarn";
  else if (StartsWith(master, "spark://")) s.platform = "standalone";
  else if (StartsWith(master, "local")) s.platform = "local";
  const ConfCluster priced = ClusterFromSparkConf(cluster_conf_);
  s.worker_node_type = priced.cluster.node_type;
  s.driver_node_type = priced.cluster.driver_node_type;
  s.workers = priced.cluster.workers;
  s.autoscaling = priced.autoscaling;
  s.runtime_engine = priced.runtime_engine;
  s.databricks_runtime = priced.runtime_version;
  s.photon = priced.photon_enabled.value_or(false);
  if (s.min_workers >= 0 && s.max_workers > s.min_workers) s.autoscaling = true;
  return s;
}

}  // namespace clusop
