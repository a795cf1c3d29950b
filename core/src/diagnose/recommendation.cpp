#include "diagnose/recommendation.hpp"

#include <string_view>

namespace clusop {
namespace {

// {operator}, {engine} and {reason} are filled in.
struct CauseAdvice {
  Cause cause;
  const char* text;
};

const CauseAdvice kCauseAdvice[] = {
    {Cause::kPythonUdf,
     "{operator} runs a Python UDF row by row outside {engine}. Rewrite it with built-in functions "
     "(pyspark.sql.functions or a SQL expression) so it runs natively; if it must stay Python, make it a "
     "vectorized pandas/Arrow UDF and apply it after filters and aggregations so it sees fewer rows."},
    {Cause::kPandasUdf,
     "{operator} runs a pandas/Arrow UDF in Python workers outside {engine}. Replace it with built-in "
     "functions where possible; otherwise apply it as late as possible (after filters and aggregations) "
     "so fewer rows leave {engine}."},
    {Cause::kScalaUdf,
     "{operator} calls a Scala/Java UDF, which {engine} cannot run. Rewrite the UDF with built-in "
     "functions (expr(), when/otherwise, SQL functions) or as a SQL UDF (CREATE FUNCTION ... RETURN), "
     "which the optimizer inlines."},
    {Cause::kUnsupportedExpression,
     "{engine} cannot run an expression in {operator}{reason}. Rewrite that expression with a supported "
     "equivalent, or compute it in a separate step after the heavy work."},
    {Cause::kUnsupportedOperator,
     "{engine} cannot run {operator}{reason}. Restructure the query so this operator is not needed, "
     "or move it after the heavy native work so little data reaches it."},
    {Cause::kDatasetApi,
     "{operator} comes from typed Dataset/RDD code (map/filter on objects), which runs on the JVM. "
     "Express the logic with DataFrame Column expressions so {engine} can run it."},
    {Cause::kRowToColumnarRoundtrip,
     "Data leaves {engine} for {operator} on the JVM and is converted back to columnar: a round trip "
     "through rows. Make {operator} run natively (or move it out of the native section) to drop both "
     "transitions."},
    {Cause::kWholePlanJvm,
     "Nothing in this plan runs on {engine}, yet the cluster pays for it. {turn_off}, or remove what "
     "blocks it ({operator})."},
};

// Known, specific fixes: engine + operator (+ a phrase in the node's text) -> advice that
// replaces the generic one.
struct OperatorAdvice {
  Engine engine;
  const char* operator_name;
  const char* node_text;  // "" matches any
  const char* text;
};

const OperatorAdvice kOperatorAdvice[] = {
    {Engine::kPhoton, "SortMergeJoin", "",
     "Photon does not run this SortMergeJoin, so both join inputs leave Photon. Remove the MERGE join "
     "hint, or set spark.sql.join.preferSortMergeJoin=false, so Photon plans a (shuffled or broadcast) "
     "hash join it can run."},
    {Engine::kPhoton, "Sample", "",
     "Photon does not run Sample (TABLESAMPLE / df.sample). Sample after the heavy filters and joins, "
     "or read a pre-sampled table."},
    {Engine::kPhoton, "CollectLimit", "",
     "The final CollectLimit (from show(), take() or LIMIT on collect) runs on the JVM; it moves only the "
     "limited rows and costs almost nothing. No change needed unless it sits above heavy work."},
    {Engine::kComet, "WindowGroupLimit", "",
     "Comet does not run WindowGroupLimit (a rank()/row_number() filter pushed below the window). "
     "Set spark.sql.optimizer.windowGroupLimitThreshold=-1 so Spark does not insert it, and the window "
     "runs in Comet."},
    {Engine::kComet, "BroadcastHashJoin", "ExistenceJoin",
     "Comet does not run an ExistenceJoin, which Spark plans for EXISTS/IN subqueries combined with OR. "
     "Rewrite the condition as a UNION of two queries (one per OR branch) or as a LEFT SEMI join, so the "
     "join runs in Comet."},
    {Engine::kComet, "WriteFiles", "",
     "The write runs on the JVM: Comet's native Parquet writer is off (spark.comet.parquet.write.enabled, "
     "experimental). The query below it still runs in Comet; only rows for the write leave it."},
    {Engine::kComet, "BroadcastNestedLoopJoin", "",
     "Comet does not run this BroadcastNestedLoopJoin (a join without an equality key). Add an equality "
     "condition so Spark plans a hash join, or pre-filter both sides so the nested loop sees few rows."},
};

void ReplaceAll(std::string* s, std::string_view key, std::string_view value) {
  for (size_t at = s->find(key); at != std::string::npos; at = s->find(key, at + value.size()))
    s->replace(at, key.size(), value);
}

// How advice names each engine, and how to stop paying for it when it does nothing for a job.
struct EngineWords {
  Engine engine;
  const char* display_name;
  const char* turn_off;
};

const EngineWords kEngineWords[] = {
    {Engine::kPhoton, "Photon", "Run this job on a cluster without Photon (runtime_engine STANDARD)"},
    {Engine::kComet, "Comet", "Run this job with spark.comet.enabled=false"},
    {Engine::kGluten, "Gluten", "Run this job with spark.gluten.enabled=false"},
    {Engine::kRapids, "the GPU (RAPIDS)", "Run this job with spark.rapids.sql.enabled=false on a CPU cluster"},
    {Engine::kSpark, "the native engine", "Run this job without the native engine"},
};

const EngineWords& WordsFor(Engine engine) {
  for (const EngineWords& words : kEngineWords)
    if (words.engine == engine) return words;
  return kEngineWords[4];
}

}  // namespace

std::string RecommendFix(const PlanTree& tree, Engine engine, const FallbackSubtree& fallback) {
  const std::string_view op =
      fallback.key_node == kNoNode ? std::string_view("the plan") : tree.nodes[fallback.key_node].name;
  for (const OperatorAdvice& advice : kOperatorAdvice) {
    const bool text_matches = fallback.key_node != kNoNode &&
                              tree.nodes[fallback.key_node].text.find(advice.node_text) != std::string_view::npos;
    if (advice.engine == engine && op == advice.operator_name && text_matches &&
        (fallback.cause == Cause::kUnsupportedOperator || fallback.cause == Cause::kRowToColumnarRoundtrip))
      return advice.text;
  }
  std::string text;
  if (!fallback.remedy.empty()) {
    // The engine names the setting that lets it run this: follow the engine, with the conf line.
    text = "{engine} names the setting that lets it run {operator} natively{reason}: set " + fallback.remedy +
           ". Check the engine's notes on that setting first: it is off because results or support may differ "
           "from Spark's.";
  }
  for (const CauseAdvice& advice : kCauseAdvice) {
    if (!text.empty()) break;
    if (advice.cause == fallback.cause) text = advice.text;
  }
  ReplaceAll(&text, "{operator}", op);
  ReplaceAll(&text, "{turn_off}", WordsFor(engine).turn_off);
  ReplaceAll(&text, "{engine}", WordsFor(engine).display_name);
  std::string why;
  if (!fallback.reason.empty()) {
    why = " (" + fallback.reason + ")";
  } else if (!fallback.suspects.empty()) {
    why = " (functions " + std::string(WordsFor(engine).display_name) + " does not run natively: ";
    for (size_t i = 0; i < fallback.suspects.size(); ++i) why += (i ? ", " : "") + fallback.suspects[i];
    why += ")";
  }
  ReplaceAll(&text, "{reason}", why);
  // a sentence may open with an engine's name ("the GPU (RAPIDS) cannot run ...")
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

}  // namespace clusop
