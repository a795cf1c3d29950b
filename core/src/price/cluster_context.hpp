#pragma once
#include <string>

namespace clusop {

// Where and how the plan ran, as far as the caller knows it. Negative numbers: unknown.
struct ClusterContext {
  std::string cloud = "aws";
  std::string sku = "jobs";
  std::string tier = "premium";
  std::string node_type;         // worker node type
  std::string driver_node_type;  // defaults to the worker type
  int workers = -1;
  double runtime_seconds = -1;
  double runs_per_day = -1;
  double photon_multiplier = -1;  // override of the table
  double usd_per_dbu = -1;        // override of the table (a negotiated price)
  // Who bills the cluster: "databricks" (cloud VM + DBUs), "cloud_vm" (VMs only, e.g. EMR, Dataproc,
  // Kubernetes), or empty: Databricks for Photon, VMs only for the other engines.
  std::string billing;
};

}  // namespace clusop
