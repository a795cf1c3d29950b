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
    prices = parser.add_argument_group("pricing the logs read (as clusop scan; the log's own values where none is given)")
    prices.add_argument("--engine", help="the native engine, as clusop scan --engine takes it (the core checks the name)")
    prices.add_argument("--photon-enabled", choices=("true", "false"))
    for flag in ("--cloud", "--sku", "--tier", "--node-type", "--driver-node-type", "--billing"):
        prices.add_argument(flag)
    prices.add_argument("--workers", type=int)
    prices.add_argument("--runs-per-day", type=float)


_SETTINGS = ("engine", "cloud", "sku", "tier", "node_type", "driver_node_type", "billing", "workers", "runs_per_day")


def scan_settings(args) -> dict:
    out = {k: getattr(args, k) for k in _SETTINGS if getattr(args, k, None) is not None}
    if getattr(args, "photon_enabled", None) is not None:
        out["photon_enabled"] = args.photon_enabled == "true"
    return out


def run(args) -> int:
    from .._scan_model import ScanError
    from ..report import write_report
    from ..report.page import ReportBundleMissing
    from ..report.tables import TablesError

    if not args.paths and not args.db:
        print("clusop report: give event-log PATHs, or --db FILE (a DuckDB file written by clusop ingest)", file=sys.stderr)
        return 2
    settings = scan_settings(args)
    if settings and not args.paths:
        print("clusop report: pricing settings apply to the logs read; with --db alone the stored figures are shown "
              f"(drop {', '.join('--' + k.replace('_', '-') for k in settings)})", file=sys.stderr)
        return 2
    try:
        out = write_report(args.output, args.paths, db=args.db, scan_settings=settings)
    except (ScanError, TablesError, ReportBundleMissing, ValueError, TypeError, OSError) as e:
        print(f"clusop report: {e}", file=sys.stderr)
        return 2
    print(out)
    return 0
