"""`clashmap demo [--db URL]`: ingest the bundled sample articles and say how to look at them."""
from __future__ import annotations

from pathlib import Path

DEMO_DB = "sqlite:///clashmap-demo.db"


def samples_dir() -> Path:
    import clashmap

    return Path(clashmap.__file__).parent / "samples"


def sample_files() -> list[Path]:
    # The samples folder is also a Python package with a README; those two are not articles.
    return sorted(p for p in samples_dir().iterdir()
                  if p.is_file() and not p.name.startswith((".", "README", "__init__")))


def register(subparsers) -> None:
    from clashmap.cli.ingest import add_db_argument

    p = subparsers.add_parser("demo", help="load the bundled sample articles into a database",
                              description="Ingest the sample articles shipped with clashmap (into "
                                          "clashmap-demo.db unless --db says otherwise), then show how to "
                                          "open the web app on them.")
    add_db_argument(p, default=DEMO_DB)
    p.set_defaults(func=run)


def run(args) -> int:
    import sys

    from clashmap.cli.ingest import db_url, print_summary
    from clashmap.ingest import ingest
    from clashmap.store import Store

    samples = sample_files() if samples_dir().is_dir() else []
    if not samples:
        print(f"no sample articles found in {samples_dir()}", file=sys.stderr)
        return 1
    url = db_url(args.db)
    with Store(url) as store:
        summary = ingest(samples, store, on_reject=lambda r: print(r, file=sys.stderr))
        counts = store.counts()
    print_summary(summary, title="demo")
    print(f"{counts['events']} events from {counts['articles']} articles are in {url}")
    print(f"Open the web app:  clashmap serve --db {url}")
    return 0
