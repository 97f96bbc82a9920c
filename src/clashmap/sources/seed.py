"""The seed format: `date YYYY-MM-DD text`, one article a line (leading spaces allowed).

A file with a single header line is one article whose following lines (paragraphs) belong to
it, as in shared/bench/seed/article.txt. A file with several headers holds one article a line;
there a non-blank line without a header cannot be attributed to any article and is rejected
rather than glued to its neighbour.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from clashmap.model import Article, Reject
from clashmap.sources.common import ReaderOptions, decode_lines, make_article, preview

# A header is the word "date" then a token that starts with a digit; "date of the attack ..." is
# prose, not a header.
HEADER = re.compile(r"^[ \t\ufeff]*[Dd]ate[ \t]+(\d\S*)(?:[ \t]+(.*))?$")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse(data: bytes, source: str, options: ReaderOptions) -> Iterator[Article | Reject]:
    # Undecodable lines stay in place as Rejects so that records come out in file order.
    lines: list[tuple[int, str] | Reject] = list(decode_lines(data, source))
    headers = [item[0] for item in lines if not isinstance(item, Reject) and HEADER.match(item[1])]
    single = headers[0] if len(headers) == 1 else None
    body: list[str] = []
    for item in lines:
        if isinstance(item, Reject):
            yield item
            continue
        number, text = item
        if single is not None and number > single:
            body.append(text)  # paragraphs of the file's only article
        elif HEADER.match(text):
            if single is None:
                yield _article(HEADER.match(text), [], number, text, source, options)
        elif text.strip():
            yield _undated(number, text, source)
    if single is not None:
        header_text = next(item[1] for item in lines if not isinstance(item, Reject) and item[0] == single)
        yield _article(HEADER.match(header_text), body, single, header_text, source, options)


def _article(match: re.Match, more_lines: list[str], number: int, raw: str, source: str,
             options: ReaderOptions) -> Article | Reject:
    token, first = match.group(1), match.group(2) or ""
    text = "\n".join([first, *more_lines])
    day, problem = None, None
    if not ISO_DAY.match(token):
        problem = f"bad date {token[:40]!r} (expected YYYY-MM-DD)"
    else:
        try:
            day = date.fromisoformat(token)
        except ValueError:
            problem = f"bad date {token!r}"
    if problem:  # a wrong date is an error in the record even when a default date exists
        return Reject(source, number, problem, preview(raw))
    return make_article(text, source, number, options, day=day)


def _undated(number: int, text: str, source: str) -> Reject:
    return Reject(source, number, "no date: line does not start with 'date YYYY-MM-DD'", preview(text))
