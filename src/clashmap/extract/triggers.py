"""Event triggers: words that announce an event, mapped to ACLED event and sub-event types.

The vocabulary is data (knowledge/triggers.yaml); this module compiles it into one regular
expression per strength and reports non-overlapping matches, longest first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language

from clashmap.extract.mentions import Mention, mentions_of
from clashmap.knowledge.loader import load_yaml


@dataclass(frozen=True)
class TriggerVocabulary:
    regex: re.Pattern
    entries: tuple[dict, ...]  # group name "t<i>" -> entry i
    negation: re.Pattern
    territory_objects: frozenset[str]
    taxonomy: dict[str, str]  # sub_event_type -> event_type


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
    return TriggerVocabulary(regex, tuple(entries), negation,
                             frozenset(w.lower() for w in data["territory_objects"]), taxonomy)


def find_triggers(text: str) -> list[Mention]:
    vocab = vocabulary()
    found: list[Mention] = []
    # A regex alternation is leftmost-first; we want the longest trigger at each place, so
    # collect every entry's match at a start position and keep the longest.
    for m in vocab.regex.finditer(text):
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
        }))
    return found


@Language.component("clashmap_triggers")
def triggers_component(doc):
    mentions_of(doc, "triggers").extend(find_triggers(doc.text))
    return doc
