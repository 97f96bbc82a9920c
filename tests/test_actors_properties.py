"""Properties of find_actors over arbitrary text: it never crashes, and what it returns is sane."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clashmap.extract.actors import find_actors
from clashmap.knowledge.actors import actor_dictionary

# Pieces that stress the matcher: aliases, their parts, apostrophes, hyphens, brackets, numbers.
PIECES = ["junta", "troops", "KIA", "Kachin Independence Army", "(", ")", "’s", "'s", "-", "–", " ", "  ",
          "\n", ".", ",", "PDF", "PDFs", "Ayadaw", "township’s", "People’s Defense Force", "Brigade", "6",
          "LIB", "274", "33rd", "Infantry Battalion", "anti-", "Thai", "Myanmar’s", "soldiers", "Ta’ang",
          "Pyu Saw Htee", "Pyusawhti", "forces", "by", "said", "were killed", "according to", "AA", "aa",
          "CDF-", "Mindat", "ULA/AA", "U.S.", "the", "‘", "“", "”", "Read Previous", "villagers", "é", "ß", "Battalion", "battalion 3", "No. 5",
          "of the", "its", "Township", "Myaing", "ethnic army", "resistance forces", "Thai", "U.S."]

text_from_pieces = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=300), text_from_pieces,
                     st.tuples(st.text(max_size=50), text_from_pieces).map("".join))
countries = st.sampled_from(["MMR", "SDN", "COD", "FRA", "XKX"])


def check(text: str, country: str) -> None:
    ms = find_actors(text, country)
    last_end = 0
    for m in ms:
        assert m.kind == "actors"
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= last_end, "mentions overlap or are out of order"
        last_end = m.end
        v = m.value
        assert v["name"] and isinstance(v["name"], str)
        assert v["side"] in ("state", "nonstate", "civilians", "other")
        assert v["acled_type"] in range(1, 9)
        assert isinstance(v["generic"], bool)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, countries)
def test_never_crashes_and_offsets_slice(text, country):
    check(text, country)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(sorted({a.text.replace("{n}", "7") for a in actor_dictionary("MMR").aliases.values()
                                        if not a.attach_only})), min_size=1, max_size=6),
       st.sampled_from([" ", ", ", " and ", "’s ", " (", ") ", "; "]))
def test_every_joined_alias_text_is_sane(aliases, sep):
    text = sep.join(aliases)
    check(text, "MMR")
    # Something is found whenever the text is only aliases.
    assert find_actors(text, "MMR")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000))
def test_long_unicode_text(text):
    check(text, "MMR")
