"""`clusop fix` as a command: the diff on stdout, the rationale on stderr, exit 0; a log read in
this process (the package's scan path); a source that does not parse or a file that is not a
scan gives exit 1 and a message naming what was expected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clusop.commands import main
from conftest import REPO

CASES = Path(__file__).parent / "cases"
CLEAN_LOG = next(p for p in sorted((REPO / "tests/io/data/spark-3.5.9/none").iterdir()) if p.is_file())


def scan_file(tmp_path: Path, case: str) -> str:
    recs = json.loads((CASES / case / "recommendations.json").read_text(encoding="utf-8"))["recommendations"]
    path = tmp_path / "scan.json"
    path.write_text(json.dumps({"schema": "clusop.scan/1", "applications": [{"recommendations": recs}]}))
    return str(path)


def test_diff_on_stdout_rationale_on_stderr(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(CASES / "broadcast")
    assert main(["fix", "job.py", "--recommendations", scan_file(tmp_path, "broadcast")]) == 0
    out, err = capsys.readouterr()
    assert out == (CASES / "broadcast" / "expected.diff").read_text(encoding="utf-8")
    assert "missed_broadcast: applied line 17: broadcast() around the right side" in err


def test_a_clean_log_gives_an_empty_diff(capsys):
    assert main(["fix", str(CASES / "broadcast" / "job.py"), "--log", str(CLEAN_LOG)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "no recommendation for this job" in err


def test_a_source_that_does_not_parse_is_reported(tmp_path, capsys):
    assert main(["fix", str(CASES / "does_not_parse" / "job.py"), "--recommendations",
                 scan_file(tmp_path, "does_not_parse")]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "job.py does not parse (line 4: '(' was never closed); expected Python source" in err


def test_a_file_that_is_not_a_scan_is_refused(tmp_path, capsys):
    bad = tmp_path / "recs.json"
    bad.write_text(json.dumps([{"rule": "aqe_off"}]))
    assert main(["fix", str(CASES / "aqe_off" / "job.py"), "--recommendations", str(bad)]) == 1
    assert "expected a clusop scan document" in capsys.readouterr().err


def test_log_or_recommendations_is_required(capsys):
    with pytest.raises(SystemExit):
        main(["fix", str(CASES / "aqe_off" / "job.py")])


def scenario_logs():
    """tools/loggen's logs when this machine has them ($CLUSOP_SPARK_LOGS, or build/rules-logs)."""
    import os

    for folder in (os.environ.get("CLUSOP_SPARK_LOGS"), REPO / "build" / "rules-logs"):
        if folder and (Path(folder) / "comet_udf" / "eventlog").is_dir():
            return Path(folder)
    return None


@pytest.mark.skipif(scenario_logs() is None, reason="no tools/loggen logs here (CLUSOP_SPARK_LOGS, build/rules-logs)")
def test_a_real_log_scanned_in_process_gives_the_case_diff(capsys, monkeypatch):
    """The udf_builtin case's job with the comet_udf scenario's log: scanned and ruled here, the
    UDF call becomes its built-in, as recommendations.json (made from the same log) gives."""
    monkeypatch.chdir(CASES / "udf_builtin")
    log = scenario_logs() / "comet_udf" / "eventlog"
    assert main(["fix", "job.py", "--log", str(log), "--set", "python_udf.min_duration_ms=1000"]) == 0
    out, err = capsys.readouterr()
    assert out == (CASES / "udf_builtin" / "expected.diff").read_text(encoding="utf-8")
    assert "python_udf: applied line 18" in err
