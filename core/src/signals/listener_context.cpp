#include "signals/listener_context.hpp"

#include "report/error_json.hpp"
#include "signals/signals_request.hpp"

namespace clusop::signals {
namespace {

using nlohmann::json;

constexpr size_t kMaxConfEntries = 10000;

void Text(JsonWriter* w, const char* key, const std::string& v) {
  w->Key(key);
  if (v.empty()) w->Null();
  else w->String(v);
}

}  // namespace

bool ReadConf(const json& request, const std::string& where, ConfCluster* out, std::string* error) {
  const auto it = request.find("conf");
  if (it == request.end() || it->is_null()) {
    *out = ClusterFromSparkConf({});
    return true;
  }
  if (!it->is_object() || it->size() > kMaxConfEntries) {
    *error = where + ".conf must be the Spark conf as an object {\"spark.key\": \"value\"} (at most 10000 keys)";
    return false;
  }
  SparkConf conf;
  for (const auto& [key, value] : it->items()) {
    if (!value.is_string()) {
      *error = where + ".conf[\"" + key.substr(0, 80) + "\"] must be a string, as Spark conf values are";
      return false;
    }
    if (IsClusterConfKey(key)) conf.emplace(key, value.get<std::string>());
  }
  *out = ClusterFromSparkConf(conf);
  return true;
}

void WriteAnalysisRequest(JsonWriter* w, const ConfCluster& c) {
  const ClusterContext& k = c.cluster;
  w->BeginObject();
  if (!c.engine.empty()) w->Key("engine").String(c.engine);
  if (c.photon_enabled) w->Key("photon_enabled").Bool(*c.photon_enabled);
  w->Key("cluster").BeginObject();
  if (c.cloud_named) w->Key("cloud").String(k.cloud);
  if (c.sku_named) w->Key("sku").String(k.sku);
  if (c.tier_named) w->Key("tier").String(k.tier);
  if (!k.node_type.empty()) w->Key("node_type").String(k.node_type);
  if (!k.driver_node_type.empty()) w->Key("driver_node_type").String(k.driver_node_type);
  if (k.workers >= 0) w->Key("workers").Int(k.workers);
  if (k.runs_per_day >= 0) w->Key("runs_per_day").Raw(json(k.runs_per_day).dump());
  if (k.photon_multiplier >= 0) w->Key("photon_multiplier").Raw(json(k.photon_multiplier).dump());
  if (k.usd_per_dbu >= 0) w->Key("usd_per_dbu").Raw(json(k.usd_per_dbu).dump());
  w->EndObject();
  w->EndObject();
}

void WriteSignalCluster(JsonWriter* w, const ConfCluster& c) {
  const ClusterContext& k = c.cluster;
  w->BeginObject();
  w->Key("source").String(c.databricks ? "databricks" : "conf");
  Text(w, "cloud", c.cloud_named ? k.cloud : "");
  Text(w, "sku", c.sku_named ? k.sku : "");
  Text(w, "tier", c.tier_named ? k.tier : "");
  Text(w, "node_type", k.node_type);
  Text(w, "driver_node_type", k.driver_node_type);
  w->Key("workers");
  if (k.workers >= 0) w->Int(k.workers);
  else w->Null();
  w->Key("photon_enabled");
  if (c.photon_enabled) w->Bool(*c.photon_enabled);
  else w->Null();
  w->Key("engine").String(c.engine.empty() ? "auto" : c.engine);
  Text(w, "runtime_engine", c.runtime_engine);
  Text(w, "runtime_version", c.runtime_version);
  Text(w, "cluster_id", c.cluster_id);
  Text(w, "job_id", c.job_id);
  Text(w, "job_run_id", c.job_run_id);
  w->EndObject();
}

std::string ContextAnswer(const json& request, int indent) {
  ConfCluster c;
  std::string error;
  if (!ReadConf(request, "request", &c, &error)) return ContractErrorJson(kSchema, "bad_request", error, indent);
  JsonWriter w(indent);
  w.BeginObject();
  w.Key("schema").String(kSchema);
  w.Key("op").String("context");
  w.Key("request");
  WriteAnalysisRequest(&w, c);
  w.Key("cluster");
  WriteSignalCluster(&w, c);
  w.Key("problems").BeginArray();
  for (const std::string& p : c.problems) w.String(p);
  w.EndArray();
  w.EndObject();
  return w.Take();
}

}  // namespace clusop::signals
