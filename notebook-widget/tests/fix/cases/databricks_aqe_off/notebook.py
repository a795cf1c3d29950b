# Databricks notebook source
# MAGIC %md
# MAGIC Counts per bucket, and the buckets joined to their names.

# COMMAND ----------

# MAGIC %pip install -q tqdm

# COMMAND ----------

from pyspark.sql import functions as F

ROWS, KEYS = 400_000, 1_000
data = spark.range(0, ROWS, 1, 2).select((F.col("id") % KEYS).alias("k"), ((F.col("id") * 7) % 97).alias("v"))

# COMMAND ----------

spark.sparkContext.setJobDescription("aqe_off:groupby")
display(data.groupBy("k").agg(F.sum("v").alias("total")))
