"""RSS and Atom feeds (a saved file; feedparser is handed bytes, so it never fetches).

Each entry is an article: its full content if the feed carries it, else its summary, as text.
The outlet is the feed's title. An entry's line is where its <item>/<entry> starts in the file
(its entry number where that cannot be found).
"""
from __future__ import annotations

import io
import re
from typing import Iterator

from clashmap.model import Article, Reject
from clashmap.sources.common import ReaderOptions, date_or_problem, html_to_text, make_article, preview

ENTRY_START = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?(?:item|entry)[\s>/]")


def parse(data: bytes, source: str, options: ReaderOptions) -> Iterator[Article | Reject]:
    import feedparser

    try:
        # A stream, never bytes or str: feedparser tries bytes as a file name and str as a URL.
        feed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 - feedparser's failure modes are not documented
        yield Reject(source, None, f"not a readable RSS/Atom feed: {type(exc).__name__}: {exc}", preview(_show(data)))
        return
    entries = feed.get("entries") or []
    if not entries:
        if feed.get("bozo"):
            reason = f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}"
        else:
            reason = "feed has no entries"
        yield Reject(source, None, reason[:300], preview(_show(data)))
        return
    starts = [data.count(b"\n", 0, m.start()) + 1 for m in ENTRY_START.finditer(data)]
    outlet = (feed.get("feed") or {}).get("title")
    for index, entry in enumerate(entries):
        number = starts[index] if len(starts) == len(entries) else index + 1
        yield _entry_to_article(entry, outlet, source, number, options)


def _entry_to_article(entry, outlet, source, number, options) -> Article | Reject:
    contents = [c.get("value", "") for c in entry.get("content") or [] if c.get("value")]
    body = "\n\n".join(contents) or entry.get("summary") or entry.get("description") or ""
    text = html_to_text(body) if body else ""
    raw = preview(body or entry.get("title") or "")
    # dict.get, not entry.get: feedparser's own get maps missing date keys onto others, with
    # a deprecation warning.
    date_value = next((dict.get(entry, key) for key in ("published", "updated", "created")
                       if dict.get(entry, key)), None)
    day, problem = date_or_problem(date_value)
    if day is None:
        parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
        if parsed:
            day, problem = date_or_problem(f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}")
    if problem and problem != "no date":
        return Reject(source, number, problem, raw)
    return make_article(text, source, number, options, day=day, date_problem=problem,
                        title=entry.get("title"), url=entry.get("link"),
                        outlet=entry.get("source", {}).get("title") or outlet, clean=False)


def _show(data: bytes) -> str:
    return data[:400].decode("utf-8", "replace")
