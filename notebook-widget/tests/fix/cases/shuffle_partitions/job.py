"""The same buckets job, its session built inside main()."""
from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main() -> None:
    spark = SparkSession.builder.appName("buckets").getOrCreate()
    data = spark.range(0, 400_000, 1, 2).select((F.col("id") % 1_000).alias("k"), F.col("id").alias("v"))
    # one row per key
    totals = data.groupBy("k").agg(F.sum("v").alias("total"))
    totals.write.mode("overwrite").parquet("/out/totals")


if __name__ == "__main__":
    main()
