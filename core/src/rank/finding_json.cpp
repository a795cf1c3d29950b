#include "rank/finding_json.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "common/display_text.hpp"
#include "price/cluster_from_conf.hpp"
#include "rank/rank.hpp"
#include "report/error_json.hpp"
#include "report/json_writer.hpp"

namespace clusop {
namespace {

using nlohmann::json;

void OptionalInt(JsonWriter& w, const char* key, int64_t v) {
  w.Key(key);
  if (v < 0) w.Null();
  else w.Int(v);
}

void Number(JsonWriter& w, double v) {
  if (!std::isfinite(v)) w.Null();
  else if (v == std::floor(v) && std::fabs(v) < 9e15) w.Int(static_cast<int64_t>(v));
  else w.Fixed(v, 4);
}

// An evidence figure in words, by the unit its KPI's name carries (_ms, _bytes, _share); a whole number
// as a count, any other as written with up to four decimals.
std::string EvidenceText(const std::string& kpi, double v) {
  const auto ends = [&](std::string_view suffix) {
    return kpi.size() >= suffix.size() && kpi.compare(kpi.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (!std::isfinite(v)) return "unknown";
  if (ends("_ms")) return display::Duration(v);
  if (ends("_bytes")) return display::Bytes(static_cast<int64_t>(std::llround(v)));
  if (ends("_share")) return display::Percent(v);
  if (v == std::floor(v) && std::fabs(v) < 9e15) return display::Count(static_cast<int64_t>(v));
  return display::Number(v, 4);
}

int64_t IntField(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_number() ? static_cast<int64_t>(it->get<double>()) : -1;
}

std::string StringField(const json& o, const char* key) {
  const auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// One recommendation in the contract's shape; false with `error` naming the field.
bool ReadFinding(const json& o, Finding* f, std::string* error) {
  if (!o.is_object()) return *error = "expected an object", false;
  f->rule = StringField(o, "rule");
  if (f->rule.empty()) return *error = "\"rule\" must be a non-empty string", false;
  f->scope = StringField(o, "scope");
  static const char* const kScopes[] = {"application", "job", "stage", "sql_execution", "executor"};
  if (std::none_of(std::begin(kScopes), std::end(kScopes), [&](const char* s) { return f->scope == s; }))
    return *error = "\"scope\" must be application, job, stage, sql_execution or executor", false;
  f->stage_id = IntField(o, "stage_id");
  f->stage_attempt = IntField(o, "stage_attempt");
  f->execution_id = IntField(o, "execution_id");
  f->job_id = IntField(o, "job_id");
  f->executor_id = StringField(o, "executor_id");
  f->severity = StringField(o, "severity");
  if (f->severity.empty()) f->severity = "low";
  if (SeverityOrder(f->severity) == 0) return *error = "\"severity\" must be high, medium or low", false;
  f->title = StringField(o, "title");
  f->advice = StringField(o, "advice");
  f->code_location = StringField(o, "code_location");
  if (const auto s = o.find("subject"); s != o.end() && s->is_object())
    for (const auto& [k, v] : s->items())
      if (v.is_string() && !v.get<std::string>().empty()) f->subject.emplace_back(k, v.get<std::string>());
  if (const auto ev = o.find("evidence"); ev != o.end() && ev->is_array())
    for (const json& e : *ev) {
      if (!e.is_object()) continue;
      Evidence x;
      x.kpi = StringField(e, "kpi");
      x.op = StringField(e, "op");
      if (const auto v = e.find("value"); v != e.end() && v->is_number()) x.value = v->get<double>();
      if (const auto t = e.find("threshold"); t != e.end() && t->is_number()) x.threshold = t->get<double>();
      f->evidence.push_back(std::move(x));
    }
  if (const auto s = o.find("saving"); s != o.end() && s->is_object()) {
    if (const auto t = s->find("time_ms"); t != s->end() && t->is_number()) f->time_ms = std::max(0.0, t->get<double>());
    f->method = StringField(*s, "method");
  }
  if (const auto c = o.find("confidence"); c != o.end() && c->is_object()) {
    f->confidence = StringField(*c, "level");
    if (f->confidence != "HIGH" && f->confidence != "MEDIUM" && f->confidence != "LOW") f->confidence = "LOW";
    if (const auto r = c->find("reasons"); r != c->end() && r->is_array())
      for (const json& reason : *r)
        if (reason.is_string()) f->reasons.push_back(reason.get<std::string>());
  } else {
    f->confidence = "LOW";
    f->reasons.push_back("no confidence given");
  }
  if (const auto c = o.find("change"); c != o.end() && c->is_object()) {
    f->change_kind = StringField(*c, "kind");
    f->change_text = StringField(*c, "text");
    if (const auto conf = c->find("conf"); conf != c->end() && conf->is_object())
      for (const auto& [k, v] : conf->items())
        if (v.is_string()) f->conf.emplace_back(k, v.get<std::string>());
  }
  if (const auto c = o.find("cascade"); c != o.end() && c->is_array())
    for (const json& e : *c)
      if (e.is_object()) f->cascade.push_back({StringField(e, "rule"), IntField(e, "stage_id"), IntField(e, "execution_id"), StringField(e, "executor_id"), 0});
  return true;
}

ClusterContext ClusterOfApplication(const json& app) {
  ClusterContext c;
  const auto it = app.find("cluster");
  if (it == app.end() || !it->is_object()) return c;
  const json& k = *it;
  if (auto cloud = StringField(k, "cloud"); !cloud.empty()) c.cloud = NormaliseCloud(cloud);
  c.node_type = StringField(k, "worker_node_type");
  c.driver_node_type = StringField(k, "driver_node_type");
  c.workers = static_cast<int>(IntField(k, "workers"));
  return c;
}

}  // namespace

void WriteRecommendations(JsonWriter* out, const std::vector<Finding>& findings) {
  JsonWriter& w = *out;
  w.BeginArray();
  for (const Finding& f : findings) {
    w.BeginObject();
    w.Key("rank").Int(f.rank);
    w.Key("rule").String(f.rule);
    w.Key("scope").String(f.scope);
    OptionalInt(w, "stage_id", f.stage_id);
    OptionalInt(w, "stage_attempt", f.stage_attempt);
    OptionalInt(w, "execution_id", f.execution_id);
    OptionalInt(w, "job_id", f.job_id);
    w.Key("executor_id");
    if (f.executor_id.empty()) w.Null();
    else w.String(f.executor_id);
    w.Key("severity").String(f.severity);
    w.Key("title").String(f.title);
    w.Key("evidence").BeginArray();
    for (const Evidence& e : f.evidence) {
      w.BeginObject();
      w.Key("kpi").String(e.kpi);
      w.Key("value");
      Number(w, e.value);
      w.Key("value_text").String(EvidenceText(e.kpi, e.value));
      w.Key("op").String(e.op);
      w.Key("threshold");
      if (e.threshold) Number(w, *e.threshold);
      else w.Null();
      w.Key("threshold_text");
      if (e.threshold) w.String(EvidenceText(e.kpi, *e.threshold));
      else w.Null();
      w.EndObject();
    }
    w.EndArray();
    w.Key("saving").BeginObject();
    w.Key("time_ms").Int(static_cast<int64_t>(std::llround(f.time_ms)));
    w.Key("time_ms_text").String(display::Duration(f.time_ms));
    w.Key("usd");
    if (f.usd) w.Fixed(*f.usd, 2);
    else w.Null();
    w.Key("usd_text").String(f.usd ? display::ModeledPerRun(*f.usd) : "not priced");
    w.Key("usd_basis").String("modeled");
    if (!f.usd) {
      w.Key("usd_missing").BeginArray();
      for (const std::string& m : f.usd_missing) w.String(m);
      w.EndArray();
    }
    w.Key("method").String(f.method);
    w.EndObject();
    w.Key("confidence").BeginObject();
    w.Key("level").String(f.confidence);
    w.Key("reasons").BeginArray();
    for (const std::string& r : f.reasons) w.String(r);
    w.EndArray();
    w.EndObject();
    w.Key("advice").String(f.advice);
    w.Key("change");
    if (f.change_kind.empty()) {
      w.Null();
    } else {
      w.BeginObject();
      w.Key("kind").String(f.change_kind);
      w.Key("text").String(f.change_text);
      w.Key("conf");
      if (f.conf.empty()) {
        w.Null();
      } else {
        w.BeginObject();
        for (const auto& [k, v] : f.conf) w.Key(k).String(v);
        w.EndObject();
      }
      w.EndObject();
    }
    w.Key("code_location");
    if (f.code_location.empty()) w.Null();
    else w.String(f.code_location);
    w.Key("subject").BeginObject();
    for (const auto& [k, v] : f.subject) w.Key(k).String(v);
    w.EndObject();
    w.Key("cascade").BeginArray();
    for (const CascadeEntry& c : f.cascade) {
      w.BeginObject();
      w.Key("rule").String(c.rule);
      OptionalInt(w, "stage_id", c.stage_id);
      OptionalInt(w, "execution_id", c.execution_id);
      if (!c.executor_id.empty()) w.Key("executor_id").String(c.executor_id);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

void WriteRuleErrors(JsonWriter* out, const std::vector<RuleError>& errors) {
  JsonWriter& w = *out;
  w.BeginArray();
  for (const RuleError& e : errors) {
    w.BeginObject();
    w.Key("rule");
    if (e.rule.empty()) w.Null();
    else w.String(e.rule);
    OptionalInt(w, "line", e.line);
    w.Key("message").String(e.message);
    w.EndObject();
  }
  w.EndArray();
}

std::string RankRequestToJson(std::string_view text) {
  const char* kSchema = "clusop.scan/1";
  const json request = json::parse(text.begin(), text.end(), nullptr, false);
  const std::string expected = "request: expected {\"application\": {\"cluster\": {...}}, \"recommendations\": [...]}";
  if (request.is_discarded() || !request.is_object()) return ContractErrorJson(kSchema, "bad_request", expected, 0);
  const auto recs = request.find("recommendations");
  if (recs == request.end() || !recs->is_array()) return ContractErrorJson(kSchema, "bad_request", expected, 0);
  int indent = 0;
  if (const auto i = request.find("indent"); i != request.end() && i->is_number() && i->get<double>() > 0)
    indent = i->get<double>() > 8 ? 8 : static_cast<int>(i->get<double>());
  ClusterContext cluster;
  bool photon = false;
  if (const auto app = request.find("application"); app != request.end() && app->is_object()) {
    cluster = ClusterOfApplication(*app);
    if (const auto c = app->find("cluster"); c != app->end() && c->is_object())
      if (const auto p = c->find("photon"); p != c->end() && p->is_boolean()) photon = p->get<bool>();
  }
  std::vector<Finding> findings;
  std::vector<RuleError> errors;
  size_t index = 0;
  for (const json& r : *recs) {
    Finding f;
    std::string error;
    if (ReadFinding(r, &f, &error)) findings.push_back(std::move(f));
    else errors.push_back({StringField(r.is_object() ? r : json::object(), "rule"), -1, "recommendations[" + std::to_string(index) + "]: " + error});
    ++index;
  }
  RankFindings(&findings, PriceCluster(cluster, photon, PriceTable::Default()));
  JsonWriter w(indent);
  w.BeginObject();
  w.Key("schema").String(kSchema);
  w.Key("recommendations");
  WriteRecommendations(&w, findings);
  w.Key("rule_errors");
  WriteRuleErrors(&w, errors);
  w.EndObject();
  return w.Take();
}

}  // namespace clusop
