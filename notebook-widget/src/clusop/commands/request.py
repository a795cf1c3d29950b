"""`clusop request`: the C++ command line's request, run in-process (byte for byte what the binary prints)."""

from ._native import passthrough_arguments, run_native

HELP = "raw clusop.analysis/1 requests to the core, answers unchanged (for programs)"
PASSTHROUGH = True


def add_arguments(parser) -> None:
    passthrough_arguments(parser)


def run(args) -> int:
    return run_native(["request", *args.argv])
