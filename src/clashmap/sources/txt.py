"""A plain .txt file is one article.

Optional header lines at the top (`Date: 2024-03-14`, `Title: ...`, `Outlet: ...`, `URL: ...`,
in any order, ending at the first other line) give its metadata. Without a Date header the
date comes from an ISO date in the file name (2024-03-14-report.txt, report_20240314.txt).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from clashmap.model import Article, Reject
from clashmap.sources.common import ReaderOptions, date_or_problem, decode_file, make_article

HEADER_LINE = re.compile(r"^\s*(date|published|title|headline|outlet|source|url|link)\s*:\s*(.*?)\s*$", re.I)
HEADER_FIELDS = {"date": "date", "published": "date", "title": "title", "headline": "title",
                 "outlet": "outlet", "source": "outlet", "url": "url", "link": "url"}
NAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")


def parse(data: bytes, source: str, options: ReaderOptions) -> Iterator[Article | Reject]:
    text = decode_file(data, source)
    if isinstance(text, Reject):
        yield text
        return
    lines = text.lstrip("\ufeff").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    meta: dict[str, str] = {}
    body_start = first
    for index in range(first, len(lines)):
        match = HEADER_LINE.match(lines[index])
        if not match:
            break
        meta.setdefault(HEADER_FIELDS[match.group(1).lower()], match.group(2))
        body_start = index + 1
    line = first + 1 if first < len(lines) else 1
    if "date" in meta:
        day, problem = date_or_problem(meta["date"])
        if problem and problem != "no date":  # a wrong Date header is a mistake, not an absence
            yield Reject(source, _line_of(lines, "date", first), f"{problem} in Date header", meta["date"][:200])
            return
    else:
        day, problem = date_from_name(Path(source).name)
    yield make_article("\n".join(lines[body_start:]), source, line, options, day=day, date_problem=problem,
                       title=meta.get("title"), url=meta.get("url"), outlet=meta.get("outlet"))


def date_from_name(name: str):
    for match in NAME_DATE.finditer(name):
        day, problem = date_or_problem("-".join(match.groups()))
        if day:
            return day, None
    return None, "no date (no 'Date:' line and no YYYY-MM-DD in the file name)"


def _line_of(lines: list[str], field_name: str, start: int) -> int:
    for index in range(start, len(lines)):
        match = HEADER_LINE.match(lines[index])
        if match and HEADER_FIELDS[match.group(1).lower()] == field_name:
            return index + 1
    return start + 1
