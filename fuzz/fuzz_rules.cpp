// libFuzzer target: the input bytes as a user's rules file. It is parsed beside the built-in
// rules, every rule runs over one row of each scope (values from the input's length, some
// unknown), the findings are ranked and written: no crash, no hang, a finding per rule at most
// per row, and every parse error names a line.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_checks.hpp"
#include "rank/finding_json.hpp"
#include "rank/rank.hpp"
#include "report/json_writer.hpp"
#include "rules/evaluate.hpp"
#include "rules/rule_set.hpp"

namespace {

clusop::rules::FactRow Row(clusop::rules::Scope scope, size_t seed) {
  clusop::rules::FactRow row = clusop::rules::EmptyRow(scope);
  for (size_t i = 0; i < row.values.size(); ++i)
    row.values[i] = (i + seed) % 7 == 0 ? std::nan("") : static_cast<double>((i * 2654435761u + seed) % 100000);
  for (std::string& t : row.texts) t = "t";
  row.stage_id = 1;
  row.execution_id = 2;
  return row;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace clusop::rules;
  RuleOptions options;
  options.user_rules.assign(reinterpret_cast<const char*>(data), size);
  const auto set = CompileRules(options);
  for (const clusop::RuleError& e : set->errors)
    CLUSOP_FUZZ_REQUIRE(e.line > 0 && e.message.find("line ") != std::string::npos, "a parse error names its line");
  RuleFacts facts;
  facts.application = Row(Scope::kApplication, size);
  for (Scope scope : {Scope::kStage, Scope::kSqlExecution, Scope::kJoin, Scope::kExecutor})
    facts.rows[static_cast<int>(scope)].push_back(Row(scope, size + static_cast<size_t>(scope)));
  std::vector<clusop::Finding> findings = Evaluate(*set, facts);
  CLUSOP_FUZZ_REQUIRE(findings.size() <= set->rules.size(), "at most one finding per rule and row");
  clusop::RankFindings(&findings, clusop::ClusterPrice{});
  clusop::JsonWriter w;
  clusop::WriteRecommendations(&w, findings);
  return 0;
}
