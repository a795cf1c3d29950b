// The application and its surroundings: ApplicationStart / End, the log's own start event
// (Spark's LogStart, Databricks' metadata event), the environment's Spark properties, executors.
#include "eventlog/event_family_readers.hpp"

namespace clusop::event_readers {

using namespace event_json;

error_code ReadExecutor(RootFields& rest, bool added, EventHandler* handler) {
  ExecutorEvent x;
  const error_code e = rest.ForEach([&](std::string_view key, od::value value) -> error_code {
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
  if (e) return e;
  if (added) handler->OnExecutorAdded(x);
  else handler->OnExecutorRemoved(x);
  if (x.time_ms > 0) handler->OnEventTime(x.time_ms);
  return SUCCESS;
}

error_code ReadEnvironment(RootFields& rest, EventHandler* handler) {
  return rest.ForEach([&](std::string_view key, od::value value) -> error_code {
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
        if (!pe && n == 2) handler->OnSparkProperty(kv[0], kv[1]);
        return pe;
      });
    od::object properties;
    if ((te = value.get_object().get(properties))) return Broken(te) ? te : SUCCESS;
    for (auto result : properties) {
      od::field field;
      std::string_view k;
      if ((te = Take(result, &field)) || (te = field.unescaped_key().get(k))) return te;
      handler->OnSparkProperty(k, String(field.value()));
    }
    return SUCCESS;
  });
}

error_code ReadApplicationStart(RootFields& rest, EventHandler* handler) {
  ApplicationStartEvent a;
  const error_code e = rest.ForEach([&](std::string_view key, od::value value) -> error_code {
    if (key == "App Name") a.app_name = String(value);
    else if (key == "App ID") a.app_id = String(value);
    else if (key == "App Attempt ID") a.attempt_id = String(value);
    else if (key == "User") a.user = String(value);
    else if (key == "Timestamp") a.time_ms = Int(value);
    return SUCCESS;
  });
  if (e) return e;
  handler->OnApplicationStart(a);
  if (a.time_ms > 0) handler->OnEventTime(a.time_ms);
  return SUCCESS;
}

error_code ReadApplicationEnd(RootFields& rest, EventHandler* handler) {
  int64_t time_ms = -1;
  const error_code e = rest.ForEach([&](std::string_view key, od::value value) -> error_code {
    if (key == "Timestamp" || key == "time") time_ms = Int(value);
    return SUCCESS;
  });
  if (e) return e;
  handler->OnApplicationEnd(time_ms);
  if (time_ms > 0) handler->OnEventTime(time_ms);
  return SUCCESS;
}

error_code ReadLogStart(RootFields& rest, EventHandler* handler) {
  LogStartEvent l;
  int64_t time_ms = -1;
  const error_code e = rest.ForEach([&](std::string_view key, od::value value) -> error_code {
    if (key == "Spark Version") l.spark_version = String(value);
    else if (key == "Rollover Number") l.rollover_number = Int(value);
    else if (key == "Timestamp") time_ms = Int(value);
    return SUCCESS;
  });
  if (e) return e;
  handler->OnLogStart(l);
  if (time_ms > 0) handler->OnEventTime(time_ms);
  return SUCCESS;
}

}  // namespace clusop::event_readers
