"""`clusop scan`: the C++ command line's scan, run in-process (byte for byte what the binary prints)."""

from ._native import passthrough_arguments, run_native

HELP = "read Spark event logs (files, folders, zip archives): stages, skew, spill, GC, SQL fallbacks"
PASSTHROUGH = True


def add_arguments(parser) -> None:
    passthrough_arguments(parser)


def run(args) -> int:
    return run_native(["scan", *args.argv])
