"""clusop at fleet scale: a PySpark job that reads event logs where they live and keeps clusop's
tables in Delta.

    from clusop.fleet import ingest, delta_session
    spark = delta_session("clusop-fleet")                     # or your cluster's session with Delta
    result = ingest(spark, ["s3://logs/spark/"], "s3://lake/clusop/")

The driver lists the files (any collector, clusop.collect) and lets the core group them into
applications (clusop_layout); the applications are spread over the cluster; each executor opens
its applications' files itself, runs the core on them (the clusop package on the executors: the
same streams as clusop.scan) and turns the document into the rows of store/rows.py; the driver
MERGEs those rows into one Delta table per table of store/schema.py, keyed like the DuckDB store
(application id + attempt + stage / execution / rank), so ingesting twice changes nothing.
No figure is computed in Spark SQL: every number is the core's.
"""

from __future__ import annotations

__all__ = ["ingest", "delta_session", "FleetResult"]


def __getattr__(name):
    if name in ("ingest", "FleetResult"):
        from . import job

        return getattr(job, name)
    if name == "delta_session":
        from .session import delta_session

        return delta_session
    raise AttributeError(f"module 'clusop.fleet' has no attribute {name!r}")
