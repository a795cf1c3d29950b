"""The tables clusop keeps: ONE definition, from which the DuckDB DDL (duckdb_store.py), the
Spark/Delta schemas (spark_struct_type) and docs/tables.md are generated.

Every column is read from the core's ``clusop.scan/1`` document (``rows.py``): a path into an
application, a stage, an SQL execution or a recommendation object. The few columns that are not
one field of the core say how they are formed in ``derived`` (a lookup, a unit or a key; never a
KPI computed here). Bump SCHEMA_VERSION on any change of a column's name, type or meaning; adding
a column is a change too (a store refuses a database written by a newer schema).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

SCHEMA_VERSION = 1

# column kinds -> DuckDB type; Spark types in spark_struct_type
TYPES = ("string", "long", "double", "boolean", "timestamp", "json")
_DUCKDB = {"string": "VARCHAR", "long": "BIGINT", "double": "DOUBLE", "boolean": "BOOLEAN",
           "timestamp": "TIMESTAMP", "json": "VARCHAR"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    doc: str
    path: Tuple[str, ...] = ()      # where the value is in the core's object (empty: derived)
    derived: str = ""               # how a column that is not one core field is formed
    key: bool = False
    # the kind of words the core gives this figure (its `<path>_text` in clusop.scan/1, one of
    # the kinds of clusop_words): a run read back is worded by the core again, never here
    text: str = ""

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"column {self.name}: type {self.type!r} is not one of {TYPES}")
        if bool(self.path) == bool(self.derived):
            raise ValueError(f"column {self.name}: give either a core path or how it is derived")


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    source: str                     # which objects of clusop.scan/1 give one row each
    columns: Tuple[Column, ...] = field(default_factory=tuple)

    @property
    def keys(self) -> List[str]:
        return [c.name for c in self.columns if c.key]

    @property
    def names(self) -> List[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _c(name, type_, doc, *path, key=False, text=""):
    return Column(name, type_, doc, tuple(path), key=key, text=text)


def _d(name, type_, doc, derived, key=False):
    return Column(name, type_, doc, (), derived, key=key)


# the columns every table starts with: which application run a row belongs to
_APP_KEY = (
    _d("app_id", "string", "Spark application id", "the application's `app_id`, on every row of it", key=True),
    _d("attempt", "string", "the application attempt id; '' when the log has none (local, client mode)",
       "`attempt` of the application, '' for null (a key column cannot be null)", key=True),
    _d("run_id", "string", "one run of an application: app_id, or app_id/attempt when there is an attempt",
       "app_id and attempt joined by '/' ('' attempt: app_id alone)"),
)
_COLLECTED_AT = _d("collected_at", "timestamp", "when clusop read the log (UTC)",
                   "the time the ingest was run, given to rows_from_scan")

APPS = Table("clusop_apps", "One row per application run read.", "applications[]", _APP_KEY + (
    _c("name", "string", "application name", "name"),
    _c("user", "string", "the user that ran it", "user"),
    _c("spark_version", "string", "Spark version", "spark_version"),
    _c("platform", "string", "databricks, emr, dataproc, kubernetes, yarn, standalone, local, unknown", "platform"),
    _c("complete", "boolean", "an ApplicationEnd was read and no part was cut or failed", "complete"),
    _c("start_ms", "long", "start, epoch ms", "start_ms", text="utc_minute"),
    _c("end_ms", "long", "end, epoch ms (ApplicationEnd, else the last event)", "end_ms"),
    _c("duration_ms", "long", "duration, ms", "duration_ms", text="duration_ms"),
    _c("jobs", "long", "jobs started", "jobs"),
    _c("failed_jobs", "long", "jobs failed", "failed_jobs"),
    _c("skipped_stages", "long", "stages a JobStart listed and never submitted", "skipped_stages"),
    _c("master", "string", "spark.master", "cluster", "master"),
    _c("cloud", "string", "aws, azure, gcp (when the log says)", "cluster", "cloud"),
    _c("region", "string", "cloud region", "cluster", "region"),
    _c("worker_node_type", "string", "worker instance type", "cluster", "worker_node_type"),
    _c("driver_node_type", "string", "driver instance type", "cluster", "driver_node_type"),
    _c("workers", "long", "worker count", "cluster", "workers"),
    _c("photon", "boolean", "the cluster runs Photon", "cluster", "photon"),
    _c("executor_cores", "long", "spark.executor.cores", "cluster", "executor_cores"),
    _c("max_executors", "long", "most executors alive at once", "cluster", "max_executors"),
    _c("max_cores", "long", "most executor cores alive at once", "cluster", "max_cores"),
    _c("core_seconds_available", "double", "cores x lifetime of each executor", "utilisation", "core_seconds_available", text="whole_number"),
    _c("core_seconds_busy", "double", "sum of task executor run time, s", "utilisation", "core_seconds_busy", text="whole_number"),
    _c("utilisation_ratio", "double", "busy / available", "utilisation", "ratio", text="share"),
    _c("sql_executions", "long", "SQL executions read", "sql_totals", "executions"),
    _c("sql_with_fallback", "long", "SQL executions with a native-engine fallback", "sql_totals", "with_fallback"),
    _c("sql_fallback_time_share", "double", "share of SQL time in fallbacks", "sql_totals", "fallback_time_share", text="share"),
    _c("sql_waste_usd", "double", "modeled waste per run, USD (never billed); null when the core could not price it", "sql_totals", "waste_usd", text="modeled_usd_per_run"),
    _c("read_lines", "long", "lines read", "read", "lines"),
    _c("read_events", "long", "events read", "read", "events", text="count"),
    _c("read_bad_lines", "long", "lines that were not JSON", "read", "bad_lines", text="count"),
    _c("parts", "json", "the files read: [{path, codec, bytes, lines, truncated}]", "read", "parts"),
    _c("errors", "json", "this application's errors: [{path, message}]", "errors"),
    _COLLECTED_AT,
))

STAGE_METRICS = Table("clusop_stage_metrics", "One row per stage attempt.", "applications[].stages[]", _APP_KEY + (
    _c("job_id", "long", "the first job that listed the stage (Prometheus-design name)", "job_id"),
    _c("stage_id", "long", "stage id", "stage_id", key=True),
    _c("stage_attempt", "long", "stage attempt", "attempt", key=True),
    _c("name", "string", "stage name", "name"),
    _c("call_site", "string", "first line of Stage Info Details", "call_site"),
    _c("status", "string", "completed, failed, skipped, active", "status"),
    _c("failure_reason", "string", "first line of the failure", "failure_reason"),
    _c("submission_ms", "long", "submitted, epoch ms", "submission_ms"),
    _c("completion_ms", "long", "completed, epoch ms", "completion_ms"),
    _c("duration_ms", "long", "duration, ms", "duration_ms", text="duration_ms"),
    _c("num_tasks", "long", "tasks as Stage Info says (Prometheus-design name)", "num_tasks"),
    _c("tasks_seen", "long", "TaskEnd events read", "tasks_seen"),
    _c("succeeded_tasks", "long", "succeeded tasks", "succeeded_tasks"),
    _c("failed_tasks", "long", "failed tasks", "failed_tasks"),
    _c("killed_tasks", "long", "killed tasks", "killed_tasks"),
    _c("speculative_tasks", "long", "speculative tasks", "speculative_tasks"),
    _c("task_p50_ms", "long", "task duration p50 (within 1%)", "task_duration_ms", "p50", text="duration_ms"),
    _c("task_p75_ms", "long", "task duration p75", "task_duration_ms", "p75", text="duration_ms"),
    _c("task_p95_ms", "long", "task duration p95", "task_duration_ms", "p95", text="duration_ms"),
    _c("task_max_ms", "long", "longest task (exact)", "task_duration_ms", "max", text="duration_ms"),
    _c("max_task_skew_ratio", "double", "max / median task duration (Prometheus-design name; the core's skew_ratio)", "skew_ratio", text="times"),
    _c("straggler_task_id", "long", "the longest task", "straggler", "task_id"),
    _c("straggler_executor_id", "string", "executor of the longest task", "straggler", "executor_id"),
    _c("executor_run_time_ms", "long", "sum of task run time", "executor_run_time_ms", text="duration_ms"),
    _c("max_task_run_time_ms", "long", "longest task run time", "max_task_run_time_ms", text="duration_ms"),
    _c("executor_cpu_time_ms", "long", "sum of task CPU time", "executor_cpu_time_ms", text="duration_ms"),
    _c("gc_time_ms", "long", "sum of JVM GC time", "gc_time_ms", text="duration_ms"),
    _c("gc_share", "double", "GC / run time", "gc_share", text="share"),
    _c("deserialize_time_ms", "long", "task deserialisation", "deserialize_time_ms", text="duration_ms"),
    _c("result_serialization_time_ms", "long", "result serialisation", "result_serialization_time_ms", text="duration_ms"),
    _c("scheduler_delay_ms", "long", "scheduler delay as Spark's UI derives it", "scheduler_delay_ms", text="duration_ms"),
    _c("result_size_bytes", "long", "results sent to the driver", "result_size_bytes", text="bytes"),
    _c("shuffle_read_bytes", "long", "shuffle read, remote + local", "shuffle_read_bytes", text="bytes"),
    _c("shuffle_remote_read_bytes", "long", "shuffle read, remote", "shuffle_remote_read_bytes", text="bytes"),
    _c("shuffle_read_records", "long", "shuffle records read", "shuffle_read_records"),
    _c("fetch_wait_ms", "long", "shuffle fetch wait", "fetch_wait_ms", text="duration_ms"),
    _c("shuffle_write_bytes", "long", "shuffle written", "shuffle_write_bytes", text="bytes"),
    _c("shuffle_write_records", "long", "shuffle records written", "shuffle_write_records"),
    _c("shuffle_write_time_ms", "long", "shuffle write time", "shuffle_write_time_ms", text="duration_ms"),
    _c("input_bytes", "long", "input read", "input_bytes", text="bytes"),
    _c("input_records", "long", "input records", "input_records"),
    _c("output_bytes", "long", "output written", "output_bytes", text="bytes"),
    _c("output_records", "long", "output records", "output_records"),
    _c("memory_spilled_bytes", "long", "spill (memory)", "memory_spilled_bytes", text="bytes"),
    _c("disk_spilled_bytes", "long", "spill (disk)", "disk_spilled_bytes", text="bytes"),
    _c("peak_execution_memory_max_bytes", "long", "largest task's peak execution memory", "peak_execution_memory_max_bytes", text="bytes"),
    _d("total_shuffle_spill_mb", "double", "spill to disk in MiB (Prometheus-design name)",
       "the core's `disk_spilled_bytes` in MiB (bytes / 1048576: a change of unit only)"),
    _d("broadcast_miss_flag", "boolean", "a missed broadcast join ran in this stage (Prometheus-design name)",
       "true when a `missed_broadcast` recommendation of the core names this stage (its `stage_id`, "
       "or an SQL execution whose `stage_ids` hold it); null when the document has no `recommendations`"),
    _COLLECTED_AT,
))

SQL_EXECUTIONS = Table("clusop_sql_executions", "One row per SQL execution, with its plan's fallbacks and modeled waste.",
                       "applications[].sql_executions[]", _APP_KEY + (
    _c("execution_id", "long", "SQL execution id", "execution_id", key=True),
    _c("description", "string", "the description Spark gave", "description"),
    _c("call_site", "string", "where it was called", "call_site"),
    _c("start_ms", "long", "start, epoch ms", "start_ms"),
    _c("end_ms", "long", "end, epoch ms", "end_ms"),
    _c("duration_ms", "long", "duration, ms", "duration_ms", text="duration_ms"),
    _c("status", "string", "succeeded, failed, running", "status"),
    _c("error_message", "string", "why it failed", "error_message"),
    _c("job_ids", "json", "jobs it ran", "job_ids"),
    _c("stage_ids", "json", "stages it ran", "stage_ids"),
    _c("aqe_updates", "long", "AQE re-plans", "aqe_updates"),
    _c("engine", "string", "native engine of the plan", "analysis", "engine"),
    _c("engine_on", "boolean", "the cluster runs that engine", "analysis", "engine_on"),
    _c("has_fallback", "boolean", "work fell back to the JVM", "analysis", "has_fallback"),
    _c("fallback_weight", "double", "share of the plan's work off the engine", "fallback_weight", text="share"),
    _c("verdict", "string", "none, fix_fallback, disable_photon", "analysis", "verdict", "kind"),
    _c("cause", "string", "cause of the heaviest fallback", "analysis", "verdict", "cause"),
    _c("fallbacks", "json", "the fallbacks: [{root, key_node, cause, reason, weight, ...}]", "analysis", "fallbacks"),
    _c("waste_usd", "double", "modeled waste per run, USD (never billed)", "waste_usd", text="modeled_usd_per_run"),
    _c("waste_usd_per_month", "double", "modeled waste per month", "analysis", "waste", "usd_per_month", text="money"),
    _c("confidence", "string", "confidence of the recommendation: HIGH, MEDIUM, LOW", "analysis", "confidence", "recommendation"),
    _c("recommendation", "string", "the advice", "analysis", "recommendation"),
    _c("signature", "string", "stable hash of the fallback shape", "analysis", "signature"),
    _c("joins", "json", "join facts: strategy, sides, bytes, rows", "joins"),
    _c("analysis_error", "string", "why the plan could not be analysed", "analysis_error"),
    _COLLECTED_AT,
))

RECOMMENDATIONS = Table("clusop_recommendations", "One row per recommendation of the core's rules, ranked by saving.",
                        "applications[].recommendations[]", _APP_KEY + (
    _c("rank", "long", "1 = largest saving", "rank", key=True),
    _c("rule", "string", "stable rule id (task_skew, spill, missed_broadcast, ...)", "rule"),
    _c("scope", "string", "application, job, stage, sql_execution, executor", "scope"),
    _c("stage_id", "long", "stage, when the scope has one", "stage_id"),
    _c("stage_attempt", "long", "stage attempt", "stage_attempt"),
    _c("execution_id", "long", "SQL execution, when the scope has one", "execution_id"),
    _c("job_id", "long", "job, when the scope has one", "job_id"),
    _c("executor_id", "string", "executor, when the scope has one", "executor_id"),
    _c("severity", "string", "high, medium, low", "severity"),
    _c("title", "string", "one sentence for a person", "title"),
    _c("evidence", "json", "[{kpi, value, op, threshold}]", "evidence"),
    _c("saving_time_ms", "long", "estimated time saved", "saving", "time_ms", text="duration_ms"),
    _c("saving_usd", "double", "modeled dollars saved (null when not priceable)", "saving", "usd", text="modeled_usd_per_run"),
    _c("saving_usd_basis", "string", "always modeled", "saving", "usd_basis"),
    _c("saving_usd_missing", "json", "what was missing to price it", "saving", "usd_missing"),
    _c("saving_method", "string", "how the saving was estimated", "saving", "method"),
    _c("confidence", "string", "HIGH, MEDIUM, LOW", "confidence", "level"),
    _c("confidence_reasons", "json", "why", "confidence", "reasons"),
    _c("advice", "string", "what to do and why", "advice"),
    _c("change_kind", "string", "spark_conf or code", "change", "kind"),
    _c("change_text", "string", "the change", "change", "text"),
    _c("change_conf", "json", "the Spark conf of the change", "change", "conf"),
    _c("code_location", "string", "call site", "code_location"),
    _c("cascade", "json", "merged findings with the same root cause: [{rule, stage_id}]", "cascade"),
    _COLLECTED_AT,
))

TABLES: Tuple[Table, ...] = (APPS, STAGE_METRICS, SQL_EXECUTIONS, RECOMMENDATIONS)
BY_NAME: Dict[str, Table] = {t.name: t for t in TABLES}


def duckdb_type(column: Column) -> str:
    return _DUCKDB[column.type]


def duckdb_ddl(table: Table) -> str:
    """CREATE TABLE IF NOT EXISTS for DuckDB, the key as its primary key."""
    cols = [f'"{c.name}" {_DUCKDB[c.type]}' + (" NOT NULL" if c.key else "") for c in table.columns]
    keys = ", ".join(f'"{k}"' for k in table.keys)
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n  " + ",\n  ".join(cols) + f",\n  PRIMARY KEY ({keys})\n)"


def spark_struct_type(table: Table):
    """The table as a pyspark StructType (Delta tables of the fleet job); json columns are strings."""
    from pyspark.sql import types as T

    spark = {"string": T.StringType(), "long": T.LongType(), "double": T.DoubleType(),
             "boolean": T.BooleanType(), "timestamp": T.TimestampType(), "json": T.StringType()}
    return T.StructType([T.StructField(c.name, spark[c.type], nullable=not c.key) for c in table.columns])


def table(name: str) -> Optional[Table]:
    return BY_NAME.get(name)
