"""Writes a case's recommendations.json from a real scan of a real event log (not a test).

    python make_recommendations.py CASE_DIR CLUSOP_BINARY LOG [--set R.T=V ...] [scan options]
        --keep RULE[:execution_id|:stage_id=N] ...

Runs `CLUSOP_BINARY scan --format json [options] LOG`, keeps the recommendations named by
--keep (all when none is given) and records the command in "made_by"."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("case")
    p.add_argument("binary")
    p.add_argument("log")
    p.add_argument("--keep", action="append", default=[], help="RULE, RULE:EXECUTION_ID or RULE:stage=ID")
    p.add_argument("--log-name", help="how to name the log in made_by")
    args, scan_options = p.parse_known_args()
    command = [args.binary, "scan", "--format", "json", *scan_options, args.log]
    doc = json.loads(subprocess.run(command, check=True, capture_output=True).stdout)
    recs = [r for app in doc["applications"] for r in app.get("recommendations", [])]

    def kept(r):
        if not args.keep:
            return True
        for k in args.keep:
            rule, _, where = k.partition(":")
            if r["rule"] != rule:
                continue
            if not where:
                return True
            if where.startswith("stage=") and r.get("stage_id") == int(where[6:]):
                return True
            if where.isdigit() and r.get("execution_id") == int(where):
                return True
        return False

    made_by = " ".join(["clusop", "scan", "--format", "json", *scan_options, args.log_name or args.log])
    out = {"made_by": made_by, "recommendations": [r for r in recs if kept(r)]}
    with open(os.path.join(args.case, "recommendations.json"), "w", encoding="utf-8") as fh:
        json.dump(out, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    print(f"{args.case}: {len(out['recommendations'])} of {len(recs)} recommendations", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
