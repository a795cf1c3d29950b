#pragma once
// Where the application ran, read from its Spark properties: the platform guess and the
// cluster shape (Databricks clusterUsageTags; elsewhere the executor settings).
#include <cstdint>
#include <string>
#include <string_view>

#include "price/cluster_from_conf.hpp"

namespace clusop {

struct ClusterShape {
  std::string platform = "unknown";  // databricks, emr, dataproc, kubernetes, yarn, standalone, local, unknown
  std::string master;                // spark.master
  std::string cloud;                 // Databricks cloudProvider, lower case
  std::string region;
  std::string worker_node_type;
  std::string driver_node_type;
  int64_t workers = -1;              // Databricks clusterWorkers (target workers when autoscaling)
  int64_t min_workers = -1;
  int64_t max_workers = -1;
  bool autoscaling = false;
  std::string runtime_engine;        // PHOTON or STANDARD (Databricks)
  std::string databricks_runtime;    // clusterUsageTags.sparkVersion, e.g. 13.3.x-aarch64-photon-scala2.12
  bool photon = false;               // runtimeEngine PHOTON or "-photon-" in the runtime's name
  int64_t executor_cores = -1;       // spark.executor.cores
  int64_t executor_instances = -1;   // spark.executor.instances
  std::string executor_memory;       // spark.executor.memory as written
  bool dynamic_allocation = false;
};

// Reads properties as they come (an EnvironmentUpdate may appear several times; later wins).
// What prices the cluster (cloud, node types, workers, Photon) is read by ClusterFromSparkConf,
// the one place that mapping lives; this reader adds what only describes the cluster.
class ClusterShapeReader {
 public:
  void OnSparkProperty(std::string_view key, std::string_view value);
  void OnSparkVersion(std::string_view version);
  void OnDatabricksMetadata() { databricks_ = true; }
  ClusterShape Shape() const;

 private:
  ClusterShape shape_;
  SparkConf cluster_conf_;  // the keys ClusterFromSparkConf reads
  bool databricks_ = false;
  bool emr_ = false;
  bool dataproc_ = false;
};

}  // namespace clusop
