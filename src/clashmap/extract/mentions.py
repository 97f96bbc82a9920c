"""What every extract component leaves on the Doc: typed mentions with character offsets.

Each component owns one kind (doc._.mentions["dates"], ["quantities"], ["actors"], ["places"],
["triggers"], ["attributions"]) and appends Mention objects; assemble.py reads them all.
Mentions are plain dataclasses so components can be tested without spaCy.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
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
    ext = doc._  # (each doc._ makes a new accessor object: made once here)
    try:
        text = ext.clashmap_text
    except AttributeError:  # extensions not registered: a bare Doc
        return doc.text
    if text is None:
        text = ext.clashmap_text = doc.text
    return text


def mentions_of(doc, kind: str) -> list[Mention]:
    ext = doc._  # (each doc._ makes a new accessor object: made once here)
    found = ext.mentions
    if found is None:
        found = ext.mentions = {k: [] for k in KINDS}
    return found.setdefault(kind, [])


# A word: letters/digits with inner apostrophes or hyphens ("Ta'ang", "Mrauk-U", "Hpa-An").
WORD = re.compile(r"[^\W_][\w]*(?:['’\-][^\W_]+)*")
_WORD_SPLIT = re.compile(f"({WORD.pattern})")
_last_words: tuple = (None, None)


class WordSplit(NamedTuple):
    """The words (WORD) of a text: word i is words[i] == text[starts[i]:ends[i]]."""

    words: list[str]
    starts: list[int]
    ends: list[int]


def word_split(text: str) -> WordSplit:
    """The words of `text`, made by C-level calls (one split, the running sums of the parts'
    lengths). The places component reads them, and the alphanumeric runs are cut from them
    (alnum_columns): one split a text instead of two. The split of the last text is kept (by
    identity); callers must not change the lists."""
    global _last_words
    last_text, split = _last_words
    if last_text is text:
        return split
    # split keeps the gaps (even parts) and the words (odd parts)
    parts = _WORD_SPLIT.split(text)
    offsets = list(accumulate(map(len, parts)))  # where each part ends
    split = WordSplit(parts[1::2], offsets[0:-1:2], offsets[1::2])
    _last_words = (text, split)
    return split


# A run of ASCII letters or of digits: the tokens of alnum_columns
ALNUM = re.compile(r"[A-Za-z]+|\d+")
# Inside any word that is not one run of ASCII letters or one run of ASCII digits, this
# matches somewhere: a character outside ASCII, an inner "'", "-" or "_" (ASCII word characters
# are otherwise letters and digits), or a digit (the whole run of them: a word of digits only
# is one run, one with a letter too is cut). One character class, which the regex engine
# scans for in C. (It also matches outside words, at quotes and dashes: passed over.)
_NOT_ONE_RUN = re.compile(r"[^\x00-\x26\x28-\x2c\x2e-\x2f\x3a-\x5e\x60-\x7f](?:(?<=[0-9])[0-9]+)?")
_last_alnum: tuple = (None, None)


class AlnumTokens(NamedTuple):
    """The runs of ASCII letters or of digits of a text, in three parallel lists."""

    starts: list[int]  # where each run starts
    words: list[str]
    lowered: list[str]  # word.lower()


def alnum_columns(text: str) -> AlnumTokens:
    """The runs of ASCII letters or of digits of `text` ([A-Za-z]+|\\d+), as columns: where
    each starts, the run, its lower case (lists, no object per run: the runs of the last text
    are freed when the next is made, and a tuple each cost as much again). The columns of the
    last text are kept (by identity); callers must not change them.

    Every run lies inside a word of word_split(text) (a letter or digit is a word character,
    and a run cannot cross a word's end), and most words are one run: those are taken whole,
    a slice of words at a time, and only the words _NOT_ONE_RUN marks are cut into runs."""
    global _last_alnum
    last_text, cols = _last_alnum
    if last_text is text:
        return cols
    words, starts, ends = word_split(text)
    cut: list[int] = []  # the words to cut, in order
    for m in _NOT_ONE_RUN.finditer(text):
        at = m.start()
        k = bisect_right(starts, at) - 1
        if k < 0 or at >= ends[k] or (cut and cut[-1] == k):
            continue  # outside the words, or a word already marked
        word = words[k]
        if m.end() - at == len(word) and word.isascii() and word.isdigit():
            continue  # a word of digits alone: one run
        cut.append(k)
    if not cut:
        cols = AlnumTokens(starts, words, list(map(str.lower, words)))  # (shared, never changed)
        _last_alnum = (text, cols)
        return cols
    at_runs: list[int] = []
    runs: list[str] = []
    taken = 0  # words before this one are done
    for k in cut:
        if k > taken:
            runs += words[taken:k]
            at_runs += starts[taken:k]
        for r in ALNUM.finditer(text, starts[k], ends[k]):
            runs.append(r.group())
            at_runs.append(r.start())
        taken = k + 1
    if taken < len(words):
        runs += words[taken:]
        at_runs += starts[taken:]
    cols = AlnumTokens(at_runs, runs, list(map(str.lower, runs)))
    _last_alnum = (text, cols)
    return cols


def matches_at(rx: re.Pattern, scanned: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """rx.finditer(scanned) for a regex whose matches can only start at `starts` (offsets in
    increasing order, every place a match can start among them): rx is tried only there,
    leftmost first, none overlapping, as finditer does."""
    last_end = 0
    for pos in starts:
        if pos < last_end:
            continue
        m = rx.match(scanned, pos)
        if m is not None:
            last_end = m.end()
            yield m
