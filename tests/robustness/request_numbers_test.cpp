// Extreme numbers in the request (indent, cluster figures): each must give a bad_request or an
// analysis whose figures are sane (no negative dollars, no internal error). Run in a child
// process: out-of-range float-to-int conversions are undefined behaviour, which UBSan aborts on.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "robustness_support.hpp"

namespace clusop::robustness {
namespace {

constexpr std::string_view kPlan =
    "== Physical Plan ==\\nPhotonProject [a#1]\\n+- PhotonRowToColumnar\\n   +- Project [a#1]\\n"
    "      +- ColumnarToRow\\n         +- PhotonScan parquet db.t[a#1]\\n";

std::string RequestWith(std::string_view fields) {
  return "{\"plan\":\"" + std::string(kPlan) + "\"," + std::string(fields) + "}";
}

::testing::AssertionResult NonNegativeOrNull(const json& v, std::string_view what) {
  if (v.is_null() || (v.is_number() && v.get<double>() >= 0)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << what << " is " << v.dump();
}

// A bad_request naming the field, or an analysis with no negative money or time in it.
Check SaneOutcome(std::string_view field) {
  return [field](const json& r) -> ::testing::AssertionResult {
    if (r.is_object() && r.contains("error")) return IsError(r, "bad_request", {field});
    if (auto a = IsAnalysis(r); !a) return a;
    const json& waste = r["waste"];
    for (const char* key : {"usd", "usd_per_month"})
      if (auto ok = NonNegativeOrNull(waste[key], key); !ok) return ok;
    for (const char* key : {"runtime_seconds", "runs_per_day", "workers", "dbu_per_hour", "usd_per_dbu",
                            "photon_multiplier"})
      if (auto ok = NonNegativeOrNull(waste["inputs"][key], key); !ok) return ok;
    return ::testing::AssertionSuccess();
  };
}

constexpr std::string_view kCluster = R"("node_type":"i3.xlarge","workers":2,"runtime_seconds":600,"runs_per_day":24)";

std::string ClusterWith(std::string_view field, std::string_view value) {
  return "\"cluster\":{" + std::string(kCluster) + ",\"" + std::string(field) + "\":" + std::string(value) + "}";
}

TEST(RobustnessRequestNumbers, ControlRequestIsPriced) {
  ExpectSurvives("numbers_control", RequestWith(std::string("\"cluster\":{") + std::string(kCluster) + "}"),
                 [](const json& r) -> ::testing::AssertionResult {
                   if (auto a = IsAnalysis(r); !a) return a;
                   if (!r["waste"]["usd"].is_number()) return ::testing::AssertionFailure() << "no usd figure";
                   return ::testing::AssertionSuccess();
                 });
}

TEST(RobustnessRequestNumbers, HugeIndent) {
  ExpectSurvives("indent_1e300", RequestWith(R"("indent":1e300)"), SaneOutcome("indent"));
  ExpectSurvives("indent_2p31", RequestWith(R"("indent":2147483648)"), SaneOutcome("indent"));
  // beyond double range: a strict JSON parser rejects the whole request, a lenient one reads it
  ExpectSurvives("indent_1e400", RequestWith(R"("indent":1e400)"), SaneOutcome("request"));
}

TEST(RobustnessRequestNumbers, HugeWorkers) {
  ExpectSurvives("workers_1e300", RequestWith(ClusterWith("workers", "1e300")), SaneOutcome("workers"));
  ExpectSurvives("workers_2p32", RequestWith(ClusterWith("workers", "4294967296")), SaneOutcome("workers"));
}

TEST(RobustnessRequestNumbers, HugeRuntime) {
  ExpectSurvives("runtime_1e300", RequestWith(ClusterWith("runtime_seconds", "1e300")), SaneOutcome("runtime_seconds"));
  ExpectSurvives("runtime_1e20", RequestWith(ClusterWith("runtime_seconds", "1e20")), SaneOutcome("runtime_seconds"));
}

TEST(RobustnessRequestNumbers, HugeRunsPerDayAndPrices) {
  ExpectSurvives("runs_per_day_1e300", RequestWith(ClusterWith("runs_per_day", "1e300")), SaneOutcome("runs_per_day"));
  ExpectSurvives("usd_per_dbu_1e300", RequestWith(ClusterWith("usd_per_dbu", "1e300")), SaneOutcome("usd_per_dbu"));
  ExpectSurvives("multiplier_1e300", RequestWith(ClusterWith("photon_multiplier", "1e300")),
                 SaneOutcome("photon_multiplier"));
}

TEST(RobustnessRequestNumbers, TinyAndNegativeZero) {
  ExpectSurvives("runtime_tiny", RequestWith(ClusterWith("runtime_seconds", "1e-320")), SaneOutcome("runtime_seconds"));
  ExpectSurvives("runtime_neg_zero", RequestWith(ClusterWith("runtime_seconds", "-0.0")), SaneOutcome("runtime_seconds"));
  ExpectSurvives("indent_neg_zero", RequestWith(R"("indent":-0)"), SaneOutcome("indent"));
}

}  // namespace
}  // namespace clusop::robustness
