#include "eventlog/task_end_reader.hpp"

#include <cstring>

#include "common/byte_search.hpp"
#include "eventlog/photon_task_metrics.hpp"

namespace clusop {
namespace {

using namespace event_json;

error_code ReadShuffleRead(od::value v, TaskEndEvent* t) {
  return VisitObject(v, [t](std::string_view key, od::value value) -> error_code {
    if (key == "Remote Bytes Read") t->shuffle_remote_bytes = Int(value);
    else if (key == "Local Bytes Read") t->shuffle_local_bytes = Int(value);
    else if (key == "Total Records Read") t->shuffle_records_read = Int(value);
    else if (key == "Fetch Wait Time") t->fetch_wait_ms = Int(value);
    return SUCCESS;
  });
}

error_code ReadShuffleWrite(od::value v, TaskEndEvent* t) {
  return VisitObject(v, [t](std::string_view key, od::value value) -> error_code {
    if (key == "Shuffle Bytes Written") t->shuffle_bytes_written = Int(value);
    else if (key == "Shuffle Records Written") t->shuffle_records_written = Int(value);
    else if (key == "Shuffle Write Time") t->shuffle_write_ns = Int(value);
    return SUCCESS;
  });
}

error_code ReadInputOutput(od::value v, int64_t* bytes, int64_t* records, std::string_view bytes_key,
                           std::string_view records_key) {
  return VisitObject(v, [&](std::string_view key, od::value value) -> error_code {
    if (key == bytes_key) *bytes = Int(value);
    else if (key == records_key) *records = Int(value);
    return SUCCESS;
  });
}

error_code ReadTaskMetrics(od::value v, TaskEndEvent* t) {
  od::object object;
  error_code e = v.get_object().get(object);
  if (e) return Broken(e) ? e : SUCCESS;  // null or absent: a failed task
  t->has_metrics = true;
  for (auto result : object) {
    od::field field;
    if ((e = Take(result, &field))) return e;
    const std::string_view key = KeyOf(field);
    od::value value = field.value();
    if (key == "Executor Run Time") t->run_ms = Int(value);
    else if (key == "Executor CPU Time") t->cpu_ns = Int(value);
    else if (key == "Executor Deserialize Time") t->deserialize_ms = Int(value);
    else if (key == "Executor Deserialize CPU Time") t->deserialize_cpu_ns = Int(value);
    else if (key == "JVM GC Time") t->gc_ms = Int(value);
    else if (key == "Result Size") t->result_size = Int(value);
    else if (key == "Result Serialization Time") t->result_serialization_ms = Int(value);
    else if (key == "Memory Bytes Spilled") t->memory_spilled = Int(value);
    else if (key == "Disk Bytes Spilled") t->disk_spilled = Int(value);
    else if (key == "Peak Execution Memory") t->peak_execution_memory = Int(value);
    else if (key == "Shuffle Read Metrics") e = ReadShuffleRead(value, t);
    else if (key == "Shuffle Write Metrics") e = ReadShuffleWrite(value, t);
    else if (key == "Input Metrics") e = ReadInputOutput(value, &t->input_bytes, &t->input_records, "Bytes Read", "Records Read");
    else if (key == "Output Metrics")
      e = ReadInputOutput(value, &t->output_bytes, &t->output_records, "Bytes Written", "Records Written");
    if (e) return e;
  }
  return SUCCESS;
}

// Photon's SQL metrics among the task's accumulables: {"ID", "Name", "Update", "Value", ...}.
error_code ReadPhotonAccumulables(od::value v, TaskEndEvent* t) {
  return VisitArray(v, [t](od::value element) -> error_code {
    std::string_view name;
    int64_t update = 0;
    const error_code e = VisitObject(element, [&](std::string_view key, od::value value) -> error_code {
      if (key == "Name") name = String(value);
      else if (key == "Update") update = Int(value);
      return SUCCESS;
    });
    if (e) return e;
    if (name == photon_task_metrics::kPeakMemory) {
      if (update > t->photon_peak_memory) t->photon_peak_memory = update;
    } else if (name.size() > photon_task_metrics::kShuffleWriteSuffix.size() &&
               name.substr(name.size() - photon_task_metrics::kShuffleWriteSuffix.size()) ==
                   photon_task_metrics::kShuffleWriteSuffix) {
      t->photon_shuffle_write_ns += update;
    }
    return SUCCESS;
  });
}

error_code ReadTaskInfo(od::value v, TaskEndEvent* t, bool photon) {
  return VisitObject(v, [t, photon](std::string_view key, od::value value) -> error_code {
    switch (key.size() > 0 ? key[0] : '\0') {
      case 'T': if (key == "Task ID") t->task_id = Int(value); break;
      case 'I': if (key == "Index") t->index = Int(value); break;
      case 'A':
        if (key == "Attempt") t->attempt = Int(value);
        else if (photon && key == "Accumulables") return ReadPhotonAccumulables(value, t);
        break;
      case 'L': if (key == "Launch Time") t->launch_ms = Int(value); break;
      case 'F':
        if (key == "Finish Time") t->finish_ms = Int(value);
        else if (key == "Failed") t->failed = Bool(value);
        break;
      case 'G': if (key == "Getting Result Time") t->getting_result_ms = Int(value); break;
      case 'E': if (key == "Executor ID") t->executor_id = String(value); break;
      case 'S': if (key == "Speculative") t->speculative = Bool(value); break;
      case 'K': if (key == "Killed") t->killed = Bool(value); break;
      default: break;
    }
    return SUCCESS;
  });
}

error_code ReadTaskEndField(std::string_view key, od::value value, TaskEndEvent* t, bool photon) {
  if (key == "Task Info") return ReadTaskInfo(value, t, photon);
  if (key == "Task Metrics") return ReadTaskMetrics(value, t);
  if (key == "Stage ID") t->stage_id = Int(value);
  else if (key == "Stage Attempt ID") t->stage_attempt = Int(value);
  else if (key == "Task End Reason")
    return VisitObject(value, [t](std::string_view k, od::value v) -> error_code {
      if (k == "Reason") t->end_reason = String(v);
      return SUCCESS;
    });
  return SUCCESS;
}

void Deliver(const TaskEndEvent& t, EventHandler* handler) {
  handler->OnTaskEnd(t);
  if (t.finish_ms > 0) handler->OnEventTime(t.finish_ms);
}

size_t Find(std::string_view text, size_t from, std::string_view needle) {
  if (from >= text.size()) return std::string_view::npos;
  return clusop::text::FindString(text, from, needle);
}

bool HasPhotonMetrics(std::string_view text) {
  return Find(text, 0, photon_task_metrics::kPeakMemoryRaw) != std::string_view::npos ||
         Find(text, 0, photon_task_metrics::kShuffleWriteRaw) != std::string_view::npos;
}

constexpr std::string_view kLightStart = "{\"Event\":\"SparkListenerTaskEnd\",";
// Keys found by their bytes: a quote inside a JSON string is escaped, so `,"Key":` only ever
// matches a real key (at some depth; the checks below make sure it is the one we mean).
constexpr std::string_view kAccumulablesKey = ",\"Accumulables\":[";
constexpr std::string_view kExecutorMetricsKey = ",\"Task Executor Metrics\":{";
constexpr std::string_view kTaskMetricsKey = ",\"Task Metrics\":";

}  // namespace

bool TaskEndReader::TryLight(std::string_view text, od::parser& parser, EventHandler* handler) {
  // Spark's layout: ..."Task Info":{... "Killed":false,"Accumulables":[...]},
  //                 "Task Executor Metrics":{...},"Task Metrics":{...}}
  // The light line is everything but [Accumulables, Task Metrics), with Task Info closed.
  if (text.substr(0, kLightStart.size()) != kLightStart) return false;
  const size_t accumulables = Find(text, kLightStart.size(), kAccumulablesKey);
  if (accumulables == std::string_view::npos) return false;
  size_t info_end = Find(text, accumulables + kAccumulablesKey.size(), kExecutorMetricsKey);
  const size_t metrics = Find(text, info_end == std::string_view::npos ? accumulables : info_end, kTaskMetricsKey);
  if (metrics == std::string_view::npos) return false;
  if (info_end == std::string_view::npos) info_end = metrics;
  // "Accumulables" is Task Info's last field: the array and Task Info close just before.
  if (info_end < accumulables + 2 || text.substr(info_end - 2, 2) != "]}") return false;
  if (text[metrics - 1] != '}') return false;
  if (HasPhotonMetrics(text.substr(accumulables, info_end - accumulables))) return false;

  const size_t head = accumulables, tail = text.size() - metrics;
  const size_t size = head + 1 + tail;
  if (capacity_ < size + simdjson::SIMDJSON_PADDING) {
    capacity_ = 2 * (size + simdjson::SIMDJSON_PADDING);
    buffer_ = std::make_unique<char[]>(capacity_);
  }
  char* out = buffer_.get();
  std::memcpy(out, text.data(), head);
  out[head] = '}';
  std::memcpy(out + head + 1, text.data() + metrics, tail);
  std::memset(out + size, 0, simdjson::SIMDJSON_PADDING);

  od::document doc;
  od::object root;
  error_code e = parser.iterate(out, size, capacity_).get(doc);
  if (!e) e = doc.get_object().get(root);
  if (e) return false;
  TaskEndEvent t;
  for (auto result : root) {
    od::field field;
    if ((e = Take(result, &field))) return false;
    const std::string_view key = KeyOf(field);
    if (key == "Event") continue;
    if ((e = ReadTaskEndField(key, field.value(), &t, false))) return false;
  }
  if (t.task_id < 0 || t.finish_ms < 0) return false;  // not the Task Info we know: read it whole
  Deliver(t, handler);
  return true;
}

error_code TaskEndReader::ReadWhole(std::string_view line, RootFields& rest, EventHandler* handler) {
  const bool photon = HasPhotonMetrics(line);
  TaskEndEvent t;
  const error_code e = rest.ForEach([&t, photon](std::string_view key, od::value value) {
    return ReadTaskEndField(key, value, &t, photon);
  });
  if (!e) Deliver(t, handler);
  return e;
}

}  // namespace clusop
