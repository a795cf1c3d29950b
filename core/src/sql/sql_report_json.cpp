// clusop.scan/1 "sql_executions" elements and the SQL totals.
#include "common/display_text.hpp"
#include "report/json_writer.hpp"
#include "sql/sql_executions.hpp"

namespace clusop {
namespace {

void IntOrNull(JsonWriter* out, int64_t value) {
  if (value < 0) out->Null();
  else out->Int(value);
}

void Ids(JsonWriter* out, const std::vector<int64_t>& ids) {
  out->BeginArray();
  for (int64_t id : ids) out->Int(id);
  out->EndArray();
}

void StringOrNull(JsonWriter* out, const std::string& value) {
  if (value.empty()) out->Null();
  else out->String(value);
}

void WriteJoin(JsonWriter* out, const JoinFacts& join) {
  out->BeginObject();
  out->Key("strategy").String(join.strategy);
  out->Key("operator").String(join.operator_name);
  out->Key("join_type");
  StringOrNull(out, join.join_type);
  out->Key("build_side");
  StringOrNull(out, join.build_side);
  out->Key("node");
  IntOrNull(out, join.node);
  out->Key("left_bytes");
  IntOrNull(out, join.left_bytes);
  out->Key("right_bytes");
  IntOrNull(out, join.right_bytes);
  out->Key("left_rows");
  IntOrNull(out, join.left_rows);
  out->Key("right_rows");
  IntOrNull(out, join.right_rows);
  out->EndObject();
}

}  // namespace

void WriteSqlExecution(JsonWriter* out, const SqlExecutionReport& e) {
  out->BeginObject();
  out->Key("execution_id").Int(e.execution_id);
  out->Key("description").String(e.description);
  out->Key("call_site").String(e.call_site);
  out->Key("start_ms");
  IntOrNull(out, e.start_ms);
  out->Key("end_ms");
  IntOrNull(out, e.end_ms);
  const int64_t duration = e.start_ms >= 0 && e.end_ms >= e.start_ms ? e.end_ms - e.start_ms : -1;
  out->Key("duration_ms");
  IntOrNull(out, duration);
  out->Key("duration_ms_text");
  if (duration < 0) out->Null();
  else out->String(display::Duration(static_cast<double>(duration)));
  out->Key("status").String(e.status);
  out->Key("error_message");
  StringOrNull(out, e.error_message);
  out->Key("job_ids");
  Ids(out, e.job_ids);
  out->Key("stage_ids");
  Ids(out, e.stage_ids);
  out->Key("aqe_updates").Int(e.aqe_updates);
  out->Key("fallback_weight").Fixed(e.fallback_weight, 4);
  out->Key("fallback_weight_text").String(display::Percent(e.fallback_weight));
  out->Key("waste_usd");
  if (e.waste_usd >= 0) out->Fixed(e.waste_usd, 4);
  else out->Null();
  out->Key("waste_usd_text").String(e.waste_usd >= 0 ? display::ModeledPerRun(e.waste_usd) : "not priced");
  out->Key("analysis");
  if (e.analysis_json.empty()) out->Null();
  else out->Raw(e.analysis_json);
  out->Key("analysis_error");
  StringOrNull(out, e.analysis_error);
  out->Key("joins").BeginArray();
  for (const JoinFacts& join : e.joins) WriteJoin(out, join);
  out->EndArray();
  out->EndObject();
}

void WriteSqlTotals(JsonWriter* out, const SqlTotals& t) {
  out->BeginObject();
  out->Key("executions").Int(t.executions);
  out->Key("with_fallback").Int(t.with_fallback);
  out->Key("fallback_time_share").Fixed(t.fallback_time_share, 4);
  out->Key("fallback_time_share_text").String(display::Percent(t.fallback_time_share));
  out->Key("waste_usd").Fixed(t.waste_usd, 4);
  out->Key("waste_usd_text").String(t.waste_priced ? display::ModeledPerRun(t.waste_usd) : "not priced");
  out->Key("waste_priced").Bool(t.waste_priced);
  out->EndObject();
}

}  // namespace clusop
