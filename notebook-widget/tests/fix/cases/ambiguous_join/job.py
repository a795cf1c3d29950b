"""Two joins of the same shape, and nothing in the code that says which one the log measured."""
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.appName("two-joins").getOrCreate()

small = spark.read.parquet("/data/small")
big = spark.read.parquet("/data/big")
archive = spark.read.parquet("/data/archive")

current = big.join(small, "k").groupBy("name").agg(F.sum("v").alias("total"))
history = archive.join(small, "k").groupBy("name").agg(F.sum("v").alias("total"))
current.write.mode("overwrite").parquet("/out/current")
history.write.mode("overwrite").parquet("/out/history")
