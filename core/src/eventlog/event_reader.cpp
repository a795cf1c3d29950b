#include "eventlog/event_reader.hpp"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <vector>

namespace clusop {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

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
  // Gluten's own fallback report belongs to the SQL executions too.
  if (event == "org.apache.gluten.events.GlutenPlanFallbackEvent") return Kind::kSql;
  if (event == "DBCEventLoggingListenerMetadata") return Kind::kDatabricksMetadata;
  return Kind::kSkip;
}

// simdjson_result::get() wants an rvalue; iterators hand out lvalues.
template <class Result, class T>
error_code Take(const Result& result, T* out) {
  Result copy = result;
  return std::move(copy).get(*out);
}

// A wrong type or an unparsable number is an absent field; anything else is a broken line.
bool Broken(error_code e) {
  return e != SUCCESS && e != simdjson::INCORRECT_TYPE && e != simdjson::NUMBER_ERROR &&
         e != simdjson::NUMBER_OUT_OF_RANGE;
}

// Keys of Spark's events carry no escapes; a key with one matches no name we read.
std::string_view KeyOf(od::field& field) {
  const char* begin = field.key().raw();
  const char* end = begin;
  while (*end != '"') ++end;  // simdjson found the closing quote; the buffer is padded
  return std::string_view(begin, static_cast<size_t>(end - begin));
}

int64_t ParseIntText(std::string_view text) {
  int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && ptr == text.data() + text.size()) return value;
  double d = 0;
  const auto [ptr2, ec2] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec2 == std::errc() && std::isfinite(d) && std::fabs(d) < 9.2e18) return static_cast<int64_t>(d);
  return 0;
}

// A number as Spark writes it (an integer; SQL accumulators as strings); 0 when it is neither.
int64_t Int(od::value v) {
  int64_t i = 0;
  if (v.get_int64().get(i) == SUCCESS) return i;
  double d = 0;
  if (v.get_double().get(d) == SUCCESS) return std::isfinite(d) && std::fabs(d) < 9.2e18 ? static_cast<int64_t>(d) : 0;
  std::string_view s;
  if (v.get_string().get(s) == SUCCESS) return ParseIntText(s);
  return 0;
}

double Double(od::value v) {
  double d = 0;
  if (v.get_double().get(d) == SUCCESS) return d;
  std::string_view s;
  if (v.get_string().get(s) == SUCCESS) {
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec == std::errc() && std::isfinite(d)) return d;
  }
  return 0;
}

std::string_view String(od::value v) {
  std::string_view s;
  if (v.get_string().get(s) == SUCCESS) return s;
  return {};
}

bool Bool(od::value v) {
  bool b = false;
  return v.get_bool().get(b) == SUCCESS && b;
}

// Calls visit(key, value) for each field of an object value; a non-object is an absent one.
template <class Visit>
error_code VisitObject(od::value v, Visit&& visit) {
  od::object object;
  error_code e = v.get_object().get(object);
  if (e) return Broken(e) ? e : SUCCESS;
  for (auto result : object) {
    od::field field;
    if ((e = Take(result, &field))) return e;
    if ((e = visit(KeyOf(field), field.value()))) return e;
  }
  return SUCCESS;
}

template <class Visit>
error_code VisitArray(od::value v, Visit&& visit) {
  od::array array;
  error_code e = v.get_array().get(array);
  if (e) return Broken(e) ? e : SUCCESS;
  for (auto result : array) {
    od::value element;
    if ((e = Take(result, &element))) return e;
    if ((e = visit(element))) return e;
  }
  return SUCCESS;
}

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

error_code ReadTaskInfo(od::value v, TaskEndEvent* t) {
  return VisitObject(v, [t](std::string_view key, od::value value) -> error_code {
    switch (key.size() > 0 ? key[0] : '\0') {
      case 'T': if (key == "Task ID") t->task_id = Int(value); break;
      case 'I': if (key == "Index") t->index = Int(value); break;
      case 'A': if (key == "Attempt") t->attempt = Int(value); break;
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

error_code ReadTaskEndField(std::string_view key, od::value value, TaskEndEvent* t) {
  if (key == "Task Info") return ReadTaskInfo(value, t);
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

error_code ReadStageInfo(od::value v, StageInfoEvent* s, std::vector<StageAccumulable>* accumulables) {
  return VisitObject(v, [&](std::string_view key, od::value value) -> error_code {
    if (key == "Stage ID") s->stage_id = Int(value);
    else if (key == "Stage Attempt ID") s->attempt = Int(value);
    else if (key == "Stage Name") s->name = String(value);
    else if (key == "Number of Tasks") s->num_tasks = Int(value);
    else if (key == "Details") s->details = String(value);
    else if (key == "Submission Time") s->submission_ms = Int(value);
    else if (key == "Completion Time") s->completion_ms = Int(value);
    else if (key == "Failure Reason") s->failure_reason = String(value);
    else if (key == "Accumulables" && accumulables)
      return VisitArray(value, [&](od::value element) -> error_code {
        StageAccumulable a;
        const error_code e = VisitObject(element, [&](std::string_view k, od::value x) -> error_code {
          if (k == "ID") a.id = Int(x);
          else if (k == "Name") a.name = String(x);
          else if (k == "Value") a.value = Double(x);
          return SUCCESS;
        });
        if (!e && a.id >= 0) accumulables->push_back(a);
        return e;
      });
    return SUCCESS;
  });
}

}  // namespace

struct EventReader::Parser {
  od::parser parser;
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

bool EventReader::OnLine(const Line& line, std::string* error) {
  ++stats_.lines;
  if (pending_bad_) {  // a bad line with another line after it: not a cut tail
    CountBadLine(pending_bad_line_, pending_bad_message_);
    pending_bad_ = false;
  }
  Parser& p = *parser_;
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

  // Reads the remaining root fields (all but "Event") with `visit`.
  auto visit_rest = [&](auto&& visit) -> error_code {
    for (; it != end; ++it) {
      od::field field;
      error_code fe = Take(*it, &field);
      if (fe) return fe;
      const std::string_view key = KeyOf(field);
      if (!event_first && key == "Event") continue;
      if ((fe = visit(key, field.value()))) return fe;
    }
    return SUCCESS;
  };
  auto ignore = [](std::string_view, od::value) -> error_code { return SUCCESS; };
  auto time_of = [](int64_t* out) {
    return [out](std::string_view key, od::value value) -> error_code {
      if (key == "Timestamp" || key == "time") *out = Int(value);
      return SUCCESS;
    };
  };

  switch (kind) {
    case Kind::kTaskEnd: {
      TaskEndEvent t;
      e = visit_rest([&t](std::string_view key, od::value value) { return ReadTaskEndField(key, value, &t); });
      if (!e) {
        handler_->OnTaskEnd(t);
        if (t.finish_ms > 0) handler_->OnEventTime(t.finish_ms);
      }
      break;
    }
    case Kind::kStageSubmitted:
    case Kind::kStageCompleted: {
      StageInfoEvent s;
      s.completed = kind == Kind::kStageCompleted;
      p.accumulables.clear();
      e = visit_rest([&](std::string_view key, od::value value) -> error_code {
        if (key == "Stage Info") return ReadStageInfo(value, &s, s.completed ? &p.accumulables : nullptr);
        return SUCCESS;
      });
      if (!e) {
        handler_->OnStage(s);
        for (const StageAccumulable& a : p.accumulables) handler_->OnStageAccumulable(s, a);
        if (s.completion_ms > 0) handler_->OnEventTime(s.completion_ms);
      }
      break;
    }
    case Kind::kJobStart: {
      JobStartEvent j;
      p.job_stages.clear();
      e = visit_rest([&](std::string_view key, od::value value) -> error_code {
        if (key == "Job ID") j.job_id = Int(value);
        else if (key == "Submission Time") j.time_ms = Int(value);
        else if (key == "Stage IDs")
          return VisitArray(value, [&](od::value id) -> error_code {
            j.stage_ids.push_back(Int(id));
            return SUCCESS;
          });
        else if (key == "Stage Infos")
          return VisitArray(value, [&](od::value info) -> error_code {
            StageInfoEvent s;
            const error_code se = ReadStageInfo(info, &s, nullptr);
            if (!se) p.job_stages.push_back(s);
            return se;
          });
        else if (key == "Properties")
          return VisitObject(value, [&](std::string_view k, od::value v) -> error_code {
            if (k == "spark.sql.execution.id") j.sql_execution_id = Int(v);
            return SUCCESS;
          });
        return SUCCESS;
      });
      if (!e) {
        handler_->OnJobStart(j);
        for (const StageInfoEvent& s : p.job_stages) handler_->OnJobStage(j, s);
        if (j.time_ms > 0) handler_->OnEventTime(j.time_ms);
      }
      break;
    }
    case Kind::kJobEnd: {
      JobEndEvent j;
      e = visit_rest([&](std::string_view key, od::value value) -> error_code {
        if (key == "Job ID") j.job_id = Int(value);
        else if (key == "Completion Time") j.time_ms = Int(value);
        else if (key == "Job Result")
          return VisitObject(value, [&](std::string_view k, od::value v) -> error_code {
            if (k == "Result") j.succeeded = String(v) == "JobSucceeded";
            return SUCCESS;
          });
        return SUCCESS;
      });
      if (!e) {
        handler_->OnJobEnd(j);
        if (j.time_ms > 0) handler_->OnEventTime(j.time_ms);
      }
      break;
    }
    case Kind::kExecutorAdded:
    case Kind::kExecutorRemoved: {
      ExecutorEvent x;
      e = visit_rest([&](std::string_view key, od::value value) -> error_code {
        if (key == "Timestamp") x.time_ms = Int(value);
        else if (key == "Executor ID") x.executor_id = String(value);
        else if (key == "Removed Reason") x.reason = String(value);
        else if (key == "Executor Info")
          return VisitObject(value, [&](std::string_view k, od::value v) -> error_code {
            if (k == "Host") x.host = String(v);
            else if (k == "Total Cores") x.cores = Int(v);
            return SUCCESS;
          });
        return SUCCESS;
      });
      if (!e) {
        if (kind == Kind::kExecutorAdded) handler_->OnExecutorAdded(x);
        else handler_->OnExecutorRemoved(x);
        if (x.time_ms > 0) handler_->OnEventTime(x.time_ms);
      }
      break;
    }
    case Kind::kEnvironmentUpdate:
      e = visit_rest([&](std::string_view key, od::value value) -> error_code {
        if (key != "Spark Properties") return SUCCESS;
        // An object of strings; some writers use an array of [key, value] pairs.
        od::json_type type;
        error_code te = value.type().get(type);
        if (te) return te;
        if (type == od::json_type::array)
          return VisitArray(value, [&](od::value pair) -> error_code {
            std::string_view kv[2];
            int n = 0;
            const error_code pe = VisitArray(pair, [&](od::value x) -> error_code {
              if (n < 2) kv[n] = String(x);
              ++n;
              return SUCCESS;
            });
            if (!pe && n == 2) handler_->OnSparkProperty(kv[0], kv[1]);
            return pe;
          });
        od::object properties;
        if ((te = value.get_object().get(properties))) return Broken(te) ? te : SUCCESS;
        for (auto result : properties) {
          od::field field;
          std::string_view k;
          if ((te = Take(result, &field)) || (te = field.unescaped_key().get(k))) return te;
          handler_->OnSparkProperty(k, String(field.value()));
        }
        return SUCCESS;
      });
      break;
    case Kind::kApplicationStart: {
      ApplicationStartEvent a;
      e = visit_rest([&](std::string_view key, od::value value) -> error_code {
        if (key == "App Name") a.app_name = String(value);
        else if (key == "App ID") a.app_id = String(value);
        else if (key == "App Attempt ID") a.attempt_id = String(value);
        else if (key == "User") a.user = String(value);
        else if (key == "Timestamp") a.time_ms = Int(value);
        return SUCCESS;
      });
      if (!e) {
        handler_->OnApplicationStart(a);
        if (a.time_ms > 0) handler_->OnEventTime(a.time_ms);
      }
      break;
    }
    case Kind::kApplicationEnd: {
      int64_t time_ms = -1;
      e = visit_rest(time_of(&time_ms));
      if (!e) {
        handler_->OnApplicationEnd(time_ms);
        if (time_ms > 0) handler_->OnEventTime(time_ms);
      }
      break;
    }
    case Kind::kLogStart:
    case Kind::kDatabricksMetadata: {
      LogStartEvent l;
      int64_t time_ms = -1;
      e = visit_rest([&](std::string_view key, od::value value) -> error_code {
        if (key == "Spark Version") l.spark_version = String(value);
        else if (key == "Rollover Number") l.rollover_number = Int(value);
        else if (key == "Timestamp") time_ms = Int(value);
        return SUCCESS;
      });
      if (!e) {
        handler_->OnLogStart(l);
        if (time_ms > 0) handler_->OnEventTime(time_ms);
      }
      break;
    }
    case Kind::kSqlStartOrEnd:
    case Kind::kSql: {
      int64_t time_ms = -1;
      if (kind == Kind::kSqlStartOrEnd || line.last) e = visit_rest(time_of(&time_ms));
      if (!e) {
        handler_->OnSqlEvent(event, line.text);
        if (time_ms > 0) handler_->OnEventTime(time_ms);
      }
      break;
    }
    case Kind::kSkip:
      // An unread event is not checked; a part's cut last line is.
      if (line.last) e = visit_rest(ignore);
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
