"""The command-line options of the collectors, shared by every command that reads logs where
they live (``clusop fleet``; ``clusop ingest`` can take them the same way):

    add_collect_arguments(parser)          # --since, --databricks-host/-token, --storage-options
    listing = listing_from_args(args)      # a Listing, or ValueError / DatabricksError with why
    result = clusop.collect.scan_listing(listing, jobs=args.jobs)   # as clusop.scan(paths)
"""

from __future__ import annotations

import json

from .listing import Listing


def add_collect_arguments(parser) -> None:
    parser.add_argument("--since", metavar="AGE|TIME",
                        help="Databricks job runs started since then (24h, 7d, 2026-11-30T06:00Z) with "
                             "--databricks-host; with paths alone: the files modified since then")
    parser.add_argument("--databricks-host", metavar="URL", help="workspace URL (default: $DATABRICKS_HOST)")
    parser.add_argument("--databricks-token", metavar="TOKEN", help="(default: $DATABRICKS_TOKEN)")
    parser.add_argument("--storage-options", metavar="JSON", default="{}",
                        help='fsspec options per URL scheme, e.g. \'{"s3": {"endpoint_url": "http://..."}}\'')


def listing_from_args(args) -> Listing:
    from . import collect

    if not getattr(args, "paths", None) and not args.since:
        raise ValueError("give PATH... or --since with --databricks-host")
    try:
        options = json.loads(args.storage_options or "{}")
    except ValueError as e:
        raise ValueError(f"--storage-options: expected a JSON object of URL scheme -> fsspec options ({e})") from None
    if not isinstance(options, dict) or not all(isinstance(v, dict) for v in options.values()):
        raise ValueError('--storage-options: expected a JSON object of URL scheme -> fsspec options, '
                         'e.g. {"s3": {"endpoint_url": "http://..."}}')
    return collect(args.paths or [], since=args.since, databricks_host=args.databricks_host,
                   databricks_token=args.databricks_token, storage_options=options)
