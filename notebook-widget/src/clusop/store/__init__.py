"""clusop's tables: one schema (schema.py), rows from the core's scan document (rows.py), the
embedded DuckDB store (duckdb_store.py). The fleet job writes the same rows to Delta."""
