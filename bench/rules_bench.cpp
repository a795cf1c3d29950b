// clusop_rules_bench: the rules step (bind the KPIs, run every built-in rule, price, merge and
// rank) over a synthetic application of 10,000 stage attempts and 1,000 SQL executions built by
// our own code, beside the time AppScan takes to read a real log when CLUSOP_BENCH_BIG_LOG names
// one (then the rules also run over that log's own report). See bench/README.md ("Rules").
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "analysis/app_scan.hpp"
#include "kpi/app_report.hpp"
#include "rules/recommend.hpp"

namespace {

// Stages with 200 task durations each; every 50th skewed, every 70th spilling, every 90th with
// GC pressure; SQL executions of 10 stages and 2 joins, every 20th a missed broadcast.
clusop::AppReport SyntheticApp(int stages, int executions) {
  clusop::AppReport a;
  a.app.app_id = "synthetic";
  a.app.spark_version = "3.5.1";
  a.app.start_ms = 0;
  a.app.end_ms = 36LL * 3600 * 1000;
  a.max_cores = 64;
  a.max_executors = 8;
  a.utilisation = {64.0 * 36 * 3600, 40.0 * 36 * 3600, 40.0 / 64};
  int64_t t = 1000;
  for (int i = 0; i < stages; ++i) {
    clusop::StageKpis s;
    s.stage_id = i;
    s.name = "stage " + std::to_string(i);
    s.call_site = "job.py:" + std::to_string(100 + i % 50);
    s.status = "completed";
    s.num_tasks = 200;
    s.tasks = s.succeeded_tasks = 200;
    s.submission_ms = t;
    for (int k = 0; k < 200; ++k) s.task_duration_ms.Add(1000.0 + (k * 37 % 400));
    if (i % 50 == 0) s.task_duration_ms.Add(400000);
    s.executor_run_ms = 200 * 1200;
    s.gc_ms = i % 90 == 0 ? 200 * 600 * 5 : 200 * 20;
    s.shuffle_read_bytes = int64_t{1} << 30;
    s.memory_spilled_bytes = i % 70 == 0 ? int64_t{3} << 30 : 0;
    s.scheduler_delay_ms = 200 * 5;
    s.deserialize_ms = 200 * 5;
    s.result_size_bytes = 200 * 2000;
    t += 12000;
    s.completion_ms = t;
    a.stages.push_back(std::move(s));
  }
  for (int e = 0; e < executions; ++e) {
    clusop::SqlExecutionReport x;
    x.execution_id = e;
    x.description = "query " + std::to_string(e);
    x.start_ms = e * 100000LL;
    x.end_ms = x.start_ms + 90000;
    x.status = "succeeded";
    x.analysis_json = "{}";
    for (int k = 0; k < 10; ++k) x.stage_ids.push_back((e * 10 + k) % stages);
    for (int j = 0; j < 2; ++j) {
      clusop::JoinFacts join;
      join.strategy = e % 20 == 0 && j == 0 ? "SortMergeJoin" : "BroadcastHashJoin";
      join.left_bytes = int64_t{8} << 30;
      join.right_bytes = int64_t{2} << 20;
      x.joins.push_back(join);
    }
    a.sql_executions.push_back(std::move(x));
  }
  return a;
}

void BM_RulesSynthetic(benchmark::State& state) {
  const clusop::AppReport base = SyntheticApp(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  const clusop::ScanOptions options;
  const clusop::SparkConf conf;
  size_t findings = 0;
  for (auto _ : state) {
    clusop::AppReport report = base;  // Recommend writes into the report
    clusop::Recommend(options, conf, &report);
    findings = report.recommendations.size();
    benchmark::DoNotOptimize(report.recommendations.data());
  }
  state.counters["stages"] = static_cast<double>(state.range(0));
  state.counters["sql_executions"] = static_cast<double>(state.range(1));
  state.counters["recommendations"] = static_cast<double>(findings);
}
BENCHMARK(BM_RulesSynthetic)->Args({10000, 1000})->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

std::string ReadAll(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A real log read by AppScan (its Finish runs the rules too), and the rules alone over its report.
void RegisterLogBenchmarks() {
  const char* path = std::getenv("CLUSOP_BENCH_BIG_LOG");
  if (!path) return;
  static const std::string bytes = ReadAll(path);
  if (bytes.empty()) return;
  static const std::string name = path;
  benchmark::RegisterBenchmark("BM_ScanLog", [](benchmark::State& state) {
    for (auto _ : state) {
      clusop::AppScan scan{clusop::ScanOptions{}};
      scan.BeginPart(name);
      scan.Feed(bytes);
      const clusop::AppReport& r = scan.Finish();
      state.counters["stages"] = static_cast<double>(r.stages.size());
      state.counters["sql_executions"] = static_cast<double>(r.sql_executions.size());
    }
  })->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->Iterations(1);
  benchmark::RegisterBenchmark("BM_RulesOnLog", [](benchmark::State& state) {
    clusop::AppScan scan{clusop::ScanOptions{}};
    scan.BeginPart(name);
    scan.Feed(bytes);
    const clusop::AppReport base = scan.Finish();
    for (auto _ : state) {
      clusop::AppReport report = base;
      clusop::Recommend(clusop::ScanOptions{}, clusop::SparkConf{}, &report);
      benchmark::DoNotOptimize(report.recommendations.data());
    }
  })->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
}

}  // namespace

int main(int argc, char** argv) {
  RegisterLogBenchmarks();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
