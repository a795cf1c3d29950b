"""A job that writes its result without Spark: no event log. Usage: python no_spark_job.py OUTPUT"""

import sys

with open(sys.argv[1] + ".csv", "w") as f:
    f.write("a,b\n1,2\n")
