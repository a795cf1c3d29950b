#include "report/vocabulary.hpp"

#include "confidence/confidence.hpp"
#include "price/waste_model.hpp"
#include "report/json_writer.hpp"

namespace clusop::vocabulary {
namespace {

struct Words {
  const char* code;
  const char* words;
};

// Price inputs the waste model names when it cannot price (price/waste_model.cpp, cluster_rate.cpp).
constexpr Words kMissing[] = {
    {"native_engine", "vanilla Spark has no native engine to fall back from"},
    {"node_type", "no worker node type"},
    {"driver_node_type", "no driver node type"},
    {"workers", "no worker count"},
    {"runtime_seconds", "no runtime"},
    {"runs_per_day", "no runs per day"},
    {"usd_per_dbu", "no $/DBU for this cloud, SKU and tier"},
    {"photon_multiplier", "no Photon multiplier for this cloud and SKU"},
    {"vm_usd_per_hour", "no VM price for this node type"},
    {"dbu_per_hour", "the node type is not in the price table"},
    {"price_table", "no price table"},
};

// The SKUs of pricing/price_table.json.
constexpr Words kSku[] = {
    {"jobs", "Jobs Compute"},
    {"jobs_light", "Jobs Light Compute"},
    {"all_purpose", "All-Purpose Compute"},
    {"dlt_core", "DLT Core"},
    {"dlt_pro", "DLT Pro"},
    {"dlt_advanced", "DLT Advanced"},
    {"sql_classic", "SQL Classic"},
    {"sql_pro", "SQL Pro"},
    {"sql_serverless", "SQL Serverless"},
    {"jobs_serverless", "Jobs Serverless"},
    {"all_purpose_serverless", "All-Purpose Serverless"},
};

constexpr VerdictKind kVerdicts[] = {VerdictKind::kNone, VerdictKind::kFixFallback, VerdictKind::kDisablePhoton};
constexpr Cause kCauses[] = {Cause::kNone, Cause::kPythonUdf, Cause::kPandasUdf, Cause::kScalaUdf,
                             Cause::kUnsupportedExpression, Cause::kUnsupportedOperator, Cause::kDatasetApi,
                             Cause::kRowToColumnarRoundtrip, Cause::kWholePlanJvm};
constexpr Role kRoles[] = {Role::kNative, Role::kJvm, Role::kToRows, Role::kToColumnar, Role::kWrapper, Role::kCommand};
constexpr Engine kEngines[] = {Engine::kPhoton, Engine::kComet, Engine::kGluten, Engine::kRapids, Engine::kSpark};
constexpr WeightBasis kBases[] = {WeightBasis::kNone, WeightBasis::kTimeMetrics, WeightBasis::kNodeCount};
const char* const kMeasures[] = {"photon_premium", "off_engine_spend", "none"};

template <typename T, size_t N, typename Code, typename Text>
void Table(JsonWriter& w, const char* key, const T (&values)[N], Code code, Text text) {
  w.Key(key).BeginObject();
  for (const T& v : values) w.Key(code(v)).String(text(v));
  w.EndObject();
}

template <size_t N>
void Table(JsonWriter& w, const char* key, const Words (&rows)[N]) {
  w.Key(key).BeginObject();
  for (const Words& r : rows) w.Key(r.code).String(r.words);
  w.EndObject();
}

}  // namespace

const char* VerdictWords(VerdictKind kind) {
  switch (kind) {
    case VerdictKind::kFixFallback: return "Fix the fallback";
    case VerdictKind::kDisablePhoton: return "Turn Photon off for this job";
    case VerdictKind::kNone: break;
  }
  return "No fallback: nothing to fix";
}

const char* CauseWords(Cause cause) {
  switch (cause) {
    case Cause::kPythonUdf: return "Python UDF";
    case Cause::kPandasUdf: return "pandas UDF";
    case Cause::kScalaUdf: return "Scala/Java UDF";
    case Cause::kUnsupportedExpression: return "an expression the engine does not support";
    case Cause::kUnsupportedOperator: return "an operator the engine does not support";
    case Cause::kDatasetApi: return "Dataset/RDD API (typed objects)";
    case Cause::kRowToColumnarRoundtrip: return "a round trip through rows";
    case Cause::kWholePlanJvm: return "the whole plan runs on the JVM";
    case Cause::kNone: break;
  }
  return "none";
}

const char* RoleWords(Role role) {
  switch (role) {
    case Role::kNative: return "native: runs on the engine";
    case Role::kJvm: return "JVM: Spark's own row-based operator";
    case Role::kToRows: return "transition: native columnar to JVM rows";
    case Role::kToColumnar: return "transition: JVM rows to native columnar";
    case Role::kWrapper: return "wrapper: a stage or plan marker, no work of its own";
    case Role::kCommand: break;
  }
  return "command: a write or DDL around the query";
}

const char* RoleBadge(Role role) {
  switch (role) {
    case Role::kNative: return "NATIVE";
    case Role::kJvm: return "JVM";
    case Role::kToRows: return "TO ROWS";
    case Role::kToColumnar: return "TO COLUMNAR";
    case Role::kWrapper: return "WRAPPER";
    case Role::kCommand: break;
  }
  return "COMMAND";
}

const char* EngineWords(Engine engine) {
  switch (engine) {
    case Engine::kPhoton: return "Databricks Photon";
    case Engine::kComet: return "Apache DataFusion Comet";
    case Engine::kGluten: return "Apache Gluten (Velox)";
    case Engine::kRapids: return "NVIDIA RAPIDS";
    case Engine::kSpark: break;
  }
  return "vanilla Spark (no native engine)";
}

const char* WeightBasisWords(WeightBasis basis) {
  switch (basis) {
    case WeightBasis::kTimeMetrics: return "time metrics";
    case WeightBasis::kNodeCount: return "operator count";
    case WeightBasis::kNone: break;
  }
  return "no work to weigh";
}

std::string MissingWords(std::string_view missing) {
  const size_t end = missing.find(' ');
  const std::string_view code = missing.substr(0, end);
  for (const Words& r : kMissing)
    if (code == r.code) return end == std::string_view::npos ? r.words : std::string(r.words) + " (" + std::string(missing.substr(end + 1)) + ")";
  return std::string(missing);
}

std::string VocabularyJson(int indent) {
  JsonWriter w(indent);
  w.BeginObject();
  w.Key("schema").String("clusop.vocabulary/1");
  Table(w, "verdict", kVerdicts, VerdictName, VerdictWords);
  Table(w, "cause", kCauses, CauseName, CauseWords);
  Table(w, "role", kRoles, RoleName, RoleWords);
  Table(w, "role_badge", kRoles, RoleName, RoleBadge);
  Table(w, "engine", kEngines, EngineName, EngineWords);
  Table(w, "weight_basis", kBases, WeightBasisName, WeightBasisWords);
  Table(w, "missing", kMissing);
  Table(w, "sku", kSku);
  Table(w, "waste_measure", kMeasures, [](const char* m) { return m; },
        [](const char* m) { return WasteMeasureLabel(m); });
  w.EndObject();
  return w.Take();
}

}  // namespace clusop::vocabulary
