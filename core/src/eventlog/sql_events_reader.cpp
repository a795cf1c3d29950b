// SQL events (SQLExecutionStart / End, AQE updates, driver accumulator updates, Gluten's
// fallback report): the SQL layer reads the whole line itself; here only the event time.
#include "eventlog/event_family_readers.hpp"

namespace clusop::event_readers {

using namespace event_json;

error_code ReadSqlEvent(RootFields& rest, std::string_view event, std::string_view line, bool read_time, bool check,
                        EventHandler* handler) {
  int64_t time_ms = -1;
  if (read_time || check) {
    const error_code e = rest.ForEach([&](std::string_view key, od::value value) -> error_code {
      if (key == "Timestamp" || key == "time") time_ms = Int(value);
      return SUCCESS;
    });
    if (e) return e;
  }
  handler->OnSqlEvent(event, line);
  if (time_ms > 0) handler->OnEventTime(time_ms);
  return SUCCESS;
}

}  // namespace clusop::event_readers
