#include "log_facts.hpp"

#include <zlib.h>
#include <zstd.h>

#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

namespace clusop::testing {
namespace {

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Streams the file's decompressed bytes to `sink` (zlib reads plain files unchanged).
bool ReadDecompressed(const std::string& path, const std::function<void(std::string_view)>& sink) {
  if (!EndsWith(path, ".zstd") && !EndsWith(path, ".zst")) {
    gzFile in = gzopen(path.c_str(), "rb");
    if (in == nullptr) return false;
    std::vector<char> buffer(1 << 16);
    int got = 0;
    while ((got = gzread(in, buffer.data(), static_cast<unsigned>(buffer.size()))) > 0)
      sink(std::string_view(buffer.data(), static_cast<size_t>(got)));
    gzclose(in);
    return got == 0;
  }
  FILE* in = std::fopen(path.c_str(), "rb");
  if (in == nullptr) return false;
  ZSTD_DStream* stream = ZSTD_createDStream();
  std::vector<char> input(ZSTD_DStreamInSize()), output(ZSTD_DStreamOutSize());
  bool ok = true;
  size_t got = 0;
  while (ok && (got = std::fread(input.data(), 1, input.size(), in)) > 0) {
    ZSTD_inBuffer from{input.data(), got, 0};
    while (ok && from.pos < from.size) {
      ZSTD_outBuffer to{output.data(), output.size(), 0};
      ok = !ZSTD_isError(ZSTD_decompressStream(stream, &to, &from));
      sink(std::string_view(output.data(), to.pos));
    }
  }
  ZSTD_freeDStream(stream);
  std::fclose(in);
  return ok;
}

int64_t Int(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

void AddLine(std::string_view line, LogFacts* f) {
  // only the events counted here are parsed
  static constexpr std::string_view kWanted[] = {"SparkListenerTaskEnd", "SparkListenerStageCompleted",
                                                 "SparkListenerApplicationStart", "SparkListenerApplicationEnd",
                                                 "SparkListenerLogStart", "SQLExecutionStart"};
  const std::string_view head = line.substr(0, 120);
  bool wanted = false;
  for (std::string_view w : kWanted) wanted = wanted || head.find(w) != std::string_view::npos;
  if (!wanted) return;
  const nlohmann::json e = nlohmann::json::parse(line, nullptr, false);
  if (!e.is_object()) return;
  const std::string event = e.value("Event", "");
  if (event == "SparkListenerLogStart") {
    f->spark_version = e.value("Spark Version", "");
  } else if (event == "SparkListenerApplicationStart") {
    f->app_id = e.value("App ID", "");
    f->attempt_id = e.value("App Attempt ID", "");
  } else if (event == "SparkListenerApplicationEnd") {
    f->application_end = true;
  } else if (event == "SparkListenerTaskEnd") {
    StageFacts& s = f->stages[{Int(e, "Stage ID"), Int(e, "Stage Attempt ID")}];
    ++s.task_ends;
    ++f->task_ends;
    const nlohmann::json& info = e.value("Task Info", nlohmann::json::object());
    if (info.value("Failed", false)) ++s.failed_tasks;
    if (info.value("Killed", false)) ++s.killed_tasks;
    const nlohmann::json& metrics = e.value("Task Metrics", nlohmann::json::object());
    s.run_ms += Int(metrics, "Executor Run Time");
    s.memory_spilled += Int(metrics, "Memory Bytes Spilled");
    s.disk_spilled += Int(metrics, "Disk Bytes Spilled");
  } else if (event == "SparkListenerStageCompleted") {
    const nlohmann::json& info = e.value("Stage Info", nlohmann::json::object());
    f->stages[{Int(info, "Stage ID"), Int(info, "Stage Attempt ID")}].number_of_tasks = Int(info, "Number of Tasks");
  } else if (event.ends_with("SQLExecutionStart")) {
    f->sql_executions.insert(Int(e, "executionId"));
  }
}

}  // namespace

bool AddLogFacts(const std::string& path, LogFacts* facts) {
  std::string pending;
  const bool ok = ReadDecompressed(path, [&](std::string_view bytes) {
    pending.append(bytes);
    size_t start = 0;
    for (size_t nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n', start)) {
      AddLine(std::string_view(pending).substr(start, nl - start), facts);
      start = nl + 1;
    }
    pending.erase(0, start);
  });
  if (!pending.empty()) AddLine(pending, facts);
  return ok;
}

}  // namespace clusop::testing
