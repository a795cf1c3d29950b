// Data-driven: every tests/unit/waste_cases/*.json prices one cluster with the embedded price
// table (pricing/price_table.json) and states what the figure must be and why (its "why" is the
// arithmetic from the table's rows, done by hand).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "price/waste_model.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

using nlohmann::json;

ClusterContext ClusterOf(const json& c) {
  ClusterContext out;
  out.cloud = c.value("cloud", out.cloud);
  out.node_type = c.value("node_type", "");
  out.driver_node_type = c.value("driver_node_type", "");
  out.workers = c.value("workers", -1);
  out.runtime_seconds = c.value("runtime_seconds", -1.0);
  out.runs_per_day = c.value("runs_per_day", -1.0);
  out.billing = c.value("billing", "");
  return out;
}

TEST(WasteCases, EveryCaseMatchesItsExpectation) {
  const auto files = testing::ListFiles(testing::SourceDir() + "/tests/unit/waste_cases");
  ASSERT_GE(files.size(), 5u);
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    const json c = json::parse(testing::ReadFile(file));
    Engine engine;
    ASSERT_TRUE(ParseEngineName(c.at("engine").get<std::string>(), &engine));
    const Waste w = PriceWaste(ClusterOf(c.at("cluster")), engine, c.at("fallback_weight").get<double>(), PriceTable::Default());
    const json& e = c.at("expect");
    SCOPED_TRACE(w.formula);
    EXPECT_EQ(w.measure, e.at("measure").get<std::string>());
    if (e.at("usd").is_null()) {
      EXPECT_FALSE(w.usd.has_value());
    } else {
      ASSERT_TRUE(w.usd.has_value()) << (w.missing.empty() ? w.note : w.missing.front());
      EXPECT_NEAR(*w.usd, e.at("usd").get<double>(), 1e-9);
    }
    if (e.contains("usd_per_month")) {
      ASSERT_TRUE(w.usd_per_month.has_value());
      EXPECT_NEAR(*w.usd_per_month, e["usd_per_month"].get<double>(), 1e-9);
    }
    if (e.contains("cluster_usd_per_hour")) EXPECT_NEAR(w.cluster_usd_per_hour, e["cluster_usd_per_hour"].get<double>(), 1e-9);
    if (e.contains("billing")) EXPECT_EQ(w.dbu_billed, e["billing"] == "databricks");
    if (e.contains("gpu_premium_usd")) {
      ASSERT_TRUE(w.gpu_premium_usd.has_value());
      EXPECT_NEAR(*w.gpu_premium_usd, e["gpu_premium_usd"].get<double>(), 1e-9);
    }
    if (e.contains("gpu_premium_usd_per_hour"))
      EXPECT_NEAR(w.gpu_premium_usd_per_hour, e["gpu_premium_usd_per_hour"].get<double>(), 1e-9);
    if (e.value("no_gpu_premium", false)) EXPECT_FALSE(w.gpu_premium_usd.has_value());
    for (const auto& part : e.value("formula_contains", json::array()))
      EXPECT_NE(w.formula.find(part.get<std::string>()), std::string::npos) << part;
    if (e.contains("missing_contains")) {
      bool found = false;
      for (const std::string& m : w.missing) found = found || m.find(e["missing_contains"].get<std::string>()) != std::string::npos;
      EXPECT_TRUE(found);
    }
  }
}

// Every GPU row of the table names a CPU twin the table prices, cheaper than itself.
TEST(WasteCases, GpuRowsHaveAPricedCheaperTwin) {
  const json table = json::parse(testing::ReadFile(testing::SourceDir() + "/pricing/price_table.json"));
  int gpu_rows = 0;
  for (const json& row : table.at("node_vm_usd_per_hour")) {
    ASSERT_FALSE(row.at("sources").empty()) << row;
    if (row.value("gpus", 0) == 0) continue;
    ++gpu_rows;
    const auto twin = PriceTable::Default().NodeVm(row["cloud"].get<std::string>(), row.at("cpu_twin").get<std::string>());
    ASSERT_TRUE(twin.has_value()) << row;
    EXPECT_LT(twin->usd_per_hour, row["usd_per_hour"].get<double>()) << row;
    EXPECT_EQ(twin->gpus, 0) << row;
  }
  EXPECT_GT(gpu_rows, 0);
}

}  // namespace
}  // namespace clusop
