#include "price/cluster_from_conf.hpp"

#include <cmath>
#include <cstdlib>
#include <initializer_list>

#include "common/text.hpp"

namespace clusop {
namespace {

constexpr std::string_view kTags = "spark.databricks.clusterUsageTags.";
constexpr std::string_view kClusop = "spark.clusop.";
constexpr std::string_view kJobId = "spark.databricks.job.id";
constexpr std::string_view kJobRunId = "spark.databricks.job.runId";
constexpr std::string_view kJobParentRunId = "spark.databricks.job.parentRunId";

// The trimmed value of `key`, or "" when absent, blank or redacted.
std::string_view Value(const SparkConf& conf, std::string_view key) {
  const auto it = conf.find(key);
  if (it == conf.end()) return {};
  const std::string_view v = text::Trim(it->second);
  if (text::StartsWith(v, "*********")) return {};
  return v;
}

std::string_view Tag(const SparkConf& conf, std::string_view name) {
  return Value(conf, std::string(kTags) + std::string(name));
}

std::string_view Setting(const SparkConf& conf, std::string_view name) {
  return Value(conf, std::string(kClusop) + std::string(name));
}

std::optional<int> ParseCount(std::string_view v) {
  if (v.empty() || v.size() > 9) return std::nullopt;
  int n = 0;
  for (char c : v) {
    if (!text::IsDigit(c)) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::optional<double> ParsePositive(std::string_view v) {
  if (v.empty()) return std::nullopt;
  const std::string s(v);
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(d) || d < 0) return std::nullopt;
  return d;
}

std::optional<bool> ParseBool(std::string_view v) {
  const std::string l = text::ToLower(v);
  if (l == "true") return true;
  if (l == "false") return false;
  return std::nullopt;
}

// Databricks names its compute SKUs e.g. JOBS_COMPUTE, ALL_PURPOSE_COMPUTE; "STANDARD_SKU"
// (seen in real DBR logs) names no compute type, so the default stays.
std::string SkuFromTag(std::string_view tag) {
  const std::string l = text::ToLower(tag);
  if (l.find("jobs_light") != std::string::npos) return "jobs_light";
  if (l.find("jobs") != std::string::npos) return "jobs";
  if (l.find("all_purpose") != std::string::npos || l.find("allpurpose") != std::string::npos) return "all_purpose";
  return "";
}

bool SaysPhoton(std::string_view runtime_engine, std::initializer_list<std::string_view> versions) {
  if (text::ContainsIgnoreCase(runtime_engine, "photon")) return true;
  for (std::string_view v : versions)
    if (text::ContainsIgnoreCase(v, "-photon-")) return true;
  return false;
}

// A spark.clusop.* value that was given but did not parse: named, then ignored.
void Problem(std::vector<std::string>* problems, std::string_view name, std::string_view value,
             std::string_view expected) {
  if (value.empty()) return;
  problems->push_back(std::string(kClusop) + std::string(name) + "=\"" + std::string(value.substr(0, 60)) +
                      "\": expected " + std::string(expected) + "; ignored");
}

}  // namespace

bool IsClusterConfKey(std::string_view key) {
  return text::StartsWith(key, kTags) || text::StartsWith(key, kClusop) ||
         key == "spark.databricks.workerNodeTypeId" || key == "spark.databricks.driverNodeTypeId" ||
         key == kJobId || key == kJobRunId || key == kJobParentRunId;
}

std::string NormaliseCloud(std::string_view cloud) {
  const std::string l = text::ToLower(text::Trim(cloud));
  if (text::StartsWith(l, "aws") || l == "amazon") return "aws";
  if (text::StartsWith(l, "azure")) return "azure";
  if (text::StartsWith(l, "gcp") || text::StartsWith(l, "google")) return "gcp";
  return l;
}

ConfCluster ClusterFromSparkConf(const SparkConf& conf) {
  ConfCluster out;
  ClusterContext& c = out.cluster;

  // Databricks usage tags.
  const std::string_view cloud = Tag(conf, "cloudProvider");
  std::string_view node = Tag(conf, "clusterNodeType");
  if (node.empty()) node = Value(conf, "spark.databricks.workerNodeTypeId");
  std::string_view driver = Tag(conf, "driverNodeType");
  if (driver.empty()) driver = Value(conf, "spark.databricks.driverNodeTypeId");
  const std::optional<int> workers = ParseCount(Tag(conf, "clusterWorkers"));
  out.runtime_engine = std::string(Tag(conf, "runtimeEngine"));
  out.runtime_version = std::string(Tag(conf, "sparkVersion"));
  const std::string_view effective_version = Tag(conf, "effectiveSparkVersion");
  const std::string_view image = Tag(conf, "sparkImageLabel");
  out.databricks = !cloud.empty() || !node.empty() || !out.runtime_engine.empty() || !out.runtime_version.empty();
  out.autoscaling = text::ContainsIgnoreCase(Tag(conf, "clusterScalingType"), "autoscal");

  if (!cloud.empty()) c.cloud = NormaliseCloud(cloud);
  if (!node.empty()) c.node_type = std::string(node);
  if (!driver.empty()) c.driver_node_type = std::string(driver);
  if (workers) c.workers = *workers;
  const std::string sku = SkuFromTag(Tag(conf, "clusterSku"));
  if (!sku.empty()) c.sku = sku;
  if (out.databricks) c.billing = "databricks";
  if (out.databricks)
    out.photon_enabled = SaysPhoton(out.runtime_engine, {out.runtime_version, effective_version, image});

  // clusop's own settings (the listener's spark.clusop.* keys) win over the tags.
  if (const std::string_view v = Setting(conf, "cluster.cloud"); !v.empty()) c.cloud = NormaliseCloud(v);
  if (const std::string_view v = Setting(conf, "cluster.sku"); !v.empty()) c.sku = text::ToLower(v);
  if (const std::string_view v = Setting(conf, "cluster.tier"); !v.empty()) c.tier = text::ToLower(v);
  if (const std::string_view v = Setting(conf, "cluster.nodeType"); !v.empty()) c.node_type = std::string(v);
  if (const std::string_view v = Setting(conf, "cluster.driverNodeType"); !v.empty()) c.driver_node_type = std::string(v);
  out.cloud_named = !cloud.empty() || !Setting(conf, "cluster.cloud").empty();
  out.sku_named = !sku.empty() || !Setting(conf, "cluster.sku").empty();
  out.tier_named = !Setting(conf, "cluster.tier").empty();
  std::vector<std::string>* problems = &out.problems;
  if (const std::string_view v = Setting(conf, "cluster.workers"); const auto n = ParseCount(v)) c.workers = *n;
  else Problem(problems, "cluster.workers", v, "a whole number of workers");
  if (const std::string_view v = Setting(conf, "cluster.runsPerDay"); const auto d = ParsePositive(v)) c.runs_per_day = *d;
  else Problem(problems, "cluster.runsPerDay", v, "a number of runs per day, 0 or more");
  if (const std::string_view v = Setting(conf, "photonMultiplier"); const auto d = ParsePositive(v)) c.photon_multiplier = *d;
  else Problem(problems, "photonMultiplier", v, "a DBU multiplier, 0 or more");
  if (const std::string_view v = Setting(conf, "usdPerDbu"); const auto d = ParsePositive(v)) c.usd_per_dbu = *d;
  else Problem(problems, "usdPerDbu", v, "dollars per DBU, 0 or more");
  if (const std::string_view v = Setting(conf, "photonEnabled"); const auto b = ParseBool(v)) out.photon_enabled = *b;
  else Problem(problems, "photonEnabled", v, "true or false");
  const std::string engine = text::ToLower(Setting(conf, "engine"));
  if (engine == "spark" || engine == "photon" || engine == "comet" || engine == "gluten" || engine == "rapids")
    out.engine = engine;
  else if (engine != "auto") Problem(problems, "engine", Setting(conf, "engine"), "auto, spark, photon, comet, gluten or rapids");

  out.cluster_id = std::string(Tag(conf, "clusterId"));
  out.job_id = std::string(Value(conf, kJobId));
  out.job_run_id = std::string(Value(conf, kJobParentRunId));
  if (out.job_run_id.empty()) out.job_run_id = std::string(Value(conf, kJobRunId));
  return out;
}

ClusterContext MergeCluster(const ClusterContext& caller, const ClusterContext& from_conf) {
  const ClusterContext defaults;
  ClusterContext out = from_conf;
  if (caller.cloud != defaults.cloud) out.cloud = caller.cloud;
  if (caller.sku != defaults.sku) out.sku = caller.sku;
  if (caller.tier != defaults.tier) out.tier = caller.tier;
  if (caller.node_type != defaults.node_type) out.node_type = caller.node_type;
  if (caller.driver_node_type != defaults.driver_node_type) out.driver_node_type = caller.driver_node_type;
  if (caller.workers != defaults.workers) out.workers = caller.workers;
  if (caller.runtime_seconds != defaults.runtime_seconds) out.runtime_seconds = caller.runtime_seconds;
  if (caller.runs_per_day != defaults.runs_per_day) out.runs_per_day = caller.runs_per_day;
  if (caller.photon_multiplier != defaults.photon_multiplier) out.photon_multiplier = caller.photon_multiplier;
  if (caller.usd_per_dbu != defaults.usd_per_dbu) out.usd_per_dbu = caller.usd_per_dbu;
  if (caller.billing != defaults.billing) out.billing = caller.billing;
  return out;
}

}  // namespace clusop
