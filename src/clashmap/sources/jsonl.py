"""JSON Lines: one JSON object per line, an article per object. A .json file holding one
array of objects (or one object) is read the same way, each element numbered by the line it
starts on.

Fields are found by name (options text_col, date_col, ... or the aliases in
common.FIELD_ALIASES: text/body/content, date/published, title/headline, url/link, outlet/source).
"""
from __future__ import annotations

import json
from typing import Iterator

from clashmap.model import Article, Reject
from clashmap.sources.common import (FIELD_ALIASES, DecodeProblem, ReaderOptions, article_from_record,
                                     decode, decode_lines, pick, preview)


def parse(data: bytes, source: str, options: ReaderOptions) -> Iterator[Article | Reject]:
    try:
        whole = decode(data)
    except DecodeProblem:
        whole = None  # decode_lines below rejects only the undecodable lines
    if whole is not None:
        if whole.lstrip().startswith("["):
            yield from _array(whole, source, options)
            return
        single = _single_pretty_object(whole)
        if single is not None:
            number = whole.count("\n", 0, len(whole) - len(whole.lstrip())) + 1
            yield from_record(single, source, number, options, preview(whole.strip()))
            return
    for item in decode_lines(data, source):
        if isinstance(item, Reject):
            yield item
            continue
        number, line = item
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(source, number, f"broken JSON: {exc.msg} (column {exc.colno})", preview(line))
            continue
        except RecursionError:
            yield Reject(source, number, "broken JSON: nested too deeply", preview(line))
            continue
        yield from_record(record, source, number, options, preview(line))


def _single_pretty_object(text: str) -> dict | None:
    """One JSON object spread over several lines (a pretty-printed .json file), else None."""
    stripped = text.strip()
    if not stripped.startswith("{") or "\n" not in stripped:
        return None
    first_line = stripped.split("\n", 1)[0]
    try:
        json.loads(first_line)
        return None  # the first line is a record of its own: JSON Lines
    except (json.JSONDecodeError, RecursionError):
        pass
    try:
        value = json.loads(stripped)
    except (json.JSONDecodeError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _array(text: str, source: str, options: ReaderOptions) -> Iterator[Article | Reject]:
    decoder = json.JSONDecoder()
    position = text.index("[") + 1
    while True:
        position = _skip_separators(text, position)
        if position >= len(text):
            yield Reject(source, text.count("\n") + 1, "broken JSON: array not closed")
            return
        if text[position] == "]":
            rest = text[position + 1:].strip()
            if rest:
                yield Reject(source, text.count("\n", 0, position) + 1, "broken JSON: data after the array",
                             preview(rest))
            return
        number = text.count("\n", 0, position) + 1
        try:
            record, end = decoder.raw_decode(text, position)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield Reject(source, number, f"broken JSON: {reason}; the rest of the array is skipped",
                         preview(text[position:]))
            return
        yield from_record(record, source, number, options, preview(text[position:end]))
        position = end


def _skip_separators(text: str, position: int) -> int:
    while position < len(text) and (text[position].isspace() or text[position] == ","):
        position += 1
    return position


def from_record(record: object, source: str, number: int, options: ReaderOptions,
                raw: str) -> Article | Reject:
    """An Article from one decoded JSON value (also used for the lines of other readers)."""
    if not isinstance(record, dict):
        return Reject(source, number, f"not a JSON object (got {type(record).__name__})", raw)
    text_key, text = pick(record, "text", options)
    if text_key is None:
        looked = options.text_col or "/".join(FIELD_ALIASES["text"])
        return Reject(source, number, f"no text field (looked for {looked})", raw)
    if not isinstance(text, str):
        return Reject(source, number, f"text field {text_key!r} is not a string", raw)
    return article_from_record(record, text, source, number, options, raw)
