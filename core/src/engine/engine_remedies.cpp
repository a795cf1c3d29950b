#include "engine/engine_remedies.hpp"

#include "common/text.hpp"

namespace clusop {
namespace {

// Phrases by which an engine says a thing is switched off or not fully compatible, so its flag
// would turn it on; any other reason (a type, a missing implementation) has no flag to set.
struct FlagRule {
  Engine engine;
  const char* reason_phrase;  // matched ignoring case
  bool needs_subject;         // the flag is per expression
  const char* conf_template;  // {op}: the operator ("Project"), {subject}: the expression
};

// Sources: RAPIDS docs/configs.md and docs/supported_ops.md (spark.rapids.sql.exec.<Class>,
// spark.rapids.sql.expression.<Class>, "is disabled by default", "incompatible"); Comet
// user-guide compatibility.md / configs.md (spark.comet.expression.<Name>.allowIncompatible,
// spark.comet.exec.<op>.enabled); Gluten docs/Configuration.md (spark.gluten.sql.columnar.<op>,
// FallbackByUserOptions when one is false).
const FlagRule kFlagRules[] = {
    {Engine::kRapids, "disabled by default", true, "spark.rapids.sql.expression.{subject}=true"},
    {Engine::kRapids, "disabled by default", false, "spark.rapids.sql.exec.{engine_op}=true"},
    {Engine::kRapids, "has been disabled", true, "spark.rapids.sql.expression.{subject}=true"},
    {Engine::kRapids, "has been disabled", false, "spark.rapids.sql.exec.{engine_op}=true"},
    {Engine::kComet, "not fully compatible", true, "spark.comet.expression.{subject}.allowIncompatible=true"},
    {Engine::kComet, "incompatible", true, "spark.comet.expression.{subject}.allowIncompatible=true"},
    {Engine::kGluten, "FallbackByUserOptions", false, "spark.gluten.sql.columnar.{gluten_op}=true"},
};

// Gluten's per-operator switches (docs/Configuration.md).
struct GlutenSwitch {
  const char* op;
  const char* key;
};
const GlutenSwitch kGlutenSwitches[] = {
    {"Project", "project"}, {"Filter", "filter"}, {"HashAggregate", "hashagg"}, {"Sort", "sort"},
    {"Window", "window"}, {"Expand", "expand"}, {"Generate", "generate"}, {"Union", "union"},
    {"ShuffledHashJoin", "shuffledHashJoin"}, {"SortMergeJoin", "sortMergeJoin"},
    {"BroadcastHashJoin", "broadcastJoin"}, {"BroadcastExchange", "broadcastExchange"},
    {"Exchange", "shuffle"}, {"BatchScan", "batchscan"}, {"Scan", "filescan"},
    {"TakeOrderedAndProject", "takeOrderedAndProject"}, {"CollectLimit", "collectLimit"},
    {"BroadcastNestedLoopJoin", "broadcastNestedLoopJoin"}, {"CartesianProduct", "cartesianProduct"},
    {"Coalesce", "coalesce"}, {"Range", "range"}, {"Sample", "sample"},
};

std::string_view GlutenKey(std::string_view op) {
  for (const GlutenSwitch& s : kGlutenSwitches)
    if (op == s.op || (text::StartsWith(op, s.op) && op.size() > std::string_view(s.op).size() &&
                       op[std::string_view(s.op).size()] == ' '))
      return s.key;
  return {};
}

bool IsConfChar(char c) { return text::IsIdentChar(c) || c == '.' || c == '-'; }

// "set spark.x.y=true" / "set spark.x.y to true" / "spark.x.y=true" in the engine's own words.
std::string ConfInReason(std::string_view reason) {
  for (size_t at = reason.find("spark."); at != std::string_view::npos; at = reason.find("spark.", at + 6)) {
    if (at > 0 && IsConfChar(reason[at - 1])) continue;
    size_t end = at;
    while (end < reason.size() && IsConfChar(reason[end])) ++end;
    std::string_view key = reason.substr(at, end - at);
    while (!key.empty() && key.back() == '.') key.remove_suffix(1);
    std::string_view after = reason.substr(at + key.size());
    std::string_view value;
    if (text::StartsWith(after, "=")) value = after.substr(1);
    else if (text::StartsWithIgnoreCase(after, " to ")) value = after.substr(4);
    else continue;
    size_t v = 0;
    while (v < value.size() && IsConfChar(value[v])) ++v;
    value = value.substr(0, v);
    while (!value.empty() && value.back() == '.') value.remove_suffix(1);
    if (value.empty()) continue;
    // "set ... to false to disable" is how to switch a thing off, not a remedy
    if (value == "false" && text::ContainsIgnoreCase(reason.substr(at), "disable")) continue;
    return std::string(key) + "=" + std::string(value);
  }
  return {};
}

void Replace(std::string* s, std::string_view key, std::string_view value) {
  for (size_t at = s->find(key); at != std::string::npos; at = s->find(key, at + value.size()))
    s->replace(at, key.size(), value);
}

}  // namespace

Remedy RemedyFor(Engine engine, std::string_view op, std::string_view engine_op, std::string_view subject,
                 std::string_view reason) {
  if (std::string conf = ConfInReason(reason); !conf.empty()) return {std::move(conf), "engine_reason"};
  for (const FlagRule& rule : kFlagRules) {
    if (rule.engine != engine || !text::ContainsIgnoreCase(reason, rule.reason_phrase)) continue;
    if (rule.needs_subject != !subject.empty()) continue;
    if (!rule.needs_subject && op.empty()) continue;
    if (std::string_view(rule.conf_template).find("{engine_op}") != std::string_view::npos && engine_op.empty()) continue;
    std::string conf = rule.conf_template;
    if (text::ContainsIgnoreCase(conf, "{gluten_op}")) {
      const std::string_view key = GlutenKey(op);
      if (key.empty()) continue;
      Replace(&conf, "{gluten_op}", key);
    }
    Replace(&conf, "{subject}", subject);
    Replace(&conf, "{engine_op}", engine_op);
    Replace(&conf, "{op}", op);
    if (conf.find(' ') != std::string::npos) continue;  // an operator name that is not one word
    return {std::move(conf), "engine_flag"};
  }
  return {"", ""};
}

}  // namespace clusop
