"""Invented sample articles (see README.md here), one file per input kind, for demos and tests.

    from clashmap.samples import article_files
    from clashmap.sources import read_many
    articles = list(read_many(article_files()))
"""
from __future__ import annotations

from pathlib import Path

SAMPLES_DIR = Path(__file__).resolve().parent
SEED_FILE = SAMPLES_DIR / "articles.txt"
# Listed rather than globbed so README.md and this module are never read as articles.
ARTICLE_FILE_NAMES = ("articles.txt", "articles.jsonl", "articles.csv", "feed.rss", "report.html",
                      "2024-04-22-kayah-loikaw.txt")


def article_files() -> list[Path]:
    return [SAMPLES_DIR / name for name in ARTICLE_FILE_NAMES]
