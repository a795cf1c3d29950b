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

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool Redacted(std::string_view value) { return value.find("(redacted)") != std::string_view::npos; }

}  // namespace

void ClusterShapeReader::OnSparkProperty(std::string_view key, std::string_view value) {
  if (Redacted(value)) return;
  if (StartsWith(key, kTags)) {
    databricks_ = true;
    const std::string_view tag = key.substr(kTags.size());
    if (tag == "cloudProvider") shape_.cloud = Lower(value);
    else if (tag == "region" || tag == "dataPlaneRegion") shape_.region.assign(value);
    else if (tag == "clusterNodeType") shape_.worker_node_type.assign(value);
    else if (tag == "driverNodeType") shape_.driver_node_type.assign(value);
    else if (tag == "clusterWorkers") shape_.workers = ToInt(value, shape_.workers);
    else if (tag == "clusterMinWorkers") shape_.min_workers = ToInt(value, shape_.min_workers);
    else if (tag == "clusterMaxWorkers") shape_.max_workers = ToInt(value, shape_.max_workers);
    else if (tag == "clusterScalingType") shape_.autoscaling = Lower(value).find("autoscal") != std::string::npos;
    else if (tag == "runtimeEngine") shape_.runtime_engine.assign(value);
    else if (tag == "sparkVersion") shape_.databricks_runtime.assign(value);
    else if (tag == "effectiveSparkVersion") effective_version_.assign(value);
    else if (tag == "sparkImageLabel") image_label_.assign(value);
    return;
  }
  if (StartsWith(key, "spark.databricks.")) {
    databricks_ = true;
    if (key == "spark.databricks.workerNodeTypeId" && shape_.worker_node_type.empty()) shape_.worker_node_type.assign(value);
    else if (key == "spark.databricks.driverNodeTypeId" && shape_.driver_node_type.empty()) shape_.driver_node_type.assign(value);
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
  for (const std::string* name : {static_cast<const std::string*>(&s.databricks_runtime), &effective_version_, &image_label_})
    if (name->find("-photon-") != std::string::npos) s.photon = true;
  if (s.runtime_engine == "PHOTON") s.photon = true;
  if (s.min_workers >= 0 && s.max_workers > s.min_workers) s.autoscaling = true;
  return s;
}

}  // namespace clusop
