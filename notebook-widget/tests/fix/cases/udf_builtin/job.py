"""Totals per key of a value plus one, computed by a Python UDF."""
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import LongType


def _plus_one(v):
    return v + 1


spark = SparkSession.builder.appName("plus-one").getOrCreate()
path = sys.argv[1]
plus_one = F.udf(_plus_one, LongType())

spark.sparkContext.setJobGroup("comet:python-udf", "comet:python-udf")
df = (spark.read.parquet(path).select("k", plus_one(F.col("v")).alias("w"))
      .groupBy("k").agg(F.sum("w").alias("total")))
assert len(df.collect()) == 100
