#include "report/analysis_json.hpp"

#include <cstdint>
#include <string_view>

#include "common/display_text.hpp"
#include "report/engine_report_json.hpp"
#include "report/engine_report_words.hpp"
#include "report/error_json.hpp"
#include "report/json_text.hpp"
#include "report/json_writer.hpp"
#include "report/markdown_report.hpp"

namespace clusop {
namespace {

constexpr const char* kSchema = "clusop.analysis/1";

const char* PlanStateName(PlanState state) {
  switch (state) {
    case PlanState::kAqeInitial: return "aqe_initial";
    case PlanState::kAqeCurrent: return "aqe_current";
    case PlanState::kFinal: break;
  }
  return "final";
}

void OptionalString(JsonWriter& w, std::string_view value) {
  if (value.empty()) w.Null();
  else w.String(value);
}

void WriteParse(JsonWriter& w, const Analysis& a) {
  w.Key("parse").BeginObject();
  w.Key("format").String(FormatName(a.tree.format));
  w.Key("node_count").Int(static_cast<int64_t>(a.tree.nodes.size()));
  w.Key("operator_count").Int(a.diagnosis.native_ops + a.diagnosis.jvm_ops);
  w.Key("plan_state").String(PlanStateName(a.diagnosis.state));
  w.Key("unknown_nodes").BeginArray();
  for (size_t i = 0; i < a.tree.nodes.size(); ++i) {
    const NodeFacts& f = a.diagnosis.facts[i];
    if (!f.op.known && f.judged && f.role == Role::kJvm) w.String(a.tree.nodes[i].name);
  }
  w.EndArray();
  w.Key("warnings").BeginArray();
  for (const std::string& warning : a.tree.warnings) w.String(warning);
  if (a.tree.other_plans > 0) w.String(OtherPlansWarning(a.tree.other_plans));
  w.EndArray();
  w.EndObject();
}

void WriteFallbacks(JsonWriter& w, const Analysis& a) {
  w.Key("fallbacks").BeginArray();
  for (const FallbackSubtree& f : a.diagnosis.fallbacks) {
    w.BeginObject();
    w.Key("root").Int(f.root);
    w.Key("key_node").Int(f.key_node);
    w.Key("nodes").BeginArray();
    for (NodeId id : f.nodes) w.Int(id);
    w.EndArray();
    w.Key("operators").BeginArray();
    for (NodeId id : f.nodes) w.String(a.tree.nodes[id].name);
    w.EndArray();
    w.Key("cause").String(CauseName(f.cause));
    w.Key("reason");
    OptionalString(w, f.reason);
    w.Key("suspects").BeginArray();
    for (const std::string& name : f.suspects) w.String(name);
    w.EndArray();
    w.Key("weight").Fixed(f.weight, 4);
    w.Key("weight_text").String(display::Percent(f.weight));
    if (!f.remedy.empty())  // only when the engine names one (contract: fields only added)
      w.Key("remedy")
          .BeginObject()
          .Key("conf")
          .String(f.remedy)
          .Key("source")
          .String(f.remedy_source)
          .Key("source_text")
          .String(RemedySourceWords(a.diagnosis.engine.engine, f.remedy_source))
          .EndObject();
    w.EndObject();
  }
  w.EndArray();
}

// Where a piece of parsed text sits in the input, as a byte span, or false when it is not a
// view into the input (a JSON string the reader unescaped into its own storage).
bool SpanInInput(std::string_view input, std::string_view piece, size_t* begin, size_t* end) {
  if (piece.empty() || input.empty()) return false;
  const auto base = reinterpret_cast<uintptr_t>(input.data());
  const auto at = reinterpret_cast<uintptr_t>(piece.data());
  if (at < base || at + piece.size() > base + input.size()) return false;
  *begin = at - base;
  *end = *begin + piece.size();
  return true;
}

// The node's own text (its line without tree glyphs; an event-log node's simpleString) and, in a
// formatted plan, its block of the details section: byte spans of the input, so faces show what
// the core parsed without re-parsing the plan; text that is not in the input is written out.
void WriteNodeText(JsonWriter& w, const PlanTree& tree, const PlanNode& node) {
  size_t begin = 0;
  size_t end = 0;
  if (SpanInInput(tree.input, node.text, &begin, &end)) {
    w.Key("text_span").BeginArray().Int(static_cast<int64_t>(begin)).Int(static_cast<int64_t>(end)).EndArray();
  } else if (!node.text.empty()) {
    w.Key("text").String(node.text);
  }
  if (SpanInInput(tree.input, node.detail, &begin, &end)) {
    w.Key("detail_span").BeginArray().Int(static_cast<int64_t>(begin)).Int(static_cast<int64_t>(end)).EndArray();
  }
}

// WriteNodes' objects as compact text, each member's key and separators in one constant piece
// (the same bytes the token-by-token writer makes with indent 0: the goldens compare both).
// Each node's bytes go straight into room made once for the whole object.
char* WriteSpanMember(char* at, std::string_view member, size_t begin, size_t end) {
  at = WriteBytes(at, member);
  at = WriteUnsigned(at, begin);
  *at++ = ',';
  at = WriteUnsigned(at, end);
  *at++ = ']';
  return at;
}

// The most a node object takes besides its role and escaped name: its constant keys and
// separators (under 160 bytes) and nine integers.
constexpr size_t kNodeObjectBytes = 192 + 9 * kMaxIntegerBytes;

void WriteCompactNodes(JsonWriter& w, const Analysis& a, bool node_text) {
  const PlanTree& tree = a.tree;
  // each role's name as a JSON string, made once per answer instead of once per node
  constexpr int kRoles = static_cast<int>(Role::kCommand) + 1;
  std::string roles[kRoles];
  for (int r = 0; r < kRoles; ++r) roles[r] = JsonWriter().String(RoleName(static_cast<Role>(r))).Take();
  w.Key("nodes").BeginArray();
  for (size_t i = 0; i < tree.nodes.size(); ++i) {
    const PlanNode& node = tree.nodes[i];
    const NodeFacts& f = a.diagnosis.facts[i];
    const std::string& role = roles[static_cast<int>(f.role)];
    char* at = w.RoomFor(kNodeObjectBytes + role.size() + JsonStringBound(node.name));
    at = i == 0 ? WriteLiteral(at, "{\"id\":") : WriteLiteral(at, ",{\"id\":");
    at = WriteUnsigned(at, i);
    at = WriteLiteral(at, ",\"name\":");
    at = WriteJsonString(at, node.name);
    at = WriteLiteral(at, ",\"parent\":");
    at = node.parent == kNoNode ? WriteLiteral(at, "null") : WriteInteger(at, node.parent);
    at = WriteLiteral(at, ",\"role\":");
    at = WriteBytes(at, role);
    at = WriteSpanMember(at, ",\"span\":[", node.span.begin, node.span.end);
    at = f.judged ? WriteLiteral(at, ",\"judged\":true") : WriteLiteral(at, ",\"judged\":false");
    if (f.result_boundary) at = WriteLiteral(at, ",\"result_boundary\":true");
    if (f.fallback >= 0) {
      at = WriteLiteral(at, ",\"fallback\":");
      at = WriteInteger(at, f.fallback);
    }
    if (node.explain_id >= 0) {
      at = WriteLiteral(at, ",\"explain_id\":");
      at = WriteInteger(at, node.explain_id);
    }
    if (node_text) {
      size_t begin = 0;
      size_t end = 0;
      if (SpanInInput(tree.input, node.text, &begin, &end)) {
        at = WriteSpanMember(at, ",\"text_span\":[", begin, end);
      } else if (!node.text.empty()) {  // text the reader made (unescaped JSON): rare, any length
        w.Commit(at);
        w.PutRaw(",\"text\":");
        w.PutString(node.text);
        at = w.RoomFor(kNodeObjectBytes);
      }
      if (SpanInInput(tree.input, node.detail, &begin, &end))
        at = WriteSpanMember(at, ",\"detail_span\":[", begin, end);
    }
    *at++ = '}';
    w.Commit(at);
  }
  w.EndArray();
}

void WriteNodes(JsonWriter& w, const Analysis& a, bool node_text) {
  if (w.compact()) return WriteCompactNodes(w, a, node_text);
  w.Key("nodes").BeginArray();
  for (size_t i = 0; i < a.tree.nodes.size(); ++i) {
    const PlanNode& node = a.tree.nodes[i];
    const NodeFacts& f = a.diagnosis.facts[i];
    w.BeginObject();
    w.Key("id").Int(static_cast<int64_t>(i));
    w.Key("name").String(node.name);
    w.Key("parent");
    if (node.parent == kNoNode) w.Null();
    else w.Int(node.parent);
    w.Key("role").String(RoleName(f.role));
    w.Key("span").BeginArray().Int(static_cast<int64_t>(node.span.begin)).Int(static_cast<int64_t>(node.span.end)).EndArray();
    w.Key("judged").Bool(f.judged);
    if (f.result_boundary) w.Key("result_boundary").Bool(true);
    if (f.fallback >= 0) w.Key("fallback").Int(f.fallback);
    if (node.explain_id >= 0) w.Key("explain_id").Int(node.explain_id);
    if (node_text) WriteNodeText(w, a.tree, node);
    w.EndObject();
  }
  w.EndArray();
}

void OptionalUsd(JsonWriter& w, const char* key, const std::optional<double>& usd, int decimals) {
  w.Key(key);
  if (usd) w.Fixed(*usd, decimals);
  else w.Null();
  w.Key((std::string(key) + "_text").c_str());
  if (usd) w.String(display::Money(*usd));
  else w.Null();
}

void WriteWaste(JsonWriter& w, const Analysis& a) {
  const Waste& waste = a.waste;
  const ClusterContext& c = a.cluster;
  w.Key("waste").BeginObject();
  OptionalUsd(w, "usd", waste.usd, 4);
  OptionalUsd(w, "usd_per_month", waste.usd_per_month, 2);
  w.Key("basis").String("modeled");
  w.Key("measure").String(waste.measure);
  w.Key("measure_text").String(WasteMeasureLabel(waste.measure));
  w.Key("formula").String(waste.formula);
  if (waste.measure == "off_engine_spend") {
    w.Key("gpu_premium").BeginObject();
    OptionalUsd(w, "usd", waste.gpu_premium_usd, 4);
    OptionalUsd(w, "usd_per_month", waste.gpu_premium_usd_per_month, 2);
    w.Key("usd_per_hour").Fixed(waste.gpu_premium_usd_per_hour, 4);
    w.EndObject();
  }
  w.Key("inputs").BeginObject();
  w.Key("cloud").String(c.cloud);
  w.Key("sku").String(c.sku);
  w.Key("tier").String(c.tier);
  w.Key("billing").String(waste.dbu_billed ? "databricks" : "cloud_vm");
  w.Key("node_type");
  OptionalString(w, c.node_type);
  w.Key("driver_node_type");
  OptionalString(w, c.driver_node_type.empty() ? c.node_type : c.driver_node_type);
  w.Key("workers");
  if (c.workers >= 0) w.Int(c.workers);
  else w.Null();
  w.Key("runtime_seconds");
  if (c.runtime_seconds >= 0) w.Fixed(c.runtime_seconds, 3);
  else w.Null();
  w.Key("runs_per_day");
  if (c.runs_per_day >= 0) w.Fixed(c.runs_per_day, 3);
  else w.Null();
  w.Key("dbu_per_hour").Fixed(waste.dbu_per_hour, 4);
  w.Key("usd_per_dbu").Fixed(waste.usd_per_dbu, 4);
  w.Key("photon_multiplier").Fixed(waste.photon_multiplier, 4);
  w.Key("vm_usd_per_hour").Fixed(waste.vm_usd_per_hour, 4);
  w.Key("cluster_usd_per_hour").Fixed(waste.cluster_usd_per_hour, 4);
  w.Key("fallback_weight").Fixed(waste.fallback_weight, 4);
  w.Key("price_table_version").String(a.price_table_version);
  w.EndObject();
  w.Key("missing").BeginArray();
  for (const std::string& m : waste.missing) w.String(m);
  w.EndArray();
  w.Key("note");
  OptionalString(w, waste.note);
  w.EndObject();
}

void WriteConfidence(JsonWriter& w, const Confidence& c) {
  w.Key("confidence").BeginObject();
  w.Key("parse").String(LevelName(c.parse));
  w.Key("diagnosis").String(LevelName(c.diagnosis));
  w.Key("cost").String(LevelName(c.cost));
  w.Key("recommendation").String(LevelName(c.recommendation));
  w.Key("reasons").BeginArray();
  for (const std::string& r : c.reasons) w.String(r);
  w.EndArray();
  w.EndObject();
}

void WriteEngineEvidence(JsonWriter& w, const Analysis& a) {
  const EngineExplanation& e = a.diagnosis.explanation;
  w.Key("engine_evidence").BeginObject();
  w.Key("explanation");
  if (!e.present) w.Null();
  else w.String(e.command ? "command" : e.fully_supported ? "fully_supported" : "not_fully_supported");
  w.Key("summary");
  OptionalString(w, a.tree.engine_summary);
  if (a.engine_report.found()) {  // only when the input carries the engine's own report
    w.Key("report");
    WriteEngineReport(w, a.engine_report, &a.diagnosis);
  }
  w.EndObject();
}

}  // namespace

std::string AnalysisToJson(const Analysis& a, int indent, bool node_text, bool markdown) {
  JsonWriter w(indent);
  w.Reserve(4096 + 160 * a.tree.nodes.size());  // a node takes some 130 bytes (nodes[], compact)
  w.BeginObject();
  w.Key("schema").String(kSchema);
  w.Key("engine").String(EngineName(a.diagnosis.engine.engine));
  w.Key("engine_source").String(a.diagnosis.engine.forced ? "given" : "detected");
  w.Key("engine_on").Bool(a.diagnosis.engine.engine_on);
  WriteParse(w, a);
  w.Key("has_fallback").Bool(!a.diagnosis.fallbacks.empty());
  w.Key("fallback_weight").Fixed(a.weight.value, 4);
  w.Key("fallback_weight_text").String(display::Percent(a.weight.value));
  w.Key("fallback_weight_basis").String(WeightBasisName(a.weight.basis));
  w.Key("verdict").BeginObject();
  w.Key("kind").String(VerdictName(a.verdict.kind));
  w.Key("cause").String(CauseName(a.verdict.cause));
  w.EndObject();
  WriteFallbacks(w, a);
  WriteWaste(w, a);
  WriteConfidence(w, a.confidence);
  w.Key("recommendation").String(a.verdict.recommendation);
  w.Key("signature");
  OptionalString(w, a.signature);
  WriteEngineEvidence(w, a);
  WriteNodes(w, a, node_text);
  if (markdown) w.Key("markdown").String(AnalysisToMarkdown(a));
  w.EndObject();
  return w.Take();
}

std::string ErrorToJson(std::string_view code, std::string_view message, int indent) {
  return ContractErrorJson(kSchema, code, message, indent);
}

}  // namespace clusop
