"""`clusop analyze`: the C++ command line's analyze, run in-process (byte for byte what the binary prints)."""

from ._native import passthrough_arguments, run_native

HELP = "analyse executed plans (or event logs): fallbacks from a native engine, their modeled cost"
PASSTHROUGH = True


def add_arguments(parser) -> None:
    passthrough_arguments(parser)


def run(args) -> int:
    return run_native(["analyze", *args.argv])
