"""Sales and returns, each joined to the 200-row product table; no job descriptions set."""
import os
import sys
import tempfile

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = (SparkSession.builder
         .master("local[2]")
         .appName("sales-and-returns")
         .config("spark.eventLog.enabled", "true")
         .config("spark.eventLog.dir", sys.argv[1] if len(sys.argv) > 1 else "/tmp")
         .config("spark.ui.enabled", "false")
         .config("spark.sql.autoBroadcastJoinThreshold", "-1")
         .getOrCreate())

data = tempfile.mkdtemp()
spark.range(0, 200, 1, 1).select(F.col("id").alias("k"), F.concat(F.lit("p-"), F.col("id")).alias("name")) \
    .write.parquet(os.path.join(data, "products"))
spark.range(0, 300_000, 1, 2).select((F.col("id") % 200).alias("k"), F.col("id").alias("v")) \
    .write.parquet(os.path.join(data, "sales"))
spark.range(0, 150_000, 1, 2).select((F.col("id") % 200).alias("k"), F.col("id").alias("v")) \
    .write.parquet(os.path.join(data, "returns"))

products = spark.read.parquet(os.path.join(data, "products"))
sales = spark.read.parquet(os.path.join(data, "sales"))
returns = spark.read.parquet(os.path.join(data, "returns"))

sold = sales.join(products, "k").groupBy("name").agg(F.sum("v").alias("sold"))
returned = returns.join(products, "k").groupBy("name").agg(F.sum("v").alias("returned"))
print(len(sold.collect()))
print(len(returned.collect()))
spark.stop()
