"""A large executed plan made by code, for tests about size (repr, static HTML): a Union of
Comet branches, every seventh one a Python UDF that falls back to the JVM."""

from __future__ import annotations


def comet_union_plan(nodes: int) -> str:
    """Tree-format plan text of about `nodes` operators (each branch is three)."""
    branches = max(1, (nodes - 2) // 3)
    lines = ["== Physical Plan ==", "CometColumnarToRow", "+- CometUnion"]
    for i in range(branches):
        last = i == branches - 1
        head, pad = ("   +- ", "      ") if last else ("   :- ", "   :  ")
        col = f"c{i}#{i}L"
        if i % 7 == 3:  # a Python UDF: the engine has no native version of it
            lines += [f"{head}CometProject [pythonUDF0#{10_000 + i} AS f{i}#{20_000 + i}]",
                      f"{pad}+- BatchEvalPython [f({col})#{30_000 + i}], [pythonUDF0#{10_000 + i}]",
                      f"{pad}   +- CometScan parquet spark_catalog.default.t{i}[{col}] Batched: true, "
                      f"DataFilters: [], Format: CometParquet, PushedFilters: [], ReadSchema: struct<c{i}:bigint>"]
        else:
            lines += [f"{head}CometProject [{col}]",
                      f"{pad}+- CometFilter (isnotnull({col}) AND ({col} > {i}))",
                      f"{pad}   +- CometScan parquet spark_catalog.default.t{i}[{col}] Batched: true, "
                      f"DataFilters: [isnotnull({col})], Format: CometParquet, PushedFilters: [IsNotNull(c{i})], "
                      f"ReadSchema: struct<c{i}:bigint>"]
    return "\n".join(lines) + "\n"
