#include "signals/reconcile.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <utility>
#include <vector>

#include "report/error_json.hpp"
#include "report/json_writer.hpp"
#include "signals/figure.hpp"
#include "signals/json_fields.hpp"
#include "signals/signal_json.hpp"
#include "signals/signals_request.hpp"
#include "signals/timestamp.hpp"
#include "signals/waste_per_month.hpp"

namespace clusop::signals {
namespace {

using nlohmann::json;

constexpr size_t kMaxRows = 1000000;

struct UsageRow {
  size_t index = 0;
  std::string record_id, workspace_id, sku_name, cloud, usage_unit, record_type;
  std::string cluster_id, job_id, job_run_id;
  int64_t start = 0, end = 0;
  double quantity = 0;
  bool photon = false;
};

struct PriceRow {
  std::string sku_name, cloud, currency, usage_unit;
  int64_t start = 0;
  std::optional<int64_t> end;
  double usd = 0;
};

struct Ignored {
  std::string what;  // "usage[3]" or a record id
  std::string message;
};

// A signed decimal (retractions carry negative quantities).
bool ReadQuantity(const json& row, const std::string& where, double* out, std::string* error) {
  json copy = row.contains("usage_quantity") ? row["usage_quantity"] : json();
  bool negative = false;
  if (copy.is_number() && copy.get<double>() < 0) {
    negative = true;
    copy = -copy.get<double>();
  } else if (copy.is_string() && !copy.get<std::string>().empty() && copy.get<std::string>()[0] == '-') {
    negative = true;
    copy = copy.get<std::string>().substr(1);
  }
  json holder = json::object();
  holder["usage_quantity"] = copy;
  if (!ReadDecimal(holder, "usage_quantity", where, out, error)) return false;
  if (negative) *out = -*out;
  return true;
}

bool ReadUsage(const json& row, size_t index, UsageRow* u, std::string* error) {
  const std::string where = "usage[" + std::to_string(index) + "]";
  if (!row.is_object()) {
    *error = where + " must be an object (a system.billing.usage row)";
    return false;
  }
  u->index = index;
  u->record_id = IdText(row, "record_id");
  u->workspace_id = IdText(row, "workspace_id");
  if (!ReadText(row, "sku_name", true, where, &u->sku_name, error) ||
      !ReadText(row, "cloud", false, where, &u->cloud, error) ||
      !ReadText(row, "usage_unit", true, where, &u->usage_unit, error) ||
      !ReadText(row, "record_type", false, where, &u->record_type, error) ||
      !ReadInstantField(row, "usage_start_time", true, where, &u->start, error) ||
      !ReadInstantField(row, "usage_end_time", true, where, &u->end, error) ||
      !ReadQuantity(row, where, &u->quantity, error))
    return false;
  if (u->end < u->start) {
    *error = where + ".usage_end_time must not be before usage_start_time";
    return false;
  }
  if (row.contains("usage_metadata") && row["usage_metadata"].is_object()) {
    const json& m = row["usage_metadata"];
    u->cluster_id = IdText(m, "cluster_id");
    u->job_id = IdText(m, "job_id");
    u->job_run_id = IdText(m, "job_run_id");
  }
  if (row.contains("product_features") && row["product_features"].is_object()) {
    const json& f = row["product_features"];
    u->photon = f.contains("is_photon") && f["is_photon"].is_boolean() && f["is_photon"].get<bool>();
  }
  u->photon = u->photon || u->sku_name.find("PHOTON") != std::string::npos;
  return true;
}

bool ReadPrice(const json& row, size_t index, PriceRow* p, std::string* error) {
  const std::string where = "list_prices[" + std::to_string(index) + "]";
  if (!row.is_object()) {
    *error = where + " must be an object (a system.billing.list_prices row)";
    return false;
  }
  int64_t end = 0;
  if (!ReadText(row, "sku_name", true, where, &p->sku_name, error) ||
      !ReadText(row, "cloud", false, where, &p->cloud, error) ||
      !ReadText(row, "currency_code", true, where, &p->currency, error) ||
      !ReadText(row, "usage_unit", true, where, &p->usage_unit, error) ||
      !ReadInstantField(row, "price_start_time", true, where, &p->start, error) ||
      !ReadInstantField(row, "price_end_time", false, where, &end, error))
    return false;
  if (row.contains("price_end_time") && !row["price_end_time"].is_null()) p->end = end;
  const json pricing = row.value("pricing", json());
  if (!pricing.is_object()) {
    *error = where + ".pricing must be an object with \"default\" (the list price per unit)";
    return false;
  }
  return ReadDecimal(pricing, "default", where + ".pricing", &p->usd, error);
}

const PriceRow* PriceFor(const UsageRow& u, const std::vector<PriceRow>& prices) {
  const PriceRow* best = nullptr;
  for (const PriceRow& p : prices) {
    if (p.sku_name != u.sku_name || p.usage_unit != u.usage_unit || p.currency != "USD") continue;
    if (!p.cloud.empty() && !u.cloud.empty() && p.cloud != u.cloud) continue;
    if (p.start > u.start || (p.end && *p.end <= u.start)) continue;
    if (!best || p.start > best->start) best = &p;
  }
  return best;
}

// Hours covered by the union of the intervals.
double CoveredHours(std::vector<std::pair<int64_t, int64_t>> spans) {
  std::sort(spans.begin(), spans.end());
  int64_t total = 0, cur_start = 0, cur_end = -1;
  for (const auto& [s, e] : spans) {
    if (cur_end < 0 || s > cur_end) {
      if (cur_end >= 0) total += cur_end - cur_start;
      cur_start = s;
      cur_end = e;
    } else {
      cur_end = std::max(cur_end, e);
    }
  }
  if (cur_end >= 0) total += cur_end - cur_start;
  return static_cast<double>(total) / 3600000.0;
}

const char* MatchedBy(const Source& s, const UsageRow& u) {
  if (!s.cluster_id.empty()) return u.cluster_id == s.cluster_id ? "cluster_id" : nullptr;
  if (!s.job_run_id.empty()) return u.job_run_id == s.job_run_id ? "job_run_id" : nullptr;
  if (!s.job_id.empty()) return u.job_id == s.job_id ? "job_id" : nullptr;
  return nullptr;
}

std::string Money(double usd) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "$%.4f", usd);
  return buf;
}

struct Used {
  const UsageRow* row;
  double price;
  std::string source;
};

struct SourceResult {
  const Source* source;
  const char* matched_by = nullptr;
  size_t records = 0;
  double spend = 0, covered_hours = 0, runtime_hours = 0, share = 0, waste = 0;
  std::string missing;  // why this source cannot be billed
};

std::string Reconcile(const json& request, int indent) {
  std::string error;
  SignalRecord record;
  if (!request.contains("signal")) return ContractErrorJson(kSchema, "bad_request", "request.signal is missing: expected a stored record", indent);
  if (!ReadRecord(request["signal"], "request.signal", false, &record, &error)) return ContractErrorJson(kSchema, "bad_request", error, indent);
  const json usage = request.value("usage", json::array());
  const json prices_json = request.value("list_prices", json::array());
  if (!usage.is_array() || !prices_json.is_array())
    return ContractErrorJson(kSchema, "bad_request",
                             "request.usage and request.list_prices must be arrays of system.billing.usage and "
                             "system.billing.list_prices rows", indent);
  if (usage.size() > kMaxRows || prices_json.size() > kMaxRows)
    return ContractErrorJson(kSchema, "bad_request", "request.usage and request.list_prices hold at most 1000000 rows each", indent);

  std::vector<Ignored> ignored;
  std::vector<UsageRow> rows;
  std::vector<std::string> record_ids;  // a row given twice (e.g. two reads unioned) counts once
  for (size_t i = 0; i < usage.size(); ++i) {
    UsageRow u;
    if (!ReadUsage(usage[i], i, &u, &error)) {
      ignored.push_back({"usage[" + std::to_string(i) + "]", error});
    } else if (!u.record_id.empty() && std::find(record_ids.begin(), record_ids.end(), u.record_id) != record_ids.end()) {
      ignored.push_back({"usage[" + std::to_string(i) + "]", "a second row with record_id " + u.record_id.substr(0, 80) + " is not counted again"});
    } else {
      if (!u.record_id.empty()) record_ids.push_back(u.record_id);
      rows.push_back(std::move(u));
    }
  }
  std::vector<PriceRow> prices;
  for (size_t i = 0; i < prices_json.size(); ++i) {
    PriceRow p;
    if (ReadPrice(prices_json[i], i, &p, &error)) prices.push_back(std::move(p));
    else ignored.push_back({"list_prices[" + std::to_string(i) + "]", error});
  }

  // The analysis' own model inputs: the premium share and the fallback weight.
  const json& a = record.analysis;
  const json inputs = a.is_object() && a.contains("waste") && a["waste"].is_object() ? a["waste"].value("inputs", json()) : json();
  const double multiplier = inputs.is_object() && inputs.contains("photon_multiplier") && inputs["photon_multiplier"].is_number()
                                ? inputs["photon_multiplier"].get<double>() : 0;
  const double weight = a.is_object() && a.contains("fallback_weight") && a["fallback_weight"].is_number()
                            ? a["fallback_weight"].get<double>() : -1;
  std::vector<std::string> reasons;
  if (!(multiplier > 1 && multiplier <= 100))
    reasons.push_back("the signal's analysis prices no Photon premium (no multiplier above 1), so there is none to reconcile");
  if (!(weight >= 0 && weight <= 1)) reasons.push_back("the signal's analysis has no fallback weight");
  const double premium = multiplier > 1 ? (multiplier - 1) / multiplier : 0;

  std::vector<SourceResult> results;
  std::vector<Used> used;
  bool any_photon = false;
  for (const Source& s : record.sources) {
    SourceResult r;
    r.source = &s;
    r.runtime_hours = s.totals.runtime_seconds / 3600.0;
    if (s.cluster_id.empty() && s.job_run_id.empty() && s.job_id.empty()) {
      r.missing = "the source " + s.source + " names no cluster id, job run id or job id to match usage records by";
      results.push_back(std::move(r));
      continue;
    }
    std::vector<std::pair<int64_t, int64_t>> spans;
    bool unpriced = false;
    size_t overlapping = 0;
    for (const UsageRow& u : rows) {
      const char* by = MatchedBy(s, u);
      if (!by || u.workspace_id != record.workspace_id) continue;
      if (u.start > s.totals.last_seen || u.end <= s.totals.first_seen) continue;  // [start, end)
      r.matched_by = by;
      ++overlapping;
      const std::string what = u.record_id.empty() ? "usage[" + std::to_string(u.index) + "]" : u.record_id;
      if (u.usage_unit != "DBU") {
        ignored.push_back({what, "usage_unit is \"" + u.usage_unit.substr(0, 40) + "\", not DBU"});
        continue;
      }
      const PriceRow* p = PriceFor(u, prices);
      if (!p) {
        ignored.push_back({what, "no USD list price of " + u.sku_name.substr(0, 80) + " per DBU in force at " +
                                     FormatInstant(u.start)});
        unpriced = true;
        continue;
      }
      ++r.records;
      r.spend += u.quantity * p->usd;
      spans.push_back({u.start, u.end});
      any_photon = any_photon || u.photon;
      used.push_back({&u, p->usd, s.source});
    }
    r.covered_hours = CoveredHours(spans);
    if (unpriced) r.missing = "usage records of " + s.source + " have no USD list price per DBU in force";
    else if (r.records == 0 && overlapping > 0) r.missing = "no usage record of " + s.source + " is billed in DBU";
    else if (r.records == 0) r.missing = "no usage record of " + s.source + " overlaps " + FormatInstant(s.totals.first_seen) + " .. " + FormatInstant(s.totals.last_seen);
    else if (r.covered_hours <= 0) r.missing = "the usage records of " + s.source + " cover no time";
    if (r.missing.empty()) {
      r.share = std::min(1.0, r.runtime_hours / r.covered_hours);
      r.waste = r.spend * r.share * premium * std::max(0.0, weight);
    }
    results.push_back(std::move(r));
  }
  for (const SourceResult& r : results)
    if (!r.missing.empty()) reasons.push_back(r.missing);
  if (reasons.empty() && !any_photon)
    reasons.push_back("the matched usage records do not show Photon billing (product_features.is_photon or a PHOTON SKU), "
                      "so a Photon premium cannot be confirmed");
  const bool billed = reasons.empty();
  // Spend over distinct records (two applications on one cluster share its records).
  double spend = 0, waste = 0;
  std::vector<size_t> counted;
  for (const Used& u : used) {
    if (std::find(counted.begin(), counted.end(), u.row->index) != counted.end()) continue;
    counted.push_back(u.row->index);
    spend += u.row->quantity * u.price;
  }
  for (const SourceResult& r : results) waste += r.waste;

  JsonWriter b;
  b.BeginObject();
  b.Key("basis").String(billed ? "billed" : "modeled");
  std::string reason;
  if (billed) {
    reason = "billed: " + Money(spend) + " of usage records times list prices for the clusters and runs of this signal";
  } else {
    reason = "stays modeled: ";
    for (size_t i = 0; i < reasons.size(); ++i) reason += (i ? "; " : "") + reasons[i];
  }
  b.Key("reason").String(reason);
  b.Key("priced_sources").String(PricedSourcesKey(record));
  b.Key("spend_usd").Fixed(spend, 4);
  b.Key("waste_usd");
  if (billed) b.Fixed(waste, 4);
  else b.Null();
  b.Key("waste_usd_per_month");
  if (billed) b.Fixed(*WastePerMonth(waste, record.totals.first_seen, record.totals.last_seen).usd_per_month, 2);
  else b.Null();
  b.Key("method").String("spend of the matched usage records x min(1, fallback runtime / hours the records cover) x "
                         "Photon premium share (multiplier - 1) / multiplier x fallback weight");
  b.Key("photon_multiplier").Fixed(multiplier, 4);
  b.Key("fallback_weight").Fixed(std::max(0.0, weight), 4);
  b.Key("sources").BeginArray();
  for (const SourceResult& r : results) {
    b.BeginObject();
    b.Key("source").String(r.source->source);
    b.Key("app_id").String(r.source->app_id);
    b.Key("matched_by");
    if (r.matched_by) b.String(r.matched_by);
    else b.Null();
    b.Key("records").Int(static_cast<int64_t>(r.records));
    b.Key("spend_usd").Fixed(r.spend, 4);
    b.Key("covered_hours").Fixed(r.covered_hours, 4);
    b.Key("runtime_hours").Fixed(r.runtime_hours, 4);
    b.Key("runtime_share").Fixed(r.share, 4);
    b.Key("waste_usd");
    if (r.missing.empty()) b.Fixed(r.waste, 4);
    else b.Null();
    b.Key("missing");
    if (r.missing.empty()) b.Null();
    else b.String(r.missing);
    b.EndObject();
  }
  b.EndArray();
  b.Key("records").BeginArray();
  for (const Used& u : used) {
    b.BeginObject();
    b.Key("record_id").String(u.row->record_id);
    b.Key("source").String(u.source);
    b.Key("sku_name").String(u.row->sku_name);
    b.Key("usage_start_time").String(FormatInstant(u.row->start));
    b.Key("usage_end_time").String(FormatInstant(u.row->end));
    b.Key("usage_unit").String(u.row->usage_unit);
    b.Key("usage_quantity").Fixed(u.row->quantity, 6);
    b.Key("unit_price_usd").Fixed(u.price, 6);
    b.Key("usd").Fixed(u.row->quantity * u.price, 4);
    b.Key("is_photon").Bool(u.row->photon);
    b.EndObject();
  }
  b.EndArray();
  b.Key("ignored").BeginArray();
  for (const Ignored& i : ignored) b.BeginObject().Key("row").String(i.what).Key("message").String(i.message).EndObject();
  b.EndArray();
  b.EndObject();
  record.billing = json::parse(b.Take());

  JsonWriter w(indent);
  w.BeginObject();
  w.Key("schema").String(kSchema);
  w.Key("op").String("reconcile");
  w.Key("signal");
  WriteRecord(&w, record);
  w.EndObject();
  return w.Take();
}

}  // namespace

std::string ReconcileRequest(const json& request, int indent) { return Reconcile(request, indent); }

}  // namespace clusop::signals
