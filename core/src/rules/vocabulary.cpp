#include "rules/vocabulary.hpp"

#include <cmath>

namespace clusop::rules {
namespace {

#define CLUSOP_KPI_DEF(name, unit, meaning) {#name, unit, meaning},
#define CLUSOP_TEXT_NAME(name) #name,
const std::vector<KpiDef> kKpis[kScopeCount] = {
    {CLUSOP_APPLICATION_KPIS(CLUSOP_KPI_DEF)}, {CLUSOP_STAGE_KPIS(CLUSOP_KPI_DEF)},
    {CLUSOP_SQL_EXECUTION_KPIS(CLUSOP_KPI_DEF)}, {CLUSOP_JOIN_KPIS(CLUSOP_KPI_DEF)},
    {CLUSOP_EXECUTOR_KPIS(CLUSOP_KPI_DEF)}};
const std::vector<std::string_view> kTexts[kScopeCount] = {
    {CLUSOP_APPLICATION_TEXTS(CLUSOP_TEXT_NAME)}, {CLUSOP_STAGE_TEXTS(CLUSOP_TEXT_NAME)},
    {CLUSOP_SQL_EXECUTION_TEXTS(CLUSOP_TEXT_NAME)}, {CLUSOP_JOIN_TEXTS(CLUSOP_TEXT_NAME)},
    {CLUSOP_EXECUTOR_TEXTS(CLUSOP_TEXT_NAME)}};
#undef CLUSOP_KPI_DEF
#undef CLUSOP_TEXT_NAME

const char* const kScopeNames[kScopeCount] = {"application", "stage", "sql_execution", "join", "executor"};

}  // namespace

const char* ScopeName(Scope scope) { return kScopeNames[static_cast<int>(scope)]; }

bool ParseScope(std::string_view name, Scope* out) {
  for (int i = 0; i < kScopeCount; ++i)
    if (name == kScopeNames[i]) {
      *out = static_cast<Scope>(i);
      return true;
    }
  return false;
}

const std::vector<KpiDef>& Kpis(Scope scope) { return kKpis[static_cast<int>(scope)]; }
const std::vector<std::string_view>& Texts(Scope scope) { return kTexts[static_cast<int>(scope)]; }

int KpiIndex(Scope scope, std::string_view name) {
  const std::vector<KpiDef>& kpis = Kpis(scope);
  for (size_t i = 0; i < kpis.size(); ++i)
    if (name == kpis[i].name) return static_cast<int>(i);
  return -1;
}

int TextIndex(Scope scope, std::string_view name) {
  const std::vector<std::string_view>& texts = Texts(scope);
  for (size_t i = 0; i < texts.size(); ++i)
    if (name == texts[i]) return static_cast<int>(i);
  return -1;
}

FactRow EmptyRow(Scope scope) {
  FactRow row;
  row.values.assign(Kpis(scope).size(), std::nan(""));
  row.texts.resize(Texts(scope).size());
  return row;
}

}  // namespace clusop::rules
