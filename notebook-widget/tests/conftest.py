"""Shared fixtures: the repository, a real local PySpark session (Java 17), subprocess helpers.

The tests run against the INSTALLED package (the wheel, with its native extension, front-end
bundle, listener jar and clusop_autoload.pth), never against src/ directly:
scripts/notebook-test.sh builds the wheel and installs it first.
"""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
WIDGET_DIR = HERE.parent
REPO = WIDGET_DIR.parent
GOLDEN = REPO / "tests" / "golden"
ARTIFACTS = REPO / "build" / "notebook-test-artifacts"

SPARK_ENV = {
    "JAVA_HOME": os.environ.get("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64"),
    "PYSPARK_PYTHON": sys.executable,
    "PYSPARK_DRIVER_PYTHON": sys.executable,
    "SPARK_LOCAL_IP": "127.0.0.1",
    "TZ": "UTC",
}
for k, v in SPARK_ENV.items():
    os.environ.setdefault(k, v)

# the cluster every priced test uses (the golden runner's, with a driver)
PRICED = dict(cloud="aws", sku="jobs", tier="premium", node_type="i3.xlarge",
              driver_node_type="i3.xlarge", workers=4, runtime_seconds=600, runs_per_day=24)


def pth_installed() -> bool:
    return Path(sysconfig.get_paths()["purelib"], "clusop_autoload.pth").is_file() or \
        Path(sysconfig.get_paths()["platlib"], "clusop_autoload.pth").is_file()


def comet_jar() -> str | None:
    env = os.environ.get("COMET_JAR")
    if env and os.path.isfile(env):
        return env
    found = sorted(glob.glob(str(REPO / "build" / "plangen" / "jars" / "comet-spark-spark3.5_2.12-*.jar")))
    return found[-1] if found else None


def connect_jar() -> str | None:
    env = os.environ.get("SPARK_CONNECT_JAR")
    if env and os.path.isfile(env):
        return env
    found = sorted(glob.glob(str(REPO / "build" / "notebook-jars" / "spark-connect_2.12-3.5.*.jar")))
    return found[-1] if found else None


def run_python(code: str, *, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Runs code in a fresh interpreter of this environment (site processing, .pth included)."""
    full_env = dict(os.environ)
    full_env.update(SPARK_ENV)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          env=full_env, timeout=timeout)


def last_json_line(out: str) -> dict:
    for line in reversed(out.splitlines()):
        line = line.strip()
        if line.startswith("{") and line.endswith("}"):
            return json.loads(line)
    raise AssertionError(f"no JSON line in the output:\n{out[-3000:]}")


SESSION_CODE = """
from pyspark.sql import SparkSession
def make_session(app, extra=None, jars=None):
    b = (SparkSession.builder.master("local[2]").appName(app)
         .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.shuffle.partitions", "4").config("spark.default.parallelism", "2")
         .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1"))
    for k, v in (extra or {}).items():
        b = b.config(k, v)
    return b.getOrCreate()
"""


@pytest.fixture(scope="session")
def signals_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("signals")


@pytest.fixture(scope="session")
def spark(signals_dir):
    """One vanilla local Spark for the in-process tests; the listener prices with i3.xlarge x 4."""
    from pyspark.sql import SparkSession

    s = (SparkSession.builder.master("local[2]").appName("clusop-notebook-tests")
         .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.shuffle.partitions", "4").config("spark.default.parallelism", "2")
         .config("spark.sql.session.timeZone", "UTC")
         .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
         .config("spark.clusop.photonEnabled", "true")
         .config("spark.clusop.cluster.nodeType", "i3.xlarge")
         .config("spark.clusop.cluster.driverNodeType", "i3.xlarge")
         .config("spark.clusop.cluster.workers", "4")
         .config("spark.clusop.jsonl.dir", str(signals_dir))
         .getOrCreate())
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()
