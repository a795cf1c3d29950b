#include "rank/rank.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace clusop {
namespace {

using Key = std::tuple<std::string, int64_t, int64_t, int64_t, std::string>;  // scope, stage, execution, job, executor

Key KeyOf(const Finding& f) { return {f.scope, f.stage_id, f.execution_id, f.job_id, f.executor_id}; }

// `cause` explains `effect`: the same thing, or a stage of the execution the cause is about.
bool Explains(const Finding& cause, const Finding& effect) {
  if (std::find(cause.causes.begin(), cause.causes.end(), effect.rule) == cause.causes.end()) return false;
  if (KeyOf(cause) == KeyOf(effect)) return true;
  return cause.scope == "sql_execution" && effect.scope == "stage" && cause.execution_id >= 0 &&
         effect.parent_execution == cause.execution_id;
}

// Same rule on the same thing: keep the larger saving, once.
void Deduplicate(std::vector<Finding>* findings) {
  std::map<std::pair<std::string, Key>, size_t> seen;
  std::vector<Finding> kept;
  for (Finding& f : *findings) {
    auto [it, fresh] = seen.emplace(std::make_pair(f.rule, KeyOf(f)), kept.size());
    if (fresh) kept.push_back(std::move(f));
    else if (f.time_ms > kept[it->second].time_ms) kept[it->second] = std::move(f);
  }
  *findings = std::move(kept);
}

// Folds effects into their causes, largest saving first, until nothing moves; a cascade keeps
// what its members had folded in. The root's saving is the largest of its cascade's: fixing
// the cause removes them all, and their times overlap.
void FoldCascades(std::vector<Finding>* findings) {
  std::sort(findings->begin(), findings->end(), [](const Finding& a, const Finding& b) { return a.time_ms > b.time_ms; });
  std::vector<bool> gone(findings->size(), false);
  bool moved = true;
  for (int round = 0; moved && round < 8; ++round) {
    moved = false;
    for (size_t c = 0; c < findings->size(); ++c) {
      if (gone[c] || (*findings)[c].causes.empty()) continue;
      for (size_t e = 0; e < findings->size(); ++e) {
        if (e == c || gone[e]) continue;
        Finding& cause = (*findings)[c];
        Finding& effect = (*findings)[e];
        if (!Explains(cause, effect)) continue;
        cause.cascade.push_back({effect.rule, effect.stage_id, effect.execution_id, effect.executor_id, effect.time_ms});
        for (CascadeEntry& inner : effect.cascade) cause.cascade.push_back(std::move(inner));
        cause.time_ms = std::max(cause.time_ms, effect.time_ms);
        gone[e] = true;
        moved = true;
      }
    }
  }
  std::vector<Finding> kept;
  for (size_t i = 0; i < findings->size(); ++i)
    if (!gone[i]) kept.push_back(std::move((*findings)[i]));
  *findings = std::move(kept);
}

}  // namespace

int SeverityOrder(const std::string& s) { return s == "high" ? 3 : s == "medium" ? 2 : s == "low" ? 1 : 0; }

void RankFindings(std::vector<Finding>* findings, const ClusterPrice& price) {
  Deduplicate(findings);
  FoldCascades(findings);
  for (Finding& f : *findings) {
    f.usd.reset();
    f.usd_missing.clear();
    if (price.usd_per_hour) f.usd = std::round(f.time_ms / 3600000.0 * *price.usd_per_hour * 100) / 100;
    else f.usd_missing = price.missing;
  }
  std::stable_sort(findings->begin(), findings->end(), [](const Finding& a, const Finding& b) {
    if (a.time_ms != b.time_ms) return a.time_ms > b.time_ms;
    if (SeverityOrder(a.severity) != SeverityOrder(b.severity)) return SeverityOrder(a.severity) > SeverityOrder(b.severity);
    return std::tie(a.rule, a.stage_id, a.execution_id) < std::tie(b.rule, b.stage_id, b.execution_id);
  });
  for (size_t i = 0; i < findings->size(); ++i) (*findings)[i].rank = static_cast<int>(i) + 1;
}

}  // namespace clusop
