// The cluster a Spark conf states. Property values as they appear in real Databricks logs
// (DBR 13.3 Photon q88 on AWS; DBR 11.3 on Azure, runtimeEngine STANDARD) and the listener's
// spark.clusop.* settings.
#include <gtest/gtest.h>

#include "price/cluster_from_conf.hpp"

namespace clusop {
namespace {

const SparkConf kAwsPhoton = {
    {"spark.databricks.clusterUsageTags.cloudProvider", "AWS"},
    {"spark.databricks.clusterUsageTags.clusterNodeType", "m6gd.2xlarge"},
    {"spark.databricks.clusterUsageTags.driverNodeType", "m6gd.xlarge"},
    {"spark.databricks.clusterUsageTags.clusterWorkers", "2"},
    {"spark.databricks.clusterUsageTags.clusterScalingType", "fixed_size"},
    {"spark.databricks.clusterUsageTags.runtimeEngine", "PHOTON"},
    {"spark.databricks.clusterUsageTags.sparkVersion", "13.3.x-aarch64-photon-scala2.12"},
    {"spark.databricks.clusterUsageTags.clusterSku", "STANDARD_SKU"},
    {"spark.databricks.clusterUsageTags.clusterAllTags", "*********(redacted)"},
};

TEST(ClusterFromSparkConf, DatabricksUsageTags) {
  const ConfCluster c = ClusterFromSparkConf(kAwsPhoton);
  EXPECT_TRUE(c.databricks);
  EXPECT_EQ(c.cluster.cloud, "aws");
  EXPECT_EQ(c.cluster.node_type, "m6gd.2xlarge");
  EXPECT_EQ(c.cluster.driver_node_type, "m6gd.xlarge");
  EXPECT_EQ(c.cluster.workers, 2);
  EXPECT_EQ(c.cluster.sku, "jobs");  // STANDARD_SKU names no compute type: the default stays
  EXPECT_FALSE(c.autoscaling);
  ASSERT_TRUE(c.photon_enabled.has_value());
  EXPECT_TRUE(*c.photon_enabled);
  EXPECT_EQ(c.runtime_engine, "PHOTON");
}

TEST(ClusterFromSparkConf, AzureStandardRuntimeIsNotPhoton) {
  const ConfCluster c = ClusterFromSparkConf({
      {"spark.databricks.clusterUsageTags.cloudProvider", "Azure"},
      {"spark.databricks.clusterUsageTags.clusterNodeType", "Standard_E8s_v3"},
      {"spark.databricks.clusterUsageTags.runtimeEngine", "STANDARD"},
      {"spark.databricks.clusterUsageTags.sparkVersion", "11.3.x-scala2.12"},
  });
  EXPECT_EQ(c.cluster.cloud, "azure");
  EXPECT_EQ(c.cluster.node_type, "Standard_E8s_v3");
  EXPECT_EQ(c.cluster.workers, -1);
  ASSERT_TRUE(c.photon_enabled.has_value());
  EXPECT_FALSE(*c.photon_enabled);
}

TEST(ClusterFromSparkConf, PhotonFromTheVersionAloneAndNodeTypeIds) {
  const ConfCluster c = ClusterFromSparkConf({
      {"spark.databricks.clusterUsageTags.sparkVersion", "13.3.x-photon-scala2.12"},
      {"spark.databricks.workerNodeTypeId", "i3.xlarge"},
      {"spark.databricks.driverNodeTypeId", "i3.2xlarge"},
      {"spark.databricks.clusterUsageTags.clusterScalingType", "autoscaling"},
  });
  ASSERT_TRUE(c.photon_enabled.has_value());
  EXPECT_TRUE(*c.photon_enabled);
  EXPECT_EQ(c.cluster.node_type, "i3.xlarge");
  EXPECT_EQ(c.cluster.driver_node_type, "i3.2xlarge");
  EXPECT_TRUE(c.autoscaling);
}

TEST(ClusterFromSparkConf, PlainSparkSaysNothing) {
  const ConfCluster c = ClusterFromSparkConf({{"spark.master", "local[*]"}, {"spark.app.name", "x"}});
  EXPECT_FALSE(c.databricks);
  EXPECT_FALSE(c.photon_enabled.has_value());
  EXPECT_EQ(c.cluster.node_type, "");
  EXPECT_EQ(c.engine, "");
}

TEST(ClusterFromSparkConf, ClusopSettingsWinOverTags) {
  SparkConf conf = kAwsPhoton;
  conf["spark.clusop.cluster.cloud"] = "GCP";
  conf["spark.clusop.cluster.nodeType"] = "n2-highmem-8";
  conf["spark.clusop.cluster.workers"] = "5";
  conf["spark.clusop.cluster.sku"] = "all_purpose";
  conf["spark.clusop.cluster.runsPerDay"] = "24";
  conf["spark.clusop.photonEnabled"] = "false";
  conf["spark.clusop.engine"] = "photon";
  conf["spark.clusop.usdPerDbu"] = "0.12";
  const ConfCluster c = ClusterFromSparkConf(conf);
  EXPECT_EQ(c.cluster.cloud, "gcp");
  EXPECT_EQ(c.cluster.node_type, "n2-highmem-8");
  EXPECT_EQ(c.cluster.workers, 5);
  EXPECT_EQ(c.cluster.sku, "all_purpose");
  EXPECT_EQ(c.cluster.runs_per_day, 24);
  EXPECT_EQ(c.cluster.usd_per_dbu, 0.12);
  ASSERT_TRUE(c.photon_enabled.has_value());
  EXPECT_FALSE(*c.photon_enabled);
  EXPECT_EQ(c.engine, "photon");
}

TEST(ClusterFromSparkConf, BadNumbersAreIgnored) {
  const ConfCluster c = ClusterFromSparkConf({
      {"spark.databricks.clusterUsageTags.clusterWorkers", "two"},
      {"spark.clusop.cluster.runsPerDay", "-3"},
      {"spark.clusop.photonEnabled", "maybe"},
  });
  EXPECT_EQ(c.cluster.workers, -1);
  EXPECT_EQ(c.cluster.runs_per_day, -1);
  EXPECT_FALSE(c.photon_enabled.has_value());
}

TEST(ClusterFromSparkConf, CloudNames) {
  const std::pair<const char*, const char*> cases[] = {
      {"AWS", "aws"}, {"aws", "aws"}, {"Amazon", "aws"}, {"Azure", "azure"}, {"AzureChina", "azure"},
      {"GCP", "gcp"}, {"Google", "gcp"}, {"Oracle", "oracle"}, {"", ""},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(NormaliseCloud(in), out) << in;
}

TEST(ClusterFromSparkConf, KeysKeptByAReader) {
  EXPECT_TRUE(IsClusterConfKey("spark.databricks.clusterUsageTags.clusterWorkers"));
  EXPECT_TRUE(IsClusterConfKey("spark.databricks.workerNodeTypeId"));
  EXPECT_TRUE(IsClusterConfKey("spark.clusop.cluster.cloud"));
  EXPECT_FALSE(IsClusterConfKey("spark.executor.memory"));
}

TEST(MergeCluster, FieldsTheCallerSetWin) {
  ClusterContext caller;
  caller.node_type = "i3.xlarge";
  caller.runs_per_day = 4;
  ClusterContext conf;
  conf.cloud = "azure";
  conf.node_type = "Standard_E8s_v3";
  conf.workers = 3;
  const ClusterContext m = MergeCluster(caller, conf);
  EXPECT_EQ(m.node_type, "i3.xlarge");
  EXPECT_EQ(m.runs_per_day, 4);
  EXPECT_EQ(m.cloud, "azure");  // the caller left the default
  EXPECT_EQ(m.workers, 3);
}

}  // namespace
}  // namespace clusop
