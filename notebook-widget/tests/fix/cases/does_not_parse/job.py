from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("broken").getOrCreate()
df = spark.read.parquet("/data/big"
df.join(spark.read.parquet("/data/small"), "k").count()
