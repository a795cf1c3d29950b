#include "compare/compare.hpp"

#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/figure_text.hpp"
#include "compare/figures.hpp"
#include "report/error_json.hpp"
#include "signals/json_fields.hpp"

namespace clusop::compare {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr int kMaxNesting = 256;

struct Measured {
  std::optional<double> value;
  json raw;  // as the scan wrote it (integers stay integers), null when unknown
};

// The figure at `f.path` of `app`; false with *error when a field on the way is not what the
// scan contract writes there.
bool Read(const json& app, const Figure& f, const std::string& where, Measured* out, std::string* error) {
  const json* at = &app;
  std::string path = where;
  for (std::string_view key : f.path) {
    if (!at->is_object()) {
      *error = path + " must be an object, got " + at->type_name();
      return false;
    }
    path += "." + std::string(key);
    const auto it = at->find(std::string(key));
    if (it == at->end() || it->is_null()) return true;  // unknown
    at = &*it;
  }
  if (!at->is_number()) {
    *error = path + " must be a number or null, got " + at->type_name();
    return false;
  }
  const double v = at->get<double>();
  if (!std::isfinite(v)) return true;
  out->value = v;
  out->raw = *at;
  return true;
}

json Delta(const Measured& before, const Measured& after) {
  if (!before.value || !after.value) return nullptr;
  if (before.raw.is_number_integer() && after.raw.is_number_integer())
    return after.raw.get<int64_t>() - before.raw.get<int64_t>();
  return *after.value - *before.value;
}

json ChangeRatio(const Measured& before, const Measured& after) {
  if (!before.value || !after.value || *before.value == 0) return nullptr;
  return std::round((*after.value - *before.value) / std::fabs(*before.value) * 10000) / 10000;
}

ordered_json Joins(const json& app) {
  ordered_json out = ordered_json::array();
  const auto executions = app.find("sql_executions");
  if (executions == app.end() || !executions->is_array()) return out;
  for (const json& e : *executions) {
    if (!e.is_object()) continue;
    const auto joins = e.find("joins");
    if (joins == e.end() || !joins->is_array()) continue;
    for (const json& j : *joins) {
      const auto s = j.is_object() ? j.find("strategy") : j.end();
      out.push_back(j.is_object() && s != j.end() && s->is_string() ? s->get<std::string>() : std::string("?"));
    }
  }
  return out;
}

std::string Sentence(std::string_view target, const std::string& rules, std::optional<bool> lower,
                     const std::string& before, const std::string& after, const std::string& change) {
  if (target.empty()) return "No figure of the table is targeted by the rules changed (" + rules + ").";
  const std::string subject = "The targeted figure, " + std::string(target) + ", ";
  if (!lower) return subject + "was not measured in one of the runs.";
  const std::string figures = " (" + before + " before, " + after + " after" + (change.empty() ? "" : ", " + change) + ").";
  return subject + (*lower ? "is lower after the change" : "is NOT lower after the change") + figures;
}

}  // namespace

std::string CompareRequestToJson(std::string_view text) {
  int indent = 0;
  auto error = [&](const std::string& message) { return ContractErrorJson(kSchema, "bad_request", message, indent); };
  if (!signals::NestingWithin(text, kMaxNesting))
    return error("request: nested deeper than " + std::to_string(kMaxNesting) + " levels");
  const json request = json::parse(text.begin(), text.end(), nullptr, false);
  if (request.is_discarded() || !request.is_object())
    return error("request: expected a JSON object {\"before\", \"after\", \"rules\"}");
  if (const auto it = request.find("indent"); it != request.end()) {
    if (!it->is_number_integer() || it->get<int64_t>() < 0 || it->get<int64_t>() > 8)
      return error("request.indent must be an integer from 0 to 8");
    indent = static_cast<int>(it->get<int64_t>());
  }
  for (const char* side : {"before", "after"}) {
    const auto it = request.find(side);
    if (it == request.end() || !it->is_object())
      return error(std::string("request.") + side + " must be an application of clusop.scan/1 (an object with "
                   "\"duration_ms\", \"totals\", \"sql_totals\")");
  }
  const json& before_app = request["before"];
  const json& after_app = request["after"];

  std::vector<std::string> rules;
  if (const auto it = request.find("rules"); it != request.end()) {
    if (!it->is_array()) return error("request.rules must be an array of rule ids");
    for (size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_string()) return error("request.rules[" + std::to_string(i) + "] must be a rule id (a string)");
      rules.push_back((*it)[i].get<std::string>());
    }
  }
  std::string_view target;
  std::string target_rule;
  for (const std::string& r : rules) {
    target = TargetOf(r);
    if (!target.empty()) {
      target_rule = r;
      break;
    }
  }

  ordered_json rows = ordered_json::array();
  std::optional<bool> improved;
  std::string sentence_figures[3];
  for (const Figure& f : Figures()) {
    Measured before, after;
    std::string message;
    if (!Read(before_app, f, "request.before", &before, &message) || !Read(after_app, f, "request.after", &after, &message))
      return error(message);
    const bool targeted = f.name == target;
    std::optional<bool> lower;
    if (before.value && after.value) lower = *after.value < *before.value;
    ordered_json row;
    row["figure"] = std::string(f.name);
    row["unit"] = std::string(UnitName(f.unit));
    row["before"] = before.raw;
    row["after"] = after.raw;
    row["targeted"] = targeted;
    row["lower"] = lower ? json(*lower) : json(nullptr);
    row["delta"] = Delta(before, after);
    row["change"] = ChangeRatio(before, after);
    row["before_text"] = ValueText(before.value, f.unit);
    row["after_text"] = ValueText(after.value, f.unit);
    row["change_text"] = ChangeText(before.value, after.value);
    if (targeted) {
      improved = lower;
      sentence_figures[0] = row["before_text"].get<std::string>();
      sentence_figures[1] = row["after_text"].get<std::string>();
      sentence_figures[2] = row["change_text"].get<std::string>();
    }
    rows.push_back(std::move(row));
  }

  std::string rule_list;
  for (const std::string& r : rules) rule_list += (rule_list.empty() ? "" : ", ") + r;
  ordered_json answer;
  answer["schema"] = std::string(kSchema);
  answer["target"] = target.empty() ? ordered_json(nullptr) : ordered_json(std::string(target));
  answer["target_rule"] = target.empty() ? ordered_json(nullptr) : ordered_json(target_rule);
  answer["improved"] = improved ? ordered_json(*improved) : ordered_json(nullptr);
  answer["verdict"] = target.empty() ? ordered_json(nullptr)
                      : !improved    ? ordered_json("not measured in one of the runs")
                      : *improved    ? ordered_json("lower after the change")
                                     : ordered_json("NOT lower after the change");
  answer["sentence"] = Sentence(target, rule_list.empty() ? "none" : rule_list, improved, sentence_figures[0],
                                sentence_figures[1], sentence_figures[2]);
  answer["rows"] = std::move(rows);
  answer["joins_before"] = Joins(before_app);
  answer["joins_after"] = Joins(after_app);
  return answer.dump(indent > 0 ? indent : -1, ' ', false, json::error_handler_t::replace);
}

}  // namespace clusop::compare
