"""Case-insensitive regexes run as case-sensitive twins on case-folded text (regexes.py):
the twins must find exactly what the originals find, and the components must give the same
mentions whether or not they take that path."""
from __future__ import annotations

import random
import re
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clashmap.regexes import _FOLDS_TO_ASCII, caseless_twin, fold_case


def _sample_texts() -> list[str]:
    raw = resources.files("clashmap.samples").joinpath("articles.txt").read_text(encoding="utf-8")
    return [line[16:] for line in raw.splitlines() if line.startswith("date ")]


def _case_variants(texts: list[str]) -> list[str]:
    rng = random.Random(11)
    out = []
    for t in texts:
        flipped = "".join(c.swapcase() if rng.random() < 0.3 else c for c in t)
        out += [t, t.upper(), t.lower(), t.title(), flipped]
    return out


TEXTS = _case_variants(_sample_texts())


def _spans(regex: re.Pattern, text: str) -> list[tuple]:
    return [tuple(m.span(g) for g in range(regex.groups + 1)) for m in regex.finditer(text)]


def test_the_characters_that_fold_to_ascii():
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    found = {c for c in range(0x80, 0x110000) if ascii_letter.match(chr(c))}
    assert found == _FOLDS_TO_ASCII


def test_fold_case():
    assert fold_case("Junta’s “PDF” Troops – 12") == "junta’s “pdf” troops – 12"
    assert fold_case("Café") is None  # a cased letter outside ASCII
    assert fold_case("ſeized") is None
    assert fold_case("\u212aIA") is None  # the Kelvin sign
    text = "Same Text"
    assert fold_case(text) is fold_case(text)


_A_TO_Z_LOWERED = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
       | st.text(alphabet="AbZ’ſÉ\u212aΣσ\u0130\u1e9e0 .", max_size=12))
def test_fold_case_lowers_a_to_z_and_nothing_else(text):
    """fold_case lowers with str.lower(); that must equal lowering A-Z alone whenever it
    gives a text at all (any other cased character makes it give None)."""
    folded = fold_case(text)
    cased_outside_ascii = any(not c.isascii() and (c.lower() != c or c.upper() != c) for c in text)
    if cased_outside_ascii:
        assert folded is None
    else:
        assert folded == text.translate(_A_TO_Z_LOWERED)


@pytest.mark.parametrize("pattern, flags", [
    ("a", 0),                      # a case-sensitive letter
    ("(?i:and|or)\\s+[a-z]+", 0),  # a case-sensitive class of small letters
    ("\\bK(?-i:q)", re.IGNORECASE),
    ("ſ", re.IGNORECASE),          # equates with "s"
    ("[\\u0100-\\u0200]", re.IGNORECASE),
    ("x", re.VERBOSE | re.IGNORECASE),
])
def test_no_twin(pattern, flags):
    assert caseless_twin(pattern, flags) is None


SYNTHETIC = [
    (r"air ?strikes?|AIR-STRIKES?", re.IGNORECASE),
    (r"(?<![\w-])(?P<t0>shell(?:ed|ing|s))(?![\w-])", re.IGNORECASE),
    (r"[A-Z][a-z]+", re.IGNORECASE),
    (r"[^A-Z\s]+", re.IGNORECASE),
    (r"[0-9A-F]{2,}", re.IGNORECASE),
    (r"[A-Za-z]+\s+[^A-Za-z]", 0),            # both cases: means the same case-sensitively
    (r"(?i:killed|wounded)\s+(?:\d+|[A-Za-z]+)", 0),
    (r"(\w+) \1", re.IGNORECASE),              # a back-reference
    (r"(?P<a>the\s+)?(?(a)army|troops)", re.IGNORECASE),
    (r"(?>junta|jun)ta", re.IGNORECASE),       # atomic group
    (r"\w++s", re.IGNORECASE),                 # possessive
    (r"(?<=\bin )[a-z]+(?= township)", re.IGNORECASE),
    (r"^[A-Z].*?\.$", re.IGNORECASE | re.MULTILINE),
    (r"(?ai:were|been|are)", 0),
    (r"(?i)according to (?P<who>[^,.]{2,40})", 0),
    (r"\x41\u0042[\x61-\x66]", re.IGNORECASE),
]


def _component_regexes() -> list[tuple[str, re.Pattern]]:
    from clashmap.extract.attribution import rules
    from clashmap.extract.quantities import _scanner
    from clashmap.extract.triggers import vocabulary
    from clashmap.knowledge.actors import actor_dictionary

    r = rules()
    s = _scanner()
    v = vocabulary()
    return [
        ("triggers", v.regex), ("negation", v.negation), ("background", v.background),
        ("actors", actor_dictionary("MMR").patterns[False]),
        ("according", r.according), ("said_after", r.said_after), ("said_before", r.said_before),
        ("unverified", r.unverified), ("verb_at", r.verb_at), ("breaker", r.breaker),
        ("figure", s.figure_rx), ("toll", s.toll_rx), ("of", s.of_rx), ("zero", s.zero_rx),
        ("unknown", s.unknown_rx), ("anchor", s.anchor_rx),
    ]


@pytest.mark.parametrize("pattern, flags", SYNTHETIC)
def test_synthetic_twins_match_the_same(pattern, flags):
    original = re.compile(pattern, flags)
    twin = caseless_twin(pattern, flags)
    assert twin is not None
    assert twin.groupindex == original.groupindex
    for text in TEXTS[:25]:
        folded = fold_case(text)
        assert folded is not None
        assert _spans(twin, folded) == _spans(original, text)


@pytest.mark.parametrize("name", [n for n, _ in _component_regexes()])
def test_component_twins_match_the_same(name):
    original = dict(_component_regexes())[name]
    twin = caseless_twin(original.pattern, original.flags)
    assert twin is not None, f"{name} lost its twin"
    for text in TEXTS:
        assert _spans(twin, fold_case(text)) == _spans(original, text)


def test_components_give_the_same_mentions_without_folding(monkeypatch):
    from clashmap.extract import actors, attribution, quantities, triggers

    finders = [actors.find_actors, attribution.find_attributions, quantities.find_quantities,
               triggers.find_triggers]

    def mentions(text):
        return [[(m.start, m.end, m.text, repr(m.value)) for m in find(text)] for find in finders]

    folded = [mentions(t) for t in TEXTS]
    for module in (actors, attribution, quantities, triggers):
        monkeypatch.setattr(module, "fold_case", lambda text: None)
    assert [mentions(t) for t in TEXTS] == folded
