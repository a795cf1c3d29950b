"""A run read back from the tables reads as the fresh scan did (issue 8): the tables keep numbers
only, and `clusop report --db` has the core word them again (clusop_words) by the kind schema.py
gives each column. The expectation is the fresh scan's own *_text of the same log, never a string
written here; the report runs in a fresh interpreter so nothing of the scan is cached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO, run_python

import clusop
from clusop.store.schema import APPS, RECOMMENDATIONS, SQL_EXECUTIONS, STAGE_METRICS

LOG = REPO / "tests" / "io" / "data" / "spark-3.5.9" / "zstd" / "local-1796014150486.zstd"
needs_log = pytest.mark.skipif(not LOG.is_file(), reason=f"no Spark 3.5.9 log at {LOG}")


def _at(obj, path):
    for step in path:
        obj = obj.get(step) if isinstance(obj, dict) else None
    return obj


def _report_data(html: Path) -> dict:
    text = html.read_text(encoding="utf-8")
    return json.loads(text.split('id="clusop-report-data">')[1].split("</script>")[0])


@needs_log
def test_report_of_the_tables_shows_the_fresh_scans_words(tmp_path):
    db, out = tmp_path / "runs.duckdb", tmp_path / "db.html"
    fresh = clusop.scan(str(LOG)).to_dict()["applications"][0]
    code = f"""
from clusop.commands import main
import sys
assert main(["ingest", {str(LOG)!r}, "--db", {str(db)!r}]) == 0
sys.exit(main(["report", "--db", {str(db)!r}, "-o", {str(out)!r}]))
"""
    res = run_python(code, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    [stored] = _report_data(out)["scan"]["applications"]

    def pairs():
        yield APPS, fresh, stored
        for table, key, ident in ((STAGE_METRICS, "stages", ("stage_id", "attempt")),
                                  (SQL_EXECUTIONS, "sql_executions", ("execution_id",)),
                                  (RECOMMENDATIONS, "recommendations", ("rank",))):
            fresh_by = {tuple(o[k] for k in ident): o for o in fresh.get(key) or []}
            rows = stored.get(key) or []
            assert len(rows) == len(fresh_by), f"{key}: {len(rows)} read back, {len(fresh_by)} scanned"
            for o in rows:
                yield table, fresh_by[tuple(o[k] for k in ident)], o

    compared, worded = 0, 0
    for table, scanned, back in pairs():
        for c in table.columns:
            if not c.text:
                continue
            text_path = c.path[:-1] + (c.path[-1] + "_text",)
            want = _at(scanned, text_path)
            got = _at(back, text_path)
            assert got == want, f"{table.name}.{c.name}: read back {got!r}, the fresh scan says {want!r}"
            compared += 1
            worded += want is not None
    # the log has stages and SQL executions: most figures have words, none became a dash
    assert worded >= 40, f"only {worded} of {compared} figures had words to compare"


def test_the_core_knows_every_kind_the_tables_name():
    from clusop import _core

    kinds = sorted({c.text for t in (APPS, STAGE_METRICS, SQL_EXECUTIONS, RECOMMENDATIONS) for c in t.columns if c.text})
    answer = json.loads(_core.words(json.dumps({"figures": [{"kind": k, "value": 1} for k in kinds]})))
    assert "error" not in answer, answer
    assert all(isinstance(t, str) and t for t in answer["texts"])
    refused = json.loads(_core.words(json.dumps({"figures": [{"kind": "furlongs", "value": 1}]})))
    assert "furlongs" in refused["error"]["message"] and "duration_ms" in refused["error"]["message"]
