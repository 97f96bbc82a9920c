"""`clashmap ingest PATH... [--db URL] [--format F]`: read, extract, resolve, store."""
from __future__ import annotations

import argparse
import os
import sys

DEFAULT_DB = "sqlite:///clashmap.db"


def db_url(value: str | None) -> str:
    """--db takes a database URL, or a plain path meaning an SQLite file there."""
    value = value or os.environ.get("CLASHMAP_DB") or DEFAULT_DB
    return value if "://" in value else f"sqlite:///{value}"


def add_db_argument(parser: argparse.ArgumentParser, default: str | None = None) -> None:
    parser.add_argument("--db", default=default, metavar="URL",
                        help="database URL or SQLite file (default: $CLASHMAP_DB, else clashmap.db here); "
                             "postgresql://user@host/db for PostgreSQL")


def register(subparsers) -> None:
    p = subparsers.add_parser("ingest", help="read articles, extract events and store them",
                              description="Read articles (files or folders), extract their events, merge "
                                          "those reported by several outlets, and store everything. "
                                          "Safe to interrupt and re-run: stored articles are skipped.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="input files or folders")
    add_db_argument(p)
    p.add_argument("--format", help="force one reader (default: detect per file)")
    p.add_argument("--extractor", metavar="MODULE:FUNCTION",
                   help="use another extract function instead of the spaCy pipeline")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    from clashmap.cluster import add_cluster_arguments

    add_cluster_arguments(p)  # --cluster local|tcp://HOST:8786, --workers, --partition-size, --out
    p.set_defaults(func=run)


def print_summary(summary, title: str = "ingest") -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    table.add_column("", style="bold")
    table.add_column("count", justify="right")
    rows = [("articles read", summary.articles_read), ("new", summary.new),
            ("already stored", summary.duplicates), ("corrections", summary.replaced),
            ("events", summary.events), ("merged with other reports", summary.merged),
            ("rejects", summary.rejects), ("seconds", f"{summary.seconds:.1f}")]
    for name, value in rows:
        table.add_row(name, str(value))
    Console().print(table)


def run(args) -> int:
    if getattr(args, "cluster", None) or getattr(args, "out", None):
        from clashmap.cluster import run_ingest

        return run_ingest(args, args.paths)
    from clashmap.ingest import ingest, load_extractor
    from clashmap.store import Store

    url = db_url(args.db)
    extract = load_extractor(args.extractor)
    with Store(url) as store:
        summary = ingest(args.paths, store, format=args.format, progress=not args.quiet, extract=extract,
                         on_reject=lambda r: print(r, file=sys.stderr, flush=True))
    print_summary(summary)
    # Nothing usable at all is a failure a script should notice; some rejects are not.
    return 1 if summary.rejects and not summary.articles_read else 0
