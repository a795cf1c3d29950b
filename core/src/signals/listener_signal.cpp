#include "signals/listener_signal.hpp"

#include <algorithm>
#include <optional>

#include "report/error_json.hpp"
#include "report/json_writer.hpp"
#include "signals/json_fields.hpp"
#include "signals/listener_context.hpp"
#include "signals/signal_json.hpp"
#include "signals/signals_request.hpp"
#include "signals/timestamp.hpp"

namespace clusop::signals {
namespace {

using nlohmann::json;

constexpr const char* kSignalSchema = "clusop.signal/1";
constexpr const char* kBatchSchema = "clusop.signal_batch/1";
constexpr int64_t kMaxPlanChars = int64_t{1} << 30;
constexpr size_t kMaxFlushSignals = 100000;

// One application's signal of one signature, between runs.
struct AppSignal {
  std::string signature;
  json header = json::object();  // app_id, app_name, spark_version, clusop_version, listener_version
  json cluster = nullptr;
  json cause = nullptr;
  int64_t count = 0;
  double runtime_seconds = 0;
  double waste_usd = 0;  // meaningful when priced_runs > 0
  int64_t priced_runs = 0;
  int64_t first_seen = 0, last_seen = 0;
  json sample = nullptr;
  json analysis = nullptr;
};

struct Flush {
  int64_t seq = 0;
  bool final = false;
  int64_t at = 0;
  int64_t dropped = 0;
};

const char* const kHeaderKeys[] = {"app_id", "app_name", "spark_version", "clusop_version", "listener_version"};

std::string Error(std::string_view message, int indent) {
  return ContractErrorJson(kSchema, "bad_request", message, indent);
}

// Shortest text that reads back as the same double: totals accumulate without rounding drift.
void Number(JsonWriter* w, double v) { w->Raw(json(v).dump()); }

void WriteSignal(JsonWriter* w, const AppSignal& s, const Flush* flush) {
  w->BeginObject();
  w->Key("schema").String(kSignalSchema);
  w->Key("signature").String(s.signature);
  for (const char* key : kHeaderKeys) {
    w->Key(key);
    WriteValue(w, s.header.value(key, json()));
  }
  w->Key("cluster");
  WriteValue(w, s.cluster);
  w->Key("cause");
  WriteValue(w, s.cause);
  w->Key("count").Int(s.count);
  w->Key("total_runtime_seconds");
  Number(w, s.runtime_seconds);
  w->Key("total_waste_usd");
  if (s.priced_runs > 0) Number(w, s.waste_usd);
  else w->Null();
  w->Key("priced_runs").Int(s.priced_runs);
  w->Key("first_seen").String(FormatInstant(s.first_seen));
  w->Key("last_seen").String(FormatInstant(s.last_seen));
  if (flush) {
    w->Key("dropped").Int(flush->dropped);
    w->Key("flush").BeginObject();
    w->Key("seq").Int(flush->seq);
    w->Key("final").Bool(flush->final);
    w->Key("at").String(FormatInstant(flush->at));
    w->EndObject();
  }
  w->Key("sample");
  WriteValue(w, s.sample);
  w->Key("analysis");
  WriteValue(w, s.analysis);
  w->EndObject();
}

// A signal this op wrote before (flush stamps, if any, are dropped: each flush sets its own).
bool ReadAppSignal(const json& j, const std::string& where, AppSignal* s, std::string* error) {
  if (!j.is_object() || j.value("schema", json()) != kSignalSchema) {
    *error = where + " must be a \"clusop.signal/1\" object as op \"observe\" answered it";
    return false;
  }
  if (!ReadText(j, "signature", true, where, &s->signature, error) ||
      !ReadCount(j, "count", true, where, &s->count, error) ||
      !ReadAmount(j, "total_runtime_seconds", true, where, &s->runtime_seconds, error) ||
      !ReadCount(j, "priced_runs", true, where, &s->priced_runs, error) ||
      !ReadInstantField(j, "first_seen", true, where, &s->first_seen, error) ||
      !ReadInstantField(j, "last_seen", true, where, &s->last_seen, error))
    return false;
  if (s->priced_runs > 0 && !ReadAmount(j, "total_waste_usd", true, where, &s->waste_usd, error)) return false;
  if (s->priced_runs > s->count || s->last_seen < s->first_seen) {
    *error = where + " is inconsistent: priced_runs must not exceed count, last_seen must not precede first_seen";
    return false;
  }
  for (const char* key : kHeaderKeys)
    if (j.contains(key)) s->header[key] = j[key];
  s->cluster = j.value("cluster", json());
  s->cause = j.value("cause", json());
  s->sample = j.value("sample", json());
  s->analysis = j.value("analysis", json());
  return true;
}

// The first `max_chars` characters (code points) of `text`; *chars = all of its characters.
std::string Cut(const std::string& text, int64_t max_chars, int64_t* chars) {
  int64_t n = 0;
  size_t cut = text.size();
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // a continuation byte
    if (n == max_chars && cut == text.size()) cut = i;
    ++n;
  }
  *chars = n;
  return text.substr(0, cut);
}

bool FirstRun(const json& request, const json& analysis, const json& run, AppSignal* s, std::string* error) {
  const json app = request.value("app", json::object());
  if (!app.is_object()) {
    *error = "request.app must be {\"app_id\", \"app_name\", \"spark_version\", \"clusop_version\", \"listener_version\"}";
    return false;
  }
  std::string text;
  for (const char* key : kHeaderKeys) {
    if (!ReadText(app, key, std::string(key) == "app_id", "request.app", &text, error)) return false;
    s->header[key] = app.contains(key) ? app[key] : json();
  }
  ConfCluster conf;
  if (!ReadConf(request, "request", &conf, error)) return false;
  JsonWriter cw(0);
  WriteSignalCluster(&cw, conf);
  s->cluster = json::parse(cw.Take());

  std::string plan;
  if (!ReadText(request, "plan", false, "request", &plan, error)) return false;
  int64_t max_chars = 262144;
  if (!ReadCount(request, "max_plan_chars", false, "request", &max_chars, error)) return false;
  max_chars = std::min(max_chars, kMaxPlanChars);
  const json req = request.value("request", json::object());
  if (!req.is_object()) {
    *error = "request.request must be the analysis request without its plan (an object)";
    return false;
  }
  int64_t chars = 0;
  const std::string kept = Cut(plan, max_chars, &chars);
  json sample = json::object();
  sample["func_name"] = run.value("func_name", json());
  sample["seen_at"] = FormatInstant(s->first_seen);
  sample["runtime_seconds"] = run["runtime_seconds"];
  sample["plan_chars"] = chars;
  sample["plan_truncated"] = kept.size() < plan.size();
  sample["plan"] = kept;
  sample["request"] = req;
  s->sample = std::move(sample);
  s->analysis = analysis;
  s->cause = analysis.contains("verdict") && analysis["verdict"].is_object() ? analysis["verdict"].value("cause", json())
                                                                             : json();
  return true;
}

}  // namespace

std::string ObserveAnswer(const json& request, int indent) {
  std::string error;
  const json analysis = request.value("analysis", json());
  if (!analysis.is_object() || analysis.contains("error"))
    return Error("request.analysis must be the run's clusop.analysis/1 answer (an object without \"error\")", indent);
  std::string signature = analysis.value("signature", json()).is_string() ? analysis["signature"].get<std::string>() : "";
  if (signature.empty()) signature = "unsigned";
  const json run = request.value("run", json());
  if (!run.is_object()) return Error("request.run must be {\"func_name\", \"seen_at\", \"runtime_seconds\"}", indent);
  int64_t seen_at = 0;
  double runtime = 0;
  std::string func;
  if (!ReadInstantField(run, "seen_at", true, "request.run", &seen_at, &error) ||
      !ReadAmount(run, "runtime_seconds", true, "request.run", &runtime, &error) ||
      !ReadText(run, "func_name", false, "request.run", &func, &error))
    return Error(error, indent);

  AppSignal s;
  const json prior = request.value("signal", json());
  if (prior.is_null()) {
    s.signature = signature;
    s.first_seen = s.last_seen = seen_at;
    if (!FirstRun(request, analysis, run, &s, &error)) return Error(error, indent);
  } else {
    if (!ReadAppSignal(prior, "request.signal", &s, &error)) return Error(error, indent);
    if (s.signature != signature)
      return Error("request.signal is of signature \"" + s.signature.substr(0, 60) + "\", the analysis of \"" +
                       signature.substr(0, 60) + "\": a run joins only its own signature's signal",
                   indent);
    s.first_seen = std::min(s.first_seen, seen_at);
    s.last_seen = std::max(s.last_seen, seen_at);
  }
  s.count += 1;
  s.runtime_seconds += runtime;
  const json waste = analysis.value("waste", json());
  if (waste.is_object() && waste.contains("usd") && waste["usd"].is_number()) {
    s.waste_usd += waste["usd"].get<double>();
    s.priced_runs += 1;
  }

  JsonWriter w(indent);
  w.BeginObject();
  w.Key("schema").String(kSchema);
  w.Key("op").String("observe");
  w.Key("signal");
  WriteSignal(&w, s, nullptr);
  w.EndObject();
  return w.Take();
}

std::string FlushAnswer(const json& request, int indent) {
  std::string error, app_id;
  Flush f;
  if (!ReadText(request, "app_id", true, "request", &app_id, &error) ||
      !ReadCount(request, "seq", true, "request", &f.seq, &error) ||
      !ReadInstantField(request, "at", true, "request", &f.at, &error) ||
      !ReadCount(request, "dropped", false, "request", &f.dropped, &error))
    return Error(error, indent);
  const json fin = request.value("final", json(false));
  if (!fin.is_boolean()) return Error("request.final must be true or false", indent);
  f.final = fin.get<bool>();
  const json signals = request.value("signals", json());
  if (!signals.is_array() || signals.size() > kMaxFlushSignals)
    return Error("request.signals must be an array of the signals op \"observe\" answered (at most 100000)", indent);

  JsonWriter w(indent);
  w.BeginObject();
  w.Key("schema").String(kSchema);
  w.Key("op").String("flush");
  w.Key("batch").BeginObject();
  w.Key("schema").String(kBatchSchema);
  w.Key("app_id").String(app_id);
  w.Key("signals").BeginArray();
  for (size_t i = 0; i < signals.size(); ++i) {
    AppSignal s;
    if (!ReadAppSignal(signals[i], "request.signals[" + std::to_string(i) + "]", &s, &error)) return Error(error, indent);
    WriteSignal(&w, s, &f);
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return w.Take();
}

}  // namespace clusop::signals
