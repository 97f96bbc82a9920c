"""Event triggers: words that announce an event, mapped to ACLED event and sub-event types.

The vocabulary is data (knowledge/triggers.yaml); this module compiles it into one regular
expression per strength and reports non-overlapping matches, longest first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language

from clashmap.extract.mentions import Mention, doc_text, mentions_of
from clashmap.knowledge.loader import load_yaml
from clashmap.regexes import first_chars


@dataclass(frozen=True)
class TriggerVocabulary:
    regex: re.Pattern
    entries: tuple[dict, ...]  # group name "t<i>" -> entry i
    negation: re.Pattern
    background: re.Pattern
    territory_objects: frozenset[str]
    taxonomy: dict[str, str]  # sub_event_type -> event_type
    by_first: "_FirstCharIndex | None" = None  # the same regex split by a match's first character


_HEAD = r"(?<![\w-])(?:"
_TAIL = r")(?![\w-])"


def _alternatives(entries, keep) -> str:
    alternatives = []
    for i, entry in enumerate(entries):
        pats = [p for p in sorted(entry["patterns"], key=len, reverse=True) if keep(p)]
        if pats:
            alternatives.append(f"(?P<t{i}>" + "|".join(f"(?:{p})" for p in pats) + ")")
    return "|".join(alternatives)


class _FirstCharIndex:
    """The trigger regex split by the first character of a match.

    The big alternation is tried at every word start; with IGNORECASE the regex engine must
    enter each of its ~150 alternatives there. A match starting with "s" can only come from
    the alternatives that can start with "s", so for an ASCII character the scan tries a
    regex holding just those (in the same order, with the same group names: the same match
    wins). Alternatives whose start is not simply known are kept in every sub-regex; other
    characters use the full regex. Sub-regexes are compiled when first needed.
    """

    def __init__(self, entries, full: re.Pattern):
        try:
            from re import _parser as P  # Python >= 3.11
        except ImportError:  # pragma: no cover
            import sre_parse as P
        self.full = full
        self.usable = True
        firsts: dict[str, set[str] | None] = {}
        for entry in entries:
            for pat in entry["patterns"]:
                try:
                    parsed = P.parse(f"(?:{pat})", re.IGNORECASE)
                    if parsed.getwidth()[0] == 0:
                        raise ValueError("a trigger pattern that can match nothing")
                    first = first_chars(list(parsed))
                except Exception:  # noqa: BLE001 - unknown parser shapes: no shortcut
                    first = None
                    self.usable = False
                if first is not None:
                    low = {c.lower() for c in first}
                    # non-ASCII or case-special characters: leave the pattern in every bucket
                    first = low if all(c.isascii() for c in low | first) else None
                firsts[pat] = first
        self._firsts = firsts
        self._entries = entries
        chars = set()
        for first in firsts.values():
            if first is not None:
                chars |= first
        self.any_start = any(f is None for f in firsts.values())
        self.chars = frozenset(chars)
        self._compiled: dict[str, re.Pattern | None] = {}
        if self.any_start:
            self.gate = re.compile(r"(?<![\w-])")
        else:
            cls = "".join(re.escape(c) + (re.escape(c.upper()) if c.upper() != c else "")
                          for c in sorted(chars))
            self.gate = re.compile(rf"(?<![\w-])(?=[{cls}]|[^\x00-\x7f])")

    def regex_for(self, ch: str) -> re.Pattern | None:
        if not ch.isascii():
            return self.full
        key = ch.lower()
        try:
            return self._compiled[key]
        except KeyError:
            pass
        if key not in self.chars and not self.any_start:
            rx = None
        else:
            body = _alternatives(self._entries, lambda p: self._firsts[p] is None or key in self._firsts[p])
            rx = re.compile(_HEAD + body + _TAIL, re.IGNORECASE) if body else None
        self._compiled[key] = rx
        return rx

    def finditer(self, text: str):
        """The matches of `full.finditer(text)`."""
        pos = 0
        regex_for = self.regex_for
        for g in self.gate.finditer(text):
            p = g.start()
            if p < pos or p >= len(text):
                continue
            rx = regex_for(text[p])
            if rx is None:
                continue
            m = rx.match(text, p)
            if m is not None:
                yield m
                pos = m.end()


def _first_char_index(entries, regex: re.Pattern) -> _FirstCharIndex | None:
    index = _FirstCharIndex(entries, regex)
    return index if index.usable else None


@lru_cache(maxsize=1)
def vocabulary() -> TriggerVocabulary:
    data = load_yaml("triggers.yaml")
    taxonomy = {}
    for etype, spec in load_yaml("taxonomy.yaml")["event_types"].items():
        for sub in spec["sub_event_types"]:
            taxonomy[sub] = etype
    alternatives, entries = [], []
    for i, entry in enumerate(data["triggers"]):
        if taxonomy.get(entry["sub"]) != entry["event_type"]:
            raise ValueError(f"triggers.yaml: {entry['sub']!r} is not a sub-type of {entry['event_type']!r}")
        # Longest patterns first inside an entry so the alternation prefers them.
        pats = sorted(entry["patterns"], key=len, reverse=True)
        alternatives.append(f"(?P<t{i}>" + "|".join(f"(?:{p})" for p in pats) + ")")
        entries.append(entry)
    regex = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)
    neg = "|".join(re.escape(w) for w in sorted(data["negations"], key=len, reverse=True))
    negation = re.compile(rf"(?:^|\W)(?:{neg})\W+(?:\w+\W+){{0,3}}$", re.IGNORECASE)
    bg = "|".join(re.escape(w) for w in sorted(data.get("background_modifiers", []), key=len, reverse=True))
    background = re.compile(rf"(?:^|\W)(?:{bg})\s+$", re.IGNORECASE)
    return TriggerVocabulary(regex, tuple(entries), negation, background,
                             frozenset(w.lower() for w in data["territory_objects"]), taxonomy,
                             _first_char_index(entries, regex))


def find_triggers(text: str) -> list[Mention]:
    vocab = vocabulary()
    found: list[Mention] = []
    # A regex alternation is leftmost-first; we want the longest trigger at each place, so
    # collect every entry's match at a start position and keep the longest.
    for m in (vocab.by_first.finditer(text) if vocab.by_first else vocab.regex.finditer(text)):
        idx = int(m.lastgroup[1:])
        entry = vocab.entries[idx]
        start, end = m.span()
        before = text[max(0, start - 30):start]
        negated = bool(vocab.negation.search(before))
        found.append(Mention("triggers", start, end, text[start:end], {
            "event_type": entry["event_type"],
            "sub_event_type": entry["sub"],
            "strength": entry["strength"],
            "negated": negated,
            "background": bool(vocab.background.search(before)),
        }))
    return found


@Language.component("clashmap_triggers")
def triggers_component(doc):
    mentions_of(doc, "triggers").extend(find_triggers(doc_text(doc)))
    return doc
