// Deeply nested JSON in the REQUEST itself, outside the plan string: in "price_table" and
// "cluster" (handed to nlohmann/json), in unknown fields, around "plan", as the whole request.
// Each request runs in a child process (a gtest death test) so that a stack overflow fails only
// its own test, with the child's report, and not the suite.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "clusop/clusop.h"
#include "robustness_support.hpp"

namespace clusop::robustness {
namespace {

constexpr size_t kDepth = 100000;
constexpr std::string_view kPlan = "== Physical Plan ==\\nPhotonProject [a#1]\\n+- PhotonScan parquet db.t[a#1]\\n";

std::string NestedArrays(size_t depth, std::string_view leaf = "1") {
  std::string out(depth, '[');
  out += leaf;
  out.append(depth, ']');
  return out;
}

std::string NestedObjects(size_t depth, std::string_view leaf = "1") {
  std::string out;
  out.reserve(depth * 7 + leaf.size());
  for (size_t i = 0; i < depth; ++i) out += "{\"a\":";
  out += leaf;
  out.append(depth, '}');
  return out;
}

std::string RequestWith(std::string_view field, const std::string& value) {
  return "{\"plan\":\"" + std::string(kPlan) + "\",\"" + std::string(field) + "\":" + value + "}";
}

TEST(RobustnessRequestNesting, ControlRequestIsAnalysed) {
  ExpectSurvives("control", RequestWith("x", "1"), IsAnAnalysis());
}

TEST(RobustnessRequestNesting, PriceTableNestedObjects100k) {
  ExpectSurvives("price_table_objects", RequestWith("price_table", NestedObjects(kDepth)),
                 IsBadRequest("price table: expected schema"));
}

TEST(RobustnessRequestNesting, PriceTableNestedArrays100k) {
  ExpectSurvives("price_table_arrays", RequestWith("price_table", NestedArrays(kDepth)), IsBadRequest("price table"));
}

TEST(RobustnessRequestNesting, PriceTableRowNested100k) {
  const std::string table =
      "{\"schema\":\"clusop.price_table/1\",\"version\":\"x\",\"usd_per_dbu\":[" + NestedObjects(kDepth) +
      "],\"photon_multiplier\":[],\"node_dbu_per_hour\":[]}";
  ExpectSurvives("price_table_row", RequestWith("price_table", table), IsBadRequest("price table: a row"));
}

TEST(RobustnessRequestNesting, UnknownFieldNestedArrays100k) {
  ExpectSurvives("unknown_arrays", RequestWith("x", NestedArrays(kDepth)), IsAnAnalysis());
}

TEST(RobustnessRequestNesting, UnknownFieldNestedObjects100k) {
  ExpectSurvives("unknown_objects", RequestWith("x", NestedObjects(kDepth)), IsAnAnalysis());
}

TEST(RobustnessRequestNesting, UnknownFieldNestedArrays1M) {
  ExpectSurvives("unknown_arrays_1m", RequestWith("x", NestedArrays(10 * kDepth)), IsAnAnalysis());
}

TEST(RobustnessRequestNesting, PlanNested100k) {
  ExpectSurvives("plan", "{\"plan\":" + NestedArrays(kDepth, "\"Project [a#1]\"") + "}",
                 IsBadRequest("expected \"plan\""));
}

TEST(RobustnessRequestNesting, ClusterFieldNested100k) {
  ExpectSurvives("cluster_cloud", RequestWith("cluster", "{\"cloud\":" + NestedObjects(kDepth) + "}"),
                 IsBadRequest("\"cloud\" must be a string"));
}

TEST(RobustnessRequestNesting, WholeRequestNested100k) {
  ExpectSurvives("whole_arrays", NestedArrays(kDepth), IsBadRequest("expected a JSON object"));
  ExpectSurvives("whole_objects", NestedObjects(kDepth, "{\"plan\":\"Project [a#1]\"}"), IsBadRequest("expected \"plan\""));
}

TEST(RobustnessRequestNesting, UnclosedNesting100k) {
  ExpectSurvives("unclosed", "{\"plan\":\"Project [a#1]\",\"x\":" + std::string(kDepth, '['),
                 IsBadRequest("expected a JSON object"));
}

}  // namespace
}  // namespace clusop::robustness
