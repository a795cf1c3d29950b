#pragma once
// The KPI names a rule may use, per scope: one list each (X-macros), so the enum the binding
// fills, the names the parser resolves and the table rules/README.md documents (tested to
// agree) are the same list. Application KPIs are visible from every scope.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clusop::rules {

enum class Scope : uint8_t { kApplication, kStage, kSqlExecution, kJoin, kExecutor };
inline constexpr int kScopeCount = 5;

// name, unit, meaning
#define CLUSOP_APPLICATION_KPIS(X)                                                                       \
  X(duration_ms, "ms", "application start to end")                                                     \
  X(executors, "", "most executors alive at once")                                                     \
  X(cores, "", "most executor cores alive at once")                                                    \
  X(core_seconds_available, "s", "executors' cores x lifetime")                                         \
  X(core_seconds_busy, "s", "sum of task executor run time")                                            \
  X(utilisation, "ratio", "busy / available core time")                                                 \
  X(idle_core_ms, "ms", "available minus busy core time")                                               \
  X(jobs, "", "jobs started")                                                                            \
  X(failed_jobs, "", "jobs that failed")                                                                 \
  X(stages, "", "stage attempts that ran")                                                               \
  X(failed_stages, "", "stage attempts that failed")                                                     \
  X(tasks, "", "tasks ended")                                                                            \
  X(failed_tasks, "", "tasks that failed")                                                               \
  X(run_ms, "ms", "sum of task executor run time")                                                      \
  X(gc_ms, "ms", "sum of task JVM GC time")                                                             \
  X(shuffle_write_bytes, "bytes", "sum of shuffle bytes written")                                        \
  X(shuffle_stages, "", "stage attempts that read shuffle data")                                         \
  X(shuffle_stage_ms, "ms", "sum of the durations of stages that read shuffle data")                    \
  X(driver_only_ms, "ms", "from the first stage's start to the last stage's end, the time no stage ran") \
  X(driver_only_core_ms, "ms", "driver_only_ms x cores: executor core time held while only the driver worked") \
  X(sql_executions, "", "SQL executions")                                                                \
  X(aqe_enabled, "bool", "spark.sql.adaptive.enabled as set, else the default of the Spark version")   \
  X(shuffle_partitions, "", "spark.sql.shuffle.partitions as set, else 200")                            \
  X(shuffle_partitions_set, "bool", "spark.sql.shuffle.partitions was set")                             \
  X(broadcast_threshold_bytes, "bytes", "spark.sql.autoBroadcastJoinThreshold, else 10 MiB; -1 off")     \
  X(speculation, "bool", "spark.speculation")                                                            \
  X(dynamic_allocation, "bool", "spark.dynamicAllocation.enabled")                                       \
  X(local_mode, "bool", "spark.master is local[...]")

#define CLUSOP_STAGE_KPIS(X)                                                                             \
  X(stage_id, "", "the stage id")                                                                        \
  X(attempt, "", "the stage attempt")                                                                    \
  X(duration_ms, "ms", "submission to completion")                                                      \
  X(share_of_app, "ratio", "stage duration / application duration")                                     \
  X(tasks, "", "tasks ended (all attempts)")                                                             \
  X(num_tasks, "", "partitions of the stage")                                                            \
  X(failed_tasks, "", "tasks that failed")                                                               \
  X(killed_tasks, "", "tasks killed (speculation losers among them)")                                   \
  X(speculative_tasks, "", "speculative task copies launched")                                          \
  X(failed, "bool", "the stage attempt failed")                                                          \
  X(task_p50_ms, "ms", "median succeeded task duration")                                                \
  X(task_p75_ms, "ms", "75th percentile task duration")                                                 \
  X(task_p95_ms, "ms", "95th percentile task duration")                                                 \
  X(task_max_ms, "ms", "longest succeeded task (the straggler)")                                        \
  X(skew_ratio, "ratio", "task_max_ms / task_p50_ms")                                                    \
  X(straggler_index, "", "partition index of the straggler")                                            \
  X(run_ms, "ms", "sum of task executor run time")                                                      \
  X(cpu_ms, "ms", "sum of task executor CPU time")                                                      \
  X(gc_ms, "ms", "sum of task JVM GC time")                                                             \
  X(gc_share, "ratio", "gc_ms / run_ms")                                                                 \
  X(scheduler_delay_ms, "ms", "sum of scheduler delay")                                                 \
  X(deserialize_ms, "ms", "sum of task deserialization time")                                           \
  X(result_bytes, "bytes", "sum of task result sizes sent to the driver")                               \
  X(shuffle_read_bytes, "bytes", "shuffle bytes read")                                                   \
  X(shuffle_write_bytes, "bytes", "shuffle bytes written")                                               \
  X(fetch_wait_ms, "ms", "shuffle fetch wait time")                                                     \
  X(input_bytes, "bytes", "bytes read from storage")                                                     \
  X(output_bytes, "bytes", "bytes written to storage")                                                   \
  X(memory_spilled_bytes, "bytes", "memory bytes spilled")                                               \
  X(disk_spilled_bytes, "bytes", "disk bytes spilled")                                                   \
  X(peak_execution_memory_bytes, "bytes", "largest peak execution memory of a task")                    \
  X(in_sql_execution, "bool", "the stage ran under an SQL execution")

#define CLUSOP_SQL_EXECUTION_KPIS(X)                                                                     \
  X(execution_id, "", "the SQL execution id")                                                            \
  X(duration_ms, "ms", "start to end")                                                                   \
  X(share_of_app, "ratio", "duration / application duration")                                            \
  X(jobs, "", "jobs of the execution")                                                                   \
  X(stages, "", "stages of the execution")                                                               \
  X(failed, "bool", "the execution ended with an error")                                                 \
  X(fallback_weight, "ratio", "share of the plan that left the native engine (plan analysis)")          \
  X(fallback_ms, "ms", "duration_ms x fallback_weight")                                                  \
  X(waste_usd, "usd", "modeled waste of the fallback (unknown when not priceable)")                      \
  X(python_udf_nodes, "", "BatchEvalPython / ArrowEvalPython nodes in the final plan")                   \
  X(row_python_udf_nodes, "", "BatchEvalPython nodes (row-at-a-time Python UDFs)")                       \
  X(joins, "", "joins in the final plan")                                                                \
  X(result_bytes, "bytes", "task result bytes of the execution's stages")                                \
  X(stage_run_ms, "ms", "task run time of the execution's stages")                                       \
  X(files_read, "", "files its scans read (plan metric: number of files read)")                          \
  X(file_bytes_read, "bytes", "bytes of those files (plan metric: size of files read)")

#define CLUSOP_JOIN_KPIS(X)                                                                              \
  X(execution_id, "", "the SQL execution holding the join")                                              \
  X(node, "", "the join's node id in the plan")                                                          \
  X(sort_merge, "bool", "SortMergeJoin")                                                                 \
  X(shuffled_hash, "bool", "ShuffledHashJoin")                                                           \
  X(broadcast_hash, "bool", "BroadcastHashJoin")                                                         \
  X(nested_loop, "bool", "BroadcastNestedLoopJoin")                                                      \
  X(cartesian, "bool", "CartesianProduct")                                                               \
  X(left_bytes, "bytes", "measured size of the left side")                                               \
  X(right_bytes, "bytes", "measured size of the right side")                                             \
  X(left_rows, "", "measured rows of the left side")                                                     \
  X(right_rows, "", "measured rows of the right side")                                                   \
  X(small_side_bytes, "bytes", "the smaller measured side")                                              \
  X(large_side_bytes, "bytes", "the larger measured side")                                               \
  X(output_rows_bound, "", "left_rows x right_rows")                                                     \
  X(execution_ms, "ms", "duration of the SQL execution")                                                 \
  X(execution_stage_run_ms, "ms", "task run time of the execution's stages")

#define CLUSOP_EXECUTOR_KPIS(X)                                                                          \
  X(cores, "", "executor cores")                                                                         \
  X(lifetime_ms, "ms", "added to removed (or the application's end)")                                   \
  X(removed, "bool", "the executor was removed before the end")

// Texts usable in {placeholders} only.
#define CLUSOP_APPLICATION_TEXTS(X) X(app_id) X(app_name) X(spark_version) X(platform)
#define CLUSOP_STAGE_TEXTS(X) X(name) X(call_site) X(straggler_executor) X(failure_reason) X(execution_description)
#define CLUSOP_SQL_EXECUTION_TEXTS(X) X(description) X(call_site)
#define CLUSOP_JOIN_TEXTS(X) X(strategy) X(operator_name) X(join_type) X(build_side) X(small_side) X(description) X(call_site)
#define CLUSOP_EXECUTOR_TEXTS(X) X(executor_id) X(host) X(removed_reason)

#define CLUSOP_KPI_ENUM(name, unit, meaning) name,
#define CLUSOP_TEXT_ENUM(name) name,
enum class AppKpi : int { CLUSOP_APPLICATION_KPIS(CLUSOP_KPI_ENUM) kCount };
enum class StageKpi : int { CLUSOP_STAGE_KPIS(CLUSOP_KPI_ENUM) kCount };
enum class SqlKpi : int { CLUSOP_SQL_EXECUTION_KPIS(CLUSOP_KPI_ENUM) kCount };
enum class JoinKpi : int { CLUSOP_JOIN_KPIS(CLUSOP_KPI_ENUM) kCount };
enum class ExecutorKpi : int { CLUSOP_EXECUTOR_KPIS(CLUSOP_KPI_ENUM) kCount };
enum class AppText : int { CLUSOP_APPLICATION_TEXTS(CLUSOP_TEXT_ENUM) kCount };
enum class StageText : int { CLUSOP_STAGE_TEXTS(CLUSOP_TEXT_ENUM) kCount };
enum class SqlText : int { CLUSOP_SQL_EXECUTION_TEXTS(CLUSOP_TEXT_ENUM) kCount };
enum class JoinText : int { CLUSOP_JOIN_TEXTS(CLUSOP_TEXT_ENUM) kCount };
enum class ExecutorText : int { CLUSOP_EXECUTOR_TEXTS(CLUSOP_TEXT_ENUM) kCount };
#undef CLUSOP_KPI_ENUM
#undef CLUSOP_TEXT_ENUM

struct KpiDef {
  const char* name;
  const char* unit;
  const char* meaning;
};

const char* ScopeName(Scope scope);
bool ParseScope(std::string_view name, Scope* out);
const std::vector<KpiDef>& Kpis(Scope scope);
const std::vector<std::string_view>& Texts(Scope scope);
int KpiIndex(Scope scope, std::string_view name);   // -1: unknown
int TextIndex(Scope scope, std::string_view name);  // -1: unknown

// One thing a rule looks at: its KPI values (NaN: unknown), texts and ids.
struct FactRow {
  std::vector<double> values;
  std::vector<std::string> texts;
  int64_t stage_id = -1, stage_attempt = -1, execution_id = -1, job_id = -1;
  std::string executor_id;
  std::string code_location;
};

struct RuleFacts {
  FactRow application;
  std::vector<FactRow> rows[kScopeCount];  // by Scope; rows[kApplication] is unused
  const std::vector<FactRow>& Of(Scope scope) const { return rows[static_cast<int>(scope)]; }
};

FactRow EmptyRow(Scope scope);

}  // namespace clusop::rules
