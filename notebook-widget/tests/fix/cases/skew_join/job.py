"""Orders joined to their customers, where one customer places most of the orders."""
import os
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = (SparkSession.builder
         .master("local[2]")
         .appName("orders-by-customer")
         .config("spark.eventLog.enabled", "true")
         .config("spark.eventLog.dir", sys.argv[1] if len(sys.argv) > 1 else "/tmp")
         .config("spark.ui.enabled", "false")
         .config("spark.sql.autoBroadcastJoinThreshold", "-1")
         .config("spark.sql.adaptive.enabled", "false")
         .config("spark.sql.shuffle.partitions", "16")
         .getOrCreate())

# customer 0 places four orders in five
orders = spark.range(0, 2_000_000, 1, 8).select(
    F.when(F.col("id") % 5 != 0, F.lit(0)).otherwise(F.col("id") % 5000).alias("customer"),
    (F.col("id") % 97).alias("amount"))
customers = spark.range(0, 5000, 1, 2).select(F.col("id").alias("customer"), F.sha2(F.col("id").cast("string"), 256).alias("name"))

spark.sparkContext.setJobDescription("orders:by-customer")
totals = (orders.join(customers, "customer")
          .groupBy("name").agg(F.sum("amount").alias("total")))
print(totals.count())
spark.stop()
