"""`clusop fix SOURCE --log EVENTLOG`: the job's recommendations turned into a code change.

The diff goes to stdout (empty when there is nothing to change), one line of rationale per
recommendation to stderr; exit 0. A source that does not parse is reported and left alone
(exit 1); so is a log that cannot be read or a recommendations file that is not a scan."""

from __future__ import annotations

import json
import os
import sys

HELP = "turn a job's recommendations (its event log, or a scan's JSON) into a unified diff of its source"


def add_arguments(parser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="the job's source: a .py file, a Databricks source notebook or an .ipynb")
    given = parser.add_mutually_exclusive_group(required=True)
    given.add_argument("--log", metavar="EVENTLOG", help="the job's Spark event log (file, folder or zip), scanned and ruled here")
    given.add_argument("--recommendations", metavar="FILE.json", help="a scan's JSON (clusop scan --format json) instead of --log")
    parser.add_argument("--set", dest="thresholds", action="append", default=[], metavar="RULE.THRESHOLD=VALUE",
                        help="override a rule's threshold for --log (repeatable)")
    parser.add_argument("--mute", action="append", default=[], metavar="RULE", help="leave a rule out (repeatable)")


def _thresholds(items):
    out = {}
    for item in items:
        key, eq, value = item.partition("=")
        try:
            if not eq or "." not in key:
                raise ValueError
            out[key.strip()] = float(value)
        except ValueError:
            raise SystemExit(f"clusop fix: --set expects RULE.THRESHOLD=NUMBER, not {item!r}")
    return out


def _diff_name(path: str) -> str:
    """The name in the diff's a/ b/ lines: the path from here (so `git apply` at the repository's
    root finds it), or the file's name when it lies outside this folder."""
    rel = os.path.relpath(path)
    return os.path.basename(path) if rel.startswith("..") or os.path.isabs(rel) else rel.replace(os.sep, "/")


def run(args) -> int:
    from ..fix import propose
    from ..fix.scan_log import RecommendationsError, recommendations_of, scan_log

    try:
        with open(args.source, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as e:
        print(f"clusop fix: cannot read {args.source}: {e}", file=sys.stderr)
        return 1
    try:
        if args.log:
            document = scan_log(args.log, _thresholds(args.thresholds), args.mute)
        else:
            with open(args.recommendations, encoding="utf-8") as fh:
                document = json.load(fh)
        recs = recommendations_of(document)
    except (OSError, ValueError, RecommendationsError) as e:
        print(f"clusop fix: {e}", file=sys.stderr)
        return 1
    except Exception as e:  # the scan's own errors (ScanError) name the file and the reason
        print(f"clusop fix: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    result = propose(text, recs, filename=_diff_name(args.source))
    sys.stdout.write(result.diff)
    for c in result.changes:
        where = f" line {c.line}" if c.line else ""
        print(f"clusop fix: {c.rule}: {c.status}{where}: {c.rationale}", file=sys.stderr)
        if c.snippet:
            print(c.snippet, file=sys.stderr)
    if not result.changes:
        print("clusop fix: no recommendation for this job", file=sys.stderr)
    if result.error:
        print(f"clusop fix: {result.error}", file=sys.stderr)
        return 1
    return 0
