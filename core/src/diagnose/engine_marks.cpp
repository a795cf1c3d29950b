#include "diagnose/engine_marks.hpp"

#include <vector>

namespace clusop {
namespace {

// RAPIDS names FileSourceScanExec, which the formatted explain prints "Scan parquet" and the tree
// string "FileScan parquet".
bool MarkNamesNode(std::string_view op, std::string_view node) {
  return EntryNamesOperator(op, node) || (op == "Scan" && node.starts_with("FileScan "));
}

bool NamesJudgedOperator(const PlanTree& tree, const Diagnosis& d, std::string_view op) {
  for (size_t i = 0; i < tree.nodes.size(); ++i)
    if (d.facts[i].judged && tree.nodes[i].kind == NodeKind::kOperator && MarkNamesNode(op, tree.nodes[i].name))
      return true;
  return false;
}

// about[p]: every exec printout p marks names a judged operator of the plan.
std::vector<bool> PrintoutsAboutPlan(const PlanTree& tree, const Diagnosis& d, const EngineReport& report) {
  std::vector<bool> about(report.printouts.size(), false);
  std::vector<bool> foreign(report.printouts.size(), false);
  for (const EngineExecMark& m : report.exec_marks) {
    const size_t p = static_cast<size_t>(m.printout);
    if (p >= about.size() || foreign[p]) continue;
    if (NamesJudgedOperator(tree, d, m.op)) {
      about[p] = true;
    } else {
      foreign[p] = true;
      about[p] = false;
    }
  }
  return about;
}

bool HasEngineOperator(const Diagnosis& d) {
  for (const NodeFacts& f : d.facts)
    if (f.role == Role::kNative) return true;
  return false;
}

}  // namespace

void KeepCountOfPlan(const PlanTree& tree, const Diagnosis& d, EngineReport* report) {
  if (report->engine != Engine::kRapids || report->accelerated < 0) return;
  const std::vector<bool> about = PrintoutsAboutPlan(tree, d, *report);
  for (size_t p = about.size(); p-- > 0;) {
    const EnginePrintout& printout = report->printouts[p];
    if (!about[p] || printout.on_engine + printout.off_engine == 0) continue;
    report->accelerated = printout.on_engine;
    report->eligible = printout.on_engine + printout.off_engine;
    report->counts_read = 1;  // this query's own last count, not the last of the log
    return;
  }
}

void PlaceByEngineMarks(const PlanTree& tree, const EngineReport& report, Diagnosis* d) {
  if (d->engine.engine != Engine::kRapids || !d->engine.engine_on || report.engine != Engine::kRapids ||
      HasEngineOperator(*d))
    return;
  const std::vector<bool> about = PrintoutsAboutPlan(tree, *d, report);
  bool placed = false;
  for (size_t i = 0; i < tree.nodes.size(); ++i) {
    NodeFacts& f = d->facts[i];
    if (!f.judged || f.role != Role::kJvm) continue;
    bool on = false;
    bool off = false;
    for (const EngineExecMark& m : report.exec_marks) {
      if (!about[static_cast<size_t>(m.printout)] || !MarkNamesNode(m.op, tree.nodes[i].name)) continue;
      (m.on_engine ? on : off) = true;
    }
    placed = placed || on || off;
    // any printout of the query leaving it on the CPU keeps it there
    if (!on || off) continue;
    f.role = Role::kNative;
    f.op.engine = Engine::kRapids;
    f.op.known = true;
  }
  d->placed_by_engine_report = placed;
}

}  // namespace clusop
