#include "diagnose/plan_recognition.hpp"

#include <vector>

namespace clusop {
namespace {

constexpr size_t kNamesShown = 3;

std::string UnknownNames(const PlanTree& tree, const Diagnosis& d) {
  std::vector<std::string> names;
  for (size_t i = 0; i < tree.nodes.size() && names.size() < kNamesShown; ++i) {
    if (d.facts[i].op.known) continue;
    const std::string name(tree.nodes[i].name);
    bool seen = false;
    for (const std::string& n : names) seen = seen || n == name;
    if (!seen) names.push_back(name);
  }
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

// Counts every node, judged or not: an AQE initial plan is still a plan. A JSON plan
// (sparkPlanInfo) is a Spark plan by its structure, whatever its node names (e.g. ShowTables).
bool RecognisePlan(const PlanTree& tree, const Diagnosis& d, std::string* error) {
  if (tree.format == PlanFormat::kEventJson || tree.format == PlanFormat::kPlanInfoJson) return true;
  const size_t ops = tree.nodes.size();
  size_t known = 0;
  for (const NodeFacts& f : d.facts) known += f.op.known ? 1 : 0;
  if (ops > 0 && known * 2 >= ops) return true;
  *error = "no Spark plan found: " + std::to_string(ops - known) + " of " + std::to_string(ops) +
           " operator names are unknown to Spark and the native engines (" + UnknownNames(tree, d) +
           "); expected Spark explain output or an event-log JSON line";
  return false;
}

}  // namespace clusop
