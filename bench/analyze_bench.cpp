// clusop_bench: how fast the core analyses the largest plans, against a memchr newline scan
// of the same bytes (the floor for anything that reads the input). See bench/README.md.
//
// For every plan, three benchmarks run in the same process:
//   BM_Analyze/<plan>         clusop::Analyze on the plan bytes (text -> Analysis struct)
//   BM_AnalyzeToJson/<plan>   clusop::AnalyzeRequest: parse the request JSON, analyse, write
//                             the clusop.analysis/1 answer (the request is built once, untimed)
//   BM_MemchrNewlines/<plan>  count '\n' with memchr over the same plan bytes
// Plans come from the shared corpus (env CLUSOP_CORPUS, else the directory compiled in) and
// from a generator, so the program is useful even without the corpus.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyze.hpp"
#include "clusop/clusop.hpp"

#ifndef CLUSOP_BENCH_CORPUS_DIR
#define CLUSOP_BENCH_CORPUS_DIR "../shared/corpus"
#endif

namespace {

// ---------------------------------------------------------------------------------------------
// Plans

struct Plan {
  std::string name;     // benchmark argument: BM_Analyze/<name>
  std::string source;   // file path, or "generated"
  std::string bytes;    // the plan text (or event-log line) as the core receives it
  std::string request;  // {"plan": <bytes, JSON-escaped>} for clusop::AnalyzeRequest
  int64_t nodes = 0;    // PlanTree node count, from one untimed analysis
  std::string skip;     // non-empty: why this plan's benchmarks cannot run
};

std::string CorpusDir() {
  const char* env = std::getenv("CLUSOP_CORPUS");
  return (env && *env) ? std::string(env) : std::string(CLUSOP_BENCH_CORPUS_DIR);
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = std::move(ss).str();
  return static_cast<bool>(in) || in.eof();
}

std::string JsonQuote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8 + 2);
  out.push_back('"');
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
  return out;
}

// A Photon plan of about `target_nodes` nodes, printed like Spark's explain tree: a union of
// branches, each a short chain of broadcast hash joins; every fifth branch has a Python UDF
// that falls back to the JVM between row/columnar transitions. Depth stays moderate (like
// real plans), so the text grows linearly with the node count.
struct Spec {
  std::string text;
  std::vector<Spec> children;
};

void Render(const Spec& node, const std::string& prefix, std::string* out) {
  *out += node.text;
  out->push_back('\n');
  for (size_t i = 0; i < node.children.size(); ++i) {
    const bool last = i + 1 == node.children.size();
    *out += prefix;
    *out += last ? "+- " : ":- ";
    Render(node.children[i], prefix + (last ? "   " : ":  "), out);
  }
}

int64_t CountNodes(const Spec& node) {
  int64_t n = 1;
  for (const Spec& c : node.children) n += CountNodes(c);
  return n;
}

std::string GeneratedPlan(int64_t target_nodes) {
  int attr = 1000;
  auto col = [&attr](const char* name) { return std::string(name) + "#" + std::to_string(attr++) + "L"; };
  auto scan = [&](int table, bool udf_fallback) {
    const std::string t = "tbl_" + std::to_string(table);
    const std::string a = col("k"), b = col("v");
    Spec s{"PhotonScan parquet bench_db." + t + "[" + a + "," + b + "] DataFilters: [isnotnull(" + a +
               ")], DictionaryFilters: [], Format: parquet, Location: PreparedDeltaFileIndex(1 paths)[s3://bucket/" +
               t + "], PartitionFilters: [], ReadSchema: struct<k:bigint,v:bigint>",
           {}};
    Spec filtered{"PhotonFilter isnotnull(" + a + ")", {std::move(s)}};
    if (!udf_fallback) return filtered;
    const std::string u = col("pythonUDF0");
    Spec c2r{"* ColumnarToRow", {std::move(filtered)}};
    Spec py{"BatchEvalPython [normalize(" + b + ")#" + std::to_string(attr++) + "], [" + u + "]", {std::move(c2r)}};
    Spec proj{"* Project [" + a + ", " + u + " AS " + col("v_norm") + "]", {std::move(py)}};
    return Spec{"PhotonRowToColumnar", {std::move(proj)}};
  };
  auto build_side = [&](int table) {
    Spec s = scan(table, false);
    Spec sink{"PhotonShuffleExchangeSink hashpartitioning(" + col("k") + ", 200)", {std::move(s)}};
    Spec stage{"PhotonShuffleMapStage ENSURE_REQUIREMENTS, [id=#" + std::to_string(attr++) + "]", {std::move(sink)}};
    Spec qs{"ShuffleQueryStage " + std::to_string(attr++) +
                ", Statistics(sizeInBytes=1.2 MiB, rowCount=4.2E+4, ColumnStat: N/A, isRuntime=true)",
            {std::move(stage)}};
    return Spec{"PhotonShuffleExchangeSource", {std::move(qs)}};
  };
  auto branch = [&](int index) {
    Spec side = scan(index * 10, index % 5 == 4);
    for (int j = 1; j <= 3; ++j) {
      Spec join{"PhotonBroadcastHashJoin [" + col("k") + "], [" + col("k") + "], Inner, BuildRight, false",
                {std::move(side), build_side(index * 10 + j)}};
      side = Spec{"PhotonProject [" + col("k") + ", " + col("v") + ", " + col("w") + "]", {std::move(join)}};
    }
    return side;
  };

  Spec unions{"PhotonUnion", {}};
  // Above the union: * ColumnarToRow, PhotonResultStage, final PhotonAgg, shuffle
  // (source, map stage, sink), partial PhotonAgg: 7 nodes, plus the union itself.
  int64_t nodes = 8;
  for (int i = 0; nodes < target_nodes; ++i) {
    unions.children.push_back(branch(i));
    nodes += CountNodes(unions.children.back());
  }
  Spec node = std::move(unions);
  const char* const above[] = {
      "PhotonAgg(keys=[], functions=[partial_sum(v#3L) AS sum#1L])",
      "PhotonShuffleExchangeSink SinglePartition",
      "PhotonShuffleMapStage ENSURE_REQUIREMENTS, [id=#7]",
      "PhotonShuffleExchangeSource",
      "PhotonAgg(keys=[], functions=[finalmerge_sum(merge sum#1L) AS sum(v)#2L])",
      "PhotonResultStage",
      "* ColumnarToRow",
  };
  for (const char* text : above) {
    Spec parent{text, {}};
    parent.children.push_back(std::move(node));
    node = std::move(parent);
  }
  std::string out = "== Physical Plan ==\n";
  Render(node, "", &out);
  return out;
}

// Reads or generates every plan, and runs one untimed analysis of each to count its nodes and
// to make sure the timed loops measure a successful analysis, not an early error.
std::vector<Plan> LoadPlans() {
  const std::string corpus = CorpusDir();
  struct FileCase {
    const char* name;
    const char* relative;
  };
  const FileCase files[] = {
      {"comet_q14a_extended", "golden/comet/head-extended/v2_7/q14a.extended.txt"},
      {"photon_q88_aqe_text", "golden/photon/eventlogs/nds_q88_photon_db_13_3.exec26.aqe11.txt"},
      {"photon_q88_eventlog_json", "photon/nvidia_nds_q88_db133_eventlog_aqe_final_event.json"},
  };
  std::vector<Plan> plans;
  for (const FileCase& f : files) {
    Plan p;
    p.name = f.name;
    p.source = corpus + "/" + f.relative;
    if (!ReadFile(p.source, &p.bytes)) {
      p.skip = "corpus file not found: " + p.source + " (set CLUSOP_CORPUS to the corpus directory)";
      std::fprintf(stderr, "clusop_bench: %s\n", p.skip.c_str());
    }
    plans.push_back(std::move(p));
  }
  {
    Plan p;
    p.name = "generated_photon_3000";
    p.source = "generated";
    p.bytes = GeneratedPlan(3000);
    plans.push_back(std::move(p));
  }
  for (Plan& p : plans) {
    if (!p.skip.empty()) continue;
    clusop::AnalyzeInput input;
    input.plan = p.bytes;
    clusop::Analysis analysis;
    std::string error;
    if (!clusop::Analyze(input, &analysis, &error)) {
      p.skip = "clusop::Analyze failed on " + p.source + ": " + error;
      std::fprintf(stderr, "clusop_bench: %s\n", p.skip.c_str());
      continue;
    }
    p.nodes = static_cast<int64_t>(analysis.tree.nodes.size());
    p.request = "{\"plan\":" + JsonQuote(p.bytes) + "}";
    const std::string response = clusop::AnalyzeRequest(p.request);
    if (response.rfind("{\"schema\":\"clusop.analysis/1\",\"error\":", 0) == 0) {
      p.skip = "clusop::AnalyzeRequest answered an error on " + p.source + ": " + response.substr(0, 300);
      std::fprintf(stderr, "clusop_bench: %s\n", p.skip.c_str());
    }
  }
  return plans;
}

// ---------------------------------------------------------------------------------------------
// Benchmarks

void BM_Analyze(benchmark::State& state, const Plan* plan) {
  if (!plan->skip.empty()) {
    state.SkipWithError(plan->skip.c_str());
    return;
  }
  clusop::AnalyzeInput input;
  input.plan = plan->bytes;
  for (auto _ : state) {
    clusop::Analysis analysis;
    std::string error;
    const bool ok = clusop::Analyze(input, &analysis, &error);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(analysis);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(plan->bytes.size()));
  // Per-iteration count, divided by the total time: nodes per second.
  state.counters["nodes"] = static_cast<double>(plan->nodes);
  state.counters["nodes/s"] =
      benchmark::Counter(static_cast<double>(plan->nodes), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_AnalyzeToJson(benchmark::State& state, const Plan* plan) {
  if (!plan->skip.empty()) {
    state.SkipWithError(plan->skip.c_str());
    return;
  }
  for (auto _ : state) {
    std::string response = clusop::AnalyzeRequest(plan->request);
    benchmark::DoNotOptimize(response.data());
    benchmark::ClobberMemory();
  }
  // The plan's bytes, not the (slightly longer, escaped) request's, so the two rates compare.
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(plan->bytes.size()));
  state.counters["nodes"] = static_cast<double>(plan->nodes);
  state.counters["nodes/s"] =
      benchmark::Counter(static_cast<double>(plan->nodes), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_MemchrNewlines(benchmark::State& state, const Plan* plan) {
  if (!plan->skip.empty()) {
    state.SkipWithError(plan->skip.c_str());
    return;
  }
  const char* const begin = plan->bytes.data();
  const char* const end = begin + plan->bytes.size();
  for (auto _ : state) {
    int64_t lines = 0;
    const char* p = begin;
    benchmark::DoNotOptimize(p);
    while (p < end) {
      const void* hit = std::memchr(p, '\n', static_cast<size_t>(end - p));
      if (!hit) break;
      ++lines;
      p = static_cast<const char*>(hit) + 1;
    }
    benchmark::DoNotOptimize(lines);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(plan->bytes.size()));
}

}  // namespace

int main(int argc, char** argv) {
  // --dump_plan=<name>: print that plan's bytes (e.g. the generated one) and exit, so it can
  // be fed to the CLI or a profiler.
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.rfind("--dump_plan=", 0) != 0) continue;
    const std::string_view name = arg.substr(std::strlen("--dump_plan="));
    for (const Plan& p : LoadPlans()) {
      if (p.name != name) continue;
      std::fwrite(p.bytes.data(), 1, p.bytes.size(), stdout);
      return p.bytes.empty() ? 1 : 0;
    }
    std::fprintf(stderr, "clusop_bench: no plan named %.*s\n", static_cast<int>(name.size()), name.data());
    return 1;
  }

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  static const std::vector<Plan> plans = LoadPlans();
  benchmark::AddCustomContext("clusop_corpus", CorpusDir());
  for (const Plan& p : plans) {
    benchmark::AddCustomContext("plan:" + p.name,
                                p.skip.empty() ? p.source + " (" + std::to_string(p.bytes.size()) + " bytes, " +
                                                     std::to_string(p.nodes) + " nodes)"
                                               : "skipped: " + p.skip);
  }
  for (const Plan& p : plans) {
    benchmark::RegisterBenchmark(("BM_Analyze/" + p.name).c_str(), BM_Analyze, &p)->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_AnalyzeToJson/" + p.name).c_str(), BM_AnalyzeToJson, &p)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(("BM_MemchrNewlines/" + p.name).c_str(), BM_MemchrNewlines, &p)
        ->Unit(benchmark::kMicrosecond);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
