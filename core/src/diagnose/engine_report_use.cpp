#include "diagnose/engine_report_use.hpp"

#include "engine/engine_remedies.hpp"

namespace clusop {

void AddReportReasons(const EngineReport& report, EngineExplanation* explanation) {
  const size_t first = explanation->entries.size();
  for (const EngineReportEntry& e : report.entries) {
    if (e.op.empty() || e.reason.empty()) continue;
    const std::string said = e.subject.empty() ? e.reason : e.subject + ": " + e.reason;
    EngineExplanation::Entry* same = nullptr;
    for (size_t i = first; i < explanation->entries.size() && !same; ++i)
      if (explanation->entries[i].reference_node == e.op) same = &explanation->entries[i];
    if (!same) {
      explanation->entries.push_back({said, e.op});
    } else if (same->reason.find(said) == std::string::npos) {
      same->reason += "; " + said;
    }
  }
}

void NameRemedies(const PlanTree& tree, const EngineReport& report, Diagnosis* d) {
  const Engine engine = d->engine.engine;
  for (FallbackSubtree& f : d->fallbacks) {
    Remedy remedy{"", ""};
    for (NodeId id : f.nodes) {
      for (const EngineReportEntry& e : report.entries) {
        if (!EntryNamesOperator(e.op, tree.nodes[id].name)) continue;
        remedy = RemedyFor(engine, e.op, e.engine_op, e.subject, e.reason);
        if (!remedy.conf.empty()) break;
      }
      if (!remedy.conf.empty()) break;
      if (!tree.nodes[id].engine_reason.empty())
        remedy = RemedyFor(engine, tree.nodes[id].name, "", "", tree.nodes[id].engine_reason);
      if (!remedy.conf.empty()) break;
    }
    if (remedy.conf.empty() && !f.reason.empty() && f.key_node != kNoNode)
      remedy = RemedyFor(engine, tree.nodes[f.key_node].name, "", "", f.reason);
    f.remedy = std::move(remedy.conf);
    f.remedy_source = remedy.source;
  }
}

}  // namespace clusop
