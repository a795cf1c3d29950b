#include "price/waste_model.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_files.hpp"

namespace clusop {
namespace {

const char* kTable = R"({"schema": "clusop.price_table/1", "version": "test",
  "usd_per_dbu": [{"cloud": "aws", "tier": "premium", "sku": "jobs", "usd": 0.15, "status": "verified"}],
  "photon_multiplier": [{"cloud": "aws", "sku": "jobs", "value": 2.9, "status": "verified"},
                        {"cloud": "azure", "sku": "jobs", "value": 2.5, "status": "unverified"}],
  "node_dbu_per_hour": [{"cloud": "aws", "node_type": "i3.xlarge", "dbu_per_hour": 1.0, "status": "verified"},
                        {"cloud": "aws", "node_type": "i3.2xlarge", "dbu_per_hour": 2.0, "status": "verified"}]})";

ClusterContext Cluster() {
  ClusterContext c;
  c.node_type = "i3.xlarge";
  c.driver_node_type = "i3.2xlarge";
  c.workers = 4;
  c.runtime_seconds = 1800;
  c.runs_per_day = 10;
  return c;
}

TEST(WasteModel, AppliesTheFormula) {
  PriceTable table;
  std::string error;
  ASSERT_TRUE(PriceTable::Parse(kTable, &table, &error)) << error;
  const Waste w = PriceWaste(Cluster(), Engine::kPhoton, 0.5, table);
  ASSERT_TRUE(w.usd.has_value());
  // 0.5 h x (2.0 + 4 x 1.0) DBU/h x $0.15 x (2.9 - 1) x 0.5
  EXPECT_NEAR(*w.usd, 0.5 * 6.0 * 0.15 * 1.9 * 0.5, 1e-12);
  EXPECT_NEAR(*w.usd_per_month, *w.usd * 10 * 30, 1e-9);
  EXPECT_DOUBLE_EQ(w.dbu_per_hour, 6.0);
}

TEST(WasteModel, UnknownNodeTypeGivesNoFigure) {
  PriceTable table;
  std::string error;
  ASSERT_TRUE(PriceTable::Parse(kTable, &table, &error));
  ClusterContext c = Cluster();
  c.node_type = "x9.mystery";
  const Waste w = PriceWaste(c, Engine::kPhoton, 0.5, table);
  EXPECT_FALSE(w.usd.has_value());
  ASSERT_FALSE(w.missing.empty());
  EXPECT_NE(w.missing.back().find("x9.mystery"), std::string::npos);
}

TEST(WasteModel, OnlyPhotonHasAPremium) {
  PriceTable table;
  std::string error;
  ASSERT_TRUE(PriceTable::Parse(kTable, &table, &error));
  EXPECT_FALSE(PriceWaste(Cluster(), Engine::kComet, 0.5, table).usd.has_value());
}

TEST(WasteModel, RejectsABadTable) {
  PriceTable table;
  std::string error;
  EXPECT_FALSE(PriceTable::Parse("{\"schema\": \"other\"}", &table, &error));
  EXPECT_NE(error.find("clusop.price_table/1"), std::string::npos);
  EXPECT_FALSE(PriceTable::Parse("not json", &table, &error));
}

TEST(WasteModel, EmbeddedTableKnowsTheReferenceFacts) {
  const PriceTable& table = PriceTable::Default();
  EXPECT_EQ(table.version().rfind("invalid", 0), std::string::npos) << table.version();
  ASSERT_TRUE(table.UsdPerDbu("aws", "premium", "jobs").has_value());
  EXPECT_DOUBLE_EQ(table.UsdPerDbu("aws", "premium", "jobs")->value, 0.15);
  EXPECT_DOUBLE_EQ(table.PhotonMultiplier("aws", "jobs")->value, 2.9);
  EXPECT_DOUBLE_EQ(table.PhotonMultiplier("aws", "all_purpose")->value, 2.0);
  EXPECT_DOUBLE_EQ(table.NodeDbuPerHour("aws", "i3.xlarge")->value, 1.0);
}

TEST(WasteModel, CostLegIsNeverAboveMediumAndNeverBilled) {
  const std::string plan = "== Physical Plan ==\nProject [a#1]\n+- ColumnarToRow\n   +- PhotonResultStage\n"
                           "      +- PhotonScan parquet db.t[a#1]\n";
  const auto a = nlohmann::json::parse(testing::AnalyzeThroughApi(
      plan, R"("cluster": {"node_type": "i3.xlarge", "workers": 2, "runtime_seconds": 3600, "runs_per_day": 1})"));
  EXPECT_EQ(a["waste"]["basis"], "modeled");
  EXPECT_EQ(a["confidence"]["cost"], "MEDIUM");
  // 1 h x 3 DBU/h x $0.15 x 1.9 x 1/2 (Project is one of two real operators)
  EXPECT_DOUBLE_EQ(a["waste"]["usd"].get<double>(), 0.4275);
  const auto azure = nlohmann::json::parse(testing::AnalyzeThroughApi(
      plan, R"("cluster": {"cloud": "azure", "node_type": "Standard_DS3_v2", "workers": 2, "runtime_seconds": 3600})"));
  EXPECT_EQ(azure["confidence"]["cost"], "LOW");  // the Azure jobs multiplier is unverified
}

}  // namespace
}  // namespace clusop
