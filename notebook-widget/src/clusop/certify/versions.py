"""The versions a certify run is stamped with, read from the running driver (never assumed).

Where each engine states its version is data here, one line per engine: a class of the engine's
jar (its manifest's Implementation-Version, else the jar's file name) and/or a Spark conf key.
The engine itself is the core's decision (the ``engine`` the analysis detects from the plan)."""

from __future__ import annotations

import re
from typing import Any, Dict, Optional, Tuple

# engine -> (a class of its jar, Spark conf keys that name its version), first found wins
ENGINE_VERSION_SOURCES: Dict[str, Tuple[Optional[str], Tuple[str, ...]]] = {
    "photon": (None, ("spark.databricks.clusterUsageTags.effectiveSparkVersion",
                      "spark.databricks.clusterUsageTags.sparkVersion")),
    "comet": ("org.apache.comet.CometSparkSessionExtensions", ()),
    "gluten": ("org.apache.gluten.GlutenPlugin", ()),
    "rapids": ("com.nvidia.spark.SQLPlugin", ()),
    "spark": (None, ()),
}
DELTA_CLASS = "io.delta.tables.DeltaTable"
DATABRICKS_RUNTIME_CONF = "spark.databricks.clusterUsageTags.sparkVersion"


def spark_version(spark: Any) -> str:
    return str(spark.version)


def engine_version(spark: Any, engine: str) -> Optional[str]:
    cls, confs = ENGINE_VERSION_SOURCES.get(engine, (None, ()))
    for key in confs:
        v = _conf(spark, key)
        if v:
            return v
    if engine == "spark":
        return spark_version(spark)
    return jar_version(spark, cls) if cls else None


def delta_version(spark: Any) -> Optional[str]:
    """The Delta Lake on the driver's classpath; on Databricks (whose Delta has no OSS version)
    the runtime's version."""
    v = jar_version(spark, DELTA_CLASS)
    if v:
        return v
    rt = _conf(spark, DATABRICKS_RUNTIME_CONF)
    return f"databricks-runtime {rt}" if rt else None


def jar_version(spark: Any, class_name: str) -> Optional[str]:
    try:
        jvm = spark._jvm
        loader = spark._jsparkSession.sharedState().jarClassLoader()
        cls = jvm.java.lang.Class.forName(class_name, False, loader)
    except Exception:
        return None
    try:
        v = cls.getPackage().getImplementationVersion()
        if v:
            return str(v)
    except Exception:
        pass
    try:  # no manifest version: the jar's name, e.g. comet-spark-spark3.5_2.12-0.12.0.jar
        location = str(cls.getProtectionDomain().getCodeSource().getLocation().getPath())
        m = re.search(r"[-_](\d+\.\d+\.\d+[\w.-]*?)\.jar$", location)
        return m.group(1) if m else None
    except Exception:
        return None


def _conf(spark: Any, key: str) -> Optional[str]:
    try:
        v = spark.conf.get(key, None)
        return str(v) if v else None
    except Exception:
        return None
