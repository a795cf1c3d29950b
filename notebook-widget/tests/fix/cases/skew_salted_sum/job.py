"""Each user's event count and id total, where user 0 owns nine events in ten."""
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = (SparkSession.builder
         .master("local[2]")
         .appName("events-per-user")
         .config("spark.eventLog.enabled", "true")
         .config("spark.eventLog.dir", sys.argv[1] if len(sys.argv) > 1 else "/tmp")
         .config("spark.ui.enabled", "false")
         .config("spark.sql.adaptive.enabled", "false")
         .config("spark.sql.shuffle.partitions", "8")
         .getOrCreate())

events = spark.range(0, 1_200_000, 1, 4).select(
    F.when(F.col("id") % 10 < 9, F.lit(0)).otherwise(F.col("id") % 1000).alias("user_id"),
    F.col("id").alias("event_id"))

spark.sparkContext.setJobDescription("events:per-user")
per_user = events.groupBy("user_id").agg(F.sum("event_id").alias("total"),
                                         F.count("event_id").alias("n"))
per_user.write.format("noop").mode("overwrite").save()
spark.stop()
