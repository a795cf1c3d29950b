"""The Spark applications of the scenarios: one driver JVM per worker process, one SparkContext
(so one application and one event log) per scenario, each configured from scratch.

Event-log settings are per SparkContext, so several scenarios can run one after another in one
JVM: only what the JVM is started with (heap, JIT flags, Comet's jar on the class path) is shared.
"""

from __future__ import annotations

import glob
import os
import zipfile
from typing import Optional

DEFAULT_JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
DRIVER_MEMORY = "1g"


def java_opts() -> str:
    # C1 only and one GC thread: these drivers live seconds, and the JIT's C2 work would cost
    # about as much CPU as the jobs themselves (measured: 16.5 s instead of 29.8 s for "clean")
    return os.environ.get("CLUSOP_LOGGEN_JAVA_OPTS", DEFAULT_JAVA_OPTS)


def comet_jar(comet_dir: str) -> Optional[str]:
    jars = sorted(glob.glob(os.path.join(comet_dir, "comet-spark-spark3.5_2.12-*.jar")))
    return jars[-1] if jars else None


def comet_version(jar: str) -> str:
    with zipfile.ZipFile(jar) as z:
        for line in z.read("comet-git-info.properties").decode().splitlines():
            if line.startswith("git.build.version="):
                return line.split("=", 1)[1].strip()
    return "?"


def launch_driver_jvm(comet: Optional[str]) -> None:
    """Starts the driver JVM with only what must be fixed at its start. spark-submit turns the
    settings it is started with into JVM system properties, which every later SparkConf would
    read: a scenario's own settings never go there."""
    from pyspark import SparkConf, SparkContext

    conf = SparkConf(loadDefaults=False).set("spark.driver.memory", DRIVER_MEMORY)
    if java_opts():
        conf.set("spark.driver.extraJavaOptions", java_opts())
    if comet:
        conf.set("spark.driver.extraClassPath", comet)
    SparkContext._ensure_initialized(conf=conf)


def spark_conf(name: str, settings: dict, event_dir: str, comet: Optional[str]):
    from pyspark import SparkConf

    conf = (SparkConf()
            .setMaster(settings.get("master", "local[2]"))
            .setAppName(f"clusop-loggen:{name}")
            .set("spark.ui.enabled", "false")
            .set("spark.ui.showConsoleProgress", "false")
            .set("spark.sql.shuffle.partitions", "4")
            .set("spark.default.parallelism", "2")
            .set("spark.sql.session.timeZone", "UTC")
            .set("spark.eventLog.enabled", "true")
            .set("spark.eventLog.dir", "file://" + event_dir)
            .set("spark.eventLog.compress", "false")
            .set("spark.eventLog.rolling.enabled", "false"))
    if "codec" in settings:
        conf.set("spark.eventLog.compress", "true").set("spark.eventLog.compression.codec", settings["codec"])
    for k, v in settings.items():
        if k.startswith("spark."):
            conf.set(k, v)
    if settings.get("comet"):
        # the Comet session of tools/plangen/generate_plans.py
        (conf.set("spark.jars", comet)
             .set("spark.driver.extraClassPath", comet)
             .set("spark.executor.extraClassPath", comet)
             .set("spark.plugins", "org.apache.spark.CometPlugin")
             .set("spark.shuffle.manager", "org.apache.spark.sql.comet.execution.shuffle.CometShuffleManager")
             .set("spark.memory.offHeap.enabled", "true")
             .set("spark.memory.offHeap.size", "1g")
             .set("spark.comet.enabled", "true")
             .set("spark.comet.exec.enabled", "true")
             .set("spark.comet.exec.shuffle.enabled", "true"))
    return conf


def start_session(name: str, settings: dict, event_dir: str, comet: Optional[str]):
    """A new SparkContext and its SparkSession. Not SparkSession.builder: its options are kept
    across builders in the same Python process, so one scenario's settings would leak into the next."""
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

    sc = SparkContext(conf=spark_conf(name, settings, event_dir, comet))
    sc.setLogLevel("ERROR")
    return SparkSession(sc)
