"""Property tests: find_dates never crashes and its mentions always slice the text."""
from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from clashmap.extract.dates import find_dates

# Text built from date-ish pieces finds the resolver's corners faster than random unicode.
PIECES = st.sampled_from([
    "on", "in", "since", "from", "to", "and", "between", "last", "this", "early", "late",
    "mid-", "the", "of", "week", "month", "year", "weekend", "ago", "days", "two", "a",
    "Monday", "Friday", "Sunday", "morning", "night", "January", "Feb.", "May", "June",
    "Sept.", "December", "JULY", "Mon", "March", "0", "1", "7", "29", "30", "31", "32", "99",
    "2023", "1899", "2100", "0000", "9999", "-", "–", ",", ".", "(", ")", "2023-02-30",
    "2023-07-20", "today", "yesterday", "tonight", "recently", "the coup", "\n", "\x00",
    "\u200b", "ñ", "日本",
])
ART = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


def check(text: str, art) -> None:
    ms = find_dates(text, art)
    last = -1
    for m in ms:
        assert m.kind == "dates"
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= last  # in text order, no overlaps
        last = m.end
        v = m.value
        assert v["precision"] in (1, 2, 3)
        if v["date"] is not None:
            d = date.fromisoformat(v["date"])
            if v["date_end"] is not None:
                assert date.fromisoformat(v["date_end"]) > d
        else:
            assert v.get("vague") is True


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), ART)
def test_arbitrary_unicode(text, art):
    check(text, art)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=30).map(" ".join), ART)
def test_date_like_soup(text, art):
    check(text, art)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=200), ART)
def test_control_characters(text, art):
    check(text, art)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10**30), st.sampled_from(
    ["on July {}", "{} July", "from May {} to {}", "{}-07-20", "in {}", "{} days ago"]))
def test_huge_numbers_in_date_slots(n, pattern):
    text = pattern.replace("{}", str(n))
    check(text, date(2023, 7, 26))
    check(text, date.max)
    check(text, date.min)


def test_long_text_is_linear_enough():
    import time

    text = ("On Tuesday troops torched 30 houses in June since last week. " * 2000)
    t0 = time.perf_counter()
    ms = find_dates(text, date(2023, 7, 26))
    assert len(ms) == 6000
    assert time.perf_counter() - t0 < 5
