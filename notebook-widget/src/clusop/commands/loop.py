"""`clusop loop`: run a job before and after the refactorer's change, compare, propose a PR."""

from __future__ import annotations

import json
import sys
from pathlib import Path

# parsed here: the job's own arguments follow "--", which argparse's subcommands do not pass on
PASSTHROUGH = True

HELP = ("run a PySpark job on a local Spark before and after clusop fix's change, compare the two runs "
        "(scanned by the core) and their results, and propose the change as a branch and pull request")


def add_arguments(parser) -> None:
    from ._native import passthrough_arguments

    passthrough_arguments(parser)


def build_parser():
    import argparse

    parser = argparse.ArgumentParser(prog="clusop loop", description=HELP)
    parser.add_argument("script", nargs="?", metavar="JOB.py", help="the job's PySpark script")
    parser.add_argument("job_args", nargs="*", metavar="ARG",
                        help="the job's arguments (after --); one holds {output}: the path the job writes its "
                             "result to, given per run by the loop and read back to compare results")
    parser.add_argument("--launcher", choices=("python", "spark-submit"), default="python",
                        help="how the job is started (default: python JOB.py ARG...)")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                        help="Spark conf for both runs (repeatable); event logging is the loop's own")
    parser.add_argument("--rule", action="append", default=[], metavar="RULE",
                        help="only these recommendations (repeatable; default: every one of the before run)")
    scan = parser.add_argument_group("scanning the runs (as clusop scan)")
    scan.add_argument("--set", action="append", default=[], metavar="RULE.THRESHOLD=VALUE",
                      help="a rule threshold (a small test job needs lower ones than a production job)")
    for flag in ("--rules", "--cloud", "--sku", "--tier", "--node-type", "--driver-node-type", "--billing", "--workers",
                 "--engine", "--photon-enabled"):
        scan.add_argument(flag, metavar=flag.strip("-").upper().replace("-", "_"))
    out = parser.add_argument_group("where the change goes")
    out.add_argument("--offline", action="store_true",
                     help="no git, no forge: write the PR body (markdown) and a patch file into --out")
    out.add_argument("--out", metavar="DIR", help="offline files and the runs' folders (default: a temporary folder)")
    out.add_argument("--base", default="HEAD", metavar="REV", help="the commit the branch starts from (default: HEAD)")
    out.add_argument("--remote", metavar="NAME", help="push the branch to this git remote")
    out.add_argument("--pr-base", metavar="BRANCH", help="the pull request's base branch (default: the current branch)")
    out.add_argument("--repo", metavar="OWNER/NAME", help="the forge repository (default: from the remote's URL)")
    out.add_argument("--api-url", metavar="URL",
                     help="the forge's REST API (default: $GITHUB_API_URL, else https://api.github.com); "
                          "the token comes from $CLUSOP_GITHUB_TOKEN, $GITHUB_TOKEN or $GH_TOKEN")
    parser.add_argument("--json", action="store_true", help="print the outcome as JSON")
    parser.add_argument("--workflow-template", action="store_true",
                        help="print the GitHub Actions workflow (nightly and /optimize) that runs scan, fix and loop")
    parser.epilog = ("Exit status: 0 proposed or nothing to change; 1 discarded (the change altered the "
                     "job's result); 2 the loop stopped (a run failed, the source does not parse, git or the "
                     "forge refused), with nothing written to the branch.")
    return parser


_SCAN_FLAGS = ("rules", "cloud", "sku", "tier", "node_type", "driver_node_type", "billing", "workers", "engine",
               "photon_enabled")


def scan_settings(args) -> list:
    out = []
    for s in args.set:
        out += ["--set", s]
    for key in _SCAN_FLAGS:
        value = getattr(args, key, None)
        if value is not None:
            out += [f"--{key.replace('_', '-')}", str(value)]
    return out


def parse(argv: list):
    argv = list(argv)
    job_args: list = []
    if "--" in argv:
        cut = argv.index("--")
        argv, job_args = argv[:cut], argv[cut + 1:]
    args = build_parser().parse_args(argv)
    args.job_args = [*args.job_args, *job_args]
    return args


def run(args) -> int:
    from ..loop import JobSpec, LoopError, Publish, run_loop, workflow_template

    args = parse(args.argv)
    if args.workflow_template:
        sys.stdout.write(workflow_template())
        return 0
    if not args.script:
        print("clusop loop: give the job's script (JOB.py) and its arguments after --, one holding {output}",
              file=sys.stderr)
        return 2
    spec = JobSpec(Path(args.script), tuple(args.job_args), args.launcher, tuple(args.conf))
    out_dir = Path(args.out) if args.out else None
    publish = Publish(offline=args.offline, out_dir=out_dir, base=args.base, remote=args.remote,
                      pr_base=args.pr_base, repo=args.repo, api_url=args.api_url)
    try:
        result = run_loop(spec, rules=args.rule, scan_settings=scan_settings(args), publish=publish,
                          work_dir=out_dir)
    except LoopError as e:
        print(f"clusop loop: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({
            "status": result.status, "message": result.message, "branch": result.branch, "commit": result.commit,
            "pull_request": result.pull_request and {"number": result.pull_request.number,
                                                     "url": result.pull_request.url,
                                                     "created": result.pull_request.created},
            "results_equal": result.results_equal,
            "comparison": result.comparison.to_dict() if result.comparison else None,
            "files": [str(f) for f in result.files]}, indent=2))
    else:
        if result.body:
            print(result.body)
        print(f"clusop loop: {result.message}", file=sys.stderr)
    return 1 if result.status == "discarded" else 0
