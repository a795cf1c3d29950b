"""clusop certify on a real local Spark 3.5.9 with Apache DataFusion Comet 0.12 and Delta Lake
(delta-spark from PyPI, its jars from Maven Central): the fixture suite's catch rate is what the
fixtures are built to do, and the Delta feature matrix comes from the runs (a feature switched off
changes its row).

One Spark session for the module, in a child interpreter (Comet and Delta must be on the driver's
classpath from the start; the other modules share a vanilla session): it runs the harness twice,
the suite with deletion vectors on, then the deletion-vector fixture alone with them off, and
writes both reports to a JSON file."""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

import pytest

pytest.importorskip("delta")

from clusop.certify import report as R  # noqa: E402
from clusop.certify.fixtures import FIXTURES  # noqa: E402

from conftest import comet_jar, run_python  # noqa: E402

DRIVER = """
import json, sys
import clusop
from clusop.fleet import delta_session

jar, work, out = sys.argv[1], sys.argv[2], sys.argv[3]
spark = delta_session("clusop-certify-test", master="local[2]", conf={
    "spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2",
    "spark.databricks.delta.snapshotPartitions": "1", "spark.sql.session.timeZone": "UTC",
    "spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1",
    "spark.jars": jar, "spark.driver.extraClassPath": jar, "spark.executor.extraClassPath": jar,
    "spark.plugins": "org.apache.spark.CometPlugin",
    "spark.shuffle.manager": "org.apache.spark.sql.comet.execution.shuffle.CometShuffleManager",
    "spark.memory.offHeap.enabled": "true", "spark.memory.offHeap.size": "1g",
    "spark.comet.enabled": "true", "spark.comet.exec.enabled": "true", "spark.comet.exec.shuffle.enabled": "true"})
spark.sparkContext.setLogLevel("ERROR")
on = clusop.certify(spark, workdir=work + "/on", features=["deletion_vectors"])
off = clusop.certify(spark, workdir=work + "/off", queries=False, features=["deletion_vectors"],
                     disable=["deletion_vectors"])
json.dump({"on": on.to_dict(), "off": off.to_dict(), "text": on.text()}, open(out, "w"))
spark.stop()
print("done")
"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    jar = comet_jar()
    if jar is None:
        pytest.skip("Comet jar missing: tools/plangen/fetch_comet.sh")
    work = tmp_path_factory.mktemp("certify")
    out = work / "reports.json"
    code = DRIVER.replace("sys.argv[1]", repr(jar)).replace("sys.argv[2]", repr(str(work / "tables"))) \
        .replace("sys.argv[3]", repr(str(out)))
    proc = run_python(code, timeout=1500)
    assert proc.returncode == 0 and out.is_file(), proc.stderr[-4000:]
    return json.loads(out.read_text())


def _fixture(rep, name):
    return next(f for f in rep["fixtures"] if f["name"] == name)


def test_stamped_with_what_ran(reports):
    import pyspark

    on = reports["on"]
    assert on["schema"] == "clusop.certify/1"
    assert on["engine"] == "comet" and on["engine_source"].startswith("detected")
    assert on["engine_version"] == re.search(r"-(\d+\.\d+\.\d+)\.jar$", comet_jar()).group(1)
    assert on["spark_version"] == pyspark.__version__
    assert on["delta_version"] == metadata.version("delta-spark")


def test_every_fixture_ran_through_the_products_capture(reports):
    on = reports["on"]
    assert [f["name"] for f in on["fixtures"]] == [f.name for f in FIXTURES]
    for f in on["fixtures"]:
        assert f["error"] is None, f
        assert f["plan_source"] == "jvm_executed_plan" and f["plan_state"] == "final", f
        assert f["counted"], f  # every expectation holds for Comet


def test_catch_rate_is_what_the_fixtures_are_built_to_do(reports):
    on = reports["on"]
    for fx in FIXTURES:
        got = _fixture(on, fx.name)
        if fx.expect == "clean":
            assert got["status"] == R.CLEAN and got["verdict_kind"] == "none", got
        else:
            assert got["status"] == R.CAUGHT and got["verdict_cause"] == fx.cause, got
            assert 0 < got["fallback_weight"] <= 1, got
    falls = [f for f in FIXTURES if f.expect == "fallback"]
    assert on["catch_rate"] == {
        "fallbacks_found": {"n": len(falls), "of": len(falls)},
        "clean_left_clean": {"n": 2, "of": 2},
        "right_cause": {"n": len(falls), "of": len(falls)},
    }
    assert _fixture(on, "python_udf")["key_operators"][0] == "BatchEvalPython"
    assert _fixture(on, "pandas_udf")["key_operators"][0] == "ArrowEvalPython"
    # no engine reason in the executed plan: the cause comes from Comet's documented function table
    assert _fixture(on, "unsupported_expression")["key_operators"] == ["Project"]
    for f in FIXTURES:
        assert f.name in reports["text"]


def _row(rep):
    (row,) = rep["delta_matrix"]
    return row


def _table_causes(row, step):
    return {f["cause"] for f in row["where"] if f["step"] == step and f["reads_table"]}


def test_delta_matrix_rows_come_from_the_runs(reports):
    on, off = _row(reports["on"]), _row(reports["off"])
    assert on["feature"] == off["feature"] == "deletion_vectors"
    assert (on["enabled"], on["active"]) == (True, True)
    assert (off["enabled"], off["active"]) == (False, False)
    for row in (on, off):
        steps = {s["step"]: s for s in row["steps"]}
        assert list(steps) == ["create", "delete", "update", "merge", "read"]
        for name in ("delete", "update", "merge", "read"):
            assert steps[name]["executions"] > 0 and steps[name]["table_executions"] > 0, (name, steps[name])
        # Comet 0.12 does not scan Delta's parquet format natively: the read runs wholly on the JVM
        assert row["status"] == R.FELL_BACK and row["table_fell_back"] is True
        assert "whole_plan_jvm" in _table_causes(row, "read")
    # with deletion vectors DELETE writes them through Delta's own Dataset code (a Scala lambda
    # over DeletionVectorResult objects); without them it rewrites the files
    assert "dataset_api" in _table_causes(on, "delete")
    assert "dataset_api" not in _table_causes(off, "delete")
    assert on["where"] != off["where"]
    assert reports["off"]["fixtures"] == []


def test_unknown_feature_is_refused_before_spark_is_touched():
    import clusop

    with pytest.raises(ValueError, match="unknown Delta feature 'nope'"):
        clusop.certify(object(), features=["nope"])


def test_certify_is_a_subcommand(capsys):
    from clusop.commands import main

    with pytest.raises(SystemExit) as e:
        main(["certify", "--help"])
    assert e.value.code == 0
    assert "--disable" in capsys.readouterr().out
