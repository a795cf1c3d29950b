// Real logs from the shared corpus (skipped when absent): per stage attempt, our task counts,
// spill, shuffle and run-time sums must equal an independent pass over the same lines with
// nlohmann/json (and libzstd for .zstd files) written here in the test, not with our reader.
#include <gtest/gtest.h>
#include <zstd.h>

#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/app_scan.hpp"
#include "kpi/app_report.hpp"
#include "support/test_files.hpp"

namespace clusop {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Facts {
  int64_t tasks = 0, memory_spilled = 0, disk_spilled = 0, shuffle_read = 0, shuffle_write = 0, run_ms = 0;
  bool operator==(const Facts& o) const {
    return std::tie(tasks, memory_spilled, disk_spilled, shuffle_read, shuffle_write, run_ms) ==
           std::tie(o.tasks, o.memory_spilled, o.disk_spilled, o.shuffle_read, o.shuffle_write, o.run_ms);
  }
};
using StageFacts = std::map<std::pair<int64_t, int64_t>, Facts>;

bool IsZstd(const std::string& bytes) { return bytes.size() >= 4 && bytes.compare(0, 4, "\x28\xb5\x2f\xfd") == 0; }

// libzstd's streaming decoder, frame after frame; false on a corrupt or cut stream.
bool DecodeZstd(const std::string& in, std::string* out) {
  ZSTD_DCtx* ctx = ZSTD_createDCtx();
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  std::vector<char> buffer(ZSTD_DStreamOutSize());
  size_t last = 0;
  while (input.pos < input.size) {
    ZSTD_outBuffer output{buffer.data(), buffer.size(), 0};
    last = ZSTD_decompressStream(ctx, &output, &input);
    if (ZSTD_isError(last)) break;
    out->append(buffer.data(), output.pos);
  }
  ZSTD_freeDCtx(ctx);
  return !ZSTD_isError(last) && last == 0;
}

int64_t Num(const json& object, const char* key) {
  if (!object.is_object()) return 0;
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<int64_t>() : 0;
}

StageFacts IndependentFacts(const std::string& text) {
  StageFacts facts;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    const json event = json::parse(text.begin() + static_cast<std::ptrdiff_t>(begin),
                                   text.begin() + static_cast<std::ptrdiff_t>(end), nullptr, false);
    begin = end + 1;
    if (event.is_discarded() || !event.is_object() || event.value("Event", "") != "SparkListenerTaskEnd") continue;
    Facts& f = facts[{Num(event, "Stage ID"), Num(event, "Stage Attempt ID")}];
    ++f.tasks;
    const json metrics = event.value("Task Metrics", json());
    if (!metrics.is_object()) continue;
    f.memory_spilled += Num(metrics, "Memory Bytes Spilled");
    f.disk_spilled += Num(metrics, "Disk Bytes Spilled");
    f.run_ms += Num(metrics, "Executor Run Time");
    const json read = metrics.value("Shuffle Read Metrics", json());
    f.shuffle_read += Num(read, "Remote Bytes Read") + Num(read, "Local Bytes Read");
    f.shuffle_write += Num(metrics.value("Shuffle Write Metrics", json()), "Shuffle Bytes Written");
  }
  return facts;
}

StageFacts OurFacts(const std::string& name, const std::string& bytes) {
  AppScan scan{ScanOptions{}};
  scan.BeginPart(name);
  constexpr size_t kChunk = 64 << 10;
  for (size_t i = 0; i < bytes.size(); i += kChunk)
    if (!scan.Feed(std::string_view(bytes).substr(i, kChunk))) break;
  StageFacts facts;
  for (const StageKpis& s : scan.Finish().stages) {
    if (s.tasks == 0) continue;  // stages without a TaskEnd (skipped, or cut before their tasks)
    Facts& f = facts[{s.stage_id, s.attempt}];
    f.tasks = s.tasks;
    f.memory_spilled = s.memory_spilled_bytes;
    f.disk_spilled = s.disk_spilled_bytes;
    f.shuffle_read = s.shuffle_read_bytes;
    f.shuffle_write = s.shuffle_write_bytes;
    f.run_ms = s.executor_run_ms;
  }
  return facts;
}

TEST(CorpusStageFacts, TaskCountsSpillShuffleAndRunTimeMatchAnIndependentPass) {
  const std::string corpus = testing::CorpusDir();
  if (corpus.empty() || !fs::exists(corpus + "/eventlogs")) GTEST_SKIP() << "no shared corpus";
  int logs = 0;
  int64_t task_ends = 0;
  for (const std::string& path : testing::ListFiles(corpus + "/eventlogs")) {
    const fs::path p(path);
    if (path.find("/expected/") != std::string::npos || fs::file_size(p) > (1 << 20)) continue;
    if (p.has_extension() && p.extension() != ".zstd") continue;
    const std::string bytes = testing::ReadFile(path);
    std::string text;
    if (IsZstd(bytes)) {
      if (!DecodeZstd(bytes, &text)) continue;  // cut or corrupt: the io tests cover those
    } else if (!bytes.empty() && bytes[0] == '{') {
      text = bytes;
    } else {
      continue;
    }
    const StageFacts want = IndependentFacts(text);
    const StageFacts got = OurFacts(p.filename().string(), bytes);
    EXPECT_EQ(got.size(), want.size()) << path;
    for (const auto& [key, facts] : want) {
      const auto it = got.find(key);
      ASSERT_NE(it, got.end()) << path << " stage " << key.first << "." << key.second;
      EXPECT_EQ(it->second.tasks, facts.tasks) << path << " stage " << key.first << "." << key.second;
      EXPECT_TRUE(it->second == facts) << path << " stage " << key.first << "." << key.second;
      task_ends += facts.tasks;
    }
    ++logs;
  }
  EXPECT_GE(logs, 30);
  EXPECT_GT(task_ends, 1000);
}

}  // namespace
}  // namespace clusop
