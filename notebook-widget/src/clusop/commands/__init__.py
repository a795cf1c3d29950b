"""The `clusop` command: one console script, one subcommand per module of this package.

A subcommand is a module ``clusop/commands/<name>.py`` defining ``HELP`` (one line for
``clusop --help``), ``add_arguments(parser)`` and ``run(args) -> int`` (the exit status). Modules
are discovered with pkgutil, so adding a subcommand never edits a shared list; a module whose
name starts with ``_`` is a helper, not a command. A module that sets ``PASSTHROUGH = True``
(``analyze``, ``scan``, ``request``) gets its arguments unparsed in ``args.argv``: the C++ command
line parses them, in-process, and prints byte for byte what the ``clusop`` binary prints.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from types import ModuleType
from typing import Dict, List, Optional, Sequence, Tuple

PROG = "clusop"


def discover() -> Tuple[Dict[str, ModuleType], Dict[str, str]]:
    """(command name -> module, command name -> why its module could not be imported)."""
    found: Dict[str, ModuleType] = {}
    broken: Dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        name = info.name.replace("_", "-")
        try:
            module = importlib.import_module(f"{__name__}.{info.name}")
        except Exception as e:  # one broken command must not take the others down
            broken[name] = f"{type(e).__name__}: {e}"
            continue
        if all(hasattr(module, a) for a in ("HELP", "add_arguments", "run")):
            found[name] = module
    return found, broken


def build_parser(commands: Dict[str, ModuleType], broken: Dict[str, str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="clusop: find the Spark work that fell back from a native engine to the JVM, "
                    "read whole event logs for where the time went, rank what to change, and keep "
                    "it in tables. Dollar figures are modeled, never billed amounts.",
        epilog=f"{PROG} COMMAND --help tells more.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in commands.items():
        passthrough = getattr(module, "PASSTHROUGH", False)
        p = sub.add_parser(name, help=module.HELP, description=module.HELP, add_help=not passthrough)
        module.add_arguments(p)
        p.set_defaults(_module=module)
    for name, why in broken.items():
        sub.add_parser(name, help=f"(unavailable: {why})")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args_in: List[str] = list(sys.argv[1:] if argv is None else argv)
    commands, broken = discover()
    if args_in and args_in[0] in broken:
        print(f"{PROG}: the command '{args_in[0]}' could not be loaded: {broken[args_in[0]]}", file=sys.stderr)
        return 2
    if args_in and args_in[0] in commands and getattr(commands[args_in[0]], "PASSTHROUGH", False):
        return _run(args_in[0], commands[args_in[0]], argparse.Namespace(command=args_in[0], argv=args_in[1:]))
    parser = build_parser(commands, broken)
    args = parser.parse_args(args_in)
    if args.version:
        from ._native import run_native

        return run_native(["--version"])
    if getattr(args, "_module", None) is None:
        parser.print_help()
        return 2
    return _run(args.command, args._module, args)


def _run(name: str, module, args) -> int:
    try:
        return int(module.run(args) or 0)
    except ModuleNotFoundError as e:
        # a subcommand's optional dependency (pyspark, libcst, starlette...) is not installed
        if not e.name or e.name.split(".")[0] == "clusop":
            raise
        print(f"{PROG} {name}: needs the Python package '{e.name.split('.')[0]}', which is not installed "
              f"(pip install it, or the package's extras: clusop[spark], clusop[fleet], clusop[serve])",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
