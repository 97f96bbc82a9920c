"""A saved HTML page is one article: main text and metadata by trafilatura, offline.

trafilatura is handed the page as a string, so it never fetches anything. Where it finds no
main text (very short pages), the visible text of the <body> is used instead. The date comes
from the page's metadata (htmldate, via trafilatura), else options.default_date.
"""
from __future__ import annotations

import logging
from typing import Iterator

from clashmap.model import Article, Reject
from clashmap.sources.common import (ReaderOptions, binary_problem, date_or_problem, decode_file,
                                     html_to_text, make_article, preview)

# trafilatura logs every page it finds too short or empty; the Reject already says so.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def parse(data: bytes, source: str, options: ReaderOptions) -> Iterator[Article | Reject]:
    markup = decode_file(data, source)
    if isinstance(markup, Reject):
        yield markup
        return
    problem = binary_problem(markup)
    if problem:
        yield Reject(source, None, problem, preview(markup))
        return
    found = _extract(markup)
    text = found.get("text") or html_to_text(markup)
    day, date_problem = date_or_problem(found.get("date"))
    if date_problem and date_problem != "no date":  # htmldate gave something we cannot use
        day, date_problem = None, f"no usable date in page metadata ({date_problem})"
    elif day is None:
        date_problem = "no date in page metadata"
    yield make_article(text, source, 1, options, day=day, date_problem=date_problem,
                       title=found.get("title"), url=found.get("url"),
                       outlet=found.get("sitename") or found.get("hostname"))


def _extract(markup: str) -> dict:
    import trafilatura

    try:
        document = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                               include_tables=False)
    except Exception:  # noqa: BLE001 - a parser failure on junk means "nothing found", not a crash
        return {}
    if document is None:
        return {}
    if isinstance(document, dict):
        return document
    return {key: getattr(document, key, None) for key in ("text", "title", "date", "url", "sitename", "hostname")}
