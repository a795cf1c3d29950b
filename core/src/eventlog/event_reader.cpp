#include "eventlog/event_reader.hpp"

#include <simdjson.h>

#include <vector>

#include "engine_log/engine_report.hpp"
#include "eventlog/event_family_readers.hpp"
#include "eventlog/event_reader_json.hpp"
#include "eventlog/task_end_reader.hpp"

namespace clusop {
namespace {

using namespace event_json;

static_assert(kLinePadding >= simdjson::SIMDJSON_PADDING, "lines must carry simdjson's padding");

enum class Kind {
  kSkip,
  kTaskEnd,
  kStageSubmitted,
  kStageCompleted,
  kJobStart,
  kJobEnd,
  kExecutorAdded,
  kExecutorRemoved,
  kEnvironmentUpdate,
  kApplicationStart,
  kApplicationEnd,
  kLogStart,
  kDatabricksMetadata,
  kSqlStartOrEnd,  // SQL events whose "time" is read here too
  kSql,
};

constexpr std::string_view kSqlPrefix = "org.apache.spark.sql.execution.ui.";

Kind KindOf(std::string_view event) {
  if (event == "SparkListenerTaskEnd") return Kind::kTaskEnd;
  if (event.size() > 13 && event.substr(0, 13) == "SparkListener") {
    const std::string_view name = event.substr(13);
    if (name == "StageCompleted") return Kind::kStageCompleted;
    if (name == "StageSubmitted") return Kind::kStageSubmitted;
    if (name == "JobStart") return Kind::kJobStart;
    if (name == "JobEnd") return Kind::kJobEnd;
    if (name == "ExecutorAdded") return Kind::kExecutorAdded;
    if (name == "ExecutorRemoved") return Kind::kExecutorRemoved;
    if (name == "EnvironmentUpdate") return Kind::kEnvironmentUpdate;
    if (name == "ApplicationStart") return Kind::kApplicationStart;
    if (name == "ApplicationEnd") return Kind::kApplicationEnd;
    if (name == "LogStart") return Kind::kLogStart;
    return Kind::kSkip;
  }
  if (event.substr(0, kSqlPrefix.size()) == kSqlPrefix) {
    const std::string_view name = event.substr(kSqlPrefix.size());
    if (name == "SparkListenerSQLExecutionStart" || name == "SparkListenerSQLExecutionEnd") return Kind::kSqlStartOrEnd;
    return Kind::kSql;
  }
  // An engine's own fallback report belongs to the SQL executions too.
  if (IsEngineReportEvent(event)) return Kind::kSql;
  if (event == "DBCEventLoggingListenerMetadata") return Kind::kDatabricksMetadata;
  return Kind::kSkip;
}

}  // namespace

struct EventReader::Parser {
  od::parser parser;
  TaskEndReader task_end;
  std::vector<StageAccumulable> accumulables;
  std::vector<StageInfoEvent> job_stages;
};

EventReader::EventReader(EventHandler* handler) : handler_(handler), parser_(std::make_unique<Parser>()) {}
EventReader::~EventReader() = default;

void EventReader::BeginPart(std::string_view part_name) {
  part_name_.assign(part_name);
  seen_event_in_part_ = false;
  pending_bad_ = false;
}

void EventReader::CountBadLine(uint64_t number, const std::string& message) {
  if (stats_.bad_lines++ == 0) {
    stats_.first_bad_part = part_name_;
    stats_.first_bad_line = number;
    stats_.first_bad_message = message;
  }
}

bool EventReader::EndPart() {
  const bool cut = pending_bad_;
  if (cut) stats_.truncated_tail = true;
  pending_bad_ = false;
  return cut;
}

namespace {

// What a line that is not an event starts with, printable, for the error message.
std::string Excerpt(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 40)) out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  if (text.size() > 40) out += "...";
  return out;
}

bool LooksLikeEventStart(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  return text.substr(i, 9) == "{\"Event\":";
}

}  // namespace

bool EventReader::ReadLight(std::string_view text) {
  // The light paths skip the line's validation, which only a part's cut last line needs.
  constexpr std::string_view kEventStart = "{\"Event\":\"";
  if (text.substr(0, kEventStart.size()) != kEventStart) return false;
  const size_t name_end = text.find('"', kEventStart.size());
  if (name_end == std::string_view::npos || text[name_end - 1] == '\\') return false;
  const Kind kind = KindOf(text.substr(kEventStart.size(), name_end - kEventStart.size()));
  if (kind == Kind::kSkip) return true;  // an unread event (TaskStart, block updates, ...)
  if (kind == Kind::kTaskEnd) return parser_->task_end.TryLight(text, parser_->parser, handler_);
  return false;
}

bool EventReader::OnLine(const Line& line, std::string* error) {
  ++stats_.lines;
  if (pending_bad_) {  // a bad line with another line after it: not a cut tail
    CountBadLine(pending_bad_line_, pending_bad_message_);
    pending_bad_ = false;
  }
  Parser& p = *parser_;
  if (!line.last && ReadLight(line.text)) {
    seen_event_in_part_ = true;
    ++stats_.events;
    return true;
  }
  od::document doc;
  od::object root;
  std::string_view event;
  Kind kind = Kind::kSkip;
  error_code e = p.parser.iterate(line.text.data(), line.text.size(), line.text.size() + kLinePadding).get(doc);
  if (!e) e = doc.get_object().get(root);
  od::object_iterator it, end;
  bool event_first = false;
  if (!e) e = root.begin().get(it);
  if (!e) e = root.end().get(end);
  if (!e && it != end) {
    od::field first;
    e = Take(*it, &first);
    if (!e && KeyOf(first) == "Event") {
      e = first.value().get_string().get(event);
      event_first = true;
      ++it;
    }
  }
  if (!e && !event_first) {  // "Event" is not the first field: find it, then read from the start
    doc.rewind();
    e = doc.get_object().get(root);
    if (!e) e = root.find_field_unordered("Event").get_string().get(event);
    if (!e) {
      doc.rewind();
      e = doc.get_object().get(root);
      if (!e) e = root.begin().get(it);
      if (!e) e = root.end().get(end);
    }
  }
  if (e) {
    const std::string message = std::string("not a JSON event (") + simdjson::error_message(e) + ")";
    if (!seen_event_in_part_ && !LooksLikeEventStart(line.text)) {
      *error = "not a Spark event log: expected JSON lines with an \"Event\" field, line " +
               std::to_string(line.number) + " starts with \"" + Excerpt(line.text) + "\"";
      return false;
    }
    pending_bad_ = true;
    pending_bad_line_ = line.number;
    pending_bad_message_ = message;
    return true;
  }
  seen_event_in_part_ = true;
  ++stats_.events;
  kind = KindOf(event);

  RootFields rest(it, end, event_first);
  namespace read = event_readers;
  switch (kind) {
    case Kind::kTaskEnd: e = TaskEndReader::ReadWhole(line.text, rest, handler_); break;
    case Kind::kStageSubmitted:
    case Kind::kStageCompleted: e = read::ReadStage(rest, kind == Kind::kStageCompleted, &p.accumulables, handler_); break;
    case Kind::kJobStart: e = read::ReadJobStart(rest, &p.job_stages, handler_); break;
    case Kind::kJobEnd: e = read::ReadJobEnd(rest, handler_); break;
    case Kind::kExecutorAdded:
    case Kind::kExecutorRemoved: e = read::ReadExecutor(rest, kind == Kind::kExecutorAdded, handler_); break;
    case Kind::kEnvironmentUpdate: e = read::ReadEnvironment(rest, handler_); break;
    case Kind::kApplicationStart: e = read::ReadApplicationStart(rest, handler_); break;
    case Kind::kApplicationEnd: e = read::ReadApplicationEnd(rest, handler_); break;
    case Kind::kLogStart:
    case Kind::kDatabricksMetadata: e = read::ReadLogStart(rest, handler_); break;
    case Kind::kSqlStartOrEnd:
    case Kind::kSql:
      e = read::ReadSqlEvent(rest, event, line.text, kind == Kind::kSqlStartOrEnd, line.last, handler_);
      break;
    case Kind::kSkip:
      // An unread event is not checked; a part's cut last line is.
      if (line.last) e = rest.ForEach([](std::string_view, od::value) -> error_code { return SUCCESS; });
      break;
  }
  if (e) {
    --stats_.events;
    pending_bad_ = true;
    pending_bad_line_ = line.number;
    pending_bad_message_ = std::string("not a JSON event (") + simdjson::error_message(e) + ")";
  }
  return true;
}

}  // namespace clusop
