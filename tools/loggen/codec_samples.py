#!/usr/bin/env python3
"""Write small Spark event logs with every codec Spark offers, by running a REAL local Spark.

The files land in tests/io/data/spark-3.5.9/ exactly as Spark wrote them (nothing is edited or
recompressed); FACTS.md there says what the job did. One run per codec (none, zstd, lz4,
snappy, lzf), one rolling run, and one copy of a zstd log taken while the application was still
running (an in-progress log as Spark leaves it on disk).

Usage (from the repository root):
    /opt/clusop-venv/bin/python tools/loggen/codec_samples.py [--out DIR]

Each run is a separate Python + JVM process (--worker), so one run's settings never leak into
the next one's SparkContext.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(REPO_ROOT, "tests", "io", "data", "spark-3.5.9")
DEFAULT_JAVA_HOME = "/usr/lib/jvm/java-17-openjdk-amd64"

# run name -> (compression codec or None, rolling, copy the .inprogress file before stopping)
RUNS = {
    "none": (None, False, False),
    "zstd": ("zstd", False, True),
    "lz4": ("lz4", False, False),
    "snappy": ("snappy", False, False),
    "lzf": ("lzf", False, False),
    # Spark refuses spark.eventLog.rolling.maxFileSize below 10 MiB (checked in
    # org.apache.spark.internal.config: "should be configured to be at least 10 MiB"), so a small
    # job writes a single events_1 part beside its appstatus marker.
    "rolling": ("zstd", True, False),
}


def run_job(spark) -> None:
    """A few stages: two generated tables, a groupBy, a join, a sort, a collect."""
    from pyspark.sql import functions as F

    orders = spark.range(0, 20000, numPartitions=4).select(
        F.col("id").alias("order_id"), (F.col("id") % 50).alias("customer_id"), (F.col("id") % 97).alias("amount"))
    customers = spark.range(0, 50, numPartitions=2).select(
        F.col("id").alias("customer_id"), F.concat(F.lit("c"), F.col("id").cast("string")).alias("name"))
    totals = orders.groupBy("customer_id").agg(F.sum("amount").alias("total"), F.count("*").alias("n"))
    joined = totals.join(customers, "customer_id").orderBy(F.desc("total"))
    rows = joined.collect()
    assert len(rows) == 50, len(rows)


def worker(name: str, log_dir: str, inprogress_copy: str) -> None:
    from pyspark.sql import SparkSession

    codec, rolling, copy_inprogress = RUNS[name]
    builder = (SparkSession.builder.master("local[2]").appName(f"clusop codec sample {name}")
               .config("spark.eventLog.enabled", "true")
               .config("spark.eventLog.dir", "file://" + log_dir)
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.sql.adaptive.enabled", "true")
               .config("spark.ui.enabled", "false"))
    if codec:
        builder = builder.config("spark.eventLog.compress", "true").config("spark.eventLog.compression.codec", codec)
    else:
        builder = builder.config("spark.eventLog.compress", "false")
    if rolling:
        builder = (builder.config("spark.eventLog.rolling.enabled", "true")
                   .config("spark.eventLog.rolling.maxFileSize", "10m"))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    run_job(spark)
    if copy_inprogress:
        live = glob.glob(os.path.join(log_dir, "*.inprogress"))
        assert len(live) == 1, live
        shutil.copyfile(live[0], os.path.join(inprogress_copy, os.path.basename(live[0])))
    spark.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--log-dir", help=argparse.SUPPRESS)
    parser.add_argument("--inprogress-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.log_dir, args.inprogress_dir)
        return 0

    env = dict(os.environ)
    env.setdefault("JAVA_HOME", DEFAULT_JAVA_HOME)
    env["PYSPARK_PYTHON"] = sys.executable
    os.makedirs(args.out, exist_ok=True)
    for name in RUNS:
        with tempfile.TemporaryDirectory(prefix=f"clusop-loggen-{name}-") as tmp:
            log_dir = os.path.join(tmp, "logs")
            live_dir = os.path.join(tmp, "live")
            os.makedirs(log_dir)
            os.makedirs(live_dir)
            subprocess.run([sys.executable, __file__, "--worker", name, "--log-dir", log_dir,
                            "--inprogress-dir", live_dir], check=True, env=env)
            produced = sorted(os.listdir(log_dir))
            assert len(produced) == 1, produced
            source = os.path.join(log_dir, produced[0])
            target = os.path.join(args.out, name)
            if os.path.isdir(target):
                shutil.rmtree(target)
            os.makedirs(target)
            if os.path.isdir(source):
                shutil.copytree(source, os.path.join(target, produced[0]))
            else:
                shutil.copyfile(source, os.path.join(target, produced[0]))
            for live in os.listdir(live_dir):
                shutil.copyfile(os.path.join(live_dir, live), os.path.join(target, live))
            for root, _, files in os.walk(target):
                for f in files:
                    print(f"{os.path.relpath(os.path.join(root, f), args.out)}: {os.path.getsize(os.path.join(root, f))} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
