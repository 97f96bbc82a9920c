"""Attribution: who a figure or an account is attributed to, and whether the outlet verified it.

Finds "according to X", "X said/told/claimed", "said X", and the outlet's own "could not
independently verify" sentences. Leaves the claimant as the phrase found plus, for generic
sources (residents, local sources), its label; assembly resolves named groups through the actor
dictionary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language

from clashmap.extract.mentions import Mention, mentions_of
from clashmap.knowledge.loader import load_yaml

# A claimant phrase: up to eight words, stopping at punctuation and clause words.
_NP = r"(?:[A-Z\w’'\-\.&]+(?:\s+|$)){1,9}?"


@dataclass(frozen=True)
class AttributionRules:
    according: re.Pattern
    said_after: re.Pattern
    said_before: re.Pattern
    unverified: re.Pattern
    generic: tuple[tuple[re.Pattern, str], ...]


@lru_cache(maxsize=1)
def rules() -> AttributionRules:
    data = load_yaml("claimants.yaml")
    verbs = "|".join(sorted((re.escape(v) for v in data["speech_verbs"]), key=len, reverse=True))
    according = re.compile(r"\b(?:according to|citing|cited by|as reported by|reported by|claimed by)\s+(?P<who>[^,.;:“”\"()]{2,90}?)(?=\s*(?:[,.;:“”\"()]|\bthat\b|\bwho\b|\bwhich\b|\bon\b|\bin\b|\bat\b|\bwhile\b|\band\b|\bas\b|$))",
                           re.IGNORECASE)
    # "the CDF reported", "a resident said", "Bo Letyar, the battalion commander of X, told DVB"
    said_after = re.compile(rf"(?P<who>(?:[\w’'\-\.&]+\s+){{0,8}}?[\w’'\-\.&)]+)\s*,?\s+(?:has\s+|have\s+|had\s+)?(?P<verb>{verbs})\b",
                            re.IGNORECASE)
    # "..., said an activist in the city" / "..., the TNLA claimed"
    said_before = re.compile(rf"[,”\"]\s*(?:{verbs})\s+(?P<who>(?:an?|the)\s+[^,.;:“”\"]{{2,60}}?)(?=\s*(?:[,.;:]|$))",
                             re.IGNORECASE)
    unverified = re.compile("|".join(f"(?:{p})" for p in data["unverified"]), re.IGNORECASE)
    generic = []
    for label, phrases in data["generic"].items():
        alts = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        generic.append((re.compile(rf"\b(?:{alts})\b", re.IGNORECASE), label))
    return AttributionRules(according, said_after, said_before, unverified, tuple(generic))


_TRAILING = re.compile(r"\s+(?:also|has|have|had|later|previously|earlier|further|then)$", re.IGNORECASE)
_LEADING = re.compile(r"^(?:the|a|an|some|several|two|three|local|one|another)\s+", re.IGNORECASE)


def generic_label(phrase: str) -> str | None:
    """'a resident of Hnin Si Kan village' -> 'residents'; a named group -> None."""
    head = phrase.strip()
    best = None  # (start, -length, label): the earliest, then longest, source word wins
    for regex, label in rules().generic:
        m = regex.search(head)
        if m and m.start() <= 12:  # the source word must lead the phrase, not sit in a modifier
            key = (m.start(), -(m.end() - m.start()), label)
            best = min(best, key) if best else key
    return best[2] if best else None


def find_attributions(text: str) -> list[Mention]:
    r = rules()
    out: list[Mention] = []
    for m in r.according.finditer(text):
        who = m.group("who").strip()
        out.append(Mention("attributions", m.start("who"), m.start("who") + len(who), who,
                           {"form": "according_to", "label": generic_label(who)}))
    inverted_at = set()  # speech verbs followed by their speaker ("..., said an activist")
    for m in r.said_before.finditer(text):
        inverted_at.add(m.start("who"))
        who = m.group("who").strip()
        out.append(Mention("attributions", m.start("who"), m.start("who") + len(who), who,
                           {"form": "said", "label": generic_label(who)}))
    for m in r.said_after.finditer(text):
        after = text[m.end("verb"):m.end("verb") + 2]
        if any(m.end("verb") < pos <= m.end("verb") + 2 for pos in inverted_at) or after.startswith(" a"):
            if "," in text[m.end("who"):m.start("verb")]:
                continue  # "the base was hit, said X": the phrase before the comma is the report
        who = m.group("who")
        # Keep the last clause of the phrase before the verb: cut at sentence-internal breaks.
        cut = max(who.rfind(c) for c in (".", "“", "”", '"', ";"))
        start = m.start("who") + (cut + 1 if cut >= 0 else 0)
        who = text[start:m.end("who")].strip()
        start = text.find(who, start)
        if not who or who[0].islower() and not _LEADING.match(who):
            continue  # "it said", "they said": pronouns carry no claimant of their own
        if who.lower() in {"it", "they", "he", "she", "we", "i", "officials have", "who"}:
            continue
        who = _TRAILING.sub("", who)
        label = generic_label(who)
        # A speaker is a known kind of source or a name: "Clashes have reported" is no speaker.
        if not label and not re.search(r"(?:^|\s)\S*[A-Z]", who.split(None, 1)[1] if " " in who else "") \
                and not re.fullmatch(r"[A-Z][A-Z\-]+", who):
            continue
        out.append(Mention("attributions", start, start + len(who), who, {"form": "said", "label": label}))
    for m in r.unverified.finditer(text):
        out.append(Mention("attributions", m.start(), m.end(), m.group(0),
                           {"form": "unverified", "verified": False}))
    out.sort(key=lambda x: x.start)
    return out


@Language.component("clashmap_attribution")
def attribution_component(doc):
    mentions_of(doc, "attributions").extend(find_attributions(doc.text))
    return doc
