"""Customer codes cleaned by a Python UDF before grouping."""
import sys

from pyspark.sql import SparkSession
from pyspark.sql.functions import col, count, udf
from pyspark.sql.types import StringType


@udf(returnType=StringType())
def tier(name, amount):
    """Three letters of the name and a band of the amount."""
    if amount is None:
        return None
    elif amount >= 1000:
        return name.strip().upper()[:3] + "-gold"
    elif amount >= 100:
        return name.strip().upper()[:3] + "-silver"
    else:
        return name.strip().lower()[0:3] + "-basic"


spark = SparkSession.builder.appName("tiers").getOrCreate()
sales = spark.read.parquet(sys.argv[1])

spark.sparkContext.setJobGroup("comet:python-udf", "comet:python-udf")
df = sales.select(tier("name", col("amount")).alias("tier")).groupBy("tier").agg(count("*").alias("n"))
df.collect()
