"""Daily counts per group, run as a Databricks job on a Photon cluster."""
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.getOrCreate()

data = spark.range(0, 200_000, 1, 2).select((F.col("id") % 100).alias("k"), F.col("id").alias("v"))
dims = spark.range(0, 100, 1, 1).select(F.col("id").alias("k"), (F.col("id") % 7).alias("g"))

spark.sparkContext.setJobDescription("clean:join")
rows = data.join(F.broadcast(dims), "k").groupBy("g").count().collect()
print(len(rows))
