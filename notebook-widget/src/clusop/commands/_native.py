"""The C++ command line, run in this process through the extension (clusop._core.run_cli):
the same code as the `clusop` binary, writing to this process's standard output and error."""

from __future__ import annotations

from typing import Sequence


def run_native(argv: Sequence[str]) -> int:
    """Runs `clusop ARGV...` of the C++ command line; returns its exit status."""
    from .. import _core

    return int(_core.run_cli(["clusop", *[str(a) for a in argv]]))


def passthrough_arguments(parser) -> None:
    """The arguments of a passthrough command, for its --help listing only: the C++ code parses them."""
    parser.add_argument("argv", nargs="*", metavar="ARG", help="as the C++ command line takes them (see COMMAND --help)")
