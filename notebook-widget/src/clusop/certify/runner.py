"""Runs the suite on the active SparkSession: each fixture's executed plan, captured as the
product captures it, goes to the core (clusop's one analyzer); the outcome is set against the
fixture's expectation. Nothing here decides a verdict: the core's answer is only compared.

The engine: the core's own detection on the known-clean fixtures (the operators of a query every
engine runs natively say which engine ran it); every plan is then analysed for that engine, so a
plan that ran wholly on the JVM is judged as the fallback it is."""

from __future__ import annotations

import re
import uuid
from typing import Any, Dict, Iterable, List, Optional, Sequence
from urllib.parse import urlparse

from .._model import Analysis
from .._request import analyze_text, core_version
from . import report as R
from .capture import CaptureError, FeedWindow, run_and_capture
from .delta_features import FEATURES, DeltaFeature
from .fixtures import FIXTURES, Fixture, write_tables
from .versions import delta_version, engine_version, spark_version


def certify(spark: Any = None, *, workdir: Optional[str] = None, queries: bool = True, delta: bool = True,
            features: Optional[Iterable[str]] = None, disable: Iterable[str] = (),
            engine: Optional[str] = None, keep: bool = False) -> R.CertifyReport:
    """Runs clusop's fixture suite and Delta feature matrix on ``spark`` (default: the active
    session) and returns a :class:`CertifyReport` (``to_dict()``, ``to_json()``, ``text()``).

    ``workdir``: a folder every executor can reach (default: a new folder under
    ``spark.sql.warehouse.dir``, removed afterwards unless ``keep``). ``features``: the Delta
    features to run (default all); ``disable``: features whose fixture runs with the feature off.
    ``engine``: the engine to judge plans for, when the clean fixtures cannot tell (default: the
    core's detection)."""
    if spark is None:
        from pyspark.sql import SparkSession

        spark = SparkSession.getActiveSession()
        if spark is None:
            raise RuntimeError("clusop.certify: no active SparkSession: pass one, clusop.certify(spark)")
    names = {f.name for f in FEATURES}
    for n in list(features or []) + list(disable):
        if n not in names:
            raise ValueError(f"clusop.certify: unknown Delta feature {n!r}; known: {', '.join(sorted(names))}")
    own = workdir is None
    root = (workdir or _default_workdir(spark)).rstrip("/")
    try:
        return _run(spark, root, queries, delta, features, set(disable), engine)
    finally:
        if own and not keep:
            _delete(spark, root)


def _run(spark, root, queries, delta, features, disable, engine) -> R.CertifyReport:
    tables = write_tables(spark, root + "/parquet")
    clean = [f for f in FIXTURES if f.expect == "clean"]
    runs = {f.name: _run_fixture(spark, f, tables) for f in clean}
    detected = [a.engine for a, _ in runs.values() if isinstance(a, Analysis) and a.engine_source == "detected"]
    source = "given" if engine else "detected on the clean fixtures"
    engine = engine or next((e for e in detected if e != "spark"), "spark")
    options: Dict[str, Any] = {"engine": engine}
    if engine == "photon":
        options["photon_enabled"] = True
    rep = R.CertifyReport(engine=engine, engine_source=source, engine_version=engine_version(spark, engine),
                          spark_version=spark_version(spark), delta_version=delta_version(spark),
                          clusop_version=core_version())
    if engine == "spark":
        rep.notes.append("no native engine ran the clean fixtures (the core found only Spark operators): "
                         "there is no fallback to catch on this session; nothing is counted")
    if queries:
        for f in FIXTURES:
            run = runs.get(f.name) or _run_fixture(spark, f, tables)
            rep.fixtures.append(_judge(f, run, options, engine))
    if delta:
        rep.delta_matrix = _matrix(spark, root + "/delta", features, disable, options, rep.delta_version)
    return rep


# ------------------------------------------------------------------ the query fixtures
def _run_fixture(spark, f: Fixture, tables):
    try:
        plan, source = run_and_capture(f.build(spark, tables))
        return analyze_text(plan, {}, plan_source=source), plan
    except Exception as e:  # noqa: BLE001 - a fixture that cannot run is reported, the others still run
        return e, None


def _judge(f: Fixture, run, options, engine) -> R.FixtureResult:
    counted = engine != "spark" and (f.engines is None or engine in f.engines)
    out = R.FixtureResult(name=f.name, what=f.what, expect=f.expect, expected_cause=f.cause, counted=counted,
                          status=R.ERROR)
    got, plan = run
    if isinstance(got, Exception):
        out.error = _first_line(got)
        return out
    try:
        a = analyze_text(plan, options, plan_source=got.plan_source)
    except Exception as e:  # noqa: BLE001
        out.error = _first_line(e)
        return out
    fell_back = a.verdict.kind != "none"
    out.verdict_kind, out.verdict_cause = a.verdict.kind, a.verdict.cause
    out.fallback_causes = [fb.cause for fb in a.fallbacks]
    out.key_operators = [_node_name(a, fb.key_node) for fb in a.fallbacks]
    out.fallback_weight = a.fallback_weight
    out.engine, out.engine_source = a.engine, a.engine_source
    out.plan_source, out.plan_state = a.plan_source, a.parse.plan_state
    if not counted:
        out.status = R.NOT_COUNTED
    elif f.expect == "clean":
        out.status = R.FALSE_ALARM if fell_back else R.CLEAN
    elif not fell_back:
        out.status = R.MISSED
    else:
        out.status = R.CAUGHT if a.verdict.cause == f.cause else R.WRONG_CAUSE
    return out


def _node_name(a: Analysis, node_id: int) -> Optional[str]:
    return next((n.name for n in a.nodes if n.id == node_id), None)


# ------------------------------------------------------------------ the Delta matrix
# a scan's Location is cut to this many characters by default (100): a table is told by its path
METADATA_LENGTH = "spark.sql.maxMetadataStringLength"


def _matrix(spark, root, only, disable, options, dversion) -> List[R.MatrixRow]:
    chosen = [f for f in FEATURES if only is None or f.name in set(only)]
    try:
        window = FeedWindow(spark)
    except CaptureError as e:
        return [R.MatrixRow(f.name, f.exercise, R.UNSUPPORTED, reason=f"no capture: {e}") for f in chosen]
    before = spark.conf.get(METADATA_LENGTH, None)
    spark.conf.set(METADATA_LENGTH, str(max(4096, len(root) + 200)))
    try:
        return [_feature_row(spark, window, f, f"{root}/{f.name}{'_off' if f.name in disable else ''}",
                             f.name not in disable, options, dversion) for f in chosen]
    finally:
        spark.conf.unset(METADATA_LENGTH) if before is None else spark.conf.set(METADATA_LENGTH, before)


def _feature_row(spark, window: FeedWindow, feature: DeltaFeature, path: str, on: bool, options,
                 dversion: Optional[str]) -> R.MatrixRow:
    row = R.MatrixRow(feature.name, feature.exercise, R.NATIVE, enabled=on)
    have = _version_tuple(dversion)
    if have and feature.min_delta and have < feature.min_delta:
        row.status = R.UNSUPPORTED
        row.reason = f"Delta {dversion} predates {feature.name} ({'.'.join(map(str, feature.min_delta))})"
        return row
    try:
        window.begin()
    except CaptureError as e:
        row.status, row.reason = "error", str(e)
        return row
    for i, (step, block) in enumerate(feature.steps(spark, path, on)):
        try:
            records = window.capture(block)
        except CaptureError as e:
            row.status, row.reason = "error", str(e)
            return row
        except Exception as e:  # noqa: BLE001 - the runtime's own words say why
            row.status = R.UNSUPPORTED if i == 0 else "error"
            row.reason = f"{step}: {_first_line(e)}"
            return row
        row.steps.append(_step(step, records, path, options, row))
    try:
        detail = spark.sql(f"DESCRIBE DETAIL delta.`{path}`").first().asDict(recursive=True)
        columns = spark.read.format("delta").load(path).columns
        row.active = bool(feature.active(detail, columns))
    except Exception as e:  # noqa: BLE001
        row.reason = f"DESCRIBE DETAIL: {_first_line(e)}"
    table = [f for f in row.where if f.reads_table]
    row.table_fell_back = bool(table)
    row.log_fell_back = any(not f.reads_table for f in row.where)
    if on and row.active is False:
        row.status = R.UNSUPPORTED
        row.reason = "the table does not show the feature after the run"
    else:
        row.status = R.FELL_BACK if table else R.NATIVE
    return row


def _step(step: str, records, path: str, options, row: R.MatrixRow) -> R.Step:
    reads = _reads_table(path)
    n_table = falls = 0
    for rec in records:
        plan = rec.get("plan") or ""
        try:
            a = analyze_text(plan, options, plan_source="jvm_executed_plan")
        except Exception:  # noqa: BLE001 - not a plan the core reads (none expected): counted, not judged
            continue
        if a.nodes and a.nodes[0].role == "command":  # the statement itself (the core's role): its work
            continue                                  # is in the executions it ran, captured beside it
        on_table = bool(reads.search(plan))
        n_table += on_table
        for fb in a.fallbacks:
            falls += 1
            row.where.append(R.Fallback(step=step, func=str(rec.get("func") or ""), reads_table=on_table,
                                        cause=fb.cause, operators=list(fb.operators),
                                        key_operator=_node_name(a, fb.key_node)))
    return R.Step(step=step, executions=len(records), table_executions=n_table, fallbacks=falls)


def _reads_table(path: str) -> "re.Pattern[str]":
    """The table's own files in a plan (a scan's location, a write's target), not its _delta_log."""
    p = urlparse(path).path if "://" in path or re.match(r"^[a-z][a-z0-9+.-]*:/", path) else path
    return re.compile(re.escape(p.rstrip("/")) + r"(?!/_delta_log)(?![\w.-])")


# ------------------------------------------------------------------ helpers
def _version_tuple(v: Optional[str]) -> Optional[Sequence[int]]:
    m = re.match(r"^(\d+)\.(\d+)", v or "")
    return (int(m.group(1)), int(m.group(2))) if m else None


def _first_line(e: BaseException) -> str:
    lines = [x.strip() for x in str(e).strip().splitlines() if x.strip()]
    return (lines[0] if lines else type(e).__name__)[:300]


def _default_workdir(spark) -> str:
    base = spark.conf.get("spark.sql.warehouse.dir", "spark-warehouse")
    return f"{base.rstrip('/')}/clusop_certify_{uuid.uuid4().hex[:12]}"


def _delete(spark, folder: str) -> None:
    try:
        jvm = spark._jvm
        p = jvm.org.apache.hadoop.fs.Path(folder)
        p.getFileSystem(spark._jsc.hadoopConfiguration()).delete(p, True)
    except Exception:  # noqa: BLE001 - a folder left behind is not worth failing the report for
        pass
