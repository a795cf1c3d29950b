"""Events sorted per key, where key 0 holds half of the rows."""
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

HOT_ROWS, OTHER_ROWS, OTHER_KEYS, PARTITIONS = 600_000, 600_000, 10_000, 200

spark = SparkSession.builder.appName("sorted-events").getOrCreate()

data = spark.range(0, HOT_ROWS + OTHER_ROWS, 1, 4).select(
    F.when(F.col("id") < HOT_ROWS, F.lit(0)).otherwise(1 + F.col("id") % OTHER_KEYS).alias("k"),
    ((F.col("id") * 7919) % 100_003).alias("v"))

spark.sparkContext.setJobGroup("skew:sort-by-key", "skew:sort-by-key")
(data.repartition(PARTITIONS, "k").sortWithinPartitions("k", "v")
     .write.format("noop").mode("overwrite").save())
