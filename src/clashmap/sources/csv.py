"""CSV (or TSV) with a header row, an article per row.

Columns are found by name: options text_col, date_col, title_col, url_col, outlet_col, else the
aliases in common.FIELD_ALIASES (body/content, published, headline, link, source, ...).
The delimiter is sniffed among , ; tab and |. A row's line is the physical line it starts on.
"""
from __future__ import annotations

import csv
import io
import sys
from typing import Iterator

from clashmap.model import Article, Reject
from clashmap.sources.common import (FIELD_ALIASES, ReaderOptions, article_from_record, decode_file,
                                     pick, preview)

DELIMITERS = ",;\t|"


def parse(data: bytes, source: str, options: ReaderOptions) -> Iterator[Article | Reject]:
    text = decode_file(data, source)
    if isinstance(text, Reject):
        yield text
        return
    _allow_long_fields(options.max_chars)
    delimiter = "\t" if source.lower().endswith(".tsv") else _sniff_delimiter(text)
    # strict: an unclosed quote must be an error, not a field that silently swallows the rows
    # after it. The reader resumes on the next line after an error.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        yield Reject(source, 1, f"broken CSV header: {exc}", preview(text))
        return
    if not header or not any(cell.strip() for cell in header):
        yield Reject(source, 1, "no header row", preview(text))
        return
    names = [cell.strip().lstrip("\ufeff") for cell in header]
    by_name = dict.fromkeys(names, "")
    text_column, _ = pick(by_name, "text", options)
    if text_column is None:
        looked = options.text_col or "/".join(FIELD_ALIASES["text"])
        yield Reject(source, 1, f"no text column (looked for {looked}; header has {', '.join(names)[:200]})",
                     preview(",".join(names)))
        return
    end_of_previous = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Reject(source, end_of_previous + 1, f"broken CSV row: {exc}")
            if reader.line_num == end_of_previous:
                return  # nothing consumed: the reader cannot move on
            end_of_previous = reader.line_num
            continue
        start = reader.line_num - sum(cell.count("\n") for cell in row)
        end_of_previous = reader.line_num
        if not row or not any(cell.strip() for cell in row):
            continue
        yield _row_to_article(dict(zip(names, row)), len(row), len(names), source, start, options, delimiter)


def _row_to_article(record: dict, width: int, expected: int, source: str, line: int,
                    options: ReaderOptions, delimiter: str) -> Article | Reject:
    raw = preview(delimiter.join(record.values()))
    _, text = pick(record, "text", options)
    if text is None or not text.strip():
        detail = f" (row has {width} of {expected} fields)" if width < expected else ""
        return Reject(source, line, f"missing text{detail}", raw)
    return article_from_record(record, text, source, line, options, raw)


def _sniff_delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _allow_long_fields(max_chars: int) -> None:
    # The csv module refuses fields over 128 KiB by default; an article may legitimately be
    # longer (the article limit is max_chars). The limit is process-wide, so only ever raise it.
    wanted = min(sys.maxsize, max(max_chars * 4, 1 << 17))
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)
