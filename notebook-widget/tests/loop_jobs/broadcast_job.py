"""Orders joined to a 50-row country table; broadcast joins were switched off for the session,
so the join shuffles and sorts both sides. Usage: python broadcast_job.py OUTPUT_DIR"""

import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

out = sys.argv[1]
spark = (
    SparkSession.builder.appName("loop broadcast")
    .master("local[2]")
    .config("spark.ui.enabled", "false")
    .config("spark.ui.showConsoleProgress", "false")
    .config("spark.driver.host", "127.0.0.1")
    .config("spark.driver.bindAddress", "127.0.0.1")
    .config("spark.sql.autoBroadcastJoinThreshold", "-1")
    .config("spark.sql.shuffle.partitions", "4")
    .getOrCreate()
)

orders = spark.range(0, 200000).select(
    F.col("id").alias("order_id"), (F.col("id") % 50).alias("country_id"), (F.col("id") % 97).alias("qty"))
countries = spark.range(0, 50).select(
    F.col("id").alias("country_id"), F.concat(F.lit("country-"), F.col("id").cast("string")).alias("country"))

per_country = orders.join(countries, "country_id").groupBy("country").agg(F.sum("qty").alias("qty"))
per_country.write.mode("overwrite").parquet(out)
spark.stop()
