"""sources: turn input files into Articles, or Rejects that say what is wrong and where.

    for record in read("news/"):            # a file or a folder (recursed)
        if isinstance(record, Reject): ...  # str(record) == "news/a.jsonl:7: broken JSON: ..."

Bad input never stops a batch and is never dropped silently: every file, line or record that
cannot become an Article yields a Reject. Options (all readers): max_chars (default 2,000,000),
default_date (for records without one), outlet, check_language; for CSV/JSONL: text_col,
date_col, title_col, url_col, outlet_col.
"""
from __future__ import annotations

import codecs
import os
from importlib import import_module
from pathlib import Path
from typing import Iterable, Iterator

from clashmap.model import Article, InputError, Reject  # noqa: F401 - re-exported for callers
from clashmap.sources.common import ReaderOptions, preview, read_file_bytes
from clashmap.sources.detect import FORMATS, UNKNOWN, detect

__all__ = ["read", "read_many", "detect", "FORMATS", "Article", "Reject", "ReaderOptions"]

# Folder entries that are never articles: version control, caches, editor droppings.
SKIPPED_IN_FOLDERS = ("__pycache__",)


def read(path: str | os.PathLike, format: str | None = None, **options) -> Iterator[Article | Reject]:
    """Articles and Rejects from one file, or from every file under a folder (sorted,
    hidden files skipped). `format` forces one reader for all of them."""
    _check_format(format)
    reader_options = ReaderOptions.from_kwargs(options)
    return _read_path(Path(path), format, reader_options)


def read_many(paths: Iterable[str | os.PathLike], format: str | None = None,
              **options) -> Iterator[Article | Reject]:
    _check_format(format)
    reader_options = ReaderOptions.from_kwargs(options)
    for path in paths:
        yield from _read_path(Path(path), format, reader_options)


def _check_format(format: str | None) -> None:
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")


def _read_path(path: Path, format: str | None, options: ReaderOptions) -> Iterator[Article | Reject]:
    if path.is_dir():
        yield from _read_folder(path, format, options)
    else:
        yield from _read_file(path, format, options)


def _read_folder(folder: Path, format: str | None, options: ReaderOptions) -> Iterator[Article | Reject]:
    def on_error(exc: OSError) -> None:
        failures.append(Reject(str(exc.filename or folder), None, f"cannot read folder: {exc.strerror or exc}"))

    failures: list[Reject] = []
    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_IN_FOLDERS)
        for name in sorted(files):
            if not name.startswith("."):
                yield from _read_file(Path(root) / name, format, options)
        yield from failures
        failures.clear()
    yield from failures


def _read_file(path: Path, format: str | None, options: ReaderOptions) -> Iterator[Article | Reject]:
    source = str(path)
    data = read_file_bytes(path)
    if isinstance(data, Reject):
        yield data
        return
    if not data.strip():
        yield Reject(source, None, "empty file")
        return
    kind = format or detect(path)
    if kind == UNKNOWN:
        yield Reject(source, None, f"unsupported file type ({path.suffix or 'no extension'}); "
                                   f"pass format= one of {', '.join(FORMATS)}")
        return
    if _has_nul_bytes(data):
        yield Reject(source, None, "binary data (NUL bytes), not text",
                     preview(data[:200].decode("utf-8", "replace")))
        return
    produced = False
    for record in import_module(f"clashmap.sources.{kind}").parse(data, source, options):
        produced = True
        yield record
    if not produced:
        # e.g. a JSONL file holding `[]`, a header-only CSV, a seed file of blank lines: the
        # file is not empty, yet holds no record; say so rather than lose it silently.
        yield Reject(source, None, f"no articles in file (read as {kind})",
                     preview(data[:200].decode("utf-8", "replace")))


def _has_nul_bytes(data: bytes) -> bool:
    """NUL in the first block of a file that is not UTF-16 means a binary file: one Reject for
    the file beats one per 'line' of an image. (NULs further in are caught per record.)"""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in data[:8192]
