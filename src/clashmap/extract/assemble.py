"""Placeholder: turns the components' mentions into events (being written)."""
from __future__ import annotations

from clashmap.model import Article, Event


def assemble(doc, article: Article) -> list[Event]:
    return []
