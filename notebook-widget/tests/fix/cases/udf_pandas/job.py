"""A stable bucket per user id: the hash is computed in Python."""
import hashlib
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import LongType


def _bucket(v):
    digest = hashlib.sha256(str(v).encode()).hexdigest()
    return int(digest[:8], 16) % 1000


spark = SparkSession.builder.appName("buckets-by-hash").getOrCreate()
bucket = F.udf(_bucket, LongType())

spark.sparkContext.setJobGroup("comet:python-udf", "comet:python-udf")
df = (spark.read.parquet(sys.argv[1]).select("k", bucket(F.col("v")).alias("w"))
      .groupBy("k").agg(F.sum("w").alias("total")))
df.collect()
