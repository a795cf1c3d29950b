"""`clusop ingest PATH... [--db FILE]`: event logs read by the core, their rows written to the
embedded DuckDB database (clusop/store/)."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone

from ..store.duckdb_store import DEFAULT_DB

HELP = "read event logs and write their stages, SQL executions and recommendations to a DuckDB file"


def add_arguments(parser) -> None:
    from ..collect.arguments import add_collect_arguments

    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="event-log files, folders (walked recursively), zip archives, as for clusop scan; "
                             "s3://, abfss://, gs:// URLs through fsspec")
    parser.add_argument("--db", default=DEFAULT_DB, metavar="FILE",
                        help=f"the DuckDB database file, created when absent (default: ./{DEFAULT_DB})")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="applications read at once (default: cores)")
    parser.add_argument("--python-rules", metavar="DIR", default=None,
                        help="a folder of @rule functions (clusop.pyrules) ranked with the core's rules "
                             "(default: $CLUSOP_RULES_DIR, else ./clusop_rules when it exists)")
    add_collect_arguments(parser)
    parser.epilog = ("Ingesting the same log again changes nothing: an application's rows replace those of "
                     "the same application id and attempt. Exit status: 0 when every application read was "
                     "written; 1 when some could not be written; 2 when nothing could be read or the "
                     "database cannot be opened. The tables: notebook-widget/docs/tables.md in clusop's repository.")


def run(args) -> int:
    from .._scan import scan
    from .._scan_model import ScanError
    from ..store.duckdb_store import DuckDBStore, StoreError
    from ..collect.databricks import DatabricksError
    from ..store.rows import application_rows

    try:
        store = DuckDBStore(args.db)
    except StoreError as e:
        print(f"clusop ingest: {e}", file=sys.stderr)
        return 2
    with store:
        try:
            result = _read(args, scan)
        except ScanError as e:
            for err in e.errors:
                print(f"clusop ingest: {err.path}: {err.message}", file=sys.stderr)
            print(f"clusop ingest: {e}", file=sys.stderr)
            return 2
        except (ValueError, DatabricksError) as e:
            print(f"clusop ingest: {e}", file=sys.stderr)
            return 2
        document = json.loads(result.to_json())
        collected_at = datetime.now(timezone.utc)
        totals = {"clusop_apps": 0, "clusop_stage_metrics": 0, "clusop_sql_executions": 0,
                  "clusop_recommendations": 0}
        failed = unchanged = 0
        print(f"clusop ingest: {args.db} (schema version {store.schema_version})")
        for app in document.get("applications") or []:
            rows = application_rows(app, collected_at)
            name = rows["clusop_apps"][0]["run_id"]
            try:
                written = store.write_application(rows)
            except StoreError as e:
                failed += 1
                print(f"clusop ingest: {name}: not written: {e}", file=sys.stderr)
                continue
            if written is None:
                unchanged += 1
                print(f"  {name}: unchanged (the database holds these rows already)")
                continue
            for t, n in written.items():
                totals[t] += n
            print(f"  {name}: {_counts(written)}")
        for err in document.get("errors") or []:
            print(f"clusop ingest: {err.get('path', '')}: {err.get('message', '')}", file=sys.stderr)
        print(f"wrote {_counts(totals, applications=True)}"
              + (f"; {unchanged} application{'s' if unchanged != 1 else ''} unchanged" if unchanged else ""))
    if failed and totals["clusop_apps"] == 0 and unchanged == 0:
        return 2
    return 1 if failed else 0


def _read(args, scan):
    """Local paths as clusop.scan reads them; URLs and --since through the collectors."""
    from ..collect import scan_listing
    from ..collect.arguments import listing_from_args
    from ..collect.listing import scheme

    remote = args.since or any(scheme(p) not in ("", "file") for p in args.paths)
    if not remote:
        if not args.paths:
            raise ValueError("give PATH... or --since with --databricks-host")
        return scan(args.paths, jobs=args.jobs, python_rules=args.python_rules)
    return scan_listing(listing_from_args(args), jobs=args.jobs, python_rules=args.python_rules)


def _counts(n, applications: bool = False) -> str:
    apps = f"{n['clusop_apps']} application{'s' if n['clusop_apps'] != 1 else ''}, " if applications else ""
    return (f"{apps}{n['clusop_stage_metrics']} stages, {n['clusop_sql_executions']} SQL executions, "
            f"{n['clusop_recommendations']} recommendations")
