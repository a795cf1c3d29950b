#pragma once
// Test-side reading of real event logs for the SQL-execution tests: the core's decoders turn
// the file into lines, and a small dispatcher written here with nlohmann/json (independent of
// the core's event reader) hands SqlExecutions what the event reader would.
#include <algorithm>
#include <cstdint>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/codec.hpp"
#include "sql/sql_executions.hpp"

namespace clusop::testing {

class LineSink : public ByteSink {
 public:
  explicit LineSink(const std::function<void(std::string_view)>& on_line) : on_line_(on_line) {}
  bool Write(std::string_view bytes, std::string*) override {
    for (;;) {
      const size_t eol = bytes.find('\n');
      if (eol == std::string_view::npos) {
        partial_.append(bytes);
        return true;
      }
      partial_.append(bytes.substr(0, eol));
      if (!partial_.empty()) on_line_(partial_);
      partial_.clear();
      bytes.remove_prefix(eol + 1);
    }
  }
  void Flush() {
    if (!partial_.empty()) on_line_(partial_);
    partial_.clear();
  }

 private:
  const std::function<void(std::string_view)>& on_line_;
  std::string partial_;
};

// Calls `on_line` for every line of the log at `path`, in any codec the core decodes.
inline bool ForEachLogLine(const std::string& path, const std::function<void(std::string_view)>& on_line,
                           std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open " + path;
    return false;
  }
  SniffingDecoder decoder(path.substr(path.find_last_of('/') + 1));
  LineSink sink(on_line);
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    if (!decoder.Feed(std::string_view(buffer.data(), static_cast<size_t>(n)), &sink, error)) return false;
  }
  bool truncated = false;
  if (!decoder.Finish(&sink, &truncated, error)) return false;
  sink.Flush();
  return true;
}

inline int64_t JsonInt(const nlohmann::json& v) {
  if (v.is_number()) return v.get<int64_t>();
  if (v.is_string()) return std::stoll(v.get<std::string>());
  return -1;
}

inline double JsonNumber(const nlohmann::json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    try {
      return std::stod(v.get<std::string>());
    } catch (...) {
      return 0;
    }
  }
  return 0;
}

inline std::string EventName(std::string_view line) {
  const std::string_view key = "\"Event\":\"";
  const size_t at = line.find(key);
  if (at == std::string_view::npos) return {};
  const size_t begin = at + key.size();
  const size_t end = line.find('"', begin);
  return std::string(line.substr(begin, end - begin));
}

// Dispatches the events SqlExecutions needs. Task lines are only scanned for their finish time.
class SqlFeed {
 public:
  explicit SqlFeed(SqlExecutions* sql) : sql_(sql) {}

  void Line(std::string_view line) {
    const std::string event = EventName(line);
    if (event.find("org.apache.spark.sql.execution.ui.") == 0) {
      sql_->OnSqlEvent(event, line);
      const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_discarded() && j.contains("time")) Time(JsonInt(j["time"]));
      return;
    }
    if (event == "SparkListenerTaskEnd" || event == "SparkListenerTaskStart") {
      const std::string_view key = event == "SparkListenerTaskEnd" ? "\"Finish Time\":" : "\"Launch Time\":";
      const size_t at = line.find(key);
      if (at != std::string_view::npos) Time(std::stoll(std::string(line.substr(at + key.size(), 20))));
      return;
    }
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) return;
    for (const char* key : {"Timestamp", "Submission Time", "Completion Time"})
      if (j.contains(key)) Time(JsonInt(j[key]));
    if (event == "SparkListenerEnvironmentUpdate" && j.contains("Spark Properties")) {
      const nlohmann::json& props = j["Spark Properties"];
      if (props.is_object()) {
        for (const auto& [k, v] : props.items()) sql_->OnSparkProperty(k, v.get<std::string>());
      } else {
        for (const auto& kv : props) sql_->OnSparkProperty(kv[0].get<std::string>(), kv[1].get<std::string>());
      }
    } else if (event == "SparkListenerJobStart") {
      const nlohmann::json& props = j.value("Properties", nlohmann::json::object());
      if (props.contains("spark.sql.execution.id")) {
        std::vector<int64_t> stages;
        for (const auto& s : j["Stage IDs"]) stages.push_back(JsonInt(s));
        sql_->OnJob(JsonInt(props["spark.sql.execution.id"]), JsonInt(j["Job ID"]), stages);
      }
    } else if (event == "SparkListenerStageCompleted") {
      const nlohmann::json& info = j["Stage Info"];
      for (const char* key : {"Submission Time", "Completion Time"})
        if (info.contains(key)) Time(JsonInt(info[key]));
      for (const auto& a : info.value("Accumulables", nlohmann::json::array()))
        if (a.contains("Value")) sql_->OnStageAccumulator(JsonInt(a["ID"]), a.value("Name", ""), JsonNumber(a["Value"]));
    }
  }

  void End() { sql_->OnLastEventTime(last_time_); }
  int64_t last_time() const { return last_time_; }

 private:
  void Time(int64_t t) { last_time_ = std::max(last_time_, t); }

  SqlExecutions* sql_;
  int64_t last_time_ = -1;
};

}  // namespace clusop::testing
