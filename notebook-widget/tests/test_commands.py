"""One `clusop` command (the console script of the installed wheel): `analyze`, `scan` and
`request` run the C++ command line in-process and print byte for byte what the C++ binary
prints (stdout, stderr and exit status); `--help` lists every subcommand module."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

LOGS = "tests/io/data/spark-3.5.9"
PLAIN_LOG = next(str(p.relative_to(REPO)) for p in sorted((REPO / LOGS / "none").iterdir()) if p.is_file())
PLAN = "tests/golden/plans/comet/python_udf.tree.txt"
CONSOLE_SCRIPT = Path(sys.executable).parent / "clusop"


def cli_binary():
    for p in (os.environ.get("CLUSOP_CLI"), REPO / "build" / "release" / "clusop"):
        if p and Path(p).is_file() and os.access(p, os.X_OK):
            return str(p)
    return None


def run(program, args, stdin=None):
    return subprocess.run([program, *args], cwd=REPO, capture_output=True, input=stdin, timeout=300)


CASES = {
    "plan text": ["analyze", PLAN],
    "plan json, priced": ["analyze", "--format", "json", "--photon-enabled", "true", "--node-type", "i3.xlarge",
                          "--workers", "8", "--runtime-seconds", "1800", "tests/golden/plans/spark/python_udf.tree.txt"],
    "event log via analyze": ["analyze", PLAIN_LOG],
    "scan text": ["scan", LOGS],
    "scan json": ["scan", "--format", "json", "--jobs", "2", LOGS],
    "error: no such file": ["analyze", "no/such/plan.txt"],
    "error: scan of no log": ["scan", "--format", "json", "README.md"],
    "error: bad option": ["scan", "--format", "yaml", LOGS],
    "analyze --help": ["analyze", "--help"],
    "scan --help": ["scan", "--help"],
    "request --help": ["request", "--help"],
    "--version": ["--version"],
}


@pytest.mark.parametrize("name", list(CASES))
def test_byte_parity_with_the_cpp_binary(name):
    binary = cli_binary()
    if binary is None:
        pytest.skip("no C++ clusop binary (build/release/clusop or CLUSOP_CLI): scripts/notebook-test.sh builds it")
    args = CASES[name]
    native = run(binary, args)
    python = run(str(CONSOLE_SCRIPT), args)
    assert python.returncode == native.returncode, python.stderr.decode(errors="replace")
    assert python.stdout == native.stdout
    assert python.stderr == native.stderr
    if name.startswith("error"):
        assert native.returncode == 2 and native.stderr  # the error case is one
    elif "--help" not in name and name != "--version":
        assert native.returncode == 0 and len(native.stdout) > 200


def test_request_reads_stdin_the_same():
    binary = cli_binary()
    if binary is None:
        pytest.skip("no C++ clusop binary")
    plan = (REPO / PLAN).read_text()
    import json

    req = (json.dumps({"plan": plan}) + "\n" + json.dumps({"plan": "not a plan"}) + "\n").encode()
    native = run(binary, ["request", "--jsonl", "-"], stdin=req)
    python = run(str(CONSOLE_SCRIPT), ["request", "--jsonl", "-"], stdin=req)
    assert (python.returncode, python.stdout, python.stderr) == (native.returncode, native.stdout, native.stderr)
    assert native.stdout.count(b"\n") == 2


def test_help_lists_every_command_module():
    import clusop.commands as commands

    modules = sorted(m for m in os.listdir(os.path.dirname(commands.__file__))
                     if m.endswith(".py") and not m.startswith("_"))
    out = run(str(CONSOLE_SCRIPT), ["--help"])
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    for m in modules:
        assert m[:-3].replace("_", "-") in text, (m, text)
    for needed in ("analyze", "scan", "request", "ingest"):
        assert needed in text


def test_unknown_command_is_a_clear_error():
    out = run(str(CONSOLE_SCRIPT), ["analyse-this"])
    assert out.returncode == 2
    assert b"invalid choice" in out.stderr and b"ingest" in out.stderr


@pytest.mark.parametrize("command, missing", [(["fix", PLAN, "--recommendations", PLAN], "libcst"),
                                              (["certify"], "pyspark")])
def test_a_missing_optional_dependency_is_named_not_a_traceback(command, missing):
    # the package stands as if not installed (None in sys.modules makes its import fail)
    code = (f"import sys; sys.modules[{missing!r}] = None; from clusop.commands import main; "
            f"sys.exit(main({command!r}))")
    r = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 2, r.stderr[-2000:]
    assert f"needs the Python package '{missing}'" in r.stderr and "Traceback" not in r.stderr, r.stderr[-2000:]


def test_python_output_is_not_interleaved():
    """Python's buffered output is flushed before the C++ code writes to fd 1."""
    code = ("import sys; from clusop.commands import main; sys.stdout.write('before\\n'); "
            "rc = main(['--version']); sys.stdout.write('after\\n'); sys.exit(rc)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # a pipe: Python buffers
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.decode().splitlines()
    assert lines[0] == "before" and lines[1].startswith("clusop ") and lines[2] == "after"
