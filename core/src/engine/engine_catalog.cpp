#include "engine/engine_catalog.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include "common/text.hpp"

namespace clusop {
namespace {

enum class Match : uint8_t { kExact, kPrefix, kSuffix };

struct CatalogEntry {
  Match match;
  const char* pattern;
  Engine engine;
  Role role;
  CauseHint cause = CauseHint::kNone;
  bool negligible = false;
  bool starts_subplan = false;
  bool contextual = false;
};

using E = Engine;
using R = Role;
using C = CauseHint;

// Exact names first win over prefixes and suffixes; among those the longest pattern wins.
const CatalogEntry kCatalog[] = {
    // ---- vanilla Spark operators (run on the JVM) ----
    {Match::kExact, "Project", E::kSpark, R::kJvm},
    {Match::kExact, "Filter", E::kSpark, R::kJvm},
    {Match::kExact, "HashAggregate", E::kSpark, R::kJvm},
    {Match::kExact, "SortAggregate", E::kSpark, R::kJvm},
    {Match::kExact, "ObjectHashAggregate", E::kSpark, R::kJvm},
    {Match::kExact, "MergingSessions", E::kSpark, R::kJvm},
    {Match::kExact, "UpdatingSessions", E::kSpark, R::kJvm},
    {Match::kExact, "Exchange", E::kSpark, R::kJvm},
    {Match::kExact, "ShuffleExchange", E::kSpark, R::kJvm},
    {Match::kExact, "BroadcastExchange", E::kSpark, R::kJvm},
    {Match::kExact, "BroadcastHashJoin", E::kSpark, R::kJvm},
    {Match::kExact, "ShuffledHashJoin", E::kSpark, R::kJvm},
    {Match::kExact, "SortMergeJoin", E::kSpark, R::kJvm},
    {Match::kExact, "BroadcastNestedLoopJoin", E::kSpark, R::kJvm},
    {Match::kExact, "CartesianProduct", E::kSpark, R::kJvm},
    {Match::kExact, "Sort", E::kSpark, R::kJvm},
    {Match::kExact, "TakeOrderedAndProject", E::kSpark, R::kJvm},
    {Match::kExact, "CollectLimit", E::kSpark, R::kJvm},
    {Match::kExact, "CollectTail", E::kSpark, R::kJvm},
    {Match::kExact, "GlobalLimit", E::kSpark, R::kJvm},
    {Match::kExact, "LocalLimit", E::kSpark, R::kJvm},
    {Match::kExact, "Window", E::kSpark, R::kJvm},
    {Match::kExact, "WindowGroupLimit", E::kSpark, R::kJvm},
    {Match::kExact, "Union", E::kSpark, R::kJvm},
    {Match::kExact, "Expand", E::kSpark, R::kJvm},
    {Match::kExact, "Generate", E::kSpark, R::kJvm},
    {Match::kExact, "Range", E::kSpark, R::kJvm},
    {Match::kExact, "Sample", E::kSpark, R::kJvm},
    {Match::kExact, "Coalesce", E::kSpark, R::kJvm},
    {Match::kExact, "CollectMetrics", E::kSpark, R::kJvm},
    {Match::kExact, "WriteFiles", E::kSpark, R::kJvm},
    {Match::kExact, "EventTimeWatermark", E::kSpark, R::kJvm},
    {Match::kExact, "StateStoreRestore", E::kSpark, R::kJvm},
    {Match::kExact, "StateStoreSave", E::kSpark, R::kJvm},
    {Match::kExact, "StreamingSymmetricHashJoin", E::kSpark, R::kJvm},
    {Match::kExact, "StreamingDeduplicate", E::kSpark, R::kJvm},
    {Match::kExact, "LocalTableScan", E::kSpark, R::kJvm, C::kNone, /*negligible=*/true},
    {Match::kExact, "Scan OneRowRelation", E::kSpark, R::kJvm, C::kNone, /*negligible=*/true},
    {Match::kExact, "Scan ExistingRDD", E::kSpark, R::kJvm, C::kDatasetApi},
    {Match::kExact, "Scan ExternalRDD", E::kSpark, R::kJvm, C::kDatasetApi},
    {Match::kExact, "Scan ExternalRDDScan", E::kSpark, R::kJvm, C::kDatasetApi},
    {Match::kSuffix, "Scan", E::kSpark, R::kJvm},  // Scan parquet, FileScan csv, BatchScan, HiveTableScan ...
    // Python: row UDFs and Arrow (pandas) UDFs run in Python workers, always off the native engine
    {Match::kExact, "BatchEvalPython", E::kSpark, R::kJvm, C::kPythonUdf},
    {Match::kExact, "BatchEvalPythonUDTF", E::kSpark, R::kJvm, C::kPythonUdf},
    {Match::kExact, "ArrowEvalPython", E::kSpark, R::kJvm, C::kPandasUdf},
    {Match::kExact, "ArrowEvalPythonUDTF", E::kSpark, R::kJvm, C::kPandasUdf},
    {Match::kExact, "AggregateInPandas", E::kSpark, R::kJvm, C::kPandasUdf},
    {Match::kExact, "FlatMapGroupsInPandas", E::kSpark, R::kJvm, C::kPandasUdf},
    {Match::kExact, "FlatMapCoGroupsInPandas", E::kSpark, R::kJvm, C::kPandasUdf},
    {Match::kExact, "FlatMapGroupsInArrow", E::kSpark, R::kJvm, C::kPandasUdf},
    {Match::kExact, "MapInPandas", E::kSpark, R::kJvm, C::kPandasUdf},
    {Match::kExact, "MapInArrow", E::kSpark, R::kJvm, C::kPandasUdf},
    {Match::kExact, "PythonMapInArrow", E::kSpark, R::kJvm, C::kPandasUdf},
    {Match::kExact, "WindowInPandas", E::kSpark, R::kJvm, C::kPandasUdf},
    {Match::kExact, "ArrowWindowPython", E::kSpark, R::kJvm, C::kPandasUdf},
    // Typed Dataset / RDD operations: objects on the JVM
    {Match::kExact, "DeserializeToObject", E::kSpark, R::kJvm, C::kDatasetApi},
    {Match::kExact, "SerializeFromObject", E::kSpark, R::kJvm, C::kDatasetApi},
    {Match::kExact, "MapElements", E::kSpark, R::kJvm, C::kDatasetApi},
    {Match::kExact, "MapPartitions", E::kSpark, R::kJvm, C::kDatasetApi},
    {Match::kExact, "MapGroups", E::kSpark, R::kJvm, C::kDatasetApi},
    {Match::kExact, "FlatMapGroupsWithState", E::kSpark, R::kJvm, C::kDatasetApi},
    {Match::kExact, "CoGroup", E::kSpark, R::kJvm, C::kDatasetApi},
    {Match::kExact, "AppendColumns", E::kSpark, R::kJvm, C::kDatasetApi},
    {Match::kExact, "AppendColumnsWithObject", E::kSpark, R::kJvm, C::kDatasetApi},
    // ---- wrappers: no work of their own ----
    {Match::kExact, "AdaptiveSparkPlan", E::kSpark, R::kWrapper},
    {Match::kExact, "WholeStageCodegen", E::kSpark, R::kWrapper},
    {Match::kExact, "InputAdapter", E::kSpark, R::kWrapper},
    {Match::kExact, "ShuffleQueryStage", E::kSpark, R::kWrapper},
    {Match::kExact, "BroadcastQueryStage", E::kSpark, R::kWrapper},
    {Match::kExact, "ResultQueryStage", E::kSpark, R::kWrapper},
    {Match::kExact, "TableCacheQueryStage", E::kSpark, R::kWrapper},
    {Match::kExact, "AQEShuffleRead", E::kSpark, R::kWrapper},
    {Match::kExact, "CustomShuffleReader", E::kSpark, R::kWrapper},
    {Match::kExact, "ReusedExchange", E::kSpark, R::kWrapper},
    {Match::kExact, "ReusedSubquery", E::kSpark, R::kWrapper, C::kNone, false, /*starts_subplan=*/true},
    {Match::kExact, "Subquery", E::kSpark, R::kWrapper, C::kNone, false, true},
    {Match::kExact, "SubqueryBroadcast", E::kSpark, R::kWrapper, C::kNone, false, true},
    {Match::kExact, "SubqueryAdaptiveBroadcast", E::kSpark, R::kWrapper, C::kNone, false, true},
    // ---- transitions that depend on their neighbours ----
    {Match::kExact, "ColumnarToRow", E::kSpark, R::kToRows, C::kNone, false, false, /*contextual=*/true},
    {Match::kExact, "RowToColumnar", E::kSpark, R::kToColumnar, C::kNone, false, false, true},
    // ---- commands ----
    {Match::kPrefix, "Execute", E::kSpark, R::kCommand},
    {Match::kExact, "CommandResult", E::kSpark, R::kCommand},
    {Match::kSuffix, "Command", E::kSpark, R::kCommand},
    {Match::kExact, "AppendData", E::kSpark, R::kCommand},
    {Match::kExact, "OverwriteByExpression", E::kSpark, R::kCommand},
    {Match::kExact, "OverwritePartitionsDynamic", E::kSpark, R::kCommand},
    {Match::kExact, "WriteDelta", E::kSpark, R::kCommand},
    {Match::kExact, "ReplaceData", E::kSpark, R::kCommand},
    {Match::kExact, "AtomicCreateTableAsSelect", E::kSpark, R::kCommand},
    {Match::kExact, "AtomicReplaceTableAsSelect", E::kSpark, R::kCommand},
    // DataSource V2 commands (Spark's V2CommandExec subclasses print their name without "Exec";
    // Delta's catalog runs CREATE/REPLACE TABLE through them): leaves, no query below.
    {Match::kExact, "CreateTable", E::kSpark, R::kCommand},
    {Match::kExact, "CreateTableAsSelect", E::kSpark, R::kCommand},
    {Match::kExact, "ReplaceTable", E::kSpark, R::kCommand},
    {Match::kExact, "AtomicReplaceTable", E::kSpark, R::kCommand},
    {Match::kExact, "ReplaceTableAsSelect", E::kSpark, R::kCommand},
    {Match::kExact, "DropTable", E::kSpark, R::kCommand},
    {Match::kExact, "RenameTable", E::kSpark, R::kCommand},
    {Match::kExact, "AlterTable", E::kSpark, R::kCommand},
    {Match::kExact, "TruncateTable", E::kSpark, R::kCommand},
    {Match::kExact, "DeleteFromTable", E::kSpark, R::kCommand},
    {Match::kExact, "RefreshTable", E::kSpark, R::kCommand},
    {Match::kExact, "CreateNamespace", E::kSpark, R::kCommand},
    {Match::kExact, "DropNamespace", E::kSpark, R::kCommand},
    {Match::kExact, "SetCatalogAndNamespace", E::kSpark, R::kCommand},
    {Match::kExact, "SetNamespaceProperties", E::kSpark, R::kCommand},
    {Match::kExact, "SetNamespaceLocation", E::kSpark, R::kCommand},
    {Match::kExact, "ShowTables", E::kSpark, R::kCommand},
    {Match::kExact, "ShowTablesExtended", E::kSpark, R::kCommand},
    {Match::kExact, "ShowNamespaces", E::kSpark, R::kCommand},
    {Match::kExact, "ShowCatalogs", E::kSpark, R::kCommand},
    {Match::kExact, "ShowCurrentNamespace", E::kSpark, R::kCommand},
    {Match::kExact, "ShowCreateTable", E::kSpark, R::kCommand},
    {Match::kExact, "ShowTableProperties", E::kSpark, R::kCommand},
    {Match::kExact, "ShowPartitions", E::kSpark, R::kCommand},
    {Match::kExact, "ShowFunctions", E::kSpark, R::kCommand},
    {Match::kExact, "ShowColumns", E::kSpark, R::kCommand},
    {Match::kExact, "DescribeTable", E::kSpark, R::kCommand},
    {Match::kExact, "DescribeNamespace", E::kSpark, R::kCommand},
    {Match::kExact, "DescribeColumn", E::kSpark, R::kCommand},
    {Match::kExact, "AddPartition", E::kSpark, R::kCommand},
    {Match::kExact, "DropPartition", E::kSpark, R::kCommand},
    {Match::kExact, "RenamePartition", E::kSpark, R::kCommand},
    {Match::kExact, "CacheTable", E::kSpark, R::kCommand},
    {Match::kExact, "CacheTableAsSelect", E::kSpark, R::kCommand},
    {Match::kExact, "UncacheTable", E::kSpark, R::kCommand},

    // ---- Databricks Photon ----
    {Match::kPrefix, "Photon", E::kPhoton, R::kNative},  // unknown Photon* names count as native
    {Match::kExact, "PhotonResultStage", E::kPhoton, R::kWrapper},
    {Match::kExact, "PhotonShuffleMapStage", E::kPhoton, R::kWrapper},
    {Match::kExact, "PhotonUnionShuffleMapStage", E::kPhoton, R::kWrapper},
    {Match::kExact, "PhotonWriteStage", E::kPhoton, R::kWrapper},
    {Match::kExact, "PhotonAdapter", E::kPhoton, R::kWrapper},
    {Match::kExact, "PhotonSubqueryBroadcast", E::kPhoton, R::kWrapper, C::kNone, false, true},
    {Match::kExact, "PhotonColumnarToRow", E::kPhoton, R::kToRows},
    {Match::kExact, "PhotonRowToColumnar", E::kPhoton, R::kToColumnar},

    // ---- Apache DataFusion Comet ----
    {Match::kPrefix, "Comet", E::kComet, R::kNative},
    {Match::kExact, "CometColumnarToRow", E::kComet, R::kToRows},
    {Match::kExact, "CometNativeColumnarToRow", E::kComet, R::kToRows},
    {Match::kExact, "CometSparkRowToColumnar", E::kComet, R::kToColumnar},
    {Match::kExact, "CometSparkColumnarToColumnar", E::kComet, R::kToColumnar},
    {Match::kExact, "CometSparkToColumnar", E::kComet, R::kToColumnar},
    {Match::kExact, "CometSubqueryBroadcast", E::kComet, R::kWrapper, C::kNone, false, true},

    // ---- Apache Gluten (Velox, ClickHouse) ----
    {Match::kSuffix, "Transformer", E::kGluten, R::kNative},
    {Match::kExact, "InputIteratorTransformer", E::kGluten, R::kWrapper},
    {Match::kExact, "WholeStageCodegenTransformer", E::kGluten, R::kWrapper},
    {Match::kPrefix, "Velox", E::kGluten, R::kNative},
    {Match::kPrefix, "CHNative", E::kGluten, R::kNative},
    {Match::kExact, "ColumnarExchange", E::kGluten, R::kNative},
    {Match::kExact, "ColumnarBroadcastExchange", E::kGluten, R::kNative},
    {Match::kExact, "ColumnarSubqueryBroadcast", E::kGluten, R::kWrapper, C::kNone, false, true},
    {Match::kExact, "ColumnarArrowEvalPython", E::kGluten, R::kNative},
    {Match::kExact, "ColumnarCollectLimit", E::kGluten, R::kNative},
    {Match::kExact, "ColumnarUnion", E::kGluten, R::kNative},
    {Match::kExact, "ColumnarRange", E::kGluten, R::kNative},
    {Match::kExact, "NativeFileScan", E::kGluten, R::kNative},
    {Match::kExact, "VeloxColumnarToRow", E::kGluten, R::kToRows},
    {Match::kExact, "VeloxColumnarToRowExec", E::kGluten, R::kToRows},
    {Match::kExact, "CHNativeColumnarToRow", E::kGluten, R::kToRows},
    {Match::kExact, "RowToVeloxColumnar", E::kGluten, R::kToColumnar},
    {Match::kExact, "RowToArrowColumnar", E::kGluten, R::kToColumnar},
    {Match::kExact, "GlutenRowToArrowColumnar", E::kGluten, R::kToColumnar},
    {Match::kExact, "RowToCHNativeColumnar", E::kGluten, R::kToColumnar},

    // ---- NVIDIA RAPIDS ----
    {Match::kPrefix, "Gpu", E::kRapids, R::kNative},
    {Match::kExact, "GpuColumnarToRow", E::kRapids, R::kToRows},
    {Match::kExact, "GpuRowToColumnar", E::kRapids, R::kToColumnar},
    {Match::kExact, "GpuSubqueryBroadcast", E::kRapids, R::kWrapper, C::kNone, false, true},
};

OperatorInfo ToInfo(const CatalogEntry& entry) {
  OperatorInfo info;
  info.role = entry.role;
  info.engine = entry.engine;
  info.cause = entry.cause;
  info.known = true;
  info.negligible = entry.negligible;
  info.starts_subplan = entry.starts_subplan;
  info.contextual = entry.contextual;
  return info;
}

// Exact names in a hash index; prefix and suffix patterns (a dozen) in a short list.
struct CatalogIndex {
  std::unordered_map<std::string_view, const CatalogEntry*> exact;
  struct Pattern {
    std::string_view text;
    const CatalogEntry* entry;
    size_t score;  // an engine's own pattern beats Spark's generic ones ("GpuScan" is RAPIDS)
  };
  std::vector<Pattern> patterns;

  CatalogIndex() {
    for (const CatalogEntry& entry : kCatalog) {
      if (entry.match == Match::kExact) {
        exact.emplace(entry.pattern, &entry);
      } else {
        const std::string_view text(entry.pattern);
        patterns.push_back({text, &entry, text.size() + (entry.engine == Engine::kSpark ? 0 : 1000)});
      }
    }
  }
};

const CatalogIndex& Index() {
  static const CatalogIndex* index = new CatalogIndex();
  return *index;
}

}  // namespace

// Commands Spark runs through DataWritingCommandExec: the tree below them is the physical query
// whose rows they write. Every other "Execute <command>" is an ExecutedCommandExec, a leaf whose
// printed children are the command's logical plan (e.g. a Delta command's source query): not work
// the engine could run.
const char* const kDataWritingCommands[] = {
    "InsertIntoHadoopFsRelationCommand", "CreateDataSourceTableAsSelectCommand", "InsertIntoHiveTable",
    "CreateHiveTableAsSelectCommand", "OptimizedCreateHiveTableAsSelectCommand", "InsertIntoHiveDirCommand",
    "InsertIntoDataSourceDirCommand",
};

bool CommandRunsPhysicalChild(std::string_view execute_node_name) {
  if (!text::StartsWith(execute_node_name, "Execute ")) return true;
  const std::string_view command = text::LeadingIdentifier(text::TrimLeft(execute_node_name.substr(8)));
  for (const char* name : kDataWritingCommands)
    if (command == name) return true;
  return false;
}

OperatorInfo LookupOperator(std::string_view name) {
  const CatalogIndex& index = Index();
  if (auto it = index.exact.find(name); it != index.exact.end()) return ToInfo(*it->second);
  const std::string_view token = text::LeadingIdentifier(name);
  if (token != name)
    if (auto it = index.exact.find(token); it != index.exact.end()) return ToInfo(*it->second);
  const CatalogEntry* best = nullptr;
  size_t best_score = 0;
  for (const CatalogIndex::Pattern& p : index.patterns) {
    const bool hit = p.entry->match == Match::kPrefix ? text::StartsWith(name, p.text) : text::EndsWith(token, p.text);
    if (hit && p.score > best_score) {
      best = p.entry;
      best_score = p.score;
    }
  }
  if (best) return ToInfo(*best);
  return OperatorInfo{};  // unknown: treated as a JVM operator, lowers parse confidence
}

}  // namespace clusop
