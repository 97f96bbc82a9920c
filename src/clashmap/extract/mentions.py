"""What every extract component leaves on the Doc: typed mentions with character offsets.

Each component owns one kind (doc._.mentions["dates"], ["quantities"], ["actors"], ["places"],
["triggers"], ["attributions"]) and appends Mention objects; assemble.py reads them all.
Mentions are plain dataclasses so components can be tested without spaCy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, NamedTuple

KINDS = ("triggers", "actors", "places", "dates", "quantities", "attributions")


@dataclass
class Mention:
    kind: str  # one of KINDS
    start: int  # character offsets into doc.text
    end: int
    text: str
    value: dict[str, Any] = field(default_factory=dict)  # the component's reading of it


def ensure_extensions() -> None:
    """Register doc._.mentions and doc._.article_date once per process."""
    from spacy.tokens import Doc

    if not Doc.has_extension("mentions"):
        Doc.set_extension("mentions", default=None)
    if not Doc.has_extension("country"):
        Doc.set_extension("country", default=None)
    if not Doc.has_extension("article_date"):
        Doc.set_extension("article_date", default=None)
    if not Doc.has_extension("clashmap_text"):
        Doc.set_extension("clashmap_text", default=None)


def doc_text(doc) -> str:
    """doc.text, computed once per Doc: spaCy rebuilds the string from its tokens on every
    access, and each component reads it. A Doc's text never changes (tokenization is
    non-destructive), so the first reading is kept on the Doc."""
    ext = doc._
    if not ext.has("clashmap_text"):  # extensions not registered: a bare Doc
        return doc.text
    text = ext.clashmap_text
    if text is None:
        text = ext.clashmap_text = doc.text
    return text


def mentions_of(doc, kind: str) -> list[Mention]:
    if doc._.mentions is None:
        doc._.mentions = {k: [] for k in KINDS}
    return doc._.mentions.setdefault(kind, [])


_ALNUM = re.compile(r"[A-Za-z]+|\d+")
_ALNUM_SPLIT = re.compile(f"({_ALNUM.pattern})")
_last_alnum: tuple = (None, None)


class AlnumTokens(NamedTuple):
    """The runs of ASCII letters or of digits of a text, in three parallel lists."""

    toks: list[tuple[int, str]]  # (offset, word)
    words: list[str]
    lowered: list[str]  # word.lower()


def alnum_columns(text: str) -> AlnumTokens:
    """alnum_tokens(text), with the words and their lower case as lists of their own (made by
    C-level maps: components pick tokens with map/compress instead of a Python loop). The
    columns of the last text are kept (by identity); callers must not change them."""
    global _last_alnum
    last_text, cols = _last_alnum
    if last_text is text:
        return cols
    # split keeps the gaps (even parts) and the words (odd parts); the offsets are the
    # running sums of the parts' lengths: no match object nor Python step per word
    parts = _ALNUM_SPLIT.split(text)
    words = parts[1::2]
    starts = list(accumulate(map(len, parts)))[0:-1:2]
    cols = AlnumTokens(list(zip(starts, words)), words, list(map(str.lower, words)))
    _last_alnum = (text, cols)
    return cols


def alnum_tokens(text: str) -> list[tuple[int, str]]:
    """(offset, word) for each run of ASCII letters or of digits in `text`. The dates and
    quantities components both read them: the list of the last text is kept (by identity,
    so a different string is always tokenised afresh). Callers must not change the list."""
    return alnum_columns(text).toks
