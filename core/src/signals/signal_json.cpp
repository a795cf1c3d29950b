#include "signals/signal_json.hpp"

#include <algorithm>

#include "signals/json_fields.hpp"
#include "signals/timestamp.hpp"
#include "signals/waste_per_month.hpp"

namespace clusop::signals {
namespace {

using nlohmann::json;

constexpr const char* kSignalSchema = "clusop.signal/1";

// "cluster:<id>" when the cluster is known, else the job run, the job, or the application.
std::string SourceName(const Source& s) {
  if (!s.cluster_id.empty()) return "cluster:" + s.cluster_id;
  if (!s.job_run_id.empty()) return "job_run:" + s.job_run_id;
  if (!s.job_id.empty()) return "job:" + s.job_id;
  return "app:" + s.app_id;
}

bool ReadTotals(const json& obj, const char* count_key, const char* runtime_key, const char* waste_key,
                const std::string& where, Totals* t, std::string* error) {
  if (!ReadCount(obj, count_key, true, where, &t->occurrences, error) ||
      !ReadAmount(obj, runtime_key, true, where, &t->runtime_seconds, error) ||
      !ReadCount(obj, "priced_runs", true, where, &t->priced_runs, error) ||
      !ReadInstantField(obj, "first_seen", true, where, &t->first_seen, error) ||
      !ReadInstantField(obj, "last_seen", true, where, &t->last_seen, error))
    return false;
  t->waste_usd = 0;
  if (t->priced_runs > 0 && !ReadAmount(obj, waste_key, true, where, &t->waste_usd, error)) return false;
  t->runtime_seconds = RoundSeconds(t->runtime_seconds);
  t->waste_usd = RoundUsd(t->waste_usd);
  if (t->priced_runs > t->occurrences) {
    *error = where + ".priced_runs must not exceed the occurrences";
    return false;
  }
  if (t->last_seen < t->first_seen) {
    *error = where + ".last_seen must not be before first_seen";
    return false;
  }
  return true;
}

void ReadIds(const json& signal, Source* s) {
  const json* cluster = signal.contains("cluster") && signal["cluster"].is_object() ? &signal["cluster"] : nullptr;
  s->cluster_id = IdText(signal, "cluster_id");
  if (s->cluster_id.empty() && cluster) s->cluster_id = IdText(*cluster, "cluster_id");
  s->job_id = IdText(signal, "job_id");
  if (s->job_id.empty() && cluster) s->job_id = IdText(*cluster, "job_id");
  s->job_run_id = IdText(signal, "job_run_id");
  if (s->job_run_id.empty() && cluster) s->job_run_id = IdText(*cluster, "job_run_id");
}

void WriteTotals(JsonWriter* w, const Totals& t, const char* count_key) {
  w->Key(count_key).Int(t.occurrences);
  w->Key("total_runtime_seconds").Fixed(t.runtime_seconds, 3);
  w->Key("total_waste_usd");
  if (t.priced_runs > 0) w->Fixed(t.waste_usd, 6);
  else w->Null();
  w->Key("priced_runs").Int(t.priced_runs);
  w->Key("first_seen").String(FormatInstant(t.first_seen));
  w->Key("last_seen").String(FormatInstant(t.last_seen));
}

void OptionalText(JsonWriter* w, const char* key, const std::string& v) {
  w->Key(key);
  if (v.empty()) w->Null();
  else w->String(v);
}

}  // namespace

bool ReadListenerSignal(const json& signal, const std::string& batch_app_id, const std::string& where, Incoming* out,
                        std::string* error) {
  if (!signal.is_object()) {
    *error = where + " must be an object of schema \"clusop.signal/1\"";
    return false;
  }
  std::string schema;
  if (!ReadText(signal, "schema", true, where, &schema, error)) return false;
  if (schema != kSignalSchema) {
    *error = where + ".schema must be \"clusop.signal/1\", got \"" + schema.substr(0, 60) + "\"";
    return false;
  }
  Source& s = out->source;
  s.app_id = batch_app_id;
  if (!ReadText(signal, "signature", true, where, &out->signature, error) ||
      !ReadText(signal, "cause", false, where, &out->cause, error) ||
      !ReadText(signal, "app_id", false, where, &s.app_id, error) ||
      !ReadText(signal, "app_name", false, where, &s.app_name, error) ||
      !ReadTotals(signal, "count", "total_runtime_seconds", "total_waste_usd", where, &s.totals, error))
    return false;
  if (out->signature.size() > 256) {
    *error = where + ".signature must be at most 256 characters";
    return false;
  }
  if (s.app_id.empty()) {
    *error = where + ".app_id is missing (in the signal or its batch): expected the Spark application id";
    return false;
  }
  const auto flush = signal.find("flush");
  if (flush == signal.end() || !flush->is_object()) {
    *error = where + ".flush is missing: expected {\"seq\": n, \"final\": true|false}";
    return false;
  }
  if (!ReadCount(*flush, "seq", true, where + ".flush", &s.seq, error)) return false;
  const auto fin = flush->find("final");
  s.final = fin != flush->end() && fin->is_boolean() && fin->get<bool>();
  ReadIds(signal, &s);
  s.source = SourceName(s);
  if (signal.contains("cluster") && signal["cluster"].is_object()) s.cluster = signal["cluster"];
  if (signal.contains("sample")) out->sample = signal["sample"];
  if (signal.contains("analysis")) out->analysis = signal["analysis"];
  return true;
}

bool ReadRecord(const json& r, const std::string& where, bool allow_partial, SignalRecord* out, std::string* error) {
  if (!r.is_object()) {
    *error = where + " must be a stored signal record (an object)";
    return false;
  }
  if (!ReadText(r, "workspace_id", true, where, &out->workspace_id, error) ||
      !ReadText(r, "signature", true, where, &out->signature, error) ||
      !ReadText(r, "cause", false, where, &out->cause, error))
    return false;
  int64_t count = -1;
  if (!ReadCount(r, "source_count", false, where, &count, error)) return false;
  const auto sources = r.find("sources");
  const bool has_sources = sources != r.end() && !sources->is_null();
  if ((has_sources && !sources->is_array()) || (count < 0 && (!has_sources || sources->empty()))) {
    *error = where + ".sources must be a non-empty array (or, with source_count, the sources a batch touches)";
    return false;
  }
  if (count == 0) {
    *error = where + ".source_count must be at least 1";
    return false;
  }
  const size_t given = has_sources ? sources->size() : 0;
  if (count >= 0 && static_cast<size_t>(count) < given) {
    *error = where + ".source_count is " + std::to_string(count) + " but the record holds " + std::to_string(given) + " sources";
    return false;
  }
  out->source_count = count < 0 ? given : static_cast<size_t>(count);
  if (out->source_count > given && !allow_partial) {
    *error = where + " holds " + std::to_string(given) + " of its " + std::to_string(count) +
             " sources (a partial record, for op merge): this op needs the whole record";
    return false;
  }
  for (size_t i = 0; i < given; ++i) {
    const json& j = (*sources)[i];
    const std::string at = where + ".sources[" + std::to_string(i) + "]";
    Source s;
    if (!j.is_object()) {
      *error = at + " must be an object";
      return false;
    }
    if (!ReadText(j, "source", true, at, &s.source, error) || !ReadText(j, "app_id", true, at, &s.app_id, error) ||
        !ReadText(j, "app_name", false, at, &s.app_name, error) ||
        !ReadText(j, "cluster_id", false, at, &s.cluster_id, error) ||
        !ReadText(j, "job_id", false, at, &s.job_id, error) ||
        !ReadText(j, "job_run_id", false, at, &s.job_run_id, error) ||
        !ReadCount(j, "seq", true, at, &s.seq, error) ||
        !ReadTotals(j, "occurrences", "total_runtime_seconds", "total_waste_usd", at, &s.totals, error))
      return false;
    s.final = j.value("final", false) == true;
    if (j.contains("cluster") && j["cluster"].is_object()) s.cluster = j["cluster"];
    out->sources.push_back(std::move(s));
  }
  std::sort(out->sources.begin(), out->sources.end(), [](const Source& a, const Source& b) {
    return a.source != b.source ? a.source < b.source : a.app_id < b.app_id;
  });
  // a partial record's totals are the stored ones (the merge corrects them source by source)
  if (IsPartial(*out)) {
    if (!ReadTotals(r, "occurrences", "total_runtime_seconds", "total_waste_usd", where, &out->totals, error)) return false;
  } else {
    out->totals = SumSources(out->sources);
  }
  if (!ReadText(r, "sample_from", false, where, &out->sample_from, error) ||
      !ReadInstantField(r, "sample_first_seen", false, where, &out->sample_first_seen, error))
    return false;
  for (const Source& s : out->sources)
    if (!r.contains("sample_first_seen") && s.source + "|" + s.app_id == out->sample_from)
      out->sample_first_seen = s.totals.first_seen;
  if (r.contains("sample")) out->sample = r["sample"];
  if (r.contains("analysis")) out->analysis = r["analysis"];
  if (r.contains("billing") && r["billing"].is_object()) out->billing = r["billing"];
  return true;
}

void WriteValue(JsonWriter* w, const json& value) {
  if (value.is_null()) w->Null();
  else w->Raw(value.dump(-1, ' ', false, json::error_handler_t::replace));
}

void WriteRecord(JsonWriter* w, const SignalRecord& r) {
  w->BeginObject();
  w->Key("record_key").String(RecordKey(r.workspace_id, r.signature));
  w->Key("workspace_id").String(r.workspace_id);
  w->Key("signature").String(r.signature);
  OptionalText(w, "cause", r.cause);
  WriteTotals(w, r.totals, "occurrences");
  w->Key("source_count").Int(static_cast<int64_t>(std::max(r.source_count, r.sources.size())));
  const MonthlyWaste m = WastePerMonth(
      r.totals.priced_runs > 0 ? std::optional<double>(r.totals.waste_usd) : std::nullopt, r.totals.first_seen,
      r.totals.last_seen);
  w->Key("waste").BeginObject();
  w->Key("usd_per_month");
  if (m.usd_per_month) w->Fixed(*m.usd_per_month, 2);
  else w->Null();
  w->Key("basis").String("modeled");
  w->Key("observed_days").Fixed(m.observed_days, 3);
  w->Key("method").String(m.method);
  w->EndObject();
  w->Key("sources").BeginArray();
  for (const Source& s : r.sources) {
    w->BeginObject();
    w->Key("source").String(s.source);
    w->Key("app_id").String(s.app_id);
    OptionalText(w, "app_name", s.app_name);
    OptionalText(w, "cluster_id", s.cluster_id);
    OptionalText(w, "job_id", s.job_id);
    OptionalText(w, "job_run_id", s.job_run_id);
    w->Key("seq").Int(s.seq);
    w->Key("final").Bool(s.final);
    w->Key("dedup_key").String(DedupKey(r.workspace_id, s, r.signature));
    WriteTotals(w, s.totals, "occurrences");
    w->Key("cluster");
    WriteValue(w, s.cluster);
    w->EndObject();
  }
  w->EndArray();
  OptionalText(w, "sample_from", r.sample_from);
  w->Key("sample_first_seen");
  if (r.sample_from.empty()) w->Null();
  else w->String(FormatInstant(r.sample_first_seen));
  w->Key("sample");
  WriteValue(w, r.sample);
  w->Key("analysis");
  WriteValue(w, r.analysis);
  w->Key("billing");
  WriteValue(w, r.billing);
  w->EndObject();
}

}  // namespace clusop::signals
