"""Ingest benchmark: articles/second and events/second through readers -> extract -> resolve ->
store, into SQLite and (with --pg) PostgreSQL, with each run's peak memory. Not a test.

    python bench/bench_ingest.py                      # 10,000 generated articles into SQLite
    python bench/bench_ingest.py --n 2000 --pg postgresql://postgres@127.0.0.1:55432/clashmap_test

Articles come from clashmap.store.synthetic (several outlets per happening, corrections,
summary claims) and, by default, its stand-in extractor, so the figures measure the store and
resolver rather than the spaCy pipeline; --extractor names another (module:function), e.g.
clashmap.extract.pipeline:extract_article for the whole real path. Each back end runs in a
fresh process so that its peak RSS is its own. The PostgreSQL database gets a scratch schema,
dropped afterwards.
"""
from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path


def _run(label: str, url: str, feed: str, extractor: str, durable: bool, out) -> None:
    from clashmap.ingest import ingest, load_extractor
    from clashmap.store import Store

    extract = load_extractor(extractor)
    start = time.perf_counter()
    with Store(url, durable=durable) as store:
        summary = ingest([feed], store, progress=False, extract=extract, on_reject=lambda r: None)
        counts = store.counts()
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    out.put({"label": label, "seconds": seconds, "summary": summary.to_dict(), "counts": counts,
             "peak_mb": peak_mb})


def run_isolated(label: str, url: str, feed: str, extractor: str, durable: bool = True) -> dict:
    ctx = multiprocessing.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_run, args=(label, url, feed, extractor, durable, q))
    p.start()
    result = q.get()
    p.join()
    return result


def pg_scratch(url: str):
    """A URL into a fresh schema on the given server, and a function that drops it."""
    from sqlalchemy import create_engine, text

    from clashmap.store import normalise_url

    schema = "bench_" + uuid.uuid4().hex[:8]
    admin = create_engine(normalise_url(url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()

    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}", drop


def report(r: dict) -> None:
    s = r["summary"]
    print(f"{r['label']:<22} {s['articles_read']:>7} articles {s['events']:>7} events "
          f"{s['articles_read'] / r['seconds']:>8.1f} articles/s {s['events'] / r['seconds']:>8.1f} events/s "
          f"peak RSS {r['peak_mb']:>6.0f} MB  ({r['counts']['events']} resolved events, "
          f"{s['merged']} merges, {s['replaced']} corrections, {r['seconds']:.1f} s)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="generated articles (default 10,000)")
    ap.add_argument("--pg", metavar="URL", help="also ingest into this PostgreSQL database")
    ap.add_argument("--extractor", default="clashmap.store.synthetic:extract", metavar="MODULE:FUNCTION")
    ap.add_argument("--no-sqlite", action="store_true", help="skip the SQLite runs")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    from clashmap.store import synthetic

    with tempfile.TemporaryDirectory(prefix="clashmap-bench-") as tmp:
        feed = str(synthetic.write_jsonl(Path(tmp) / "feed.jsonl", synthetic.generate(args.n, seed=args.seed)))
        print(f"{args.n} generated articles, extractor {args.extractor}, python {sys.version.split()[0]}")
        if not args.no_sqlite:
            report(run_isolated("sqlite (sync FULL)", f"sqlite:///{tmp}/full.db", feed, args.extractor))
            report(run_isolated("sqlite (sync NORMAL)", f"sqlite:///{tmp}/normal.db", feed, args.extractor,
                                durable=False))
        if args.pg:
            url, drop = pg_scratch(args.pg)
            try:
                report(run_isolated("postgresql", url, feed, args.extractor))
            finally:
                drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
