"""`clashmap extract FILE`: events of each article as JSON lines on stdout, rejects on stderr.

Exit status: 0 when at least one article was read, 1 when nothing readable was found (or the
extractor failed on an article), 2 for usage errors (argparse).
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from clashmap.model import Article, Event, Reject

PROG = "clashmap"


def register(subparsers) -> None:
    from clashmap.sources import FORMATS

    parser = subparsers.add_parser(
        "extract",
        help="extract events from article files and print them as JSON lines",
        description="Read articles from FILE(s) (seed lines, .txt, JSONL, CSV, RSS/Atom, HTML, or a "
                    "folder of them), extract conflict events, and print one JSON event per line. "
                    "Input that cannot be read is reported on stderr as 'path:line: reason'.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="article file or folder")
    parser.add_argument("--format", choices=FORMATS, help="reader to use instead of detecting it")
    parser.add_argument("--pretty", action="store_true",
                        help="indented JSON with a short header per article, for reading")
    parser.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                        help="publication date for articles that carry none")
    parser.set_defaults(func=run)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def run(args: argparse.Namespace) -> int:
    from clashmap.sources import read_many

    articles_read = 0
    extraction_failures = 0
    out = sys.stdout
    for record in read_many(args.files, format=args.format, default_date=args.date):
        if isinstance(record, Reject):
            print(f"{PROG}: {record}", file=sys.stderr)
            continue
        articles_read += 1
        try:
            events = _extract(record)
        except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the batch
            extraction_failures += 1
            print(f"{PROG}: {record.source}:{record.line}: extraction failed: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
            continue
        if args.pretty:
            out.write(header(record, len(events)) + "\n")
        for event in events:
            out.write(format_event(event, pretty=args.pretty) + "\n")
        out.flush()
    if articles_read == 0:
        print(f"{PROG}: no readable article in {', '.join(args.files)}", file=sys.stderr)
        return 1
    return 1 if extraction_failures else 0


def format_event(event: Event, pretty: bool = False) -> str:
    """One event as JSON: a single line (JSON Lines) unless pretty."""
    return json.dumps(event.to_dict(), ensure_ascii=False, indent=2 if pretty else None)


def _extract(article: Article):
    from clashmap.extract import extract_article  # spaCy loads only once there is an article

    return extract_article(article)


def header(article: Article, event_count: int) -> str:
    where = f"{article.source}:{article.line}" if article.line is not None else str(article.source)
    parts = [where, article.date.isoformat() if article.date else "no date"]
    if article.outlet:
        parts.append(article.outlet)
    title = article.title or article.text.split("\n", 1)[0]
    parts.append(title[:80] + ("…" if len(title) > 80 else ""))
    parts.append(f"{event_count} event{'s' if event_count != 1 else ''}")
    return "# " + " | ".join(parts)
