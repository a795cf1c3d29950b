"""docs/tables.md, generated from schema.py (a test fails when the file drifts):

    python -m clusop.store.tables_doc > notebook-widget/docs/tables.md
"""

from __future__ import annotations

from .schema import SCHEMA_VERSION, TABLES, Column


def render() -> str:
    out = [
        "# clusop's tables",
        "",
        f"Schema version **{SCHEMA_VERSION}**. Generated from `src/clusop/store/schema.py` by",
        "`python -m clusop.store.tables_doc` (`tests/test_tables_doc.py` fails when this file drifts).",
        "",
        "Every value is the core's: a field of the `clusop.scan/1` document (`clusop scan --format json`),",
        "selected and renamed by `src/clusop/store/rows.py`, never computed in Python or SQL. The few",
        "columns that are not one field of the core say how they are formed (*derived*). The embedded",
        "default is a DuckDB file (`clusop ingest PATH... --db FILE`); the fleet job writes the same rows",
        "to Delta tables. A database's version is kept in `clusop_meta` (`schema_version`); a database",
        "of a newer version is refused. *From the core* is a path inside the object a row comes from",
        "(the application, the stage attempt, the SQL execution, the recommendation).",
        "",
        "Keys: an application's rows are keyed by `app_id` and `attempt` (`''` when the log names no",
        "attempt); writing an application replaces all its rows in every table in one transaction, so",
        "ingesting the same log twice changes nothing. Types: `long` BIGINT, `double` DOUBLE, `string`",
        "VARCHAR, `boolean` BOOLEAN, `timestamp` TIMESTAMP (UTC), `json` VARCHAR holding JSON text.",
        "Milliseconds end in `_ms`, bytes in `_bytes`; null is unknown. The words of a figure (its",
        "`*_text` in `clusop.scan/1`) are not stored: a run read back (`clusop report --db`) is worded",
        "by the core again (`clusop_words`, by the kind `schema.py` gives the column), as a scan words it.",
        "",
    ]
    for t in TABLES:
        out += [f"## {t.name}", "", f"{t.doc} One row per `{t.source}`; key: "
                + ", ".join(f"`{k}`" for k in t.keys) + ".", "",
                "| column | type | meaning | from the core |", "| --- | --- | --- | --- |"]
        out += [_row(c) for c in t.columns]
        out.append("")
    return "\n".join(out)


def _row(c: Column) -> str:
    source = "`" + ".".join(c.path) + "`" if c.path else "*derived*: " + c.derived
    key = " (key)" if c.key else ""
    return f"| `{c.name}`{key} | {c.type} | {_cell(c.doc)} | {_cell(source)} |"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


if __name__ == "__main__":
    print(render(), end="")
