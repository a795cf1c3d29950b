"""What a job wrote, reduced to a row count and an order-independent checksum, read back with
DuckDB: the loop's test that a change left the job's result as it was.

The job writes to the path the loop gives it (``{output}``): a Parquet, CSV or JSON-lines file,
a folder of such files (Spark's writers), or that path with an extension (``{output}.parquet``).
Columns are compared by name (sorted), floating-point values at 12 significant digits (a join
or an aggregate planned differently adds floats in another order)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import List

FORMATS = {".parquet": "read_parquet", ".csv": "read_csv_auto", ".json": "read_json_auto",
           ".jsonl": "read_json_auto"}
_FLOATS = ("FLOAT", "DOUBLE", "REAL")


class OutputMissing(Exception):
    """The job wrote nothing the loop can read at its output path."""


@dataclass(frozen=True)
class OutputDigest:
    rows: int
    checksum: str   # hex, sum of row hashes mod 2^64
    columns: List[str]


def files_written(output: Path) -> List[Path]:
    candidates: List[Path] = []
    if output.is_dir():
        candidates = [p for p in sorted(output.rglob("*")) if p.is_file() and p.suffix in FORMATS]
    elif output.is_file():
        candidates = [output]
    else:
        candidates = [p for p in sorted(output.parent.glob(output.name + ".*")) if p.suffix in FORMATS]
        for d in sorted(output.parent.glob(output.name + ".*")):
            if d.is_dir():
                candidates += [p for p in sorted(d.rglob("*")) if p.is_file() and p.suffix in FORMATS]
    candidates = [p for p in candidates if not p.name.startswith(("_", "."))]
    suffixes = {p.suffix for p in candidates}
    if not candidates:
        raise OutputMissing(f"nothing readable at {output} (expected Parquet, CSV or JSON files the job wrote "
                            "there, or beside it as {output}.parquet|.csv|.json)")
    if len(suffixes) > 1:
        raise OutputMissing(f"{output}: files of several formats ({', '.join(sorted(suffixes))}); expected one")
    return candidates


def digest(output: Path) -> OutputDigest:
    import duckdb

    files = files_written(output)
    reader = FORMATS[files[0].suffix]
    con = duckdb.connect()
    try:
        listing = "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in files) + "]"
        con.execute(f"CREATE VIEW written AS SELECT * FROM {reader}({listing})")
        described = con.execute("DESCRIBE written").fetchall()
        names = sorted(str(r[0]) for r in described)
        types = {str(r[0]): str(r[1]).upper() for r in described}

        def value(name: str) -> str:
            q = '"' + name.replace('"', '""') + '"'
            return f"format('{{:.12g}}', {q})" if types[name] in _FLOATS else q

        row = "struct_pack(" + ", ".join(f'"{n}" := {value(n)}' for n in names) + ")" if names else "0"
        count, total = con.execute(
            f"SELECT count(*), coalesce(sum(hash({row})::HUGEINT) % 18446744073709551616, 0) FROM written").fetchone()
    finally:
        con.close()
    return OutputDigest(int(count), format(int(total), "016x"), names)
