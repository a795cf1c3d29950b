"""The driver's part: the files listed (clusop.collect) and grouped into applications by the core
(clusop_layout), as rows of a small DataFrame the executors share out. Largest applications
first, dealt round-robin over the partitions, so no partition ends up with all the big logs."""

from __future__ import annotations

from typing import Any, Dict, List

from ..collect import Listing, group

GROUP_COLUMNS = ("app_key", "names", "sizes", "archives", "zip_indexes", "bytes")


def group_rows(listing: Listing) -> List[Dict[str, Any]]:
    rows = []
    for app in group(listing.files):
        parts = app["parts"]
        rows.append({"app_key": app["app_key"], "names": [p.name for p in parts], "sizes": [p.size for p in parts],
                     "archives": [p.archive for p in parts], "zip_indexes": [p.zip_index for p in parts],
                     "bytes": sum(p.size for p in parts)})
    rows.sort(key=lambda r: (-r["bytes"], r["app_key"]))
    return rows


def group_schema():
    from pyspark.sql import types as T

    return T.StructType([
        T.StructField("app_key", T.StringType(), False),
        T.StructField("names", T.ArrayType(T.StringType(), False), False),
        T.StructField("sizes", T.ArrayType(T.LongType(), False), False),
        T.StructField("archives", T.ArrayType(T.StringType(), True), False),
        T.StructField("zip_indexes", T.ArrayType(T.LongType(), True), False),
        T.StructField("bytes", T.LongType(), False),
    ])
