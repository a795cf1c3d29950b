"""A Spark session with Delta Lake: delta-spark from PyPI, its jars from Maven Central
(configure_spark_with_delta_pip puts io.delta:delta-spark_2.12:<the pip package's version> in
spark.jars.packages; Ivy caches them under ~/.ivy2)."""

from __future__ import annotations

from typing import Mapping, Optional

DELTA_CONF = {
    "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
}


def delta_session(app_name: str = "clusop-fleet", *, master: Optional[str] = None,
                  conf: Optional[Mapping[str, str]] = None):
    """getOrCreate() of a session with Delta configured (a session already running keeps its jars:
    start Spark with Delta, or let this create it)."""
    import os
    import sys

    from delta import configure_spark_with_delta_pip
    from pyspark.sql import SparkSession

    if (master or "").startswith("local") and not os.environ.get("PYSPARK_PYTHON"):
        os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers import clusop from this environment

    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    for k, v in {**DELTA_CONF, **dict(conf or {})}.items():
        builder = builder.config(k, v)
    return configure_spark_with_delta_pip(builder).getOrCreate()
