#include "api/request.hpp"

#include <nlohmann/json.hpp>

namespace clusop {
namespace {

using nlohmann::json;

bool ReadString(const json& obj, const char* key, std::string* out, std::string* error) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return true;
  if (!it->is_string()) {
    *error = std::string("request: \"") + key + "\" must be a string";
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

template <typename T>
bool ReadNumber(const json& obj, const char* key, T* out, std::string* error) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return true;
  if (!it->is_number() || it->get<double>() < 0) {
    *error = std::string("request: \"") + key + "\" must be a non-negative number";
    return false;
  }
  *out = it->get<T>();
  return true;
}

bool ReadCluster(const json& c, ClusterContext* out, std::string* error) {
  if (!c.is_object()) {
    *error = "request: \"cluster\" must be an object";
    return false;
  }
  return ReadString(c, "cloud", &out->cloud, error) && ReadString(c, "sku", &out->sku, error) &&
         ReadString(c, "tier", &out->tier, error) && ReadString(c, "node_type", &out->node_type, error) &&
         ReadString(c, "driver_node_type", &out->driver_node_type, error) &&
         ReadNumber(c, "workers", &out->workers, error) &&
         ReadNumber(c, "runtime_seconds", &out->runtime_seconds, error) &&
         ReadNumber(c, "runs_per_day", &out->runs_per_day, error) &&
         ReadNumber(c, "photon_multiplier", &out->photon_multiplier, error) &&
         ReadNumber(c, "usd_per_dbu", &out->usd_per_dbu, error);
}

}  // namespace

bool ParseRequest(std::string_view text, Request* r, std::string* error) {
  const json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    *error = "request: expected a JSON object such as {\"plan\": \"== Physical Plan == ...\"}";
    return false;
  }
  const auto plan = doc.find("plan");
  if (plan == doc.end() || !plan->is_string()) {
    *error = "request: expected \"plan\": the explain text or event-log JSON line, as a string";
    return false;
  }
  r->plan = plan->get<std::string>();
  if (!ReadString(doc, "engine", &r->input.engine, error)) return false;
  Engine engine;
  if (r->input.engine != "auto" && !ParseEngineName(r->input.engine, &engine)) {
    *error = "request: \"engine\" must be one of auto, spark, photon, comet, gluten, rapids";
    return false;
  }
  if (const auto it = doc.find("photon_enabled"); it != doc.end() && !it->is_null()) {
    if (!it->is_boolean()) {
      *error = "request: \"photon_enabled\" must be true or false";
      return false;
    }
    r->input.photon_enabled = it->get<bool>();
  }
  if (const auto it = doc.find("cluster"); it != doc.end() && !it->is_null())
    if (!ReadCluster(*it, &r->input.cluster, error)) return false;
  if (const auto it = doc.find("price_table"); it != doc.end() && !it->is_null()) {
    r->prices = std::make_unique<PriceTable>();
    if (!PriceTable::Parse(it->dump(), r->prices.get(), error)) return false;
    r->input.prices = r->prices.get();
  }
  if (!ReadNumber(doc, "indent", &r->indent, error)) return false;
  if (r->indent > 8) r->indent = 8;
  r->input.plan = r->plan;
  return true;
}

}  // namespace clusop
