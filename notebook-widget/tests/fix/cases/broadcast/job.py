"""Revenue per product name: every sale joined to the 200-row product table."""
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = (SparkSession.builder
         .appName("revenue-by-name")
         .config("spark.sql.autoBroadcastJoinThreshold", "-1")  # set by an old tuning ticket
         .getOrCreate())
sc = spark.sparkContext

small_path, big_path = sys.argv[1], sys.argv[2]

sc.setJobGroup("broadcast:join", "broadcast:join")
small, big = spark.read.parquet(small_path), spark.read.parquet(big_path)
df = big.join(small, "k").groupBy("name").agg(F.sum("v").alias("total"))
rows = df.collect()
print(len(rows))
