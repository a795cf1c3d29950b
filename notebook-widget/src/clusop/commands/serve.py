"""`clusop serve`: the central signal service (clusop.serve); --init creates its tables and probes billing."""

from __future__ import annotations

import sys

HELP = ("run the signal service: listener batches in (POST /v1/signals, per-workspace bearer tokens), "
        "ranked signals out (GET /v1/signals), a page; --init creates the tables and probes billing tables")


def add_arguments(parser) -> None:
    from ..serve.limits import DEFAULT_BURST, DEFAULT_MAX_BODY_BYTES, DEFAULT_RATE_PER_SECOND

    parser.add_argument("--db", metavar="URL", default="clusop-signals.db",
                        help="sqlite:///FILE or a file path (default: clusop-signals.db), or postgresql://USER@HOST:PORT/DB")
    parser.add_argument("--tokens", metavar="FILE", help="JSON {\"workspace id\": \"bearer token\", ...}")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8787, help="port (default: 8787; 0: any free port)")
    parser.add_argument("--init", action="store_true",
                        help="create the tables in --db, probe the billing tables, print what was found, and exit")
    parser.add_argument("--billing-usage", metavar="TABLE", help="the table holding system.billing.usage rows (serving: reconcile to billed dollars)")
    parser.add_argument("--billing-prices", metavar="TABLE", help="the table holding system.billing.list_prices rows")
    parser.add_argument("--max-body-bytes", type=int, default=DEFAULT_MAX_BODY_BYTES,
                        help=f"largest batch accepted (default: {DEFAULT_MAX_BODY_BYTES})")
    parser.add_argument("--rate", type=float, default=DEFAULT_RATE_PER_SECOND,
                        help=f"batches per second per workspace (default: {DEFAULT_RATE_PER_SECOND:g})")
    parser.add_argument("--burst", type=int, default=DEFAULT_BURST,
                        help=f"batches a workspace may send at once above the rate (default: {DEFAULT_BURST})")
    gate = parser.add_argument_group("the core's gate (defaults: the core's; see core/src/signals/README.md)")
    gate.add_argument("--min-waste-usd-per-month", type=float)
    gate.add_argument("--min-confidence", choices=("LOW", "MEDIUM", "HIGH"))
    gate.add_argument("--cooldown-hours", type=float)
    parser.add_argument("--notify", action="append", default=[], metavar="KIND=URL",
                        help="send each signal that passes the gate to teams=URL (an Adaptive Card) or "
                             "webhook=URL (JSON); repeatable")
    parser.add_argument("--ready-file", metavar="FILE", help="write the bound port here once listening (tests, scripts)")


def run(args) -> int:
    try:
        from ..serve.store import StoreError, StoreUnavailable, open_store
    except ImportError as e:
        print(f"clusop serve: {e}: install the extra: pip install 'clusop[serve]'", file=sys.stderr)
        return 2
    try:
        store = open_store(args.db)
    except (StoreError, ImportError) as e:
        print(f"clusop serve: {e}", file=sys.stderr)
        return 2
    try:
        tables = store.init()
    except StoreUnavailable as e:
        print(f"clusop serve: the database is unavailable: {e}", file=sys.stderr)
        return 1
    if args.init:
        from ..serve.onboard import probe_billing, report_lines

        for line in report_lines(store, tables, probe_billing(store, args.billing_usage, args.billing_prices)):
            print(line)
        store.close()
        return 0
    if not args.tokens:
        print("clusop serve: --tokens FILE is required to serve (JSON {\"workspace id\": \"token\"})", file=sys.stderr)
        return 2
    from ..serve.tokens import Tokens, TokensError

    try:
        tokens = Tokens.load(args.tokens)
    except TokensError as e:
        print(f"clusop serve: {e}", file=sys.stderr)
        return 2
    try:  # the HTTP stack is the optional extra "serve"; --init above needs none of it
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as e:
        print(f"clusop serve: {e}: install the extra: pip install 'clusop[serve]'", file=sys.stderr)
        return 2
    from ..serve.limits import Limits
    from ..serve.runner import serve_forever

    limits = Limits(max_body_bytes=args.max_body_bytes, rate_per_second=args.rate, burst=args.burst)
    policy = {k: getattr(args, k) for k in ("min_waste_usd_per_month", "min_confidence", "cooldown_hours")
              if getattr(args, k) is not None}
    notifier = None
    if args.notify:
        from ..serve.notifications import Notifier, parse_destination

        try:
            destinations = [parse_destination(t) for t in args.notify]
        except (ValueError, ImportError) as e:
            print(f"clusop serve: {e}", file=sys.stderr)
            return 2
        notifier = Notifier(store, destinations, policy)
    from ..serve.billing import billing_tables

    billing = billing_tables(store, args.billing_usage, args.billing_prices)
    if (args.billing_usage or args.billing_prices) and billing is None:
        print("clusop serve: --billing-usage and --billing-prices must both name readable tables "
              "(clusop serve --init says what it finds); figures stay modeled", file=sys.stderr)
    return serve_forever(store, tokens, limits, args.host, args.port, args.ready_file, policy, notifier, billing)
