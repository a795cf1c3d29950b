"""`clusop report`: one self-contained HTML file (opens offline, no request leaves it)."""

from __future__ import annotations

import sys

HELP = ("write one self-contained HTML report of event logs or of the tables (--db): "
        "recommendations by saving, stage timeline, task spread, fallbacks by dollars, trends of runs")


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="event logs: files, folders, rolling or Databricks folders, zip archives")
    parser.add_argument("--db", metavar="FILE",
                        help="a DuckDB file written by clusop ingest: alone, the newest run of each job; "
                             "with PATHs, the trends of their jobs")
    parser.add_argument("-o", "--output", metavar="FILE", default="clusop-report.html",
                        help="the HTML file to write (default: clusop-report.html)")


def run(args) -> int:
    from .._scan_model import ScanError
    from ..report import write_report
    from ..report.page import ReportBundleMissing
    from ..report.tables import TablesError

    if not args.paths and not args.db:
        print("clusop report: give event-log PATHs, or --db FILE (a DuckDB file written by clusop ingest)", file=sys.stderr)
        return 2
    try:
        out = write_report(args.output, args.paths, db=args.db)
    except (ScanError, TablesError, ReportBundleMissing, ValueError, OSError) as e:
        print(f"clusop report: {e}", file=sys.stderr)
        return 2
    print(out)
    return 0
