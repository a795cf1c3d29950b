#include "engine/engine_names.hpp"

namespace clusop {
namespace {

struct NameMapping {
  const char* engine_name;
  const char* plan_name;
};

// RAPIDS' GpuOverrides names Spark's exec classes (spark-rapids docs/supported_ops.md); Gluten's
// native validation names Substrait relations (Gluten's SubstraitToVeloxPlanValidator). Names that
// only lose their "Exec" / "Rel" suffix are not listed.
const NameMapping kNames[] = {
    {"FileSourceScanExec", "Scan"},
    {"BatchScanExec", "BatchScan"},
    {"ShuffleExchangeExec", "Exchange"},
    {"DataWritingCommandExec", "Execute"},
    {"InMemoryTableScanExec", "InMemoryTableScan"},
    {"ArrowEvalPythonExec", "ArrowEvalPython"},
    {"ReadRel", "Scan"},
    {"AggregateRel", "HashAggregate"},
    {"FetchRel", "GlobalLimit"},
    {"JoinRel", "ShuffledHashJoin"},
    {"CrossRel", "BroadcastNestedLoopJoin"},
    {"SetRel", "Union"},
    {"WriteRel", "WriteFiles"},
};

}  // namespace

std::string_view MappedOperatorName(std::string_view engine_name) {
  for (const NameMapping& m : kNames)
    if (engine_name == m.engine_name) return m.plan_name;
  return {};
}

}  // namespace clusop
