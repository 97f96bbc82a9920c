"""Property tests: find_quantities and parse_number never crash; offsets always slice."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from clashmap.extract.quantities import find_quantities, parse_number, side_hint

PIECES = st.sampled_from([
    "more", "than", "at", "least", "about", "up", "to", "as", "many", "a", "dozen", "dozens",
    "of", "hundreds", "several", "some", "another", "one", "two", "twenty-five", "hundred",
    "and", "were", "was", "killed", "injured", "dead", "deaths", "injuries", "hostage",
    "taken", "arrested", "civilians", "junta", "soldiers", "houses", "no", "casualties",
    "including", ",", ".", ";", "(", ")", "—", "-", "0", "1", "425", "1,300", "10^400",
    "9" * 50, "1e999", "3.5", "million", "%", "year-old", "Battalion", "the", "toll", "rose",
    "between", "\n", "\x00", "\u202e", "日本", "€",
])

_TOKEN_RUN = re.compile(r"[A-Za-z]+|\d+")  # the words of mentions.alnum_columns

ROLES = {"killed", "injured", "captured", "arrested", "missing", "casualties", "count", None}


def check(text: str) -> None:
    ms = find_quantities(text)
    for m in ms:
        assert m.kind == "quantities"
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        v = m.value
        assert v["role"] in ROLES
        for k in ("n", "low", "high"):
            assert v[k] is None or (isinstance(v[k], int) and 0 <= v[k] <= 10**9 + 1)
        if v["n"] is None:
            assert v["flag"] == "unquantified"
    assert [m.start for m in ms] == sorted(m.start for m in ms)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode(text):
    check(text)
    parse_number(text)
    side_hint(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=30).map(" ".join))
def test_figure_like_soup(text):
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=200))
def test_control_characters(text):
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**60))
def test_any_integer(n):
    text = f"Troops killed {n} villagers and {n:,} were injured."
    check(text)
    got = parse_number(str(n))
    assert got == (n if n <= 10**9 else None)
    assert parse_number(f"{n:,}") == got


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999))
def test_word_numbers_round_trip(n):
    ones = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen"]
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    def words(k: int) -> str:
        parts = []
        if k >= 100:
            parts.append(f"{ones[k // 100]} hundred")
            k %= 100
            if k:
                parts.append("and")
        if k >= 20:
            parts.append(tens[k // 10] + (f"-{ones[k % 10]}" if k % 10 else ""))
        elif k:
            parts.append(ones[k])
        return " ".join(parts)

    w = words(n)
    assert parse_number(w) == n
    v = [m.value for m in find_quantities(f"Shells killed {w} villagers.")]
    assert (v[0]["n"], v[0]["role"]) == (n, "killed")


def test_absurd_figures():
    for text in ["10^400 killed", "1e400 people were killed", "9" * 5000 + " killed",
                 "killing " + "1," * 3000 + "000 people"]:
        check(text)
        for m in find_quantities(text):
            assert m.value["n"] is None or m.value["n"] <= 10**9 + 1


def test_long_text_is_linear_enough():
    import time

    text = "Jets killed 12 villagers and injured at least 30 more in June. " * 2000
    t0 = time.perf_counter()
    ms = find_quantities(text)
    assert len(ms) == 4000
    assert time.perf_counter() - t0 < 10


SCAN_PIECES = st.sampled_from([
    "no", "No", "nobody", "none", "not", "one", "did", "didn't", "without", "any", "suffer",
    "casualties", "deaths", "dead", "death", "toll", "injuries", "fatalities", "the", "The",
    "number", "of", "is", "was", "were", "unknown", "unclear", "not known", "yet", "killed",
    "and", "or", ",", ", and", "-", "_", "x", "a1", "Bn.", "#", "No.", "route", " ", "  ", "\n",
    "\t", "\u00a0", "é", "did not suffer any", "Didn't suffer any losses", "no one was hurt",
    "nobody was", "lives were lost", "without any", "the number of", "death toll", "is still",
    "remains unclear", "were not yet known",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(SCAN_PIECES, max_size=30).map("".join), st.lists(SCAN_PIECES, max_size=30).map(" ".join))
def test_faster_scans_match_the_plain_regexes(glued, spaced):
    """The scans written for speed find what the plain regexes find (see their comments)."""
    import re

    from clashmap.extract import quantities as q
    from clashmap.regexes import fold_case

    s = q._scanner()
    for text in (glued, spaced):
        folded = fold_case(text)
        if folded is not None:
            for rx, starts in ((s.zero_twin, q._ZERO_STARTS), (s.unknown_twin, q._UNKNOWN_STARTS)):
                at = (c.start() for c in starts.finditer(folded))
                assert ([m.span() for m in q.matches_at(rx, folded, at)]
                        == [m.span() for m in rx.finditer(folded)])
        plain = {
            "sep": (s.sep_rx, re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")),
            "id_word": (q._ID_WORD, re.compile(r"([A-Za-z][\w.]*)\.?\s*$")),
            "id_two": (q._ID_TWO, re.compile(r"([A-Za-z]+\s+[A-Za-z]+)\s*$")),
            "sentence": (q._SENTENCE_MARK, re.compile(r"[.;?!] |\n")),
        }
        for fast, slow in plain.values():
            assert ([m.span(m.lastindex or 0) for m in fast.finditer(text)]
                    == [m.span(m.lastindex or 0) for m in slow.finditer(text)])
            a, b = fast.search(text), slow.search(text)
            assert (a and a.groups()) == (b and b.groups())


def _figure_at_start(text: str) -> bool:
    from clashmap.extract.quantities import _scanner

    s = _scanner()
    return s.figure_rx.match(text) is not None or s.article_rx.match(text) is not None


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_word_that_only_opens_phrases_needs_its_second_word(data):
    """numbers() skips a start word of quantities' second_words ("in", "at", "more") unless
    its next word is one its phrases go on with: no figure can start there otherwise."""
    from clashmap.extract.quantities import _scanner

    seconds = _scanner().second_words
    word = data.draw(st.sampled_from(sorted(seconds)))
    cased = data.draw(st.sampled_from([word, word.title(), word.upper()]))
    rest = data.draw(st.lists(PIECES, min_size=1, max_size=6))
    text = cased + data.draw(st.sampled_from([" ", "  ", "-", "\n"])) + " ".join(rest)
    nxt = _TOKEN_RUN.findall(" ".join(rest).lower())[:1]
    if not nxt or nxt[0] not in seconds[word]:
        assert not _figure_at_start(text), text


def test_second_words_do_open_figures():
    """The other side: each opening word with a second word of its own does start a figure."""
    from clashmap.extract.quantities import _scanner

    seconds = _scanner().second_words
    assert {"in", "at", "more"} <= set(seconds)
    assert _figure_at_start("at least 5 people") and _figure_at_start("more than 20")
    assert _figure_at_start("in excess of 300 people")
    assert not _figure_at_start("at Hpakant")

