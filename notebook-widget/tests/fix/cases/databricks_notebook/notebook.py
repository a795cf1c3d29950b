# Databricks notebook source
# MAGIC %md
# MAGIC # Revenue by product name
# MAGIC Joins every sale to the product table.

# COMMAND ----------

from pyspark.sql import functions as F

small_path = "/mnt/products"
big_path = "/mnt/sales"

# COMMAND ----------

# MAGIC %sql
# MAGIC SELECT count(*) FROM sales

# COMMAND ----------

spark.sparkContext.setJobGroup("broadcast:join", "broadcast:join")
small, big = spark.read.parquet(small_path), spark.read.parquet(big_path)
df = big.join(small, "k").groupBy("name").agg(F.sum("v").alias("total"))
display(df)
