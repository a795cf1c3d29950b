"""`clusop serve` (issue 12): the listener's batches in over HTTP, kept exactly once in SQLite or
PostgreSQL, refusals logged; the service killed with SIGKILL mid-stream, the database stopped
for a while, and a real local Spark with the listener jar posting to the running service.

PostgreSQL is Debian's, started here (pg_server.py). Expectations come from what was sent or
from what the listener itself wrote (its JSONL sink beside the HTTP one), never from the service.
"""

from __future__ import annotations

import glob
import json
import logging
import os
import threading
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

import pg_server  # noqa: E402
from conftest import REPO, SESSION_CODE, run_python  # noqa: E402
from serve_helpers import TOKENS, Service, auth, batch_of, get, post, signal_of, write_tokens  # noqa: E402

from clusop.serve import create_app, open_store  # noqa: E402
from clusop.serve.limits import Limits  # noqa: E402
from clusop.serve.tokens import Tokens  # noqa: E402

needs_pg = pytest.mark.skipif(bool(pg_server.why_not()), reason=pg_server.why_not() or "postgres")


def body(doc) -> bytes:
    return json.dumps(doc).encode()


@pytest.fixture(scope="module")
def postgres():
    why = pg_server.why_not()
    if why:
        pytest.skip(why)
    server = pg_server.PostgresServer().init()
    yield server
    server.destroy()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=needs_pg)])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = open_store(str(tmp_path / "signals.db"))
    else:
        pg = request.getfixturevalue("postgres")
        s = open_store(pg.url)
        s.init()
        from clusop.serve import schema
        s._run(lambda cur: [cur.execute(f"DELETE FROM {t}") for t in schema.names()], write=True)
    s.init()
    yield s
    s.close()


def client(store, **limits):
    from starlette.testclient import TestClient
    return TestClient(create_app(store, Tokens(TOKENS), Limits(**limits)))


# ---------------------------------------------------------------- authentication
AUTH_CASES = [
    # (headers, batch workspace_id, status, code)
    ({}, None, 401, "no_token"),
    ({"Authorization": "Bearer not-a-token-of-this-service"}, None, 401, "wrong_token"),
    ({"Authorization": "Basic " + TOKENS["ws-alpha"]}, None, 401, "wrong_token"),
    ({"Authorization": f"Bearer {TOKENS['ws-alpha']}", "X-Clusop-Workspace": "ws-beta"}, None, 403, "other_workspace"),
    ({"Authorization": f"Bearer {TOKENS['ws-alpha']}"}, "ws-beta", 403, "other_workspace"),
]


@pytest.mark.parametrize("headers,named,status,code", AUTH_CASES)
def test_refused_requests_are_answered_and_logged_and_store_nothing(tmp_path, caplog, headers, named, status, code):
    s = open_store(str(tmp_path / "s.db"))
    s.init()
    doc = batch_of("app-1", 1, [("sig-a", 1)])
    if named:
        doc["workspace_id"] = named
    with caplog.at_level(logging.WARNING, logger="clusop.serve"):
        r = client(s).post("/v1/signals", content=body(doc), headers={"Content-Type": "application/json", **headers})
    assert r.status_code == status and r.json()["error"]["code"] == code
    logged = [m.getMessage() for m in caplog.records if m.name == "clusop.serve"]
    assert any(code in m and "POST /v1/signals" in m for m in logged), logged
    assert all(TOKENS["ws-alpha"] not in m for m in logged), "a token was logged"
    assert s.count_rows() == 0
    if status == 401:
        assert "bearer" in r.headers["www-authenticate"].lower()


def test_reading_needs_the_token_too_and_sees_only_its_workspace(store):
    c = client(store)
    assert c.get("/v1/signals").status_code == 401
    assert c.post("/v1/signals/sig/mute").status_code == 401
    assert c.post("/v1/signals", content=body(batch_of("app-1", 1, [("sig-a", 1)])), headers=auth("ws-alpha")).status_code == 200
    assert c.post("/v1/signals", content=body(batch_of("app-9", 1, [("sig-b", 4)])), headers=auth("ws-beta")).status_code == 200
    assert {r["signature"] for r in store.signal_rows("ws-alpha")} == {"sig-a"}
    assert {r["signature"] for r in store.signal_rows("ws-beta")} == {"sig-b"}
    got = c.get("/v1/signals", headers=auth("ws-beta")).json()
    assert [s["signature"] for s in got["signals"]] == ["sig-b"]
    assert c.get("/v1/signals/sig-a/sample", headers=auth("ws-beta")).status_code == 404


# ---------------------------------------------------------------- limits
def test_body_size_and_rate_limits(tmp_path):
    s = open_store(str(tmp_path / "s.db"))
    s.init()
    c = client(s, max_body_bytes=4096, rate_per_second=0.001, burst=3)
    small = body(batch_of("app-1", 1, [("sig-a", 1)]))
    big = body(batch_of("app-1", 2, [("sig-a", 2)], plan="x" * 5000))
    r = c.post("/v1/signals", content=big, headers=auth())
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    # no Content-Length (chunked): the read stops at the cap
    r = c.post("/v1/signals", content=iter([big[:3000], big[3000:]]), headers=auth())
    assert r.status_code == 413
    # the burst of 3 is spent by the two above and this one; the next is refused with a wait
    r = c.post("/v1/signals", content=small, headers=auth())
    assert r.status_code == 200
    r = c.post("/v1/signals", content=small, headers=auth())
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    # another workspace has its own bucket
    assert c.post("/v1/signals", content=small, headers=auth("ws-beta")).status_code == 200
    r = c.post("/v1/signals", content=small, headers={"Authorization": auth("ws-beta")["Authorization"],
                                                      "Content-Type": "text/plain"})
    assert r.status_code == 415
    assert s.count_rows() == 2


# ---------------------------------------------------------------- malformed and hostile bodies
def _sig(**over):
    s = signal_of("app-1", "sig-a", 1, 1)
    s.update(over)
    return s


BAD_BODIES = [
    (b"not json", "not JSON"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b"[]", "expected a JSON object"),
    (b"[" * 200000 + b"]" * 200000, "nests too deeply"),
    (body({"schema": "clusop.signal/1"}), "clusop.signal_batch/1"),
    (body({"schema": "clusop.signal_batch/1", "app_id": "a", "signals": []}), "non-empty array"),
    (body({"schema": "clusop.signal_batch/1", "app_id": "", "signals": [_sig()]}), "app_id must be"),
    (body({"schema": "clusop.signal_batch/1", "app_id": "app-1", "signals": [_sig(signature=None)]}), "signature"),
    (body({"schema": "clusop.signal_batch/1", "app_id": "app-1", "signals": [_sig(signature="s" * 300)]}), "at most 256"),
    (body({"schema": "clusop.signal_batch/1", "app_id": "app-1", "signals": [_sig(signature="a\u0000b")]}), "control"),
    (body({"schema": "clusop.signal_batch/1", "app_id": "app-1", "signals": [_sig(count=-1)]}), "count"),
    (body({"schema": "clusop.signal_batch/1", "app_id": "app-1", "signals": [_sig(count="3")]}), "count"),
    (body({"schema": "clusop.signal_batch/1", "app_id": "app-1", "signals": [_sig(app_id="app-2")]}), "app_id"),
    (body({"schema": "clusop.signal_batch/1", "app_id": "app-1", "signals": [_sig(), _sig()]}), "twice"),
    (body({"schema": "clusop.signal_batch/1", "app_id": "app-1",
           "signals": [_sig(), _sig(signature="b", flush={"seq": 2})]}), "same flush.seq"),
    (body({"schema": "clusop.signal_batch/1", "app_id": "app-1", "signals": [_sig(flush=None)]}), "flush"),
    (json.dumps({"schema": "clusop.signal_batch/1", "app_id": "app-1",
                 "signals": [_sig(total_waste_usd=float("nan"))]}).encode(), "NaN"),
    (body({"schema": "clusop.signal_batch/1", "app_id": "app-1", "signals": [_sig(total_waste_usd=-5)]}),
     "total_waste_usd"),
]


@pytest.mark.parametrize("raw,expected", BAD_BODIES, ids=[e for _, e in BAD_BODIES])
def test_malformed_bodies_are_refused_with_what_was_expected(tmp_path, raw, expected):
    s = open_store(str(tmp_path / "s.db"))
    s.init()
    r = client(s).post("/v1/signals", content=raw, headers=auth())
    assert r.status_code == 400, r.text
    assert expected in r.json()["error"]["message"]
    assert s.count_rows() == 0


def test_hostile_text_is_kept_as_data(store):
    hostile = "</script><img src=x onerror=alert(1)>\u0000\u202e'; DROP TABLE clusop_signals; --"
    signature = hostile.replace("\u0000", "")[:200]
    doc = batch_of("app-'; DROP TABLE x; --", 1, [(signature, 1)], plan=hostile * 3)
    r = client(store).post("/v1/signals", content=body(doc), headers=auth())
    assert r.status_code == 200, r.text
    rows = store.signal_rows("ws-alpha")
    assert len(rows) == 1 and rows[0]["signature"] == signature
    assert json.loads(rows[0]["signal_json"])["sample"]["plan"] == hostile * 3


# ---------------------------------------------------------------- exactly once
def test_a_batch_sent_twice_or_retried_counts_once(store):
    c = client(store)
    first = batch_of("app-1", 1, [("sig-a", 2), ("sig-b", 1)])
    r1 = c.post("/v1/signals", content=body(first), headers=auth()).json()
    r2 = c.post("/v1/signals", content=body(first), headers=auth()).json()
    assert (r1["new"], r1["duplicate"]) == (2, False) and (r2["new"], r2["duplicate"]) == (0, True)
    # the next flush of the same application, and another application with the same signature
    c.post("/v1/signals", content=body(batch_of("app-1", 2, [("sig-a", 5)])), headers=auth())
    c.post("/v1/signals", content=body(batch_of("app-2", 1, [("sig-a", 3)])), headers=auth())
    c.post("/v1/signals", content=body(batch_of("app-2", 1, [("sig-a", 3)])), headers=auth())
    keys = sorted(store.batch_keys())
    assert keys == sorted([("ws-alpha", "app-1", "sig-a", "1"), ("ws-alpha", "app-1", "sig-b", "1"),
                           ("ws-alpha", "app-1", "sig-a", "2"), ("ws-alpha", "app-2", "sig-a", "1")])
    got = {s["signature"]: s for s in c.get("/v1/signals", headers=auth()).json()["signals"]}
    # listener totals are cumulative per application: app-1's latest (5) + app-2's (3), each once
    assert got["sig-a"]["occurrences"] == 8 and got["sig-b"]["occurrences"] == 1
    assert {"signature", "occurrences", "waste_usd_per_month", "basis"} <= set(got["sig-a"])
    assert got["sig-a"]["basis"] == "modeled"
    # a late, older flush of app-1 changes nothing
    late = c.post("/v1/signals", content=body(batch_of("app-1", 1, [("sig-a", 2), ("sig-b", 1)])), headers=auth()).json()
    assert late["duplicate"] is True
    again = {s["signature"]: s for s in c.get("/v1/signals", headers=auth()).json()["signals"]}
    assert again["sig-a"]["occurrences"] == 8


def test_mute_is_stored_and_the_core_drops_muted_signatures(store):
    c = client(store)
    c.post("/v1/signals", content=body(batch_of("app-1", 1, [("sig-a", 2), ("sig-b", 1)])), headers=auth())
    assert c.post("/v1/signals/sig-a/mute", headers=auth()).json()["muted"] is True
    assert store.mutes("ws-alpha") == ["sig-a"] and store.mutes("ws-beta") == []
    verdicts = {s["signature"]: s["verdict"] for s in c.get("/v1/signals", headers=auth()).json()["signals"]}
    assert verdicts["sig-a"]["notify"] is False and "muted" in [r["code"] for r in verdicts["sig-a"]["reasons"]]
    assert "muted" not in [r["code"] for r in verdicts["sig-b"]["reasons"]]
    assert c.delete("/v1/signals/sig-a/mute", headers=auth()).json()["muted"] is False
    assert store.mutes("ws-alpha") == []


def test_onboarding_creates_tables_and_probes_billing(tmp_path, capsys):
    from clusop.commands import main
    db = tmp_path / "onboard.db"
    assert main(["serve", "--init", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "tables ready: clusop_signals" in out and "every dollar figure stays modeled" in out
    s = open_store(str(db))
    s._run(lambda cur: cur.execute("CREATE TABLE system_billing_usage (workspace_id TEXT, sku_name TEXT, "
                                   "usage_start_time TEXT, usage_end_time TEXT, usage_date TEXT, usage_quantity REAL, "
                                   "usage_unit TEXT, usage_metadata TEXT, cloud TEXT)"), write=True)
    s._run(lambda cur: cur.execute("CREATE TABLE system_billing_list_prices (sku_name TEXT, cloud TEXT)"), write=True)
    s.close()
    assert main(["serve", "--init", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    # the columns looked for are the core's (op billing_schema): record_id, record_type and
    # product_features only refine, so their absence is named but does not stop billing
    assert "billing usage: system_billing_usage readable, columns as system.billing.usage (without record_id, " \
           "record_type, product_features: used when present)" in out
    assert ("billing list_prices: system_billing_list_prices readable but lacks currency_code, usage_unit, "
            "price_start_time, pricing") in out
    assert main(["serve", "--db", "mysql://x/y", "--tokens", "t"]) == 2


# ---------------------------------------------------------------- faults, with the service as a process
def s_rows(batches) -> int:
    return sum(len(b["signals"]) for b in batches)


def _figures(name: str, doc: dict) -> None:
    """The fault tests' figures, for the closing note (build/notebook-test-artifacts/serve-*.json)."""
    from conftest import ARTIFACTS
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"serve-{name}.json").write_text(json.dumps(doc) + "\n")

def _batches(n_apps: int, n_flushes: int):
    """Distinct batches: n_apps applications each flushing n_flushes times (cumulative counts)."""
    out = []
    for a in range(n_apps):
        for seq in range(1, n_flushes + 1):
            out.append(batch_of(f"app-{a}", seq, [(f"sig-{a % 3}", seq), (f"sig-x{a}", 2 * seq)]))
    return out


def _send_all(port_of, batches, acked, stop_after=None, started=None):
    """Posts each batch once; records which were acknowledged (200)."""
    for i, b in enumerate(batches):
        try:
            status, _, _ = post(port_of(), body(b), auth(), timeout=5)
        except OSError:
            continue
        if status == 200:
            acked.add(i)
            if started is not None and len(acked) >= 20:
                started.set()


def test_kill_9_mid_stream_loses_no_acknowledged_batch_and_duplicates_none(tmp_path):
    tokens = write_tokens(tmp_path)
    db = str(tmp_path / "kill.db")
    svc = Service(db, tokens, tmp_path, "--rate", "100000", "--burst", "100000").start()
    batches = _batches(12, 40)  # 480 batches, 960 rows
    acked: set = set()
    started = threading.Event()
    port = {"p": svc.port}
    # four senders, each over its own share; their acknowledgements collected in one set
    shares = [set() for _ in range(4)]
    senders = [threading.Thread(target=_send_all, args=(lambda: port["p"], batches[k::4], shares[k], None, started))
               for k in range(4)]
    for t in senders:
        t.start()
    assert started.wait(60), "no batch was acknowledged"
    svc.kill9()
    for t in senders:
        t.join(120)
    for k, share in enumerate(shares):
        acked |= {k + 4 * i for i in share}
    assert 0 < len(acked) < len(batches), "the kill should land mid-stream"
    svc.start()
    s = open_store(db)
    stored = set(s.batch_keys())
    for i in acked:  # nothing acknowledged is lost
        b = batches[i]
        for sig in b["signals"]:
            assert ("ws-alpha", b["app_id"], sig["signature"], str(sig["flush"]["seq"])) in stored
    # the listener retries what was not acknowledged, and may repeat what was: everything again
    again: set = set()
    _send_all(lambda: svc.port, batches, again)
    svc.stop()
    assert len(again) == len(batches)
    assert s.count_rows() == sum(len(b["signals"]) for b in batches) == len(set(s.batch_keys()))
    s.close()
    _figures("kill9", {"batches": len(batches), "acknowledged_before_kill": len(acked),
                       "rows_after_restart_before_resend": len(stored), "rows_expected": s_rows(batches)})


@needs_pg
def test_database_unavailable_answers_503_then_nothing_is_lost(tmp_path, postgres):
    tokens = write_tokens(tmp_path)
    svc = Service(postgres.url, tokens, tmp_path).start()
    try:
        s = open_store(postgres.url)
        before = s.count_rows()
        first = body(batch_of("app-pg-down", 1, [("sig-d", 1)]))
        assert post(svc.port, first, auth())[0] == 200
        postgres.stop()
        status, doc, headers = post(svc.port, body(batch_of("app-pg-down", 2, [("sig-d", 2)])), auth())
        assert status == 503 and doc["error"]["code"] == "store_unavailable" and headers["retry-after"]
        assert get(svc.port, "/healthz")[0] == 503
        postgres.start()
        # the retry after the outage, and a repeat of the first batch
        assert post(svc.port, body(batch_of("app-pg-down", 2, [("sig-d", 2)])), auth())[0] == 200
        assert post(svc.port, first, auth())[2] is not None
        assert get(svc.port, "/healthz")[0] == 200
        keys = [k for k in s.batch_keys() if k[1] == "app-pg-down"]
        assert sorted(keys) == [("ws-alpha", "app-pg-down", "sig-d", "1"), ("ws-alpha", "app-pg-down", "sig-d", "2")]
        assert s.count_rows() == before + 2
        assert "store unavailable" in svc.log_text()
        s.close()
        _figures("db-down", {"answer_while_down": status, "retry_after": headers["retry-after"],
                             "rows_added": 2, "duplicates": 0})
    finally:
        svc.stop()


# ---------------------------------------------------------------- a real Spark with the listener jar
def _listener_jar() -> str | None:
    env = os.environ.get("CLUSOP_LISTENER_JAR")
    if env and os.path.isfile(env):
        return env
    import clusop
    found = sorted(glob.glob(os.path.join(os.path.dirname(clusop.__file__), "jars", "clusop-listener-*.jar")))
    found = found or sorted(glob.glob(str(REPO / "listener" / "target" / "clusop-listener-*.jar")))
    return found[-1] if found else None


SPARK_QUERIES = """
import json, sys
from pyspark.sql import functions as F
for conf in json.loads(sys.argv[1]):                                        # one application per service
    spark = make_session("clusop-serve-e2e", conf)
    @F.udf("long")
    def plus_one(x):
        return None if x is None else x + 1
    spark.range(0, 200).where(plus_one("id") > 3).count()                   # a Python UDF: a fallback
    spark.range(0, 300).where(plus_one("id") > 5).count()                   # the same shape again
    spark.range(0, 100).selectExpr("sum(id) AS s").collect()                # JVM work on a Photon cluster
    spark.sql("SELECT * FROM VALUES (1), (2) AS t(a)").collect()            # a local relation: no fallback
    spark.sql("SET spark.sql.shuffle.partitions=4").collect()               # a command: no fallback
    spark.stop()                                                            # final flush, HTTP drained
print(json.dumps({"ok": True}))
"""


@pytest.fixture(scope="module")
def spark_run(tmp_path_factory):
    """ONE Spark process (one JVM, the listener jar on spark.jars) running one application per
    store, each application's listener posting to a service on that store."""
    import subprocess
    import sys

    jar = _listener_jar()
    if jar is None:
        pytest.skip("no listener jar (mvn -f listener/pom.xml package, or the wheel's clusop/jars)")
    kinds = ["sqlite"] + ([] if pg_server.why_not() else ["postgresql"])
    runs, confs, services = {}, [], []
    pg = None
    try:
        for kind in kinds:
            work = tmp_path_factory.mktemp(f"e2e-{kind}")
            if kind == "postgresql":
                pg = pg_server.PostgresServer().init()
            db = str(work / "e2e.db") if kind == "sqlite" else pg.url
            svc = Service(db, write_tokens(work), work).start()
            services.append(svc)
            runs[kind] = {"db": db, "jsonl": work / "jsonl", "service": svc}
            confs.append({
                "spark.jars": jar,
                "spark.sql.queryExecutionListeners": "com.clusop.listener.PhotonFallbackListener",
                "spark.clusop.sink": "both", "spark.clusop.jsonl.dir": str(work / "jsonl"),
                "spark.clusop.http.endpoint": f"http://127.0.0.1:{svc.port}/v1/signals",
                "spark.clusop.http.header.Authorization": f"Bearer {TOKENS['ws-beta']}",
                "spark.clusop.http.header.X-Clusop-Workspace": "ws-beta",
                "spark.clusop.photonEnabled": "true", "spark.clusop.cluster.nodeType": "i3.xlarge",
                "spark.clusop.cluster.driverNodeType": "i3.xlarge", "spark.clusop.cluster.workers": "4",
                "spark.clusop.flushIntervalSeconds": "0.2",
                # what a Databricks driver's conf names: the core reads it into every signal
                "spark.databricks.clusterUsageTags.clusterId": f"1130-e2e-{kind}",
                "spark.databricks.job.id": "81", "spark.databricks.job.runId": "8101",
            })
        env = dict(os.environ, CLUSOP_AUTOLOAD="0", SPARK_LOCAL_IP="127.0.0.1", TZ="UTC")
        out = subprocess.run([sys.executable, "-c", SESSION_CODE + SPARK_QUERIES, json.dumps(confs)],
                             capture_output=True, text=True, env=env, timeout=400)
        assert out.returncode == 0, out.stderr[-4000:]
        yield runs
    finally:
        for svc in services:
            svc.stop()
        if pg is not None:
            pg.destroy()


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=needs_pg)])
def test_a_real_spark_with_the_listener_posts_to_the_service(spark_run, kind):
    run = spark_run[kind]
    # what the listener itself wrote: every flush line of every signal
    lines = [json.loads(line) for f in run["jsonl"].glob("*.jsonl") for line in f.read_text().splitlines() if line.strip()]
    assert lines, "the listener wrote no signal"
    app_id = lines[0]["app_id"]
    sent = {(ln["signature"], str(ln["flush"]["seq"])) for ln in lines}
    s = open_store(run["db"])
    keys = s.batch_keys()
    assert sorted((k[2], k[3]) for k in keys if k[1] == app_id) == sorted(sent), "each flush of each signal once"
    assert {k[0] for k in keys} == {"ws-beta"} and {k[1] for k in keys} == {app_id}
    latest = {}
    for ln in lines:
        if ln["flush"]["seq"] >= latest.get(ln["signature"], {"flush": {"seq": -1}})["flush"]["seq"]:
            latest[ln["signature"]] = ln
    # two fallback shapes: the UDF's twice, the aggregate's once; the local relation and the command none
    assert sorted(ln["count"] for ln in latest.values()) == [1, 2], [(ln["cause"], ln["count"]) for ln in latest.values()]
    udf = [ln for ln in latest.values() if "BatchEvalPython" in ln["sample"]["plan"]]
    assert len(udf) == 1 and udf[0]["count"] == 2
    assert not any("LocalTableScan" in ln["sample"]["plan"] for ln in latest.values())
    assert "rejected" not in run["service"].log_text()
    from clusop.serve.ranking import ranked
    got = {x["signature"]: x for x in ranked(s.records("ws-beta"), [])["signals"]}
    assert {k: v["occurrences"] for k, v in got.items()} == {k: v["count"] for k, v in latest.items()}
    # each signal names its cluster and job run, so billed reconciliation can match usage rows by them
    assert {(ln["cluster"]["cluster_id"], ln["cluster"]["job_id"], ln["cluster"]["job_run_id"]) for ln in lines} == \
        {(f"1130-e2e-{kind}", "81", "8101")}
    assert {src["source"] for r in s.records("ws-beta") for src in r["sources"]} == {f"cluster:1130-e2e-{kind}"}
    s.close()


# ---------------------------------------------------------------- the page
def _browser_ready() -> str:
    import shutil
    if shutil.which("node") is None:
        return "no node"
    if not Path("/usr/bin/chromium").exists():
        return "no /usr/bin/chromium"
    if not any((REPO / d / "node_modules" / "playwright-core").is_dir() for d in ("notebook-widget", "web")):
        return "no playwright-core (npm ci --prefix notebook-widget)"
    from clusop.serve.page import bundle_js
    if not bundle_js():
        return "no clusop/static/serve.js in this installation (built with the wheel)"
    return ""


HOSTILE_PLAN = """== Physical Plan ==
*(2) Project [id#0L, <img src=x onerror="window.__pwned=1">#5L]
+- BatchEvalPython [<script>window.__pwned=2</script>(id#0L)#4L], [pythonUDF0#6L]
   +- *(1) Range (0, 100, step=1, splits=2)
"""


@pytest.mark.skipif(bool(_browser_ready()), reason=_browser_ready() or "browser")
def test_the_page_ranks_opens_the_plan_in_the_tree_and_mutes_with_hostile_text_inert(tmp_path):
    import subprocess

    import clusop
    from conftest import ARTIFACTS

    analysis = clusop.analyze(HOSTILE_PLAN, photon_enabled=True, cloud="aws", node_type="i3.xlarge",
                              driver_node_type="i3.xlarge", workers=4, runtime_seconds=600, runs_per_day=24).to_dict()
    assert analysis["nodes"], "the core found no nodes in the hostile plan"
    big = signal_of("app-page", "sig-hostile", 1, 3, plan=HOSTILE_PLAN, waste=9.0)
    big["analysis"] = analysis
    small = signal_of("app-page", "sig-small", 1, 1, waste=0.5)
    svc = Service(str(tmp_path / "page.db"), write_tokens(tmp_path), tmp_path).start()
    try:
        doc = {"schema": "clusop.signal_batch/1", "app_id": "app-page", "signals": [small, big]}
        assert post(svc.port, body(doc), auth())[0] == 200
        ranked_order = [s["signature"] for s in get(svc.port, "/v1/signals", auth())[1]["signals"]]
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        out = subprocess.run(["node", str(Path(__file__).parent / "serve_open.mjs"), f"http://127.0.0.1:{svc.port}",
                              TOKENS["ws-alpha"], str(ARTIFACTS / "serve-page.png")],
                             capture_output=True, text=True, timeout=180)
        assert out.returncode == 0, out.stderr[-3000:]
        seen = json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        svc.stop()
    before = seen["before"]
    assert before["state"] == "done" and before["signatures"] == ranked_order
    assert before["opened"] == ranked_order[0] == "sig-hostile"
    assert before["tree_rows"] >= len([n for n in analysis["nodes"] if n.get("name")]) // 2 > 0
    # the hostile text is drawn as text, and nothing of it ran or became an element
    assert "<img src=x" in before["tree_text"] or "<script>" in before["tree_text"]
    assert before["injected"] == 0 and before["pwned"] is None
    assert "#token=" not in before["url"], "the token stays out of the address bar"
    assert "script-src 'self'" in seen["csp"] and "unsafe-inline" not in seen["csp"].split("script-src")[1].split(";")[0]
    assert seen["muted"] == ["sig-hostile"] and seen["problems"] == [] and seen["foreign"] == []


# ---------------------------------------------------------------- notifications
def test_signals_passing_the_gate_are_notified_once_to_a_local_webhook(tmp_path):
    pytest.importorskip("clusop.notify")
    import http.server
    import time

    received = []

    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *a):
            pass

    hook = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    svc = Service(str(tmp_path / "n.db"), write_tokens(tmp_path), tmp_path,
                  "--notify", f"webhook=http://127.0.0.1:{hook.server_address[1]}/hook",
                  "--min-confidence", "LOW", "--min-waste-usd-per-month", "0").start()

    def settled(queued):
        end = time.monotonic() + 60
        while time.monotonic() < end:
            n = get(svc.port, "/healthz")[1]["notifications"]
            if n["queued"] == queued and n["done"] == queued:
                return n
            time.sleep(0.05)
        raise AssertionError(f"notifications did not settle: {get(svc.port, '/healthz')[1]}")

    try:
        first = body(batch_of("app-n", 1, [("sig-n1", 2), ("sig-n2", 1)]))
        assert post(svc.port, first, auth())[0] == 200
        assert settled(1)["sent"] == 2
        assert post(svc.port, first, auth())[1]["duplicate"] is True   # a repeat changes no record
        assert post(svc.port, body(batch_of("app-n", 2, [("sig-n1", 3)])), auth())[0] == 200
        assert settled(2)["sent"] == 2, "within the cooldown a changed signal is not announced again"
    finally:
        svc.stop()
        hook.shutdown()
    assert sorted(json.dumps(r, sort_keys=True).count("sig-n1") > 0 for r in received) == [False, True]


# ---------------------------------------------------------------- billed reconciliation
RECONCILE_CASE = REPO / "tests" / "signals" / "cases" / "reconcile_billed.request.json"


@pytest.mark.skipif(not RECONCILE_CASE.is_file(), reason=f"no {RECONCILE_CASE}")
def test_billing_tables_in_the_store_turn_modeled_into_billed(tmp_path):
    """Tables with the system tables' columns in the embedded store (the Databricks SQL warehouse is
    the boundary we cannot reach here); the rows and the signal's cluster are the core's own case."""
    case = json.loads(RECONCILE_CASE.read_text())
    source = case["signal"]["sources"][0]
    ws = case["signal"]["workspace_id"]
    sig = signal_of(source["app_id"], case["signal"]["signature"], 1, source["occurrences"])
    sig.update(cluster=source["cluster"], analysis=case["signal"]["analysis"], first_seen=source["first_seen"],
               last_seen=source["last_seen"], total_waste_usd=source["total_waste_usd"],
               total_runtime_seconds=source["total_runtime_seconds"], priced_runs=source["priced_runs"])
    db = str(tmp_path / "billing.db")
    s = open_store(db)
    s.init()
    for table, rows in (("system_billing_usage", case["usage"]), ("system_billing_list_prices", case["list_prices"])):
        cols = list(rows[0])
        s._run(lambda cur: cur.execute(f"CREATE TABLE {table} ({', '.join(c + ' TEXT' for c in cols)})"), write=True)
        for r in rows:
            vals = tuple(json.dumps(r.get(c)) if isinstance(r.get(c), dict) else r.get(c) for c in cols)
            s._run(lambda cur: cur.execute(f"INSERT INTO {table} VALUES ({', '.join('?' * len(cols))})", vals), write=True)
    s.close()
    tokens = write_tokens(tmp_path)
    token = {"Authorization": f"Bearer {TOKENS[ws]}", "Content-Type": "application/json"}
    batch = body({"schema": "clusop.signal_batch/1", "app_id": source["app_id"], "signals": [sig]})
    figures = {}
    for billed in (False, True):
        extra = ["--billing-usage", "system_billing_usage", "--billing-prices", "system_billing_list_prices"] if billed else []
        svc = Service(db, tokens, tmp_path, *extra).start()
        try:
            assert post(svc.port, batch, token)[0] == 200
            (got,) = get(svc.port, "/v1/signals", token)[1]["signals"]
        finally:
            svc.stop()
        figures[billed] = got
    assert figures[False]["basis"] == "modeled"
    assert figures[True]["basis"] == "billed", figures[True]
    assert figures[True]["waste_usd_per_month"] != figures[False]["waste_usd_per_month"]
