#include "engine/engine_support.hpp"

#include <string>
#include <unordered_map>

#include "common/text.hpp"

namespace clusop {
namespace {

// ---- Apache DataFusion Comet ----------------------------------------------------------------
// Operators: docs/source/user-guide/latest/operators.md of apache/datafusion-comet (commit
// 00423f3). Native = "Supported" and enabled by default. Operators that page lists as disabled by
// default (LocalTableScan, writes), planned (InMemoryTableScan, SortAggregate) or not planned
// (CartesianProduct, Range, BatchEvalPython) are never native. WindowGroupLimit and Sample are
// native only after the releases whose plans we read: Comet 0.12.0 (tests/golden/plans) and
// Comet's own approved plans at 2699f59 print "WindowGroupLimit is not supported" and run Sample
// on the JVM, so this table describes those releases.
constexpr const char* kCometNativeOperators[] = {
    "Project", "Filter", "Sort", "GlobalLimit", "LocalLimit", "CollectLimit", "TakeOrderedAndProject",
    "HashAggregate", "ObjectHashAggregate", "BroadcastHashJoin", "ShuffledHashJoin", "SortMergeJoin",
    "BroadcastNestedLoopJoin", "Exchange", "ShuffleExchange", "BroadcastExchange", "Window", "Expand",
    "Union", "Coalesce", "Generate",
};
// Forms of native operators Comet does not run, from Comet's own reasons in its approved plans
// (approved-plans-v1_4/q10 at 2699f59: "Unsupported join type ExistenceJoin(exists#1)").
struct OperatorForm {
  const char* spark_operator;
  const char* text;
};
constexpr OperatorForm kCometNeverNativeForms[] = {
    {"BroadcastHashJoin", "ExistenceJoin("},
    {"ShuffledHashJoin", "ExistenceJoin("},
    {"SortMergeJoin", "ExistenceJoin("},
};
// Scans: Parquet (FileSourceScanExec, BatchScanExec incl. Iceberg Parquet) only.
constexpr const char* kCometNativeScanFormats[] = {"parquet", "iceberg"};

// Functions: docs/source/user-guide/latest/expressions.md of apache/datafusion-comet (commit
// 0092d33), by the name Spark prints for each listed expression class. "Spark-Compatible? No"
// entries fall back unless spark.comet.expression.<Name>.allowIncompatible=true.
constexpr const char* kCometFunctions[] = {
    // conditional, predicates
    "if", "isnotnull", "isnull", "not", "in", "like", "and", "or",
    // strings
    "ascii", "bit_length", "chr", "char", "concat", "concat_ws", "contains", "endswith", "length",
    "char_length", "character_length", "octet_length", "reverse", "startswith", "instr", "repeat", "replace",
    "lpad", "rpad", "space", "translate", "trim", "btrim", "ltrim", "rtrim", "substring", "substr",
    // date/time
    "date_add", "datediff", "date_sub", "date_part", "days", "extract", "last_day", "trunc",
    "unix_date", "unix_timestamp", "year", "month", "day", "dayofmonth", "dayofweek", "weekday", "dayofyear",
    "weekofyear", "quarter",
    // math
    "abs", "acos", "asin", "atan", "atan2", "bround", "ceil", "ceiling", "cos", "cosh", "cot", "exp", "expm1",
    "floor", "hex", "div", "isnan", "ln", "log", "log2", "log10", "power", "pow", "rand", "randn", "round",
    "signum", "sign", "sin", "sinh", "sqrt", "tan", "tanh",
    "negative", "unhex",
    // hashing, bitwise
    "md5", "hash", "sha1", "sha", "sha2", "xxhash64", "bit_count", "bit_get", "getbit", "shiftleft",
    "shiftright",
    // aggregates
    "avg", "mean", "bit_and", "bit_or", "bit_xor", "bool_and", "every", "bool_or", "some", "any", "corr",
    "count", "covar_pop", "covar_samp", "max", "min", "stddev_pop", "stddev_samp", "stddev", "std", "sum",
    "var_pop", "var_samp", "variance",
    // arrays, maps, structs
    "array_append", "array_contains", "array_distinct", "array_max", "array_min", "array_remove",
    "array_union", "array", "flatten", "map_keys", "map_entries", "map_values",
    "map_from_arrays", "named_struct", "struct",
    // generators run by Comet's native GenerateExec (operators.md)
    "explode", "explode_outer", "posexplode", "posexplode_outer",
    // conversion and other
    // bloom_filter_agg: the aggregate Comet's ObjectHashAggregateExec runs (operators.md)
    "bloom_filter_agg",
    "cast", "coalesce", "monotonically_increasing_id", "spark_partition_id", "might_contain",
    // CharVarcharCodegenUtils.readSidePadding: runs inside CometProject in Comet's approved plans
    "static_invoke", "staticinvoke",
};
// Incompatible ("Spark-Compatible? No") and partly supported ones (the notes limit their inputs or
// patterns: date_format "only specific format patterns", left "length
// must be a literal", try_* "only integer inputs", filter "only IsNotNull", element_at "arrays only"):
// in an operator that fell back, each is a suspect. Comet 0.12.0 itself reports "date_format is not
// supported" for 'yyyy-MM-dd HH:mm' (tests/golden/plans/comet/datetime.comet_extended.txt).
constexpr const char* kCometIncompatibleFunctions[] = {
    "date_format", "left", "try_add", "try_divide", "try_multiply", "try_subtract", "filter",
    "element_at",
    "initcap", "lower", "upper", "rlike", "regexp", "regexp_like", "get_json_object", "from_unixtime", "hour",
    "minute", "second", "date_trunc", "collect_set", "first", "first_value", "last", "last_value",
    "array_compact", "array_except", "array_insert", "array_intersect", "array_join", "array_repeat",
    "arrays_overlap", "from_json", "to_json", "regexp_replace",
};

// Printed with "(" but not functions: window and partitioning syntax, data types, planner wrappers.
constexpr const char* kPlanSyntaxCalls[] = {
    "windowspecdefinition", "specifiedwindowframe", "unboundedpreceding$", "unboundedfollowing$", "currentrow$",
    "hashpartitioning", "rangepartitioning", "roundrobinpartitioning", "singlepartition", "dynamicpruningexpression",
    "knownfloatingpointnormalized", "normalizenanandzero", "promote_precision", "checkoverflow", "unscaledvalue",
    "makedecimal", "decimal", "varchar", "function", "input",
};

struct FunctionTable {
  std::unordered_map<std::string_view, FunctionSupport> names;
  FunctionTable() {
    for (const char* name : kCometFunctions) names.emplace(name, FunctionSupport::kSupported);
    for (const char* name : kCometIncompatibleFunctions) names.emplace(name, FunctionSupport::kIncompatible);
  }
};

const FunctionTable& CometFunctions() {
  static const FunctionTable* table = new FunctionTable();
  return *table;
}

bool IsScan(std::string_view name) {
  return text::StartsWith(name, "Scan ") || text::StartsWith(name, "FileScan ") ||
         text::StartsWith(name, "BatchScan") || text::EndsWith(text::LeadingIdentifier(name), "Scan");
}

}  // namespace

OperatorSupport SparkOperatorSupport(Engine engine, std::string_view spark_operator, std::string_view node_text) {
  if (engine != Engine::kComet) return OperatorSupport::kUnknown;
  const std::string_view op = text::LeadingIdentifier(spark_operator);
  for (const OperatorForm& form : kCometNeverNativeForms)
    if (op == form.spark_operator && node_text.find(form.text) != std::string_view::npos)
      return OperatorSupport::kNeverNative;
  for (const char* native : kCometNativeOperators)
    if (op == native) return OperatorSupport::kNative;
  if (IsScan(spark_operator) && op != "LocalTableScan" && op != "InMemoryTableScan")
    for (const char* format : kCometNativeScanFormats)
      if (text::ContainsIgnoreCase(spark_operator, format)) return OperatorSupport::kNative;
  return OperatorSupport::kNeverNative;
}

FunctionSupport EngineFunctionSupport(Engine engine, std::string_view function) {
  if (engine != Engine::kComet) return FunctionSupport::kUnknown;
  const auto& names = CometFunctions().names;
  if (auto it = names.find(function); it != names.end()) return it->second;
  return FunctionSupport::kUnlisted;
}

bool IsPlanSyntaxCall(std::string_view lower_name) {
  for (const char* name : kPlanSyntaxCalls)
    if (lower_name == name) return true;
  return false;
}

}  // namespace clusop
