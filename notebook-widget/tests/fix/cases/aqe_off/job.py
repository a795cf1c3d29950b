"""Counts per bucket, with adaptive execution switched off long ago."""
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

ROWS, KEYS = 400_000, 1_000

spark = (SparkSession.builder
         .appName("buckets")
         # AQE off: "stable plans" (2021)
         .config("spark.sql.adaptive.enabled", "false")
         .getOrCreate())

data = spark.range(0, ROWS, 1, 2).select((F.col("id") % KEYS).alias("k"), ((F.col("id") * 7) % 97).alias("v"))

spark.sparkContext.setJobDescription("aqe_off:groupby")
assert len(data.groupBy("k").agg(F.sum("v").alias("total")).collect()) == KEYS

spark.sparkContext.setJobDescription("aqe_off:join")
dims = spark.range(0, KEYS, 1, 1).select(F.col("id").alias("k"))
assert len(data.join(dims, "k").groupBy((F.col("k") % 10).alias("g")).count().collect()) == 10
