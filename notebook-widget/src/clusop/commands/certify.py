"""`clusop certify`: the fixture suite and the Delta feature matrix on a Spark session (the
running one, else one this command starts with --master/--conf), as a table or JSON."""

from __future__ import annotations

import sys

HELP = ("prove the fallback signal on this engine: run known-clean and known-fallback queries and a "
        "Delta feature matrix on Spark, and report the catch rate")


def add_arguments(parser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--workdir", metavar="DIR",
                        help="folder every executor reaches for the fixtures' tables "
                             "(default: a new folder under spark.sql.warehouse.dir, removed afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the default work folder")
    parser.add_argument("--no-queries", dest="queries", action="store_false", help="skip the query fixtures")
    parser.add_argument("--no-delta", dest="delta", action="store_false", help="skip the Delta feature matrix")
    parser.add_argument("--feature", action="append", metavar="NAME", help="only this Delta feature (repeatable)")
    parser.add_argument("--disable", action="append", default=[], metavar="NAME",
                        help="run this Delta feature's fixture with the feature off (repeatable)")
    parser.add_argument("--engine", choices=("spark", "photon", "comet", "gluten", "rapids"),
                        help="judge the plans for this engine (default: what the core detects on the clean fixtures)")
    parser.add_argument("--master", metavar="URL", help="Spark master when this starts Spark")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="Spark conf (repeatable)")
    parser.epilog = ("Exit status: 0 when every counted fixture behaved as built (fallback found with its cause, "
                     "clean left clean); 1 otherwise; 2 when Spark could not be used.")


def run(args) -> int:
    from ._conf import conf_from_args
    from ..certify import certify
    from ..certify import report as R

    conf = conf_from_args(args.conf, "certify")
    if conf is None:
        return 2
    try:
        spark = _session(args.master, conf)
        rep = certify(spark, workdir=args.workdir, queries=args.queries, delta=args.delta,
                      features=args.feature, disable=args.disable, engine=args.engine, keep=args.keep)
    except (ValueError, RuntimeError) as e:
        print(f"clusop certify: {e}", file=sys.stderr)
        return 2
    print(rep.to_json() if args.format == "json" else rep.text())
    counted = [f for f in rep.fixtures if f.counted]
    return 0 if all(f.status in (R.CAUGHT, R.CLEAN) for f in counted) else 1


def _session(master, conf):
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and not conf and not master:
        return active
    builder = SparkSession.builder.appName("clusop-certify")
    if master or active is None:
        builder = builder.master(master or "local[*]")
    for k, v in conf.items():
        builder = builder.config(k, v)
    return builder.getOrCreate()
