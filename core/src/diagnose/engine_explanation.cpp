#include "diagnose/engine_explanation.hpp"

#include "common/text.hpp"
#include "engine_log/engine_report.hpp"
#include "parse/node_line.hpp"
#include "parse/text_lines.hpp"

namespace clusop {

namespace {

// Photon lists a handful of reasons; a longer list is not Photon's and is not worth matching.
constexpr size_t kMaxEntries = 256;

}  // namespace

EngineExplanation ReadPhotonExplanation(std::string_view body) {
  EngineExplanation out;
  if (text::Trim(body).empty()) return out;
  out.present = true;
  std::string reason;
  bool expect_reference = false;
  for (const TextLine& line : SplitLines(body)) {
    const std::string_view t = text::Trim(line.text);
    if (t.empty()) continue;
    if (text::StartsWithIgnoreCase(t, "The query is fully supported by Photon")) {
      out.fully_supported = true;
    } else if (text::StartsWithIgnoreCase(t, "Commands are not directly photonized")) {
      out.command = true;
    } else if (text::StartsWithIgnoreCase(t, "Photon does not fully support the query")) {
      continue;
    } else if (text::StartsWithIgnoreCase(t, "Reference node:")) {
      expect_reference = true;
    } else if (expect_reference) {
      if (out.entries.size() >= kMaxEntries) break;
      out.entries.push_back({reason, std::string(t)});
      reason.clear();
      expect_reference = false;
    } else if (!out.command) {
      if (!reason.empty()) reason += ' ';
      reason += t;
    }
  }
  if (!reason.empty()) out.entries.push_back({reason, ""});
  return out;
}

std::string EngineReasonFor(const PlanTree& tree, const EngineExplanation& explanation, NodeId id) {
  const PlanNode& node = tree.nodes[id];
  if (!node.engine_reason.empty()) return std::string(node.engine_reason);
  for (const EngineExplanation::Entry& entry : explanation.entries) {
    if (entry.reference_node.empty()) continue;
    if (EntryNamesOperator(OperatorName(entry.reference_node), node.name)) return entry.reason;
  }
  return {};
}

}  // namespace clusop
