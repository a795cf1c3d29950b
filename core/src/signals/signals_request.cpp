#include "signals/signals_request.hpp"

#include <algorithm>
#include <map>
#include <new>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/error_json.hpp"
#include "report/json_writer.hpp"
#include "signals/figure.hpp"
#include "signals/gate.hpp"
#include "signals/billing_schema.hpp"
#include "signals/json_fields.hpp"
#include "signals/listener_context.hpp"
#include "signals/listener_signal.hpp"
#include "signals/merge.hpp"
#include "signals/message.hpp"
#include "signals/policy.hpp"
#include "signals/priority.hpp"
#include "signals/reconcile.hpp"
#include "signals/signal_json.hpp"
#include "signals/timestamp.hpp"

namespace clusop::signals {
namespace {

using nlohmann::json;

constexpr int kMaxNesting = 256;

struct Rejected {
  size_t index;
  std::string message;
};

std::string Error(std::string_view code, std::string_view message, int indent = 0) {
  return ContractErrorJson(kSchema, code, message, indent);
}

void WriteRejected(JsonWriter* w, const std::vector<Rejected>& rejected) {
  w->Key("rejected").BeginArray();
  for (const Rejected& r : rejected) w->BeginObject().Key("index").Int(static_cast<int64_t>(r.index)).Key("message").String(r.message).EndObject();
  w->EndArray();
}

std::string Merge(const json& request, int indent) {
  std::string workspace, error;
  if (!ReadText(request, "workspace_id", true, "request", &workspace, &error)) return Error("bad_request", error, indent);
  const json batch = request.value("batch", json());
  if (!batch.is_object() || !batch.contains("signals") || !batch["signals"].is_array())
    return Error("bad_request",
                 "request.batch must be the listener's batch: {\"schema\": \"clusop.signal_batch/1\", \"app_id\", "
                 "\"signals\": [...]}",
                 indent);
  std::string batch_app_id;
  if (!ReadText(batch, "app_id", false, "request.batch", &batch_app_id, &error)) return Error("bad_request", error, indent);

  std::map<std::string, SignalRecord> records;  // by record key
  const json stored = request.value("signals", json::array());
  if (!stored.is_array()) return Error("bad_request", "request.signals must be an array of stored records", indent);
  for (size_t i = 0; i < stored.size(); ++i) {
    SignalRecord r;
    if (!ReadRecord(stored[i], "request.signals[" + std::to_string(i) + "]", true, &r, &error))
      return Error("bad_request", error, indent);
    if (r.workspace_id != workspace)
      return Error("bad_request", "request.signals[" + std::to_string(i) + "] belongs to workspace \"" +
                                      r.workspace_id.substr(0, 60) + "\", not to the request's \"" +
                                      workspace.substr(0, 60) + "\"", indent);
    records[RecordKey(r.workspace_id, r.signature)] = std::move(r);
  }

  struct Outcome {
    size_t index;
    std::string signature, record_key, dedup_key;
    MergeResult result;
  };
  std::vector<Outcome> outcomes;
  std::vector<Rejected> rejected;
  std::vector<std::string> changed, need_whole;
  const json& signals = batch["signals"];
  for (size_t i = 0; i < signals.size(); ++i) {
    Incoming in;
    if (!ReadListenerSignal(signals[i], batch_app_id, "batch.signals[" + std::to_string(i) + "]", &in, &error)) {
      rejected.push_back({i, error});
      continue;
    }
    const std::string key = RecordKey(workspace, in.signature);
    SignalRecord& r = records[key];
    if (r.workspace_id.empty()) r.workspace_id = workspace;
    Outcome o{i, in.signature, key, DedupKey(workspace, in.source, in.signature), MergeResult::kStale};
    const MergeStatus status = MergeSignal(&r, std::move(in), &o.result);
    if (status == MergeStatus::kFull) {
      rejected.push_back({i, "the record " + key + " already holds " + std::to_string(kMaxSourcesPerRecord) +
                                 " sources; this new source is not counted"});
      if (r.sources.empty() && r.source_count == 0) records.erase(key);
      continue;
    }
    if (status == MergeStatus::kNeedWhole) {
      if (std::find(need_whole.begin(), need_whole.end(), key) == need_whole.end()) need_whole.push_back(key);
      continue;
    }
    if ((o.result == MergeResult::kAdded || o.result == MergeResult::kUpdated) &&
        std::find(changed.begin(), changed.end(), key) == changed.end())
      changed.push_back(key);
    outcomes.push_back(std::move(o));
  }

  JsonWriter w(indent);
  w.BeginObject();
  w.Key("schema").String(kSchema);
  w.Key("op").String("merge");
  w.Key("workspace_id").String(workspace);
  // a partial record that cannot take the batch exactly: nothing is merged, the caller asks again
  // with those records whole
  if (!need_whole.empty()) {
    changed.clear();
    outcomes.clear();
  }
  w.Key("signals").BeginArray();
  std::sort(changed.begin(), changed.end());
  for (const std::string& key : changed) WriteRecord(&w, records[key]);
  w.EndArray();
  std::sort(need_whole.begin(), need_whole.end());
  w.Key("need_whole").BeginArray();
  for (const std::string& key : need_whole) w.String(key);
  w.EndArray();
  w.Key("outcomes").BeginArray();
  for (const Outcome& o : outcomes) {
    w.BeginObject();
    w.Key("index").Int(static_cast<int64_t>(o.index));
    w.Key("signature").String(o.signature);
    w.Key("record_key").String(o.record_key);
    w.Key("dedup_key").String(o.dedup_key);
    w.Key("result").String(MergeResultName(o.result));
    w.EndObject();
  }
  w.EndArray();
  WriteRejected(&w, rejected);
  w.EndObject();
  return w.Take();
}

std::string Rank(const json& request, int indent) {
  std::string error;
  Policy policy;
  if (!ReadPolicy(request.value("policy", json()), &policy, &error)) return Error("bad_request", error, indent);
  const json last = request.value("last_notified", json::object());
  if (!last.is_object())
    return Error("bad_request", "request.last_notified must be an object {\"<record_key>\": \"<timestamp>\"}", indent);
  int64_t now = 0;
  if (!ReadInstantField(request, "now", !last.empty(), "request", &now, &error)) return Error("bad_request", error, indent);
  std::map<std::string, int64_t> notified;
  for (const auto& [key, value] : last.items()) {
    const std::optional<int64_t> t = value.is_string() ? ParseInstant(value.get<std::string>()) : std::nullopt;
    if (!t) return Error("bad_request", "request.last_notified[\"" + key.substr(0, 60) + "\"] must be a UTC timestamp", indent);
    notified[key] = *t;
  }
  const json stored = request.value("signals", json());
  if (!stored.is_array()) return Error("bad_request", "request.signals must be an array of stored records", indent);

  struct Ranked {
    SignalRecord record;
    Figure figure;
    double priority;
    std::string key;
  };
  std::vector<Ranked> ranked;
  std::vector<Rejected> rejected;
  for (size_t i = 0; i < stored.size(); ++i) {
    Ranked x;
    if (!ReadRecord(stored[i], "request.signals[" + std::to_string(i) + "]", false, &x.record, &error)) {
      rejected.push_back({i, error});
      continue;
    }
    x.figure = RecordFigure(x.record);
    x.priority = Priority(x.figure);
    x.key = RecordKey(x.record.workspace_id, x.record.signature);
    ranked.push_back(std::move(x));
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    const double ua = a.figure.usd_per_month.value_or(-1), ub = b.figure.usd_per_month.value_or(-1);
    if (ua != ub) return ua > ub;
    if (a.record.totals.occurrences != b.record.totals.occurrences)
      return a.record.totals.occurrences > b.record.totals.occurrences;
    return a.key < b.key;
  });

  JsonWriter w(indent);
  w.BeginObject();
  w.Key("schema").String(kSchema);
  w.Key("op").String("rank");
  w.Key("policy");
  WritePolicy(&w, policy);
  w.Key("signals").BeginArray();
  int64_t rank = 0;
  for (const Ranked& x : ranked) {
    const auto n = notified.find(x.key);
    const Verdict v = Judge(x.record, x.figure, policy,
                            n == notified.end() ? std::nullopt : std::optional<int64_t>(n->second), now);
    const Message m = Describe(x.record, x.figure);
    const Totals& t = x.record.totals;
    w.BeginObject();
    w.Key("rank").Int(++rank);
    w.Key("record_key").String(x.key);
    w.Key("workspace_id").String(x.record.workspace_id);
    w.Key("signature").String(x.record.signature);
    w.Key("cause");
    if (x.record.cause.empty()) w.Null();
    else w.String(x.record.cause);
    w.Key("occurrences").Int(t.occurrences);
    w.Key("sources").Int(static_cast<int64_t>(x.record.source_count));
    w.Key("total_runtime_seconds").Fixed(t.runtime_seconds, 3);
    w.Key("first_seen").String(FormatInstant(t.first_seen));
    w.Key("last_seen").String(FormatInstant(t.last_seen));
    w.Key("waste_usd");
    if (x.figure.total_usd) w.Fixed(*x.figure.total_usd, 4);
    else w.Null();
    w.Key("waste_usd_per_month");
    if (x.figure.usd_per_month) w.Fixed(*x.figure.usd_per_month, 2);
    else w.Null();
    w.Key("basis").String(x.figure.basis);
    w.Key("basis_note");  // a reconciliation's own words, when one was made
    if (x.record.billing.is_object() && x.record.billing.contains("reason") && x.record.billing["reason"].is_string())
      w.String(x.figure.basis == "billed" || x.record.billing.value("basis", "") != "billed"
                   ? x.record.billing["reason"].get<std::string>()
                   : "a reconciliation priced other sources than the record now holds; the figure is modeled");
    else w.Null();
    w.Key("confidence").String(LevelName(x.figure.confidence));
    w.Key("priority").Fixed(x.priority, 2);
    w.Key("verdict").BeginObject();
    w.Key("notify").Bool(v.notify);
    w.Key("reasons").BeginArray();
    for (const GateReason& g : v.reasons) w.BeginObject().Key("code").String(g.code).Key("message").String(g.message).EndObject();
    w.EndArray();
    w.EndObject();
    w.Key("message").BeginObject();
    w.Key("title").String(m.title);
    w.Key("what").String(m.what);
    w.Key("where").String(m.where);
    w.Key("dollars").String(m.dollars);
    w.Key("confidence").String(m.confidence);
    w.Key("fix").String(m.fix);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  WriteRejected(&w, rejected);
  w.EndObject();
  return w.Take();
}

std::string Answer(std::string_view text) {
  if (!NestingWithin(text, kMaxNesting))
    return Error("bad_request", "request: JSON nested deeper than 256 levels is refused");
  const json request = json::parse(text.begin(), text.end(), nullptr, false);
  if (request.is_discarded() || !request.is_object())
    return Error("bad_request", "request: expected a JSON object such as {\"op\": \"merge\", ...}");
  int indent = 0;
  if (request.contains("indent")) {
    const json& i = request["indent"];
    if (!i.is_number_integer() || i.get<int64_t>() < 0 || i.get<int64_t>() > 8)
      return Error("bad_request", "request.indent must be a whole number from 0 to 8");
    indent = static_cast<int>(i.get<int64_t>());
  }
  if (request.contains("schema") && request["schema"] != kSchema)
    return Error("bad_request", "request.schema must be \"clusop.signals/1\" when given", indent);
  const std::string op = request.contains("op") && request["op"].is_string() ? request["op"].get<std::string>() : "";
  if (op == "merge") return Merge(request, indent);
  if (op == "rank") return Rank(request, indent);
  if (op == "reconcile") return ReconcileRequest(request, indent);
  if (op == "billing_schema") return BillingSchemaAnswer(indent);
  if (op == "context") return ContextAnswer(request, indent);  // the listener's ops: listener_*.hpp
  if (op == "observe") return ObserveAnswer(request, indent);
  if (op == "flush") return FlushAnswer(request, indent);
  return Error("bad_request",
               "request.op must be \"merge\", \"rank\", \"reconcile\", \"billing_schema\", \"context\", "
               "\"observe\" or \"flush\"",
               indent);
}

}  // namespace

std::string SignalsRequestToJson(std::string_view text) {
  try {
    return Answer(text);
  } catch (const std::bad_alloc&) {
    return Error("out_of_memory", "the signals need more memory than is available");
  } catch (const std::exception& e) {
    return Error("internal", std::string("internal error: ") + e.what());
  } catch (...) {
    return Error("internal", "internal error");
  }
}

}  // namespace clusop::signals
