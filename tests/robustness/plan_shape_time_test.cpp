// Plan shapes that are legal but unusual, at 20,000 nodes (1-2 MB of input): the analysis must
// stay close to linear. A linear pass over 20,000 nodes takes milliseconds; the bound is 1 s in
// an optimised build (10 s under sanitizers), so only super-linear work (a walk over the
// ancestors or the subtree of every node, or nodes x explanation entries) exceeds it. Each case
// runs in a child with a watchdog, so a slow one fails in bounded time.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "robustness_support.hpp"

namespace clusop::robustness {
namespace {

constexpr size_t kNodes = 20000;
const double kBound = TimeBound(1);

// A chain of nodes (root first) as one sparkPlanInfo object.
std::string ChainJson(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view name : names) {
    out += "{\"nodeName\":\"";
    out += name;
    out += "\",\"simpleString\":\"";
    out += name;
    out += "\",\"children\":[";
  }
  for (size_t i = 0; i < names.size(); ++i) out += "]}";
  return out;
}

std::vector<std::string_view> Chain(std::string_view top, std::string_view repeated, size_t count,
                                    std::string_view bottom) {
  std::vector<std::string_view> names;
  if (!top.empty()) names.push_back(top);
  names.insert(names.end(), count, repeated);
  names.push_back(bottom);
  return names;
}

Check AnalysisWithNodes(size_t nodes) {
  return [nodes](const json& r) -> ::testing::AssertionResult {
    if (auto a = IsAnalysis(r); !a) return a;
    if (r["parse"]["node_count"].get<size_t>() != nodes)
      return ::testing::AssertionFailure() << "node_count " << r["parse"]["node_count"] << ", expected " << nodes;
    return ::testing::AssertionSuccess();
  };
}

// Plain chains: the controls, which are linear today.
TEST(RobustnessPlanShapeTime, ControlChains) {
  ExpectSurvives("shape_photon_chain", MakeRequest(ChainJson(Chain("", "PhotonProject", kNodes, "PhotonScan parquet"))),
                 AnalysisWithNodes(kNodes + 1), kBound);
  ExpectSurvives("shape_wrapper_chain", MakeRequest(ChainJson(Chain("Project", "InputAdapter", kNodes, "Project"))),
                 AnalysisWithNodes(kNodes + 2), kBound);
}

// Each ColumnarToRow looks down through the ColumnarToRow nodes below it (already turned into
// wrappers) for the work it converts.
TEST(RobustnessPlanShapeTime, ColumnarToRowChain) {
  ExpectSurvives("shape_columnar_to_row_chain",
                 MakeRequest(ChainJson(Chain("PhotonProject", "ColumnarToRow", kNodes, "Project"))),
                 AnalysisWithNodes(kNodes + 2), kBound);
}

// Each RowToColumnar looks up through the RowToColumnar nodes above it.
TEST(RobustnessPlanShapeTime, RowToColumnarChain) {
  ExpectSurvives("shape_row_to_columnar_chain",
                 MakeRequest(ChainJson(Chain("Project", "RowToColumnar", kNodes, "PhotonProject"))),
                 AnalysisWithNodes(kNodes + 2), kBound);
}

// Each AdaptiveSparkPlan searches its whole subtree for an engine operator.
TEST(RobustnessPlanShapeTime, AdaptiveSparkPlanChain) {
  ExpectSurvives("shape_adaptive_chain",
                 MakeRequest(ChainJson(Chain("", "AdaptiveSparkPlan", kNodes, "PhotonProject"))),
                 AnalysisWithNodes(kNodes + 1), kBound);
}

// Many JVM siblings under a long chain of wrappers: each looks up the chain for its work parent.
// (40,000 nodes: at 20,000 this walk still fits the bound.)
TEST(RobustnessPlanShapeTime, JvmSiblingsUnderWrapperChain) {
  const size_t half = kNodes;
  std::string plan = "{\"nodeName\":\"Project\",\"children\":[";
  for (size_t i = 0; i < half; ++i) plan += "{\"nodeName\":\"InputAdapter\",\"children\":[";
  plan += "{\"nodeName\":\"PhotonProject\",\"children\":[]}";
  for (size_t i = 0; i < half; ++i) plan += ",{\"nodeName\":\"Filter\",\"children\":[]}";
  for (size_t i = 0; i < half; ++i) plan += "]}";
  plan += "]}";
  ExpectSurvives("shape_jvm_siblings_under_wrappers", MakeRequest(plan), AnalysisWithNodes(2 * half + 2), kBound);
}

// Many fallback operators and a Photon explanation with as many entries: each operator scans
// every entry for its reason.
TEST(RobustnessPlanShapeTime, FallbacksTimesExplanationEntries) {
  const size_t half = kNodes / 2;
  std::string plan = "== Physical Plan ==\nPhotonProject [a#1]\n";
  for (size_t i = 0; i < half; ++i) plan += ":- Project [a#1]\n";
  plan += "+- PhotonScan parquet db.t[a#1]\n\n== Photon Explanation ==\nPhoton does not fully support the query because:\n";
  for (size_t i = 0; i < half; ++i) plan += "\tUnsupported expression(s): f(a#1)\nReference node:\n\tFilter (a#1 > 0)\n";
  ExpectSurvives("shape_fallbacks_x_explanation", MakeRequest(plan), AnalysisWithNodes(half + 2), kBound);
}

}  // namespace
}  // namespace clusop::robustness
