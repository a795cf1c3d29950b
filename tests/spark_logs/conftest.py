"""Event logs a real local Spark writes, generated once per session, and `clusop scan` over them.

The logs and their facts.json come from tools/loggen/scenarios.py (pyspark 3.5.9, Java 17).
  CLUSOP_SPARK_LOGS  a folder of generated scenarios to reuse (generated into it when empty)
  CLUSOP_BIN         the clusop binary (default build/release/clusop)
  COMET_JAR_DIR      where the Comet jar is (default build/plangen/jars)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GENERATOR = os.path.join(REPO_ROOT, "tools", "loggen", "scenarios.py")
sys.path.insert(0, os.path.dirname(__file__))

from spark_facts import Scenario  # noqa: E402

# what the generator printed (per scenario time, total), shown in the closing summary
GENERATION_REPORT: list = []


def _generated(folder: str) -> bool:
    return os.path.isdir(folder) and any(
        os.path.exists(os.path.join(folder, n, "facts.json")) for n in os.listdir(folder))


@pytest.fixture(scope="session")
def logs_dir(tmp_path_factory) -> str:
    folder = os.environ.get("CLUSOP_SPARK_LOGS")
    if folder and _generated(folder):
        return folder
    if not folder:
        folder = str(tmp_path_factory.mktemp("spark_logs"))
    proc = subprocess.run([sys.executable, GENERATOR, "--out", folder, "--jobs", "2"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    GENERATION_REPORT.append(proc.stdout)
    if proc.returncode != 0:
        # a scenario that failed has no facts.json: its tests fail, the others still run
        sys.stderr.write(f"tools/loggen/scenarios.py failed:\n{proc.stdout}\n")
    return folder


@pytest.fixture(scope="session")
def clusop_bin() -> str:
    path = os.environ.get("CLUSOP_BIN", os.path.join(REPO_ROOT, "build", "release", "clusop"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"no clusop binary at {path}: build the target 'clusop' or set CLUSOP_BIN")
    return path


@pytest.fixture(scope="session")
def scenario(logs_dir, clusop_bin):
    """scenario(name) -> Scenario: its facts and its one application as `clusop scan` reads it."""
    cache: dict = {}

    def get(name: str) -> Scenario:
        if name not in cache:
            cache[name] = load_scenario(logs_dir, clusop_bin, name)
        return cache[name]
    return get


@pytest.fixture(scope="session")
def other_scenarios(logs_dir):
    """other_scenarios(*names) -> every generated, not skipped scenario but `names`: the
    applications where a problem's signs must be absent."""
    def get(*names: str) -> list:
        out = []
        for name in sorted(os.listdir(logs_dir)):
            path = os.path.join(logs_dir, name, "facts.json")
            if name in names or not os.path.exists(path):
                continue
            with open(path, encoding="utf-8") as fh:
                if not json.load(fh).get("skipped"):
                    out.append(name)
        assert out, f"no other scenario generated in {logs_dir}"
        return out
    return get


def load_scenario(logs_dir: str, clusop_bin: str, name: str) -> Scenario:
    folder = os.path.join(logs_dir, name)
    facts_path = os.path.join(folder, "facts.json")
    if not os.path.exists(facts_path):
        pytest.fail(f"scenario {name} was not generated: see {os.path.join(folder, 'worker.log')}")
    with open(facts_path, encoding="utf-8") as fh:
        facts = json.load(fh)
    if facts.get("skipped"):
        pytest.skip(f"scenario {name}: {facts['skipped']}")
    log_path = os.path.join(folder, facts["log"])
    proc = subprocess.run([clusop_bin, "scan", "--format", "json", log_path],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
    assert proc.returncode == 0, f"clusop scan {log_path}: exit {proc.returncode}: {proc.stderr.strip()}"
    doc = json.loads(proc.stdout)
    assert doc.get("schema") == "clusop.scan/1", doc.get("schema")
    # Spark's local file system leaves .crc checksum files beside a rolling log's parts; clusop
    # lists them as skipped, which is a note, not a failure to read
    errors = [e for e in doc["errors"] if not e["message"].startswith("skipped:")]
    assert errors == [], errors
    assert len(doc["applications"]) == 1, [a.get("app_id") for a in doc["applications"]]
    return Scenario(name, facts, doc["applications"][0])


def pytest_terminal_summary(terminalreporter):
    for text in GENERATION_REPORT:
        terminalreporter.section("tools/loggen/scenarios.py")
        terminalreporter.write(text)
