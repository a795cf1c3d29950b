#pragma once
// What deserves a person's attention, as data passed with every rank request. Defaults:
//   min_waste_usd_per_month 10   (below: "below_min_waste")
//   min_confidence "MEDIUM"      (the signal's lowest confidence leg below it: "below_min_confidence")
//   cooldown_hours 24            (notified for this record less than this ago: "cooldown")
//   muted []                     (signatures or record keys: "muted")
//   notify_unpriced false        (no dollar figure: "unpriced" unless true)
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "confidence/confidence.hpp"
#include "report/json_writer.hpp"

namespace clusop::signals {

struct Policy {
  double min_waste_usd_per_month = 10;
  Level min_confidence = Level::kMedium;
  double cooldown_hours = 24;
  std::vector<std::string> muted;
  bool notify_unpriced = false;
};

// Absent or null keeps the defaults; a field of the wrong kind is an error naming what was expected.
bool ReadPolicy(const nlohmann::json& policy, Policy* out, std::string* error);
void WritePolicy(JsonWriter* w, const Policy& p);

// "HIGH" | "MEDIUM" | "LOW" -> level; false for anything else.
bool ParseLevel(const std::string& text, Level* out);

}  // namespace clusop::signals
