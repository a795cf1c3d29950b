#pragma once
// The event readers other than TaskEnd, one function per event kind, grouped in one file per
// family (stage_events_reader.cpp: stages and jobs; app_events_reader.cpp: the application, its
// log, environment and executors; sql_events_reader.cpp). Each reads the root fields after
// "Event" and calls the handler only when the line read without error.
#include <vector>

#include "eventlog/event_reader_json.hpp"
#include "eventlog/events.hpp"

namespace clusop::event_readers {

using event_json::RootFields;
using simdjson::error_code;

// stage_events_reader.cpp
error_code ReadStage(RootFields& rest, bool completed, std::vector<StageAccumulable>* scratch, EventHandler* handler);
error_code ReadJobStart(RootFields& rest, std::vector<StageInfoEvent>* scratch, EventHandler* handler);
error_code ReadJobEnd(RootFields& rest, EventHandler* handler);

// app_events_reader.cpp
error_code ReadExecutor(RootFields& rest, bool added, EventHandler* handler);
error_code ReadEnvironment(RootFields& rest, EventHandler* handler);
error_code ReadApplicationStart(RootFields& rest, EventHandler* handler);
error_code ReadApplicationEnd(RootFields& rest, EventHandler* handler);
error_code ReadLogStart(RootFields& rest, EventHandler* handler);  // also Databricks' metadata event

// sql_events_reader.cpp: the handler gets the whole line; its time is read when `read_time`
// (SQLExecutionStart / End), and the line is checked to its end when `check`.
error_code ReadSqlEvent(RootFields& rest, std::string_view event, std::string_view line, bool read_time, bool check,
                        EventHandler* handler);

}  // namespace clusop::event_readers
