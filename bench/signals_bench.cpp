// clusop_signals_bench: one listener flush merged into a stored record (clusop_signals op
// "merge") that N applications reported before, handed to the core whole (every source) or
// partial (the head and the batch's application's source, as `clusop serve` keeps it). The
// request and answer texts are part of the cost, as they are for the service. See bench/README.md
// ("Signals merge").
#include <benchmark/benchmark.h>

#include <string>

#include <nlohmann/json.hpp>

#include "clusop/clusop.h"

namespace {

using nlohmann::json;

const char* kWorkspace = "1234567890123456";

json Call(const json& request) {
  const std::string text = request.dump();
  char* out = clusop_signals(text.data(), text.size());
  json answer = json::parse(out ? out : "null");
  clusop_free(out);
  return answer;
}

// A listener signal shaped as SignalBatcher writes it (cluster object, sample plan, analysis).
json Batch(int app, int seq) {
  const std::string app_id = "app-20261130-" + std::to_string(10000 + app);
  json s = {{"schema", "clusop.signal/1"}, {"signature", "57c6f0f7446a430e"}, {"app_id", app_id},
            {"app_name", "nightly-orders"}, {"cause", "python_udf"}, {"count", seq},
            {"total_runtime_seconds", 1.5 * seq}, {"total_waste_usd", 0.25 * seq}, {"priced_runs", seq},
            {"first_seen", "2026-11-28T10:00:00.000Z"}, {"last_seen", "2026-11-30T10:00:00.000Z"},
            {"flush", {{"seq", seq}, {"final", false}, {"at", "2026-11-30T10:00:00.000Z"}}},
            {"cluster", {{"source", "conf"}, {"cloud", "aws"}, {"sku", "jobs"}, {"node_type", "i3.xlarge"},
                         {"workers", 4}, {"cluster_id", "1130-" + std::to_string(app)}}},
            {"sample", {{"func_name", "collect"}, {"plan", std::string(800, 'x')}}},
            {"analysis", {{"verdict", {{"kind", "fix_fallback"}, {"cause", "python_udf"}}}}}};
  return {{"schema", "clusop.signal_batch/1"}, {"app_id", app_id}, {"signals", json::array({s})}};
}

// The record after `sources` applications reported once: its head and its sources.
struct Stored {
  json head;
  json sources = json::array();
};

Stored Build(int sources) {
  Stored st;
  for (int app = 0; app < sources; ++app) {
    json record = st.head.is_null() ? json::array() : json::array({st.head});
    const json answer = Call({{"op", "merge"}, {"workspace_id", kWorkspace}, {"batch", Batch(app, 1)}, {"signals", record}});
    json r = answer.at("signals").at(0);
    st.sources.push_back(r.at("sources").at(0));
    r.erase("sources");
    st.head = r;
  }
  return st;
}

void Merge(benchmark::State& state, bool partial) {
  const Stored st = Build(static_cast<int>(state.range(0)));
  json record = st.head;
  if (partial) {
    record["sources"] = json::array({st.sources.at(0)});  // the batch's application's source
  } else {
    record["sources"] = st.sources;
    record.erase("source_count");
  }
  const std::string request =
      json({{"op", "merge"}, {"workspace_id", kWorkspace}, {"batch", Batch(0, 2)}, {"signals", json::array({record})}}).dump();
  size_t bytes = 0;
  for (auto _ : state) {
    char* out = clusop_signals(request.data(), request.size());
    bytes = std::string(out ? out : "").size();
    clusop_free(out);
  }
  state.counters["request_bytes"] = static_cast<double>(request.size());
  state.counters["answer_bytes"] = static_cast<double>(bytes);
}

void BM_MergeWhole(benchmark::State& state) { Merge(state, false); }
void BM_MergePartial(benchmark::State& state) { Merge(state, true); }

BENCHMARK(BM_MergeWhole)->Arg(1)->Arg(32)->Arg(1000)->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime();
BENCHMARK(BM_MergePartial)->Arg(1)->Arg(32)->Arg(1000)->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime();

}  // namespace

BENCHMARK_MAIN();
