"""Events joined to users where nine events in ten belong to user 0: one shuffle partition of
the join holds most of the rows. AQE runs but its skew-join handling is off (the partition
thresholds are sized for this small data). Usage: python skew_job.py OUTPUT_DIR"""

import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

out = sys.argv[1]
spark = (
    SparkSession.builder.appName("loop skew")
    .master("local[2]")
    .config("spark.ui.enabled", "false")
    .config("spark.ui.showConsoleProgress", "false")
    .config("spark.driver.host", "127.0.0.1")
    .config("spark.driver.bindAddress", "127.0.0.1")
    .config("spark.sql.autoBroadcastJoinThreshold", "-1")
    .config("spark.sql.shuffle.partitions", "8")
    .config("spark.sql.adaptive.enabled", "true")
    .config("spark.sql.adaptive.coalescePartitions.enabled", "false")
    .config("spark.sql.adaptive.skewJoin.enabled", "false")
    .config("spark.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes", "256k")
    .config("spark.sql.adaptive.advisoryPartitionSizeInBytes", "256k")
    .getOrCreate()
)

events = spark.range(0, 600000).select(
    F.when(F.col("id") % 10 < 9, F.lit(0)).otherwise(F.col("id") % 1000).alias("user_id"),
    F.col("id").alias("event_id"))
users = spark.range(0, 1000).select(F.col("id").alias("user_id"), (F.col("id") % 7).alias("tier"))

joined = events.join(users, "user_id")
joined.select("event_id", "user_id", "tier").write.mode("overwrite").parquet(out)
spark.stop()
