#include "signals/figure.hpp"

#include <algorithm>

#include "signals/policy.hpp"
#include "signals/waste_per_month.hpp"

namespace clusop::signals {

using nlohmann::json;

std::string PricedSourcesKey(const SignalRecord& r) {
  std::string key;
  for (const Source& s : r.sources) key += DedupKey(r.workspace_id, s, r.signature) + "\n";
  return key;
}

Figure RecordFigure(const SignalRecord& r) {
  Figure f;
  const json& b = r.billing;
  const bool billed = b.is_object() && b.value("basis", "") == "billed" && b.contains("waste_usd") &&
                      b["waste_usd"].is_number() && b.value("priced_sources", "") == PricedSourcesKey(r);
  if (billed) {
    f.basis = "billed";
    f.total_usd = b["waste_usd"].get<double>();
    if (b.contains("spend_usd") && b["spend_usd"].is_number()) f.spend_usd = b["spend_usd"].get<double>();
  } else if (r.totals.priced_runs > 0) {
    f.total_usd = r.totals.waste_usd;
  }
  f.usd_per_month = WastePerMonth(f.total_usd, r.totals.first_seen, r.totals.last_seen).usd_per_month;

  const json& conf = r.analysis.is_object() ? r.analysis.value("confidence", json()) : json();
  if (!conf.is_object()) {
    f.confidence = Level::kLow;
    f.reasons.push_back("no analysis came with the signal, so its confidence is unknown");
    return f;
  }
  Level lowest = Level::kHigh;
  for (const char* leg : {"parse", "diagnosis", "cost", "recommendation"}) {
    Level l = Level::kLow;
    if (!(conf.contains(leg) && conf[leg].is_string() && ParseLevel(conf[leg].get<std::string>(), &l)))
      f.reasons.push_back(std::string("the analysis has no ") + leg + " confidence");
    if (std::string(leg) == "cost" && billed) l = Level::kHigh;
    lowest = std::min(lowest, l);
  }
  if (conf.contains("reasons") && conf["reasons"].is_array())
    for (const json& reason : conf["reasons"]) {
      if (!reason.is_string()) continue;
      const std::string text = reason.get<std::string>();
      if (billed && text.rfind("cost:", 0) == 0) continue;  // the cost leg is the billed one now
      f.reasons.push_back(text);
    }
  if (billed) f.reasons.push_back("cost: billed usage records times list prices");
  f.confidence = lowest;
  return f;
}

}  // namespace clusop::signals
