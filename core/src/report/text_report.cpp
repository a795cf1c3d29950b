#include "report/text_report.hpp"

#include <cstdio>
#include <vector>

#include "common/display_text.hpp"
#include "report/engine_report_json.hpp"
#include "report/engine_report_words.hpp"
#include "report/vocabulary.hpp"

namespace clusop {
namespace {

struct Palette {
  const char* fallback;
  const char* native;
  const char* transition;
  const char* dim;
  const char* bold;
  const char* reset;
};

constexpr Palette kColour{"\x1b[1;31m", "\x1b[32m", "\x1b[33m", "\x1b[2m", "\x1b[1m", "\x1b[0m"};
constexpr size_t kMaxIndent = 240;
constexpr Palette kPlain{"", "", "", "", "", ""};

using display::Money;
using display::Percent;

void DrawTree(const Analysis& a, const Palette& p, std::string* out) {
  const PlanTree& tree = a.tree;
  struct Item {
    NodeId id;
    std::string prefix;
    bool last;
    bool top;
  };
  std::vector<Item> stack;
  for (auto it = tree.roots.rbegin(); it != tree.roots.rend(); ++it) stack.push_back({it->node, "", true, true});
  while (!stack.empty()) {
    Item item = stack.back();
    stack.pop_back();
    const PlanNode& node = tree.nodes[item.id];
    const NodeFacts& f = a.diagnosis.facts[item.id];
    const char* colour = f.fallback >= 0                                          ? p.fallback
                         : f.role == Role::kNative                                 ? p.native
                         : (f.role == Role::kToRows || f.role == Role::kToColumnar) ? p.transition
                         : !f.judged                                                ? p.dim
                                                                                    : "";
    *out += item.prefix;
    if (!item.top) *out += item.last ? "+- " : ":- ";
    *out += colour;
    *out += node.name;
    *out += p.reset;
    if (f.fallback >= 0) *out += std::string("  <== FALLBACK #") + std::to_string(f.fallback + 1);
    else if (f.result_boundary) *out += "  (result)";
    else if (!f.judged) *out += "  (not judged)";
    *out += '\n';
    std::vector<NodeId> kids;
    for (NodeId child : Children(tree, item.id)) kids.push_back(child);
    // very deep plans stop indenting so the drawing stays linear in size
    const bool deep = item.prefix.size() >= kMaxIndent;
    const std::string child_prefix = item.top || deep ? item.prefix : item.prefix + (item.last ? "   " : ":  ");
    for (size_t k = kids.size(); k-- > 0;) stack.push_back({kids[k], child_prefix, k + 1 == kids.size(), false});
  }
}

// The engine's own report: its count beside ours, then its reasons per operator.
void AppendEngineReport(const Analysis& a, const Palette& p, std::string* out) {
  const EngineReport& report = a.engine_report;
  *out += std::string(p.bold) + "Engine report:  " + p.reset + ReportingEngineName(report.engine) + " gives " +
          std::to_string(report.entries.size()) + (report.entries.size() == 1 ? " reason" : " reasons");
  if (report.accelerated >= 0) *out += "; " + CountBesideOurs(report, a.diagnosis);
  *out += "\n";
  const std::string note = CountNote(report, a.diagnosis);
  if (!note.empty()) *out += "                " + note + "\n";
  *out += EngineReportEntriesText(report, "                ", /*spaced=*/false);
}

}  // namespace

std::string AnalysisToText(const Analysis& a, bool colour, bool tree) {
  const Palette& p = colour ? kColour : kPlain;
  std::string out;
  out += std::string(p.bold) + "Engine:         " + p.reset + vocabulary::EngineWords(a.diagnosis.engine.engine) + "\n";
  out += std::string(p.bold) + "Verdict:        " + p.reset + vocabulary::VerdictWords(a.verdict.kind);
  if (a.verdict.cause != Cause::kNone) out += std::string(": ") + vocabulary::CauseWords(a.verdict.cause) + " (" + CauseName(a.verdict.cause) + ")";
  out += "\n";
  for (size_t i = 0; i < a.diagnosis.fallbacks.size(); ++i) {
    const FallbackSubtree& f = a.diagnosis.fallbacks[i];
    out += std::string(p.fallback) + "Fallback #" + std::to_string(i + 1) + p.reset + ": " + vocabulary::CauseWords(f.cause) + " (" + CauseName(f.cause) + ")" +
           " at " + std::string(a.tree.nodes[f.root].name) + ", " + std::to_string(f.nodes.size()) +
           " operator(s), weight " + Percent(f.weight) + "\n";
    if (!f.reason.empty()) out += "  engine says: " + f.reason + "\n";
    if (!f.suspects.empty()) {
      out += "  suspect functions:";
      for (size_t s = 0; s < f.suspects.size(); ++s) out += (s ? ", " : " ") + f.suspects[s];
      out += "\n";
    }
    if (!f.remedy.empty())
      out += "  to run it natively, set: " + f.remedy + " (" + RemedySourceWords(a.diagnosis.engine.engine, f.remedy_source) + ")\n";
  }
  out += std::string(p.bold) + "Fallback share: " + p.reset + Percent(a.weight.value) + " (by " +
         vocabulary::WeightBasisWords(a.weight.basis) + ")\n";
  out += std::string(p.bold) + "Dollars:        " + p.reset + WasteMeasureLabel(a.waste.measure) + ": ";
  if (a.waste.usd) {
    out += Money(*a.waste.usd) + " per run";
    if (a.waste.usd_per_month) out += ", " + Money(*a.waste.usd_per_month) + " per month";
    out += " (modeled, not billed)\n";
    if (a.waste.gpu_premium_usd)
      out += "                of which GPU instances above their CPU twins: " + Money(*a.waste.gpu_premium_usd) + " per run\n";
  } else {
    out += "not priced: " +
           (a.waste.missing.empty() ? a.waste.note : vocabulary::MissingWords(a.waste.missing.front())) + "\n";
  }
  if (!a.waste.formula.empty()) out += "                " + a.waste.formula + "\n";
  const Confidence& c = a.confidence;
  out += std::string(p.bold) + "Confidence:     " + p.reset + "parse " + LevelName(c.parse) + ", diagnosis " +
         LevelName(c.diagnosis) + ", cost " + LevelName(c.cost) + ", recommendation " + LevelName(c.recommendation) +
         "\n";
  out += std::string(p.bold) + "Recommendation: " + p.reset + a.verdict.recommendation + "\n";
  if (a.engine_report.found()) AppendEngineReport(a, p, &out);
  if (a.tree.other_plans > 0) out += std::string(p.bold) + "Note:           " + p.reset + OtherPlansWarning(a.tree.other_plans) + "\n";
  if (!a.signature.empty()) out += std::string(p.bold) + "Signature:      " + p.reset + a.signature + "\n";
  if (tree) {
    out += '\n';
    DrawTree(a, p, &out);
  } else if (!a.diagnosis.fallbacks.empty()) {
    out += "(--tree draws the whole plan with the fallback operators marked)\n";
  }
  return out;
}

}  // namespace clusop
