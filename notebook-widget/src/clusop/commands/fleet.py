"""`clusop fleet`: the fleet job (clusop/fleet/) from the command line: event logs where they
live -> the core on Spark's executors -> MERGE into Delta tables."""

from __future__ import annotations

import sys

HELP = ("read event logs on a Spark cluster (local, s3://, abfss://, gs://, Databricks runs --since) "
        "and MERGE clusop's tables into Delta")

_SETTINGS = ("engine", "cloud", "sku", "tier", "node_type", "driver_node_type", "billing", "workers", "runs_per_day")


def add_arguments(parser) -> None:
    from ..collect.arguments import add_collect_arguments

    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="event-log files, folders, globs or URLs (s3://, abfss://, gs://, dbfs:/)")
    parser.add_argument("--delta", required=True, metavar="DIR",
                        help="folder (or URL) of the Delta tables, one sub-folder per table")
    add_collect_arguments(parser)
    parser.add_argument("--master", metavar="URL",
                        help="Spark master when this starts Spark (default: the running session, else local[*])")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="Spark conf (repeatable)")
    parser.add_argument("--partitions", type=int, metavar="N", help="partitions the applications are dealt over")
    for name in _SETTINGS:
        parser.add_argument("--" + name.replace("_", "-"), dest=name,
                            type=int if name == "workers" else float if name == "runs_per_day" else str)
    parser.add_argument("--photon-enabled", dest="photon_enabled", choices=("true", "false"))
    parser.epilog = ("Pricing settings as for clusop scan. Running it again on the same logs changes nothing. "
                     "Exit status: 0 when at least one application was written; 2 when nothing could be read.")


def run(args) -> int:
    from ._conf import conf_from_args
    from ..collect.arguments import listing_from_args
    from ..collect.databricks import DatabricksError
    from ..fleet.delta_tables import DeltaStoreError
    from ..fleet.job import FleetError, ingest
    from ..fleet.session import delta_session

    conf = conf_from_args(args.conf, "fleet")
    if conf is None:
        return 2
    settings = {k: getattr(args, k) for k in _SETTINGS if getattr(args, k) is not None}
    if args.photon_enabled is not None:
        settings["photon_enabled"] = args.photon_enabled == "true"
    try:
        listing = listing_from_args(args)
        spark = delta_session("clusop-fleet", master=args.master or _default_master(), conf=conf)
        result = ingest(spark, args.paths, args.delta, listing=listing, settings=settings,
                        partitions=args.partitions)
    except (FleetError, DatabricksError, DeltaStoreError, ValueError, TypeError) as e:
        print(f"clusop fleet: {e}", file=sys.stderr)
        return 2
    print(result.summary())
    return 0 if result.read else 2


def _default_master():
    from pyspark.sql import SparkSession

    return None if SparkSession.getActiveSession() is not None else "local[*]"
