"""The executors' part: each application's files opened where the executor runs (the listing's
Reader: a disk, an object store), read by the core (the same streams as clusop.scan), and the
document turned into rows by store/rows.py. Bytes in, rows out: one output row per application
holding, per table, the list of its rows (typed by store/schema.py), and the errors the core
reported for it."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Dict, Iterator, List, Mapping

from ..collect.listing import LogFile, Reader
from ..store.schema import TABLES, spark_struct_type

ERROR_FIELDS = ("path", "message")


def result_schema():
    from pyspark.sql import types as T

    fields = [T.StructField("app_key", T.StringType(), False),
              T.StructField("bytes", T.LongType(), False),
              T.StructField("errors", T.ArrayType(T.StructType([T.StructField(f, T.StringType(), True)
                                                               for f in ERROR_FIELDS]), False), False)]
    fields += [T.StructField(t.name, T.ArrayType(spark_struct_type(t), False), False) for t in TABLES]
    return T.StructType(fields)


def read_applications(reader: Reader, options: Mapping[str, Any], collected_at: datetime):
    """The function given to mapInArrow: batches of application groups -> batches of results."""
    schema_holder: List[Any] = []

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa
        from pyspark.sql.pandas.types import to_arrow_schema

        if not schema_holder:
            schema_holder.append(to_arrow_schema(result_schema()))
        arrow_schema = schema_holder[0]
        for batch in batches:
            out = [read_one(g, reader, options, collected_at) for g in batch.to_pylist()]
            yield pa.RecordBatch.from_pylist(out, schema=arrow_schema)

    return run


def read_one(group: Mapping[str, Any], reader: Reader, options: Mapping[str, Any],
             collected_at: datetime) -> Dict[str, Any]:
    from .._scan_model import ScanError
    from ..collect.read import scan_document_text
    from ..store.rows import rows_from_scan

    files = [LogFile(n, int(s), a, None if z is None else int(z))
             for n, s, a, z in zip(group["names"], group["sizes"], group["archives"], group["zip_indexes"])]
    out: Dict[str, Any] = {"app_key": group["app_key"], "bytes": int(group["bytes"]), "errors": []}
    for t in TABLES:
        out[t.name] = []
    try:
        document = json.loads(scan_document_text(files, [], reader, options=options, jobs=1))
    except ScanError as e:
        out["errors"] = [{"path": f.path, "message": f.message} for f in e.errors] or \
                        [{"path": group["app_key"], "message": str(e)}]
        return out
    out["errors"] = [{"path": str(e.get("path", "")), "message": str(e.get("message", ""))}
                     for e in document.get("errors") or []]
    out.update(rows_from_scan(document, collected_at))
    return out
