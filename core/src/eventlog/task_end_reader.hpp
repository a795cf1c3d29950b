#pragma once
// SparkListenerTaskEnd, the hot path: most of a log's bytes are TaskEnd lines, and most of each
// line is what the KPIs never read (the Task Info "Accumulables" and the "Task Executor
// Metrics"). The light path finds those parts by their keys and hands simdjson the line
// without them; a line of any other layout is read whole.
#include <simdjson.h>

#include <memory>
#include <string_view>

#include "eventlog/event_reader_json.hpp"
#include "eventlog/events.hpp"

namespace clusop {

class TaskEndReader {
 public:
  // The light path, for a line that starts {"Event":"SparkListenerTaskEnd",...: true when it
  // read the task and handed it to the handler. False when the line is not in Spark's usual
  // layout, carries Photon's metrics, or does not parse this way: read it with ReadWhole then.
  bool TryLight(std::string_view line, simdjson::ondemand::parser& parser, EventHandler* handler);

  // The whole line, from the root fields after "Event"; Photon's accumulables are read when the
  // line holds one of their names.
  static simdjson::error_code ReadWhole(std::string_view line, event_json::RootFields& rest, EventHandler* handler);

 private:
  std::unique_ptr<char[]> buffer_;  // the line without the skipped parts, padded for simdjson
  size_t capacity_ = 0;
};

}  // namespace clusop
