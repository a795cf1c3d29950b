#include "signals/message.hpp"

#include <cstdio>

#include "signals/timestamp.hpp"
#include "signals/waste_per_month.hpp"

namespace clusop::signals {
namespace {

using nlohmann::json;

std::string Text(const json& obj, const char* key) {
  return obj.is_object() && obj.contains(key) && obj[key].is_string() ? obj[key].get<std::string>() : "";
}

std::string Money(double usd) {
  char buf[64];
  std::snprintf(buf, sizeof buf, usd > 0 && usd < 0.01 ? "$%.4f" : "$%.2f", usd);
  return buf;
}

std::string EngineWord(const std::string& engine) {
  if (engine == "photon") return "Photon";
  if (engine == "comet") return "Comet";
  if (engine == "gluten") return "Gluten";
  if (engine == "rapids") return "RAPIDS";
  return "The native engine";
}

// "Project, Filter" from the first fallback's operators.
std::string Operators(const json& fallback) {
  std::string out;
  if (fallback.is_object() && fallback.contains("operators") && fallback["operators"].is_array())
    for (const json& op : fallback["operators"])
      if (op.is_string()) out += (out.empty() ? "" : ", ") + op.get<std::string>();
  return out.empty() ? "an operator" : out;
}

}  // namespace

Message Describe(const SignalRecord& r, const Figure& f) {
  Message m;
  const json& a = r.analysis;
  const json fallbacks = a.is_object() && a.contains("fallbacks") && a["fallbacks"].is_array() ? a["fallbacks"] : json::array();
  const std::string engine = EngineWord(Text(a, "engine"));
  const std::string cause = r.cause.empty() ? "unknown cause" : r.cause;
  const std::string dollars = f.usd_per_month ? Money(*f.usd_per_month) + " per month (" + f.basis + ")" : "not priced";
  m.title = engine + " fell back to the JVM: " + (fallbacks.empty() ? std::string("a plan") : Operators(fallbacks[0])) +
            " (" + cause + "), " + dollars;

  if (fallbacks.empty()) {
    m.what = "The signal carries no fallback detail; its cause is " + cause + ".";
  } else {
    const size_t shown = std::min<size_t>(fallbacks.size(), 3);
    for (size_t i = 0; i < shown; ++i) {
      const std::string reason = Text(fallbacks[i], "reason");
      m.what += (i ? " " : "") + Operators(fallbacks[i]) + " ran on the JVM" +
                (reason.empty() ? std::string(".") : ": " + reason + (reason.back() == '.' ? "" : "."));
    }
    if (fallbacks.size() > shown) m.what += " And " + std::to_string(fallbacks.size() - shown) + " more fallback(s).";
  }

  std::string apps;
  size_t shown = 0;
  for (const Source& s : r.sources) {
    if (shown == 3) break;
    apps += (shown++ ? "; " : "") + (s.app_name.empty() ? s.app_id : s.app_name + " (" + s.app_id + ")") + " on " + s.source;
  }
  if (r.sources.size() > shown) apps += "; and " + std::to_string(r.sources.size() - shown) + " more";
  const std::string func = Text(r.sample, "func_name");
  m.where = std::to_string(r.totals.occurrences) + " occurrence(s) from " + FormatInstant(r.totals.first_seen) +
            " to " + FormatInstant(r.totals.last_seen) + " in workspace " + r.workspace_id + ": " + apps +
            (func.empty() ? "" : "; first seen in a " + func + " call") + ".";

  if (!f.usd_per_month) {
    m.dollars = "Not priced: no run of this signal had the cluster's price inputs.";
  } else if (f.basis == "billed") {
    char share[200];
    std::snprintf(share, sizeof share, "the fallback's share ($%.4f) of $%.4f billed to these clusters and runs", *f.total_usd,
                  f.spend_usd.value_or(0));
    m.dollars = Money(*f.usd_per_month) + " per month, billed: " + share +
                " (usage records times list prices); " +
                WastePerMonth(f.total_usd, r.totals.first_seen, r.totals.last_seen).method + ".";
  } else {
    m.dollars = Money(*f.usd_per_month) + " per month, modeled from list prices (not a billed amount): " +
                WastePerMonth(f.total_usd, r.totals.first_seen, r.totals.last_seen).method + ".";
  }

  m.confidence = LevelName(f.confidence);
  if (!f.reasons.empty()) {
    m.confidence += ":";
    for (size_t i = 0; i < f.reasons.size(); ++i) m.confidence += (i ? "; " : " ") + f.reasons[i];
  }
  m.fix = Text(a, "recommendation");
  if (m.fix.empty()) m.fix = "No recommendation came with the signal.";
  return m;
}

}  // namespace clusop::signals
