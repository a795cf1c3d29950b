#include "report/markdown_report.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "common/display_text.hpp"
#include "report/engine_report_words.hpp"
#include "report/markdown_text.hpp"
#include "report/vocabulary.hpp"

namespace clusop {
namespace {

using markdown::Cell;
using markdown::Code;
using markdown::Fenced;
using markdown::Inline;

constexpr size_t kMaxNodeText = 2000;   // a key operator's text in the ticket, in bytes
constexpr size_t kMaxReportEntries = 50;  // the engine's report lists more in the JSON answer

class Lines {
 public:
  Lines& operator()(const std::string& line) {
    out_ += line;
    out_ += '\n';
    return *this;
  }
  Lines& Blank() { return (*this)(""); }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Cut at a UTF-8 character boundary.
std::string Capped(std::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "\n... (cut at " + display::Number(static_cast<double>(max), 0) + " bytes)";
}

std::string Row(const std::string& name, const std::string& value) { return "| " + name + " | " + value + " |"; }

std::string NotPricedWhy(const Waste& w) {
  if (!w.missing.empty()) return vocabulary::MissingWords(w.missing.front());
  return w.note.empty() ? "no price" : w.note;
}

std::string Dollars(const std::optional<double>& usd, const std::string& why) {
  return usd ? display::Money(*usd) + " (modeled, not billed)" : "not priced: " + why;
}

std::string OrNotSet(double value, int decimals) { return value < 0 ? "not set" : display::Number(value, decimals); }
std::string OrNotSet(const std::string& value) { return value.empty() ? "not set" : value; }

void RemedyBlock(Lines& L, Engine engine, const std::string& conf, std::string_view source) {
  L("To run it natively, set (" + Inline(RemedySourceWords(engine, source)) + "):").Blank();
  L(Fenced(conf, "properties")).Blank();
}

// The fenced block inside a list item: every line indented under the item.
std::string Indented(const std::string& block, const std::string& pad) {
  std::string out = pad;
  for (char c : block) {
    out += c;
    if (c == '\n') out += pad;
  }
  return out;
}

void ReportEntries(Lines& L, const EngineReport& report) {
  const size_t shown = std::min(report.entries.size(), kMaxReportEntries);
  for (size_t i = 0; i < shown; ++i) {
    const EngineReportEntry& e = report.entries[i];
    std::string head = "- " + (e.op.empty() ? std::string("(operator not named)") : Code(e.op));
    if (!e.subject.empty()) head += " / " + Code(e.subject);
    head += ": " + Inline(e.reason) + " (line " + std::to_string(e.line) + ")";
    L(head);
    const Remedy remedy = EntryRemedy(report, e);
    if (remedy.conf.empty()) continue;
    L.Blank();
    L(Indented(Fenced(remedy.conf, "properties"), "  "));
  }
  if (report.entries.size() > shown)
    L("- ... " + std::to_string(report.entries.size() - shown) + " more in the JSON answer (engine_evidence.report)");
}

std::string Title(const Analysis& a) {
  const std::string engine = vocabulary::EngineWords(a.diagnosis.engine.engine);
  if (a.diagnosis.fallbacks.empty()) return "No fallback from " + engine + " to the JVM";
  return "Spark work falls back from " + engine + " to the JVM: " + vocabulary::CauseWords(a.verdict.cause);
}

void Facts(Lines& L, const Analysis& a) {
  const Waste& w = a.waste;
  const std::string measure = WasteMeasureLabel(w.measure);
  const std::string why = NotPricedWhy(w);
  L("| | |")("|---|---|");
  L(Row("Verdict", Code(VerdictName(a.verdict.kind), true) + ": " + Cell(vocabulary::VerdictWords(a.verdict.kind))));
  L(Row("Cause", Code(CauseName(a.verdict.cause), true) + ": " + Cell(vocabulary::CauseWords(a.verdict.cause))));
  const EngineChoice& engine = a.diagnosis.engine;
  L(Row("Engine", Cell(vocabulary::EngineWords(engine.engine)) + " (" + Code(EngineName(engine.engine), true) + ", " +
                      (engine.forced ? "given" : "detected") + "; " +
                      (engine.engine_on ? "on" : "not on") + " for this cluster)"));
  L(Row("Fallback weight", display::Percent(a.weight.value) + " of the plan's work (by " +
                               Cell(vocabulary::WeightBasisWords(a.weight.basis)) + ")"));
  L(Row(Cell(measure) + " per run", Cell(Dollars(w.usd, why))));
  L(Row(Cell(measure) + " per month", Cell(Dollars(w.usd_per_month, w.usd ? "no runs per day" : why))));
  if (w.gpu_premium_usd)
    L(Row("of which GPU instances above their CPU twins, per run", Cell(Dollars(w.gpu_premium_usd, why))));
  if (!w.formula.empty()) L(Row("Formula", Cell(w.formula)));
  const Confidence& c = a.confidence;
  L(Row("Confidence", std::string("parse ") + LevelName(c.parse) + ", diagnosis " + LevelName(c.diagnosis) + ", cost " +
                          LevelName(c.cost) + ", recommendation " + LevelName(c.recommendation)));
  L(Row("Plan", Cell(FormatName(a.tree.format)) + " format, " +
                    std::to_string(a.diagnosis.native_ops + a.diagnosis.jvm_ops) + " operators"));
  if (!a.signature.empty()) L(Row("Signature", Code(a.signature, true)));
  L.Blank();
}

void Fallbacks(Lines& L, const Analysis& a) {
  if (a.diagnosis.fallbacks.empty()) return;
  L("## Fallbacks").Blank();
  const Engine engine = a.diagnosis.engine.engine;
  for (size_t i = 0; i < a.diagnosis.fallbacks.size(); ++i) {
    const FallbackSubtree& f = a.diagnosis.fallbacks[i];
    const PlanNode& key = a.tree.nodes[f.key_node == kNoNode ? f.root : f.key_node];
    L("### " + std::to_string(i + 1) + ". " + Inline(vocabulary::CauseWords(f.cause)) + " (" + Code(CauseName(f.cause)) +
      ") at " + Code(key.name) + ", weight " + display::Percent(f.weight))
        .Blank();
    std::string ops;
    for (NodeId id : f.nodes) ops += (ops.empty() ? "" : ", ") + Code(a.tree.nodes[id].name);
    L("- Operators on the JVM: " + ops);
    if (!f.reason.empty()) L("- " + Inline(ReportingEngineName(engine)) + "'s own reason: " + Inline(f.reason));
    if (!f.suspects.empty()) {
      std::string suspects;
      for (const std::string& s : f.suspects) suspects += (suspects.empty() ? "" : ", ") + Code(s);
      L("- Suspect expressions: " + suspects);
    }
    L.Blank();
    if (!f.remedy.empty()) RemedyBlock(L, engine, f.remedy, f.remedy_source);
    std::string text(key.text.empty() ? key.name : key.text);
    if (!key.detail.empty()) text += "\n\n" + std::string(key.detail);
    L("Key operator:").Blank();
    L(Fenced(Capped(text, kMaxNodeText), "text")).Blank();
  }
}

void EngineAccount(Lines& L, const Analysis& a) {
  const EngineExplanation& e = a.diagnosis.explanation;
  const EngineReport& report = a.engine_report;
  if (!e.present && a.tree.engine_summary.empty() && !report.found()) return;
  L("## The engine's own account").Blank();
  if (e.present) {
    L(std::string("- Photon explanation: ") +
      (e.command ? "command" : e.fully_supported ? "fully supported" : "not fully supported"));
  }
  if (!a.tree.engine_summary.empty()) L("- " + Inline(a.tree.engine_summary));
  if (e.present || !a.tree.engine_summary.empty()) L.Blank();
  if (!report.found()) return;
  const std::string name = ReportingEngineName(report.engine);
  L("### " + name + "'s report").Blank();
  if (report.accelerated >= 0) {
    const int32_t ours = a.diagnosis.native_ops + a.diagnosis.jvm_ops;
    L("| count | accelerated | of |")("|---|---|---|");
    const std::string last = LastOfCounts(report);
    L(Row(Cell(name) + " (" + Cell(report.count_source) + (last.empty() ? "" : ", " + Cell(last)) + ")",
          std::to_string(report.accelerated) + " | " + std::to_string(report.eligible)));
    L(Row("clusop (native operators that ran)", std::to_string(a.diagnosis.native_ops) + " | " + std::to_string(ours)));
    L.Blank();
    const std::string note = CountNote(report, a.diagnosis);
    if (!note.empty()) L(Inline(note)).Blank();
  }
  ReportEntries(L, report);
  L.Blank();
}

void CostInputs(Lines& L, const Analysis& a) {
  const Waste& w = a.waste;
  const ClusterContext& c = a.cluster;
  L("## Cost model inputs").Blank();
  L("The dollars are **modeled** from public list prices (basis: modeled), never a billed amount.").Blank();
  L("| input | value |")("|---|---|");
  L(Row("cloud", Cell(OrNotSet(c.cloud))));
  L(Row("sku", Cell(OrNotSet(c.sku))));
  L(Row("tier", Cell(OrNotSet(c.tier))));
  L(Row("billing", w.dbu_billed ? "databricks" : "cloud\\_vm"));
  L(Row("node type", Cell(OrNotSet(c.node_type))));
  L(Row("driver node type", Cell(OrNotSet(c.driver_node_type.empty() ? c.node_type : c.driver_node_type))));
  L(Row("workers", OrNotSet(c.workers, 0)));
  L(Row("runtime seconds", OrNotSet(c.runtime_seconds, 3)));
  L(Row("runs per day", OrNotSet(c.runs_per_day, 3)));
  L(Row("DBU per hour", display::Number(w.dbu_per_hour, 4)));
  L(Row("$ per DBU", display::Number(w.usd_per_dbu, 4)));
  L(Row("Photon multiplier", display::Number(w.photon_multiplier, 4)));
  L(Row("VM $ per hour", display::Number(w.vm_usd_per_hour, 4)));
  L(Row("cluster $ per hour", display::Number(w.cluster_usd_per_hour, 4)));
  L(Row("fallback weight", display::Number(w.fallback_weight, 4)));
  L(Row("price table", Cell(a.price_table_version)));
  if (!w.missing.empty()) {
    std::string missing;
    for (const std::string& m : w.missing) missing += (missing.empty() ? "" : "; ") + vocabulary::MissingWords(m);
    L(Row("missing", Cell(missing)));
  }
  if (!w.note.empty()) L(Row("note", Cell(w.note)));
  L.Blank();
}

void ParseNotes(Lines& L, const Analysis& a) {
  std::vector<std::string> unknown;
  for (size_t i = 0; i < a.tree.nodes.size(); ++i) {
    const NodeFacts& f = a.diagnosis.facts[i];
    if (!f.op.known && f.judged && f.role == Role::kJvm) unknown.push_back(Code(a.tree.nodes[i].name));
  }
  if (a.tree.warnings.empty() && a.tree.other_plans == 0 && unknown.empty()) return;
  L("## Parse notes").Blank();
  for (const std::string& w : a.tree.warnings) L("- " + Inline(w));
  if (a.tree.other_plans > 0) L("- " + Inline(OtherPlansWarning(a.tree.other_plans)));
  if (!unknown.empty()) {
    std::string names;
    for (const std::string& u : unknown) names += (names.empty() ? "" : ", ") + u;
    L("- unknown operators: " + names);
  }
  L.Blank();
}

}  // namespace

std::string AnalysisToMarkdown(const Analysis& a) {
  Lines L;
  L("# " + Inline(Title(a))).Blank();
  L(Inline(a.verdict.recommendation)).Blank();
  Facts(L, a);
  Fallbacks(L, a);
  EngineAccount(L, a);
  L("## Confidence reasons").Blank();
  if (a.confidence.reasons.empty()) L("- none given");
  for (const std::string& r : a.confidence.reasons) L("- " + Inline(r));
  L.Blank();
  CostInputs(L, a);
  ParseNotes(L, a);
  L("_Analysed by clusop. Money is modeled from list prices (price table " + Inline(a.price_table_version) +
    "), never billed._");
  return L.Take();
}

std::string EngineReportToMarkdown(const EngineReport& report) {
  Lines L;
  const std::string name = ReportingEngineName(report.engine);
  L("# " + Inline(name) + "'s own fallback report").Blank();
  L(Inline(ReportAloneSentence(report))).Blank();
  if (report.accelerated >= 0) L(Inline(EngineCountWords(report)) + " (" + Inline(report.count_source) + ").").Blank();
  L("## What " + Inline(name) + " left to Spark").Blank();
  ReportEntries(L, report);
  L.Blank();
  L("_Read by clusop from the engine's own log; no plan was given, so nothing is weighed or priced._");
  return L.Take();
}

}  // namespace clusop
