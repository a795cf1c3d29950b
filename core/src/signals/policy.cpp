#include "signals/policy.hpp"

#include "signals/json_fields.hpp"

namespace clusop::signals {

using nlohmann::json;

bool ParseLevel(const std::string& text, Level* out) {
  if (text == "HIGH") *out = Level::kHigh;
  else if (text == "MEDIUM") *out = Level::kMedium;
  else if (text == "LOW") *out = Level::kLow;
  else return false;
  return true;
}

bool ReadPolicy(const json& p, Policy* out, std::string* error) {
  if (p.is_null()) return true;
  if (!p.is_object()) {
    *error = "request.policy must be an object such as {\"min_waste_usd_per_month\": 10}";
    return false;
  }
  static const char* kKnown[] = {"min_waste_usd_per_month", "min_confidence", "cooldown_hours", "muted",
                                 "notify_unpriced"};
  for (const auto& [key, value] : p.items()) {
    bool known = false;
    for (const char* k : kKnown) known = known || key == k;
    if (!known) {
      *error = "request.policy." + key.substr(0, 60) +
               " is not a policy field (min_waste_usd_per_month, min_confidence, cooldown_hours, muted, "
               "notify_unpriced)";
      return false;
    }
  }
  if (!ReadAmount(p, "min_waste_usd_per_month", false, "request.policy", &out->min_waste_usd_per_month, error) ||
      !ReadAmount(p, "cooldown_hours", false, "request.policy", &out->cooldown_hours, error))
    return false;
  std::string level;
  if (!ReadText(p, "min_confidence", false, "request.policy", &level, error)) return false;
  if (!level.empty() && !ParseLevel(level, &out->min_confidence)) {
    *error = "request.policy.min_confidence must be \"HIGH\", \"MEDIUM\" or \"LOW\"";
    return false;
  }
  if (p.contains("notify_unpriced") && !p["notify_unpriced"].is_null()) {
    if (!p["notify_unpriced"].is_boolean()) {
      *error = "request.policy.notify_unpriced must be true or false";
      return false;
    }
    out->notify_unpriced = p["notify_unpriced"].get<bool>();
  }
  if (p.contains("muted") && !p["muted"].is_null()) {
    if (!p["muted"].is_array()) {
      *error = "request.policy.muted must be an array of signatures or record keys";
      return false;
    }
    for (const json& m : p["muted"]) {
      if (!m.is_string()) {
        *error = "request.policy.muted must hold strings (signatures or record keys)";
        return false;
      }
      out->muted.push_back(m.get<std::string>());
    }
  }
  return true;
}

void WritePolicy(JsonWriter* w, const Policy& p) {
  w->BeginObject();
  w->Key("min_waste_usd_per_month").Fixed(p.min_waste_usd_per_month, 2);
  w->Key("min_confidence").String(LevelName(p.min_confidence));
  w->Key("cooldown_hours").Fixed(p.cooldown_hours, 3);
  w->Key("muted").BeginArray();
  for (const std::string& m : p.muted) w->String(m);
  w->EndArray();
  w->Key("notify_unpriced").Bool(p.notify_unpriced);
  w->EndObject();
}

}  // namespace clusop::signals
