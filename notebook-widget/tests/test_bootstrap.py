"""The self-arming bootstrap (clusop_autoload.pth -> clusop.runtime.bootstrap), each case in a
fresh interpreter that never imports clusop itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ARTIFACTS, SESSION_CODE, connect_jar, last_json_line, pth_installed, run_python

pytestmark = pytest.mark.skipif(not pth_installed(), reason="clusop_autoload.pth is not installed (install the wheel)")

UDF_QUERY = """
from pyspark.sql import functions as F
@F.udf("long")
def plus_one(x):
    return None if x is None else x + 1
n = spark.range(0, 1000).where(plus_one("id") > 10).count()
"""

REPORT = """
import json, sys
boot = sys.modules.get("clusop.runtime.bootstrap")
print(json.dumps({
    "n": n,
    "state": dict(boot.STATE) if boot else None,
    "clusop_modules": sorted(m for m in sys.modules if m == "clusop" or m.startswith("clusop.")),
}))
"""


def _signals(directory: Path):
    out = []
    for f in sorted(directory.glob("clusop-signals-*.jsonl")):
        out += [json.loads(line) for line in f.read_text().splitlines() if line.strip()]
    return out


def test_a_fresh_interpreter_is_armed_through_the_pth(tmp_path):
    sig = tmp_path / "signals"
    code = SESSION_CODE + f"""
import sys
assert "clusop.runtime.bootstrap" in sys.modules, "the .pth did not run"
spark = make_session("clusop-autoload", {{
    "spark.clusop.photonEnabled": "true", "spark.clusop.jsonl.dir": "{sig}",
    "spark.clusop.cluster.nodeType": "i3.xlarge", "spark.clusop.cluster.driverNodeType": "i3.xlarge",
    "spark.clusop.cluster.workers": "2"}})
""" + UDF_QUERY + """
spark.stop()   # application end: the listener flushes its signals
""" + REPORT
    r = run_python(code)
    assert r.returncode == 0, r.stderr[-4000:]
    out = last_json_line(r.stdout)
    assert out["n"] > 0
    assert out["state"]["status"] == "armed", out["state"]
    assert "listener autoload on session" in out["state"]["detail"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "autoload-state.json").write_text(json.dumps(out["state"], indent=2) + "\n")
    # the time the autoload adds to the session's creation is recorded above, never asserted
    assert out["state"]["arm_ms"] >= 0
    # the script never imported clusop: only the bootstrap and the JVM bridge were loaded
    assert out["clusop_modules"] == ["clusop", "clusop.runtime", "clusop.runtime.bootstrap", "clusop.runtime.jvm"]
    signals = _signals(sig)
    assert len(signals) == 1, r.stderr[-3000:]
    s = signals[0]
    assert s["schema"] == "clusop.signal/1" and s["analysis"]["verdict"]["cause"] == "whole_plan_jvm"
    assert "BatchEvalPython" in s["sample"]["plan"]
    assert s["total_waste_usd"] > 0


def test_a_session_made_later_is_armed_too(tmp_path):
    """The watcher waits for pyspark: a session made after other work is armed as well."""
    sig = tmp_path / "signals"
    code = f"""
import json, sys
boot = sys.modules["clusop.runtime.bootstrap"]
first = dict(boot.STATE)
import pyspark.sql   # PySpark imported late: after the bootstrap has started waiting for it
""" + SESSION_CODE + f"""
spark = make_session("clusop-late", {{"spark.clusop.photonEnabled": "true", "spark.clusop.jsonl.dir": "{sig}"}})
spark2 = spark.newSession()   # a second session of the same application: armed on its own
""" + UDF_QUERY + """
m = spark2.range(10).selectExpr("sum(id)").collect()
spark.stop()
""" + REPORT.replace('"n": n,', '"n": n, "first": first,')
    r = run_python(code)
    assert r.returncode == 0, r.stderr[-4000:]
    out = last_json_line(r.stdout)
    assert out["first"]["status"] == "waiting"
    assert out["state"]["status"] == "armed" and len(out["state"]["armed"]) == 2
    causes = sorted(s["analysis"]["verdict"]["cause"] for s in _signals(sig))
    assert causes == ["whole_plan_jvm", "whole_plan_jvm"]  # one per query, from both sessions


def test_opt_out_with_CLUSOP_AUTOLOAD_0(tmp_path):
    sig = tmp_path / "signals"
    code = SESSION_CODE + f"""
spark = make_session("clusop-optout", {{"spark.clusop.photonEnabled": "true", "spark.clusop.jsonl.dir": "{sig}"}})
""" + UDF_QUERY + """
spark.stop()
""" + REPORT
    r = run_python(code, env={"CLUSOP_AUTOLOAD": "0"})
    assert r.returncode == 0, r.stderr[-4000:]
    out = last_json_line(r.stdout)
    assert out["state"]["status"] == "disabled"
    assert out["clusop_modules"] == ["clusop", "clusop.runtime", "clusop.runtime.bootstrap"]
    assert _signals(sig) == []


def test_a_broken_jar_never_breaks_the_session(tmp_path):
    bad = tmp_path / "not-a.jar"
    bad.write_bytes(b"this is not a jar")
    code = SESSION_CODE + """
spark = make_session("clusop-broken")
""" + UDF_QUERY + """
spark.stop()
""" + REPORT
    r = run_python(code, env={"CLUSOP_LISTENER_JAR": str(bad)})
    assert r.returncode == 0, r.stderr[-4000:]
    out = last_json_line(r.stdout)
    assert out["n"] > 0
    assert out["state"]["status"] == "failed", out["state"]
    assert "could not register the listener" in out["state"]["detail"]


def test_no_spark_no_cost():
    """Without PySpark the bootstrap only waits: three tiny modules, no thread, nothing else."""
    r = run_python("""
        import json, sys, threading
        boot = sys.modules.get("clusop.runtime.bootstrap")
        print(json.dumps({"state": dict(boot.STATE),
                          "clusop": sorted(m for m in sys.modules if m.startswith("clusop")),
                          "threads": threading.active_count(),
                          "finders": [type(f).__name__ for f in sys.meta_path]}))
    """)
    assert r.returncode == 0, r.stderr
    out = last_json_line(r.stdout)
    assert out["state"]["status"] == "waiting"
    assert out["clusop"] == ["clusop", "clusop.runtime", "clusop.runtime.bootstrap"]
    assert out["threads"] == 1 and "_Finder" in out["finders"]


@pytest.mark.skipif(connect_jar() is None, reason="no spark-connect jar (build/notebook-jars)")
def test_dormant_on_spark_connect(tmp_path):
    sig = tmp_path / "signals"
    jar = connect_jar()
    code = f"""
import json, sys
from pyspark.sql import SparkSession
spark = (SparkSession.builder.remote("local[2]")
         .config("spark.jars", "{jar}")
         .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
         .config("spark.clusop.photonEnabled", "true").config("spark.clusop.jsonl.dir", "{sig}")
         .getOrCreate())
n = spark.range(0, 100).selectExpr("sum(id) AS s").collect()[0]["s"]
kind = type(spark).__module__
# the classic session hosting the local server, in this process: no listener class was added
from pyspark.sql import SparkSession as Classic
host = Classic._instantiatedSession
loadable = True
try:
    host._jvm.java.lang.Class.forName("com.clusop.listener.PhotonFallbackListener", False,
                                      host._jsparkSession.sharedState().jarClassLoader())
except Exception:
    loadable = False
spark.stop()
""" + REPORT.replace('"n": n,', '"n": n, "kind": kind, "loadable": loadable,')
    r = run_python(code)
    assert r.returncode == 0, r.stderr[-4000:]
    out = last_json_line(r.stdout)
    assert out["n"] == 4950 and out["kind"].startswith("pyspark.sql.connect")
    assert out["state"]["status"] == "dormant", out["state"]
    assert "Spark Connect" in out["state"]["detail"]
    assert out["loadable"] is False
    assert _signals(sig) == []


def test_find_spec_alone_does_not_disarm():
    """A tool asking where pyspark.sql.session is (without importing it) leaves the watcher on."""
    r = run_python("""
        import json, sys
        boot = sys.modules["clusop.runtime.bootstrap"]
        finder = next(f for f in sys.meta_path if type(f).__name__ == "_Finder")
        spec = finder.find_spec("pyspark.sql.session", None)   # asked, never loaded
        still = any(type(f).__name__ == "_Finder" for f in sys.meta_path)
        from pyspark.sql import SparkSession
        print(json.dumps({"found": spec is not None and spec.loader is not None, "still_waiting": still,
                          "wrapped": getattr(SparkSession.__init__, "_clusop_wrapped", False),
                          "finder_gone": not any(type(f).__name__ == "_Finder" for f in sys.meta_path),
                          "state": sys.modules["clusop.runtime.bootstrap"].STATE["status"]}))
    """)
    assert r.returncode == 0, r.stderr
    out = last_json_line(r.stdout)
    assert out == {"found": False, "still_waiting": True, "wrapped": True, "finder_gone": True, "state": "watching"}
