"""One run of a job on a local Spark with event logging on: the command, its environment, and
what it left (exit status, the event-log folder, the output path)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Sequence

OUTPUT_TOKEN = "{output}"
LAUNCHERS = ("python", "spark-submit")


class JobFailed(Exception):
    """The job exited with a non-zero status (or could not be started)."""


@dataclass(frozen=True)
class JobSpec:
    """How to run the job: ``launcher`` (python or spark-submit), the script's arguments (one of
    them holds ``{output}``: the loop gives each run its own output path there), extra Spark
    conf for both runs, a timeout in seconds."""

    script: Path
    args: Sequence[str] = ()
    launcher: str = "python"
    conf: Sequence[str] = ()  # "key=value"
    timeout: float = 1800.0

    def check(self) -> None:
        if self.launcher not in LAUNCHERS:
            raise ValueError(f"launcher {self.launcher!r} is not one of {', '.join(LAUNCHERS)}")
        if not any(OUTPUT_TOKEN in a for a in self.args):
            raise ValueError(f"no job argument holds {OUTPUT_TOKEN}: the loop needs the path the job writes its "
                             "result to, to compare the result before and after the change "
                             "(e.g. clusop loop job.py -- --out {output})")
        for c in self.conf:
            if "=" not in c:
                raise ValueError(f"--conf {c!r}: expected KEY=VALUE")


@dataclass
class JobRun:
    label: str                # "before" or "after"
    run_dir: Path
    event_log_dir: Path
    output: Path
    returncode: int
    stderr_tail: str = ""
    command: List[str] = field(default_factory=list)


def event_log_conf(event_log_dir: Path) -> List[str]:
    return ["spark.eventLog.enabled=true", f"spark.eventLog.dir={event_log_dir.resolve().as_uri()}"]


def spark_submit() -> str:
    found = shutil.which("spark-submit")
    if found:
        return found
    import pyspark  # the pip package carries its own launcher

    return str(Path(pyspark.__file__).parent / "bin" / "spark-submit")


def command(spec: JobSpec, script: Path, output: Path, conf: Sequence[str]) -> List[str]:
    args = [a.replace(OUTPUT_TOKEN, str(output)) for a in spec.args]
    if spec.launcher == "spark-submit":
        confs = [x for c in conf for x in ("--conf", c)]
        return [spark_submit(), *confs, str(script), *args]
    return [sys.executable, str(script), *args]


def run_job(spec: JobSpec, source_text: str, run_dir: Path, label: str, *, script_path: Optional[Path] = None) -> JobRun:
    """Runs the job's ``source_text`` (from ``script_path`` when given: the original file, so the
    log's call sites name it; else a copy in run_dir) with its event log in run_dir/eventlog."""
    run_dir.mkdir(parents=True, exist_ok=True)
    event_log_dir = run_dir / "eventlog"
    event_log_dir.mkdir(exist_ok=True)
    output = run_dir / "output"
    script = script_path
    if script is None:
        script = run_dir / spec.script.name
        script.write_text(source_text, encoding="utf-8")
    conf = [*spec.conf, *event_log_conf(event_log_dir)]
    cmd = command(spec, script, output, conf)
    env = dict(os.environ)
    home = str(spec.script.resolve().parent)
    # the copy imports what the original imports from beside it
    env["PYTHONPATH"] = os.pathsep.join(p for p in (home, env.get("PYTHONPATH", "")) if p)
    if spec.launcher == "spark-submit":
        # spark-submit starts the script with python3 from PATH: the loop's own interpreter instead,
        # where pyspark and the job's imports are (unless the caller chose one)
        env.setdefault("PYSPARK_PYTHON", sys.executable)
        env.setdefault("PYSPARK_DRIVER_PYTHON", env["PYSPARK_PYTHON"])
    if spec.launcher == "python":
        # pyspark launches spark-submit with these: the job's own builder settings still apply
        confs = " ".join(f"--conf {c}" for c in conf)
        env["PYSPARK_SUBMIT_ARGS"] = f"{confs} pyspark-shell"
    try:
        done = subprocess.run(cmd, cwd=home, env=env, capture_output=True, text=True, timeout=spec.timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise JobFailed(f"the {label} run of {spec.script.name} could not finish: {e}") from e
    (run_dir / "stdout.txt").write_text(done.stdout, encoding="utf-8")
    (run_dir / "stderr.txt").write_text(done.stderr, encoding="utf-8")
    run = JobRun(label, run_dir, event_log_dir, output, done.returncode, _tail(done.stderr), cmd)
    if done.returncode != 0:
        raise JobFailed(f"the {label} run of {spec.script.name} failed (exit status {done.returncode}); "
                        f"the end of its stderr:\n{run.stderr_tail}")
    return run


def _tail(text: str, lines: int = 12) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])
