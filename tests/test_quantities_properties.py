"""Property tests: find_quantities and parse_number never crash; offsets always slice."""
from __future__ import annotations

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
