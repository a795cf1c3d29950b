#pragma once
// Parses event-log lines (simdjson On-Demand) and dispatches each known event to an
// EventHandler as a typed record; unknown events are skipped. One file per event family
// (task_end_reader.cpp, stage_events_reader.cpp, app_events_reader.cpp, sql_events_reader.cpp).
// A TaskEnd line is read without its accumulables and executor metrics (task_end_reader.hpp);
// an event we do not read is known by its first bytes and never parsed. Neither is validated:
// a corrupt line of either is only found when it is a part's last line (a cut tail).
//
// Bad input: when the first non-empty line of a part is not a Spark event, the part fails at
// once ("not a Spark event log ..."). A line that is not JSON later on is counted and the first
// one is reported; when it is the part's last line it is a truncated tail (an in-progress log):
// tolerated, and the part is marked truncated.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "eventlog/events.hpp"
#include "eventlog/line_splitter.hpp"

namespace clusop {

struct EventReadStats {
  uint64_t lines = 0;           // non-empty lines read
  uint64_t events = 0;          // lines that were JSON objects with an "Event"
  uint64_t bad_lines = 0;       // lines in the middle of a part that were not
  std::string first_bad_part;   // where the first bad line is
  uint64_t first_bad_line = 0;
  std::string first_bad_message;
  bool truncated_tail = false;  // some part ended in a cut line
};

class EventReader : public LineHandler {
 public:
  explicit EventReader(EventHandler* handler);
  ~EventReader() override;

  void BeginPart(std::string_view part_name);
  bool OnLine(const Line& line, std::string* error) override;
  // The part's lines ended: a bad last line becomes a truncated tail. True when it was one.
  bool EndPart();
  const EventReadStats& stats() const { return stats_; }

 private:
  struct Parser;
  void CountBadLine(uint64_t number, const std::string& message);
  // Reads a line that needs no validation without the whole-line parse: an event we do not
  // read, or a TaskEnd in Spark's usual layout. False: read it whole.
  bool ReadLight(std::string_view text);

  EventHandler* handler_;
  std::unique_ptr<Parser> parser_;
  std::string part_name_;
  bool seen_event_in_part_ = false;
  bool pending_bad_ = false;  // the latest line was bad: a truncated tail if no line follows
  uint64_t pending_bad_line_ = 0;
  std::string pending_bad_message_;
  EventReadStats stats_;
};

}  // namespace clusop
