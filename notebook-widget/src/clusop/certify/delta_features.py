"""The Delta feature fixtures, as data: for each Delta feature a table made with the feature on
(or, to show the matrix comes from runs, off), the statements that exercise it, and how the table
says afterwards that the feature is really there (DESCRIBE DETAIL / its schema).

Each ``steps`` builder takes (spark, path, enabled) and returns [(step name, callable)]; the
first step creates the table: when it fails the feature is reported as unsupported by this
runtime (with the runtime's words), never as a pass."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Tuple

ROWS = 2000
Steps = List[Tuple[str, Callable[[], Any]]]


@dataclass(frozen=True)
class DeltaFeature:
    name: str
    exercise: str
    steps: Callable[[Any, str, bool], Steps]
    active: Callable[[Dict[str, Any], List[str]], bool]   # (DESCRIBE DETAIL row, column names)
    min_delta: Optional[Tuple[int, int]] = None            # OSS Delta version that has it


def _t(path: str) -> str:
    return f"delta.`{path}`"


def _flag(enabled: bool) -> str:
    return "true" if enabled else "false"


def _fill(spark, path: str, rows: int = ROWS, columns: str = "id, id % 10 AS g, CAST(id AS STRING) AS s"):
    spark.range(0, rows, numPartitions=2).selectExpr(*[c.strip() for c in columns.split(",")]) \
        .createOrReplaceTempView("clusop_certify_rows")
    spark.sql(f"INSERT INTO {_t(path)} SELECT * FROM clusop_certify_rows")


def _source(spark, first: int, count: int, extra: bool = False):
    cols = ["id", "id % 10 AS g", "'merged' AS s"] + (["id * 2 AS extra"] if extra else [])
    spark.range(first, first + count, numPartitions=1).selectExpr(*cols).createOrReplaceTempView("clusop_certify_src")


def _merge(spark, path: str) -> None:
    spark.sql(f"MERGE INTO {_t(path)} t USING clusop_certify_src s ON t.id = s.id "
              "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *")


def _read(spark, path: str) -> None:
    spark.read.format("delta").load(path).where("g = 3").collect()


def _props(detail: Dict[str, Any]) -> Dict[str, str]:
    return dict(detail.get("properties") or {})


# ------------------------------------------------------------------ the features
def deletion_vectors(spark, path, on) -> Steps:
    return [
        ("create", lambda: (spark.sql(f"CREATE TABLE {_t(path)} (id BIGINT, g BIGINT, s STRING) USING DELTA "
                                      f"TBLPROPERTIES ('delta.enableDeletionVectors' = '{_flag(on)}')"),
                            _fill(spark, path))),
        ("delete", lambda: spark.sql(f"DELETE FROM {_t(path)} WHERE id % 7 = 0")),
        ("update", lambda: spark.sql(f"UPDATE {_t(path)} SET s = 'updated' WHERE g = 1")),
        ("merge", lambda: (_source(spark, ROWS - 20, 40), _merge(spark, path))),
        ("read", lambda: _read(spark, path)),
    ]


def change_data_feed(spark, path, on) -> Steps:
    def read_changes():
        spark.read.format("delta").option("readChangeFeed", "true").option("startingVersion", 1) \
            .load(path).where("g = 1").collect()

    return [
        ("create", lambda: (spark.sql(f"CREATE TABLE {_t(path)} (id BIGINT, g BIGINT, s STRING) USING DELTA "
                                      f"TBLPROPERTIES ('delta.enableChangeDataFeed' = '{_flag(on)}')"),
                            _fill(spark, path))),
        ("update", lambda: spark.sql(f"UPDATE {_t(path)} SET s = 'updated' WHERE g = 1")),
        ("merge", lambda: (_source(spark, ROWS - 20, 40), _merge(spark, path))),
        ("read_changes", read_changes),
    ]


def generated_columns(spark, path, on) -> Steps:
    def create():
        # SQL's CREATE TABLE on a path cannot declare a generated column; Delta's table builder can
        jvm, js = spark._jvm, spark._jsparkSession
        DeltaTable = jvm.io.delta.tables.DeltaTable
        g = DeltaTable.columnBuilder(js, "g").dataType("BIGINT")
        if on:
            g = g.generatedAlwaysAs("id % 10")
        DeltaTable.create(js).location(path).addColumn("id", "BIGINT").addColumn("s", "STRING") \
            .addColumn(g.build()).execute()
        spark.sql(insert.format(t=_t(path), a=0, b=ROWS))

    insert = ("INSERT INTO {t} (id, s) SELECT id, CAST(id AS STRING) FROM range({a}, {b})" if on else
              "INSERT INTO {t} (id, s, g) SELECT id, CAST(id AS STRING), id % 10 FROM range({a}, {b})")
    return [
        ("create", create),
        ("insert", lambda: spark.sql(insert.format(t=_t(path), a=ROWS, b=ROWS + 100))),
        ("update", lambda: spark.sql(f"UPDATE {_t(path)} SET id = id + 1000000 WHERE id % 10 = 1")),
        ("read", lambda: _read(spark, path)),
    ]


def column_mapping(spark, path, on) -> Steps:
    props = ("'delta.columnMapping.mode' = 'name', 'delta.minReaderVersion' = '2', 'delta.minWriterVersion' = '5'"
             if on else "'delta.columnMapping.mode' = 'none'")
    steps: Steps = [
        ("create", lambda: (spark.sql(f"CREATE TABLE {_t(path)} (id BIGINT, g BIGINT, s STRING) USING DELTA "
                                      f"TBLPROPERTIES ({props})"), _fill(spark, path))),
    ]
    if on:  # renaming a column needs column mapping; without it the table keeps its names
        steps.append(("rename", lambda: spark.sql(f"ALTER TABLE {_t(path)} RENAME COLUMN s TO label")))
    steps += [
        ("update", lambda: spark.sql(f"UPDATE {_t(path)} SET g = 3 WHERE id % 100 = 0")),
        ("read", lambda: _read(spark, path)),
    ]
    return steps


def schema_evolution_merge(spark, path, on) -> Steps:
    key = "spark.databricks.delta.schema.autoMerge.enabled"

    def merge():
        before = spark.conf.get(key, None)
        spark.conf.set(key, _flag(on))
        try:
            _source(spark, ROWS - 20, 40, extra=True)
            _merge(spark, path)
        finally:
            spark.conf.unset(key) if before is None else spark.conf.set(key, before)

    return [
        ("create", lambda: (spark.sql(f"CREATE TABLE {_t(path)} (id BIGINT, g BIGINT, s STRING) USING DELTA"),
                            _fill(spark, path))),
        ("merge", merge),
        ("read", lambda: _read(spark, path)),
    ]


def liquid_clustering(spark, path, on) -> Steps:
    cluster = " CLUSTER BY (g)" if on else ""
    return [
        ("create", lambda: (spark.sql(f"CREATE TABLE {_t(path)} (id BIGINT, g BIGINT, s STRING) USING DELTA{cluster}"),
                            _fill(spark, path))),
        ("optimize", lambda: spark.sql(f"OPTIMIZE {_t(path)}")),
        ("merge", lambda: (_source(spark, ROWS - 20, 40), _merge(spark, path))),
        ("read", lambda: _read(spark, path)),
    ]


FEATURES: Tuple[DeltaFeature, ...] = (
    DeltaFeature("deletion_vectors", "DELETE, UPDATE, MERGE, read", deletion_vectors,
                 lambda d, cols: _props(d).get("delta.enableDeletionVectors") == "true"
                 and "deletionVectors" in (d.get("tableFeatures") or []), (2, 4)),
    DeltaFeature("change_data_feed", "UPDATE, MERGE, read the change feed", change_data_feed,
                 lambda d, cols: _props(d).get("delta.enableChangeDataFeed") == "true", (2, 0)),
    DeltaFeature("generated_columns", "INSERT, UPDATE, read", generated_columns,
                 lambda d, cols: "generatedColumns" in (d.get("tableFeatures") or []), (1, 0)),
    DeltaFeature("column_mapping", "RENAME COLUMN, UPDATE, read", column_mapping,
                 lambda d, cols: _props(d).get("delta.columnMapping.mode") == "name" and "label" in cols, (1, 2)),
    DeltaFeature("schema_evolution_merge", "MERGE adding a column, read", schema_evolution_merge,
                 lambda d, cols: "extra" in cols, (1, 0)),
    DeltaFeature("liquid_clustering", "OPTIMIZE, MERGE, read", liquid_clustering,
                 lambda d, cols: bool(d.get("clusteringColumns")), (3, 1)),
)
