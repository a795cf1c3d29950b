"""Word counts per user (shortened since the run the log is of)."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("word-counts").getOrCreate()
sc = spark.sparkContext

pairs = sc.parallelize(range(600_000), 4).map(lambda i: (0 if i % 10 else i % 1000, 1))
counts = pairs.groupByKey(8).mapValues(lambda ones: sum(1 for _ in ones))
print(counts.count())
