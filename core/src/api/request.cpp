#include "api/request.hpp"

#include <cstdio>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "parse/json_scanner.hpp"

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

// A number in [0, max]; absent or null leaves `out` alone. Bounds keep every figure finite.
template <typename T>
bool ReadNumber(const json& obj, const char* key, double max, T* out, std::string* error) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return true;
  const double value = it->is_number() ? it->get<double>() : -1;
  if (!(value >= 0 && value <= max)) {
    char bound[32];
    std::snprintf(bound, sizeof bound, "%g", max);
    *error = std::string("request: \"") + key + "\" must be a number from 0 to " + bound;
    return false;
  }
  *out = static_cast<T>(value);
  return true;
}

bool ReadBilling(const json& c, std::string* out, std::string* error) {
  if (!ReadString(c, "billing", out, error)) return false;
  if (out->empty() || *out == "databricks" || *out == "cloud_vm") return true;
  *error = "request: \"billing\" must be \"databricks\" or \"cloud_vm\" (got \"" + *out + "\")";
  return false;
}

bool ReadCluster(const json& c, ClusterContext* out, std::string* error) {
  if (!c.is_object()) {
    *error = "request: \"cluster\" must be an object";
    return false;
  }
  return ReadString(c, "cloud", &out->cloud, error) && ReadString(c, "sku", &out->sku, error) &&
         ReadString(c, "tier", &out->tier, error) && ReadString(c, "node_type", &out->node_type, error) &&
         ReadString(c, "driver_node_type", &out->driver_node_type, error) &&
         ReadNumber(c, "workers", 100000, &out->workers, error) &&
         ReadNumber(c, "runtime_seconds", 366 * 86400, &out->runtime_seconds, error) &&
         ReadNumber(c, "runs_per_day", 86400, &out->runs_per_day, error) &&
         ReadNumber(c, "photon_multiplier", 100, &out->photon_multiplier, error) &&
         ReadNumber(c, "usd_per_dbu", 1000, &out->usd_per_dbu, error) && ReadBilling(c, &out->billing, error);
}

using Token = JsonScanner::Token;

bool Fail(std::string* error, const std::string& what) {
  *error = "request: " + what;
  return false;
}

// A top-level string field decoded by JsonScanner::NextDecoded straight into its place.
bool CheckTopLevelString(const JsonScanner& scanner, Token token, const char* key, std::string* error) {
  if (token == Token::kLiteral && scanner.raw() == "null") return true;
  if (token != Token::kString) return Fail(error, std::string("\"") + key + "\" must be a string");
  if (!scanner.decoded_ok()) return Fail(error, std::string("bad escape in \"") + key + "\"");
  return true;
}

// Where a top-level string field is decoded to, or null for the other fields.
std::string* StringField(std::string_view key, Request* r) {
  if (key == "plan") return &r->plan;
  if (key == "engine") return &r->input.engine;
  if (key == "engine_log") return &r->engine_log;
  return nullptr;
}

}  // namespace

bool TakeRuleOptions(std::string* object_json, rules::RuleOptions* out, std::string* error) {
  json object = json::parse(*object_json, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded() || !object.is_object()) return true;  // the request parser words this
  bool took = false;
  if (const auto it = object.find("rules"); it != object.end()) {
    if (!it->is_null() && !it->is_string()) return Fail(error, "\"rules\" must be the text of a rules file, as a string");
    if (it->is_string()) out->user_rules = it->get<std::string>();
    object.erase(it);
    took = true;
  }
  if (const auto it = object.find("thresholds"); it != object.end()) {
    if (!it->is_null() && !it->is_object()) return Fail(error, "\"thresholds\" must be an object such as {\"task_skew.min_excess_ms\": 30000}");
    if (it->is_object())
      for (const auto& [key, value] : it->items()) {
        if (!value.is_number()) return Fail(error, "\"thresholds\": \"" + key + "\" must be a number");
        out->thresholds[key] = value.get<double>();
      }
    object.erase(it);
    took = true;
  }
  if (const auto it = object.find("mute"); it != object.end()) {
    if (!it->is_null() && !it->is_array()) return Fail(error, "\"mute\" must be an array of rule ids");
    if (it->is_array())
      for (const json& id : *it) {
        if (!id.is_string()) return Fail(error, "\"mute\" must be an array of rule ids");
        out->mute.push_back(id.get<std::string>());
      }
    object.erase(it);
    took = true;
  }
  if (took) *object_json = object.dump();
  return true;
}

// The request is read with the iterative scanner so a large plan string is decoded in one pass
// and never lexed character by character; the small nested objects go to nlohmann/json.
bool ParseRequest(std::string_view text, Request* r, std::string* error) {
  const std::string expected = "expected a JSON object such as {\"plan\": \"== Physical Plan == ...\"}";
  JsonScanner scanner(text);
  if (scanner.Next() != Token::kObjectBegin) return Fail(error, expected);
  bool has_plan = false;
  for (;;) {
    Token t = scanner.Next();
    if (t == Token::kObjectEnd) break;
    if (t != Token::kKey) return Fail(error, expected);
    const std::string key(scanner.raw());
    std::string* const field = StringField(key, r);
    if (field == &r->plan) r->plan.reserve(text.size() - scanner.position());
    // the plan (most of the request) is decoded while it is scanned: one pass over its bytes
    t = field ? scanner.NextDecoded(field) : scanner.Next();
    if (t == Token::kError || t == Token::kEnd) return Fail(error, expected);
    const size_t value_begin = scanner.token_begin();
    if (key == "plan") {
      if (t != Token::kString) return Fail(error, "expected \"plan\": the explain text or event-log JSON line, as a string");
      if (!CheckTopLevelString(scanner, t, "plan", error)) return false;
      has_plan = true;
    } else if (key == "engine") {
      if (!CheckTopLevelString(scanner, t, "engine", error)) return false;
    } else if (key == "engine_log") {
      if (!CheckTopLevelString(scanner, t, "engine_log", error)) return false;
    } else if (key == "photon_enabled") {
      if (t != Token::kLiteral) return Fail(error, "\"photon_enabled\" must be true or false");
      if (scanner.raw() != "null") r->input.photon_enabled = scanner.raw() == "true";
    } else if (key == "markdown") {
      if (t != Token::kLiteral) return Fail(error, "\"markdown\" must be true or false");
      r->markdown = scanner.raw() == "true";
    } else if (key == "indent") {
      if (t == Token::kLiteral && scanner.raw() == "null") continue;
      if (t != Token::kNumber) return Fail(error, "\"indent\" must be a non-negative number");
      const double indent = std::strtod(std::string(scanner.raw()).c_str(), nullptr);
      if (!(indent >= 0)) return Fail(error, "\"indent\" must be a non-negative number");
      r->indent = indent > 8 ? 8 : static_cast<int>(indent);
    } else if (key == "cluster" || key == "price_table") {
      if (!scanner.SkipValue(t)) return Fail(error, expected);
      const std::string_view raw = text.substr(value_begin, scanner.position() - value_begin);
      if (raw == "null") continue;
      if (key == "cluster") {
        const json cluster = json::parse(raw.begin(), raw.end(), nullptr, /*allow_exceptions=*/false);
        if (cluster.is_discarded() || !ReadCluster(cluster, &r->input.cluster, error)) {
          if (error->empty() || cluster.is_discarded()) *error = "request: \"cluster\" must be an object";
          return false;
        }
      } else {
        r->prices = std::make_unique<PriceTable>();
        if (!PriceTable::Parse(raw, r->prices.get(), error)) return false;
        r->input.prices = r->prices.get();
      }
    } else if (!scanner.SkipValue(t)) {
      return Fail(error, expected);
    }
  }
  if (scanner.Next() != Token::kEnd) return Fail(error, expected);
  if (!has_plan) return Fail(error, "expected \"plan\": the explain text or event-log JSON line, as a string");
  Engine engine;
  if (r->input.engine != "auto" && !ParseEngineName(r->input.engine, &engine))
    return Fail(error, "\"engine\" must be one of auto, spark, photon, comet, gluten, rapids");
  r->input.plan = r->plan;
  r->input.engine_log = r->engine_log;
  return true;
}

}  // namespace clusop
