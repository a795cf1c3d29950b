#pragma once
// One recommendation as the contract writes it (README, "recommendations"): what a rule found
// on one stage, SQL execution, executor or the application, with its evidence, saving,
// confidence and change. Rules produce them (rules/), rank/ prices, merges and orders them.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clusop {

struct Evidence {
  std::string kpi;                   // a KPI name or the expression measured
  double value = 0;
  std::string op;                    // ">", "<=", ... or "is" for a condition without a threshold
  std::optional<double> threshold;
};

struct CascadeEntry {
  std::string rule;
  int64_t stage_id = -1;
  int64_t execution_id = -1;
  std::string executor_id;
  double time_ms = 0;
};

struct Finding {
  int rank = 0;
  std::string rule;
  std::string scope;                 // application | job | stage | sql_execution | executor
  int64_t stage_id = -1, stage_attempt = -1, execution_id = -1, job_id = -1;
  std::string executor_id;
  std::string severity = "low";      // high | medium | low
  std::string title;
  std::vector<Evidence> evidence;
  double time_ms = 0;
  std::optional<double> usd;
  std::vector<std::string> usd_missing;
  std::string method;
  std::string confidence = "MEDIUM"; // HIGH | MEDIUM | LOW
  std::vector<std::string> reasons;
  std::string advice;
  std::string change_kind;           // spark_conf | code
  std::string change_text;
  std::vector<std::pair<std::string, std::string>> conf;
  std::string code_location;
  // The texts of the thing found (a join's small_side and strategy, an execution's description,
  // a stage's name...): what a refactorer needs to find it in code. Empty texts are left out.
  std::vector<std::pair<std::string, std::string>> subject;
  std::vector<CascadeEntry> cascade;
  // Not written: how merging finds the root cause.
  std::vector<std::string> causes;   // rules whose findings on the same thing are this one's cascade
  int64_t parent_execution = -1;     // a stage's SQL execution
};

struct RuleError {
  std::string rule;                  // empty: not about one rule
  int line = -1;                     // -1: no line (an override, a mute)
  std::string message;
};

int SeverityOrder(const std::string& severity);  // high 3, medium 2, low 1, else 0

}  // namespace clusop
