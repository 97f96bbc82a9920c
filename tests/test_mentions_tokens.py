"""The shared tokenisations of mentions.py: word_split (the words the places component reads)
and alnum_columns (the runs of ASCII letters or digits that dates, quantities, attribution and
assembly read), which is cut from the words. Both must be exactly their regexes' matches."""
from __future__ import annotations

import re
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clashmap.extract.mentions import WORD, alnum_columns, word_split

RUN = re.compile(r"[A-Za-z]+|\d+")


def expected_runs(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in RUN.finditer(text)]


def check(text: str) -> None:
    words = word_split(text)
    assert words.words == [m.group() for m in WORD.finditer(text)]
    assert words.starts == [m.start() for m in WORD.finditer(text)]
    assert words.ends == [m.end() for m in WORD.finditer(text)]
    cols = alnum_columns(text)
    want = expected_runs(text)
    assert cols.starts == [at for at, _ in want]
    assert cols.words == [w for _, w in want]
    assert cols.lowered == [w.lower() for _, w in want]
    assert alnum_columns(text) is cols  # kept for the next component


PIECES = ["Ta'ang", "Mrauk-U", "KIA’s", "3rd", "F-16s", "2,000", "1027", "snake_case", "Café", "naïve",
          "၂၀၂၄", "٣", "²", "Ⅻ", "ǅ", "—", "-", "'", "’", "“", "”", "...", " ", "\n", "\t", "a", "Z9", "9Z",
          "x--y", "'s", "-ed", "__", "A_1", "日本", "ſ", "\u212a", "İ", "e\u0301", "mid-2023", "U.S."]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_runs_and_words_from_pieces(text):
    check(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_runs_and_words_of_any_text(text):
    check(text)


@pytest.mark.parametrize("text", [
    "", "   ", "a", "9", "KIA’s 3rd Brigade", "The Ta'ang National Liberation Army (TNLA)",
    "ends with a hyphen- and an apostrophe' there", "_lead and trail_", "x2y3z", "Operation 1027",
])
def test_runs_and_words_examples(text):
    check(text)


def test_runs_and_words_of_the_sample_articles():
    raw = resources.files("clashmap.samples").joinpath("articles.txt").read_text(encoding="utf-8")
    for line in raw.splitlines():
        check(line)


def test_the_last_text_only_is_kept():
    first = alnum_columns("one two")
    assert alnum_columns("three 4").words == ["three", "4"]
    assert first.words == ["one", "two"]  # the lists handed out before are not reused


ACCORDING_PIECES = ["according to", "According to", "ACCORDING TO", "citing", "cited by", "as reported by",
                    "reported by", "claimed by", "the army", "Myanmar Now", "residents", ",", ".", " ", "\n",
                    "as", "reported", "xaccording to", "according-to", "3as reported by", "“", "”", "that",
                    "(AA)", "accordingly", "claimed by by"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ACCORDING_PIECES), max_size=25).map(" ".join))
def test_according_to_found_from_the_runs_as_by_a_scan(text):
    """attribution._according_matches: the folded rule's matches, tried at runs only, are
    rules().folded.according.finditer's."""
    from clashmap.extract.attribution import _according_matches, rules
    from clashmap.regexes import fold_case

    folded = fold_case(text)
    rx = rules().folded.according
    assert [m.span() for m in _according_matches(rx, folded, text)] == [m.span() for m in rx.finditer(folded)]
