"""Which reader a file needs: by its extension, then by sniffing its first bytes.

Extensions that say what a file is (.jsonl, .csv, .rss, .html) decide. Text-ish files
(.txt, .md, none, unknown) are sniffed: a first line `date YYYY-MM-DD` means seed, `<rss`/
`<feed` a feed, `<html` a page, `{` JSON lines; any other text is one plain article.
Files that are not text come back as "unknown".
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from clashmap.sources.common import DecodeProblem, decode

FORMATS = ("seed", "txt", "jsonl", "csv", "rss", "html")
UNKNOWN = "unknown"

BY_EXTENSION = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".rss": "rss", ".atom": "rss",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}
# Extensions that hold some other kind of document; no sniffing turns them into articles.
NOT_ARTICLES = {".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".png", ".jpg", ".jpeg", ".gif",
                ".webp", ".zip", ".gz", ".bz2", ".xz", ".7z", ".tar", ".exe", ".so", ".pyc",
                ".py", ".sqlite", ".db", ".parquet", ".mp3", ".mp4"}
TEXT_EXTENSIONS = {".txt", ".text", ".md", ""}
SNIFF_BYTES = 8192

_SEED = re.compile(r"^[ \t]*[Dd]ate[ \t]+\d{4}-\d{2}-\d{2}(?:[ \t]|$)")
_FEED = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_PAGE = re.compile(r"<!doctype html|<html[\s>]|<body[\s>]|<article[\s>]", re.I)


def detect(path: str | Path) -> str:
    """The reader name for `path` (one of FORMATS), or "unknown"."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        head = None
    return detect_content(path.name, head)


def detect_content(name: str, head: bytes | None) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in BY_EXTENSION:
        return BY_EXTENSION[suffix]
    if suffix in NOT_ARTICLES:
        return UNKNOWN
    if head is None:  # unreadable: let the text reader report why
        return "txt"
    text = _head_text(head)
    if text is None:
        # A .txt that is not text is still meant as an article: its reader says what is wrong.
        return "txt" if suffix in TEXT_EXTENSIONS else UNKNOWN
    first = next((line for line in text.split("\n") if line.strip()), "")
    if _SEED.match(first.lstrip("\ufeff")):
        return "seed"
    start = text.lstrip("\ufeff \t\r\n")[:1000]
    if suffix == ".xml" or start.startswith("<?xml"):
        return "rss" if _FEED.search(text) else ("html" if _PAGE.search(text) else UNKNOWN)
    if start.startswith("<"):
        if _FEED.search(start):
            return "rss"
        if _PAGE.search(text):
            return "html"
    if start.startswith("{") and suffix not in TEXT_EXTENSIONS:
        return "jsonl"
    return "txt"


def _head_text(head: bytes) -> str | None:
    """The sniffed bytes as text, or None when they are not text. A stray bad byte does not
    make a file binary: the reader will reject just the record that holds it."""
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in head and not utf16:
        return None
    for cut in range(4):  # the sniffed block may end inside a multi-byte character
        try:
            return decode(head[: len(head) - cut] if cut else head)
        except DecodeProblem:
            continue
    text = head.decode("utf-8", "replace")
    return text if text.count("\ufffd") <= len(text) // 10 else None
