// clusop_scan_bench: how fast the core scans whole event logs, in CPU time (steadier than wall
// time on a shared machine), against a one-thread simdjson On-Demand pass over the same lines.
// See bench/README.md ("Event-log scan").
//
// For every log, three benchmarks run in the same process, all counting bytes of JSON:
//   BM_Scan/<log>          AppScan on the file as stored: decode, read every event, KPIs,
//                          SQL executions and their plan analyses (the work of `clusop scan`
//                          for one application, without writing the JSON answer)
//   BM_ScanDecoded/<log>   the same on the already decompressed JSON (codec cost left out)
//   BM_SimdjsonLines/<log> the floor: simdjson On-Demand over every line of the decompressed
//                          JSON, reading its "Event" field
// Logs: corpus files (env CLUSOP_CORPUS, else the directory compiled in) and, when set,
// CLUSOP_BENCH_BIG_LOG (the big log of ../shared/bench/big-eventlog).
#include <benchmark/benchmark.h>
#include <simdjson.h>
#include <zstd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/app_scan.hpp"
#include "kpi/app_report.hpp"

#ifndef CLUSOP_BENCH_CORPUS_DIR
#define CLUSOP_BENCH_CORPUS_DIR "../shared/corpus"
#endif

namespace {

struct Log {
  std::string name;
  std::string path;
  std::string stored;  // the file's bytes
  std::string json;    // decompressed
  std::string skip;
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
  return true;
}

// The whole zstd stream (many frames), or the bytes themselves when not zstd.
bool Decompress(const std::string& stored, std::string* json) {
  if (stored.size() < 4 || std::memcmp(stored.data(), "\x28\xb5\x2f\xfd", 4) != 0) {
    *json = stored;
    return true;
  }
  ZSTD_DCtx* ctx = ZSTD_createDCtx();
  ZSTD_inBuffer in{stored.data(), stored.size(), 0};
  std::vector<char> buffer(ZSTD_DStreamOutSize());
  bool ok = true;
  while (in.pos < in.size) {
    ZSTD_outBuffer out{buffer.data(), buffer.size(), 0};
    const size_t rc = ZSTD_decompressStream(ctx, &out, &in);
    if (ZSTD_isError(rc)) {
      ok = false;
      break;
    }
    json->append(buffer.data(), out.pos);
  }
  ZSTD_freeDCtx(ctx);
  return ok;
}

Log Load(std::string name, std::string path) {
  Log log{std::move(name), std::move(path), {}, {}, {}};
  if (!ReadFile(log.path, &log.stored)) log.skip = "log not found: " + log.path;
  else if (!Decompress(log.stored, &log.json)) log.skip = "cannot decompress " + log.path;
  return log;
}

std::vector<Log>& Logs() {
  static std::vector<Log> logs = [] {
    const std::string root = CorpusDir() + "/eventlogs/";
    std::vector<Log> all;
    all.push_back(Load("q88_photon_zstd", root + "spark-rapids-tools/spark-events-qualification/nds_q88_photon_db_13_3.zstd"));
    all.push_back(Load("q72_dataproc_zstd", root + "spark-rapids-tools/spark-events-qualification/nds_q72_dataproc_2_2.zstd"));
    all.push_back(Load("dbx_live_plain", root + "spark_log_parser/databricks-rollover/databricks_example_1/eventlog"));
    if (const char* big = std::getenv("CLUSOP_BENCH_BIG_LOG"); big && *big) all.push_back(Load("big_zstd", big));
    return all;
  }();
  return logs;
}

// One application, fed in 1 MiB chunks as the CLI does.
void ScanOnce(const std::string& name, const std::string& bytes, benchmark::State& state) {
  clusop::AppScan scan{clusop::ScanOptions{}};
  scan.BeginPart(name);
  constexpr size_t kChunk = size_t{1} << 20;
  for (size_t at = 0; at < bytes.size(); at += kChunk) scan.Feed(std::string_view(bytes).substr(at, kChunk));
  const clusop::AppReport& report = scan.Finish();
  benchmark::DoNotOptimize(report.stages.size());
  if (!scan.error().empty()) state.SkipWithError(scan.error().c_str());
}

void BM_Scan(benchmark::State& state, const Log* log) {
  if (!log->skip.empty()) return state.SkipWithError(log->skip.c_str());
  for (auto _ : state) ScanOnce(log->path, log->stored, state);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log->json.size()));
}

void BM_ScanDecoded(benchmark::State& state, const Log* log) {
  if (!log->skip.empty()) return state.SkipWithError(log->skip.c_str());
  for (auto _ : state) ScanOnce("decoded.json", log->json, state);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log->json.size()));
}

void BM_SimdjsonLines(benchmark::State& state, const Log* log) {
  if (!log->skip.empty()) return state.SkipWithError(log->skip.c_str());
  // Each line is parsed in place: the bytes after it (and the padding after the last line)
  // are the readable padding simdjson needs, so no line is copied.
  const std::string padded = log->json + std::string(simdjson::SIMDJSON_PADDING, ' ');
  simdjson::ondemand::parser parser;
  for (auto _ : state) {
    size_t events = 0;
    const char* at = padded.data();
    const char* end = at + log->json.size();
    while (at < end) {
      const char* newline = static_cast<const char*>(std::memchr(at, '\n', end - at));
      const char* stop = newline ? newline : end;
      if (stop > at) {
        const size_t capacity = static_cast<size_t>(padded.data() + padded.size() - at);
        simdjson::ondemand::document doc;
        std::string_view event;
        if (!parser.iterate(at, static_cast<size_t>(stop - at), capacity).get(doc) &&
            !doc["Event"].get_string().get(event))
          ++events;
      }
      at = stop + 1;
    }
    benchmark::DoNotOptimize(events);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * log->json.size()));
}

const bool kRegistered = [] {
  for (const Log& log : Logs()) {
    benchmark::RegisterBenchmark(("BM_Scan/" + log.name).c_str(), BM_Scan, &log)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_ScanDecoded/" + log.name).c_str(), BM_ScanDecoded, &log)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_SimdjsonLines/" + log.name).c_str(), BM_SimdjsonLines, &log)->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
