"""The clashmap command line: a thin layer that parses arguments and calls the library.

Each sub-command lives in its own module here (extract.py, ingest.py, export.py, serve.py,
user.py, ...) exposing `register(subparsers)`; the module's `run(args) -> int` does the work.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from clashmap import __version__

# Module names under clashmap.cli, in the order --help lists them.
COMMANDS = ["extract", "ingest", "export", "serve", "user", "places", "demo"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clashmap",
        description="Turn dated conflict news into geolocated, source-attributed event data.",
    )
    parser.add_argument("--version", action="version", version=f"clashmap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"clashmap.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"clashmap.cli.{name}":
                continue  # a command not built yet
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
