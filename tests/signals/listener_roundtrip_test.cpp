// The listener's signals, merged and flushed by the core, are what the service's merge accepts:
// two runs observed, flushed into a batch, merged into a stored record whose source is the
// cluster the Spark conf named (so billing rows can be matched by it).
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "clusop/clusop.h"

namespace {

using nlohmann::json;

json Call(const json& request) {
  const std::string text = request.dump();
  char* out = clusop_signals(text.data(), text.size());
  json answer = json::parse(out ? out : "", nullptr, false);
  clusop_free(out);
  EXPECT_FALSE(answer.is_discarded());
  EXPECT_FALSE(answer.contains("error")) << answer.dump();
  return answer;
}

json Observe(const json& prior, double usd, const std::string& seen_at, double runtime) {
  json r = {{"op", "observe"},
            {"signal", prior},
            {"analysis", {{"signature", "s1"}, {"verdict", {{"cause", "python_udf"}}}, {"waste", {{"usd", usd}}}}},
            {"run", {{"func_name", "collect"}, {"seen_at", seen_at}, {"runtime_seconds", runtime}}}};
  if (prior.is_null()) {
    r["app"] = {{"app_id", "app-7"}, {"app_name", "etl"}};
    r["conf"] = {{"spark.databricks.clusterUsageTags.clusterId", "0412-abc"}, {"spark.databricks.job.id", "42"},
                 {"spark.databricks.job.runId", "4242"}};
    r["plan"] = "Project\n";
    r["request"] = json::object();
  }
  return Call(r)["signal"];
}

TEST(ListenerRoundTrip, ObservedAndFlushedSignalsMergeUnderTheirCluster) {
  json s = Observe(nullptr, 0.1, "2026-11-30T10:00:00Z", 1.5);
  s = Observe(s, 0.2, "2026-11-30T10:05:00Z", 2.5);
  EXPECT_EQ(s["count"], 2);
  EXPECT_EQ(s["cluster"]["cluster_id"], "0412-abc");
  EXPECT_EQ(s["cluster"]["job_run_id"], "4242");

  const json batch = Call({{"op", "flush"}, {"app_id", "app-7"}, {"seq", 1}, {"final", true},
                           {"at", "2026-11-30T10:06:00Z"}, {"dropped", 0}, {"signals", json::array({s})}})["batch"];
  ASSERT_EQ(batch["signals"].size(), 1u);
  const json merged = Call({{"op", "merge"}, {"workspace_id", "ws"}, {"batch", batch}, {"signals", json::array()}});
  ASSERT_TRUE(merged["rejected"].empty()) << merged["rejected"].dump();
  ASSERT_EQ(merged["signals"].size(), 1u);
  const json& record = merged["signals"][0];
  EXPECT_EQ(record["occurrences"], 2);
  ASSERT_EQ(record["sources"].size(), 1u);
  EXPECT_EQ(record["sources"][0]["source"], "cluster:0412-abc");
  EXPECT_EQ(record["sources"][0]["cluster_id"], "0412-abc");
  EXPECT_EQ(record["sources"][0]["job_id"], "42");
  EXPECT_EQ(record["sources"][0]["job_run_id"], "4242");
  EXPECT_NEAR(record["total_waste_usd"].get<double>(), 0.3, 1e-9);
}

// Runs joined one at a time add up exactly (no rounding drift over many runs).
TEST(ListenerRoundTrip, ManyRunsAddUpExactly) {
  json s = Observe(nullptr, 0.001, "2026-11-30T10:00:00Z", 0.001);
  for (int i = 1; i < 1000; ++i) s = Observe(s, 0.001, "2026-11-30T10:00:01Z", 0.001);
  EXPECT_EQ(s["count"], 1000);
  EXPECT_EQ(s["priced_runs"], 1000);
  EXPECT_NEAR(s["total_runtime_seconds"].get<double>(), 1.0, 1e-9);
  EXPECT_NEAR(s["total_waste_usd"].get<double>(), 1.0, 1e-9);
}

}  // namespace
