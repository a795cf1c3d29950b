"""Names upper-cased by a Python row UDF (a built-in does the same); under Comet when COMET_JAR is set.
Usage: python udf_job.py OUTPUT_DIR"""

import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.functions import udf

out = sys.argv[1]
names = ["ada", "grace", "edsger", "barbara", "donald", "ken", "dennis", None]
pq.write_table(pa.table({"id": list(range(20000)), "name": [names[i % 8] for i in range(20000)]}),
               out + "-input.parquet")

builder = (
    SparkSession.builder.appName("loop udf")
    .master("local[2]")
    .config("spark.ui.enabled", "false")
    .config("spark.ui.showConsoleProgress", "false")
    .config("spark.driver.host", "127.0.0.1")
    .config("spark.driver.bindAddress", "127.0.0.1")
    .config("spark.sql.shuffle.partitions", "4")
)
comet = os.environ.get("COMET_JAR")
if comet:  # Apache DataFusion Comet: the scan and projection run natively, a Python UDF cannot
    builder = (
        builder.config("spark.jars", comet)
        .config("spark.driver.extraClassPath", comet)
        .config("spark.executor.extraClassPath", comet)
        .config("spark.plugins", "org.apache.spark.CometPlugin")
        .config("spark.shuffle.manager", "org.apache.spark.sql.comet.execution.shuffle.CometShuffleManager")
        .config("spark.memory.offHeap.enabled", "true")
        .config("spark.memory.offHeap.size", "1g")
        .config("spark.comet.enabled", "true")
        .config("spark.comet.exec.enabled", "true")
        # upper() in Rust follows no locale: allowed here, where names are ASCII
        .config("spark.comet.caseConversion.enabled", "true")
    )
spark = builder.getOrCreate()


@udf("string")
def shout(s):
    return s.upper() if s is not None else None


people = spark.read.parquet(out + "-input.parquet")
loud = people.select("id", shout(F.col("name")).alias("name"))
rows = loud.where(F.col("id") % 3 == 0).collect()
pq.write_table(pa.Table.from_pylist([r.asDict() for r in rows]), out + ".parquet")
spark.stop()
