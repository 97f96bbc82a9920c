"""Attribution: who a figure or an account is attributed to, and whether the outlet verified it.

Finds "according to X", "X said/told/claimed", "said X", and the outlet's own "could not
independently verify" sentences. Leaves the claimant as the phrase found plus, for generic
sources (residents, local sources), its label; assembly resolves named groups through the actor
dictionary.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import compress

from spacy.language import Language

from clashmap.extract.mentions import Mention, alnum_columns, doc_text, matches_at, mentions_of
from clashmap.knowledge.actors import nationalities
from clashmap.knowledge.loader import load_yaml
from clashmap.regexes import caseless_twin, fold_case

# A claimant phrase: up to eight words, stopping at punctuation and clause words.
_NP = r"(?:[A-Z\w’'\-\.&]+(?:\s+|$)){1,9}?"


@dataclass(frozen=True)
class AttributionRules:
    according: re.Pattern
    said_after: re.Pattern
    said_before: re.Pattern
    unverified: re.Pattern
    generic: tuple[tuple[re.Pattern, str], ...]
    verb_at: re.Pattern  # a speech verb after whitespace: where a said_after match can end
    word_start: re.Pattern  # where a said_after match can start (see _said_after)
    breaker: re.Pattern  # a character no said_after match can span (see _said_after)
    folded: AttributionRules | None = None  # the same rules for case-folded text, if they exist


# "according to X": the phrases before the source. Each opens with a word (a run of letters
# after a word boundary): on folded text a match can start only where such a run does.
_ACCORDING = ("according to", "citing", "cited by", "as reported by", "reported by", "claimed by")
_ACCORDING_FIRST = frozenset(p.split()[0] for p in _ACCORDING)


def _according_matches(rx: re.Pattern, folded: str, text: str) -> Iterator[re.Match[str]]:
    """The matches of rx.finditer(folded) for the folded `according` rule, tried only where
    an alphanumeric run of `text` (mentions.alnum_columns, the same runs as the folded
    text's) is the first word of a phrase: a match opens with a word boundary and that word,
    so it starts at such a run. Taken leftmost first, none overlapping, as finditer does."""
    starts, _, lowered = alnum_columns(text)
    return matches_at(rx, folded, compress(starts, map(_ACCORDING_FIRST.__contains__, lowered)))


@lru_cache(maxsize=1)
def rules() -> AttributionRules:
    data = load_yaml("claimants.yaml")
    verbs = "|".join(sorted((re.escape(v) for v in data["speech_verbs"]), key=len, reverse=True))
    # The lookahead holds the letters the phrases start with: it changes no match, and lets
    # the regex engine skip the other offsets fast (a leading \b does not).
    according = re.compile(r"(?=[acr])\b(?:" + "|".join(_ACCORDING) + r")\s+(?P<who>[^,.;:“”\"()]{2,90}?)(?=\s*(?:[,.;:“”\"()]|\bthat\b|\bwho\b|\bwhich\b|\bon\b|\bin\b|\bat\b|\bwhile\b|\band\b|\bas\b|$))",
                           re.IGNORECASE)
    # "the CDF reported", "a resident said", "Bo Letyar, the battalion commander of X, told DVB"
    # (a speech verb right before another is a noun: "locals and media reports said")
    said_after = re.compile(rf"(?P<who>(?:[\w’'\-\.&]+\s+){{0,8}}?[\w’'\-\.&)]+)\s*,?\s+(?:has\s+|have\s+|had\s+)?(?P<verb>{verbs})\b(?!\s+(?:{verbs})\b)",
                            re.IGNORECASE)
    # "..., said an activist in the city" / "..., the TNLA claimed"; the speaker ends before a
    # relative clause ("said a resident who did not want to be named for safety reasons")
    said_before = re.compile(rf"[,”\"]\s*(?:{verbs})\s+(?P<who>(?:an?|the)\s+[^,.;:“”\"]{{2,60}}?)"
                             r"(?=\s*(?:[,.;:]|$)|\s+(?:who|speaking|requesting|declining|asking)\b)",
                             re.IGNORECASE)
    unverified = re.compile(_lead_class(data["unverified"]) + "(?:" + "|".join(f"(?:{p})" for p in data["unverified"]) + ")",
                            re.IGNORECASE)
    generic = []
    for label, phrases in data["generic"].items():
        alts = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        generic.append((re.compile(rf"\b(?:{alts})\b", re.IGNORECASE), label))
    # the whitespace before the verb is matched (a leading character class lets the regex
    # engine skip ahead fast); _said_after takes the verb's offset as match start + 1
    verb_at = re.compile(rf"\s(?:{verbs})\b", re.IGNORECASE)
    word_start = re.compile(r"(?<![\w’'\-\.&])[\w’'\-\.&)]")
    breaker = re.compile(rf"[^\w’'\-\.&)\s,]|,(?!\s+(?:(?:has|have|had)\s+)?(?:{verbs})\b)", re.IGNORECASE)
    plain = AttributionRules(according, said_after, said_before, unverified, tuple(generic),
                             verb_at, word_start, breaker)
    # The scanning regexes are case-insensitive; on case-folded text (regexes.fold_case)
    # case-sensitive twins find the same matches, faster. `generic` reads short phrases taken
    # from the text itself and stays as it is.
    twins = [caseless_twin(rx.pattern, rx.flags)
             for rx in (according, said_after, said_before, unverified, verb_at, word_start, breaker)]
    a, sa, sb, u, v, w, b = twins
    if a is None or sa is None or sb is None or u is None or v is None or w is None or b is None:
        return plain
    return replace(plain, folded=AttributionRules(a, sa, sb, _literal_led(u), plain.generic, v, w, b))


_MAX_ALTERNATIVES = 64


def _literal_led(rx: re.Pattern) -> re.Pattern:
    """`rx`, an alternation, with each alternative that starts with a group written out as
    one alternative per branch of that group: "(?:not possible|impossible) to" becomes
    "not possible to|impossible to". The same matches in the same order (the engine tries
    a group's branches in order, each with the rest of the alternative). When every
    alternative then starts with a literal, the engine skips to the characters they start
    with in a fast loop instead of trying the alternation at every offset. `rx` as it is
    when it is not one plain alternation, or the alternatives would be too many."""
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]

    from clashmap.regexes import _unparse

    try:
        items = list(P.parse(rx.pattern, rx.flags))
    except re.error:  # pragma: no cover - a compiled pattern parses
        return rx
    while len(items) == 1 and items[0][0] is C.SUBPATTERN and items[0][1][0] is None \
            and not items[0][1][1] and not items[0][1][2]:
        items = list(items[0][1][3])
    if len(items) != 1 or items[0][0] is not C.BRANCH:
        return rx

    def written_out(alt: list) -> list[list]:
        head = alt[0] if alt else None
        if head is not None and head[0] is C.SUBPATTERN and head[1][0] is None \
                and not head[1][1] and not head[1][2]:
            return written_out(list(head[1][3]) + alt[1:])
        if head is not None and head[0] is C.BRANCH:
            return [x for b in head[1][1] for x in written_out(list(b) + alt[1:])]
        return [alt]

    alternatives = [x for alt in items[0][1][1] for x in written_out(list(alt))]
    if len(alternatives) > _MAX_ALTERNATIVES:
        return rx
    parts: list[str] = []
    for alt in alternatives:
        part = _unparse(alt, {})
        if part is None:
            return rx
        parts.append(part)
    return re.compile("|".join(parts), rx.flags)


def _top_level_bar(p: str) -> bool:
    depth, esc, in_class = 0, False, False
    for c in p:
        if esc:
            esc = False
        elif c == "\\":
            esc = True
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
    return False


def _lead_class(patterns) -> str:
    """A lookahead for the letters the alternatives can start with, or "" when a pattern does
    not plainly start with a letter. The lookahead changes no match: it only lets the regex
    engine skip the offsets where no alternative can start."""
    firsts = set()
    for p in patterns:
        if not re.match(r"[A-Za-z](?![?*{|])", p) or _top_level_bar(p):
            return ""
        firsts.add(p[0].lower())
    return "(?=[" + "".join(sorted(firsts)) + "])" if firsts else ""


# Whitespace-separated tokens a said_after match can span before its verb: at most nine words
# of the speaker, a detached comma and "has"/"have"/"had" (two spare).
_SAID_AFTER_TOKENS = 13
# Up to _SAID_AFTER_TOKENS whitespace-separated tokens, read backwards on the reversed text:
# where the match ends is where the earliest of them starts. Possessive, so a token is never
# split in two to make up the count.
_TOKENS_BACK = re.compile(rf"(?:\s*+\S++){{1,{_SAID_AFTER_TOKENS}}}")
# Where a match of AttributionRules.breaker can be: its character class, the comma included.
_BREAK_HINT = re.compile(r"[^\w’'\-\.&)\s]")


def _verb_offsets(text: str, verbs: frozenset[str]) -> list[int]:
    """[m.start() + 1 for m in verb_at.finditer(folded text)], read from the text's shared
    alnum columns (mentions.alnum_columns, made once a text for dates and quantities): a
    speech verb (one run of ASCII letters) after whitespace and before no word character.
    Only for a text that fold_case accepts: no other character is then a case variant of a
    verb's letter."""
    starts, words, lowered = alnum_columns(text)
    size = len(text)
    out = []
    for k in compress(range(len(lowered)), map(verbs.__contains__, lowered)):
        start, word = starts[k], words[k]
        end = start + len(word)
        if start > 0 and text[start - 1].isspace() and (end == size or not _WORD_CHAR.match(text, end)):
            out.append(start)
    return out


_WORD_CHAR = re.compile(r"\w")


def _said_after(text: str, r: AttributionRules, verbs: list[int] | None = None):
    """The matches of `r.said_after.finditer(text)`, found without trying every offset.
    `verbs`: the offsets of the speech verbs after whitespace, when known (_verb_offsets).

    The scan tries the pattern only where a match can start: a match must end at a speech
    verb (preceded by whitespace) and spans at most _SAID_AFTER_TOKENS whitespace-separated
    tokens before it, and the leftmost match never starts right after a speaker character
    (one character earlier would match too), except at the position the scan resumes from.
    """
    if verbs is None:
        verbs = [m.start() + 1 for m in r.verb_at.finditer(text)]
    if not verbs:
        return
    # The window before each verb is found from the verb itself (a dozen verbs an article,
    # against hundreds of tokens and breaker characters in the whole text).
    backwards = text[::-1]
    size = len(text)
    breaker = r.breaker
    # Candidate starts: offsets inside the windows before each verb where a speaker word can
    # begin, in order and without repeats.
    cands: list[int] = []
    covered = 0
    for v in verbs:
        # the start of the _SAID_AFTER_TOKENS-th token before the verb (or of the first)
        back = _TOKENS_BACK.match(backwards, size - v)
        lo = max(covered, size - back.end() if back is not None else 0)
        # A match from a candidate start spans only speaker words, whitespace, ")" and one
        # comma right before the verb (and "has"/"have"/"had"): no start at or before a
        # breaker character earlier than its verb can match. Breakers are single characters,
        # each at a _BREAK_HINT; whether one is a breaker is asked of the whole text (a
        # comma's lookahead reads past the verb).
        for b in _BREAK_HINT.finditer(text, lo, v):
            if breaker.match(text, b.start()) is not None:
                lo = b.start() + 1
        if lo < v:
            cands.extend(m.start() for m in r.word_start.finditer(text, lo, v))
            covered = v
    rx = r.said_after
    pos, i, n = 0, 0, len(cands)
    while True:
        m = rx.match(text, pos)
        while m is None and i < n:
            if cands[i] > pos:
                m = rx.match(text, cands[i])
            i += 1
        if m is None:
            return
        yield m
        pos = m.end()


_NO_SPEAKER = frozenset({"it", "they", "he", "she", "we", "i", "officials have", "who"})
# A capitalised word after the first one ("Clashes have reported" has none); an acronym.
_CAPITAL_AFTER = re.compile(r"(?:^|\s)\S*[A-Z]")
_ACRONYM = re.compile(r"[A-Z][A-Z\-]+")
_TRAILING = re.compile(r"\s+(?:also|has|have|had|later|previously|earlier|further|then)$", re.IGNORECASE)
_LEADING = re.compile(r"^(?:the|a|an|some|several|two|three|local|one|another)\s+", re.IGNORECASE)


_HEAD_END = re.compile(r"\s+(?:of|in|on|from|at|near|who|that|with|close to|based|living|working|stationed)\s+|\s*,", re.IGNORECASE)


@lru_cache(maxsize=4096)
def generic_label(phrase: str) -> str | None:
    """'a resident of Hnin Si Kan village' -> 'residents'; 'Ramree residents' -> 'residents';
    a named group -> None. The source word must be the head of the phrase (before "of",
    "in", ...), not a modifier elsewhere in it."""
    role = _ROLE_OF_SOURCE.match(phrase.strip())
    if role:  # "a member of the local defense team": the team is the source, if it is one
        label = _head_label(role.group("rest"))
        if label:
            return label
    return _head_label(phrase)


def _head_label(phrase: str) -> str | None:
    head = _HEAD_END.split(phrase.strip(), maxsplit=1)[0]
    label = _label_at_end(head)
    if label is None:
        # "regional governor Oleh Syniehubov": a title before a person's name
        name = _TRAILING_NAME.search(head)
        if name and name.start() > 0 and head[:name.start()].split()[-1].islower():
            label = _label_at_end(head[:name.start()])
    return label


_TRAILING_NAME = re.compile(r"(?:\s+[A-Z][\w’'\-\.]*)+$")


def _label_at_end(head: str) -> str | None:
    best = None  # (end distance from the head's end, -length, label): the head noun wins
    for regex, label in rules().generic:
        for m in regex.finditer(head):
            key = (len(head) - m.end(), -(m.end() - m.start()), label)
            best = min(best, key) if best else key
    return best[2] if best and best[0] <= 1 else None


# a role before "of": the source is what follows ("a member of the local defense team")
_ROLE_OF_SOURCE = re.compile(r"^(?:(?:the|a|an)\s+)?(?:[\w\-]+\s+)?(?:member|official|officer|leader|spokes(?:person|man|woman)|"
                             r"representative|volunteer|head)s?\s+(?:of|from|with)\s+(?:the\s+|a\s+)?(?P<rest>.+)$", re.I)
_PAREN = re.compile(r"\s*\((?P<short>[A-Z][\w\-]{1,12})\)")
# "the battalion commander of Myaing PDF Brigade 1" speaks for the group named after "of"
_ROLE_OF = re.compile(r"^(?:(?:the|a|an)\s+)?(?:[\w\-]+\s+){0,3}?(?:commander|spokes(?:person|man|woman)|leader|member|"
                      r"official|officer|head|chairman|chair|secretary|founder|representative|information officer)"
                      r"\s+(?:of|for|from|with)\s+(?:the\s+)?(?P<org>[A-Z].*)$", re.IGNORECASE)
# "a KNLA officer", "a TNLA spokesperson": the group named before the role speaks
_ORG_ROLE = re.compile(r"^(?:(?:the|a|an)\s+)?(?P<org>[A-Z][\w’'\-]*(?:\s+[A-Z0-9][\w’'\-]*){0,5}?)(?:[’']s)?\s+"
                       r"(?:(?:senior|local|military|battalion|brigade|information|press|deputy|defence|defense|"
                       r"foreign|home|human\s+rights)\s+)?"
                       r"(?:commander|spokes(?:person|man|woman)|leader|member|official|officer|"
                       r"representative|fighter|soldier|ministry|minister|department|office|wing)s?$")
_NAME_WORD = re.compile(r"^(?:[A-Z0-9][\w’'\-\.&]*|\([A-Z][\w\-]*\)|of|the|and|for|de|du|la|el|al|on)$")


def _plausible_name(who: str) -> bool:
    """A named claimant reads like a name: capitalised words, joined by of/the/and, with at
    most two plain words ("the civilian National Unity Government")."""
    words = who.split()
    if not words or len(words) > 9 or any(w.isdigit() and len(w) == 4 for w in words):
        return False
    capitalised = [w for w in words if _NAME_WORD.match(w) and w[:1].isupper()]
    plain = [w for w in words[1:] if not _NAME_WORD.match(w)]
    return bool(capitalised) and len(plain) <= 2 and (len(plain) == 0 or len(capitalised) >= 2)


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str] | None:
    """The speech verbs, lowered, when each is one run of ASCII letters (an alnum token);
    else None (then _said_after finds them by regex)."""
    verbs = frozenset(v.lower() for v in load_yaml("claimants.yaml")["speech_verbs"])
    return verbs if all(v.isascii() and v.isalpha() for v in verbs) else None


@lru_cache(maxsize=1)
def _institutions() -> frozenset[str]:
    return frozenset(w.lower() for w in load_yaml("claimants.yaml").get("institutions", []))


def _institution(who: str) -> bool:
    """"police", "the military": a state body that speaks under its common noun."""
    return _LEADING_THE.sub("", who.strip().lower()) in _institutions()


_LEADING_THE = re.compile(r"^the\s+")


def _speaker(text: str, start: int, who: str) -> tuple[int, str] | None:
    """Normalise a speaker phrase: take the organisation a role speaks for, keep an acronym
    in brackets after the name, and refuse phrases that are no source at all."""
    m = _ROLE_OF.match(who) or _ORG_ROLE.match(who)
    if m and m.group("org")[:1].isupper() and m.group("org") not in nationalities():
        # ("Russian officials": a nationality is no organisation)
        start, who = start + m.start("org"), m.group("org")
        if who.endswith(("’s", "'s")):
            who = who[:-2]  # "the NUG's defence ministry": the NUG
    end = start + len(who)
    p = _PAREN.match(text, end)
    if p:
        who, end = text[start:p.end()], p.end()
    if generic_label(who) or _plausible_name(who) or _institution(who):
        return start, who
    return None


def find_attributions(text: str) -> list[Mention]:
    r = rules()
    # Scan the case-folded text with the folded rules where possible: the same matches. What
    # a match says is always read from `text`, by the match's offsets.
    subject = fold_case(text) if r.folded is not None else None
    verbs = None
    on_folded = False
    if subject is not None and r.folded is not None:
        speech_verbs = _speech_verbs()
        if speech_verbs is not None:
            verbs = _verb_offsets(text, speech_verbs)
        r = r.folded
        on_folded = True
    else:
        subject = text
    out: list[Mention] = []
    # (on the text itself the rule is case-insensitive, and "ſ" matches "s": scan it all)
    for m in _according_matches(r.according, subject, text) if on_folded else r.according.finditer(subject):
        sp = _speaker(text, m.start("who"), text[m.start("who"):m.end("who")].strip())
        if sp:
            start, who = sp
            out.append(Mention("attributions", start, start + len(who), who,
                               {"form": "according_to", "label": generic_label(who)}))
    inverted_at = set()  # speech verbs followed by their speaker ("..., said an activist")
    for m in r.said_before.finditer(subject):
        inverted_at.add(m.start("who"))
        sp = _speaker(text, m.start("who"), text[m.start("who"):m.end("who")].strip())
        if sp:
            start, who = sp
            out.append(Mention("attributions", start, start + len(who), who,
                               {"form": "said", "label": generic_label(who)}))
    for m in _said_after(subject, r, verbs):
        verb_end = m.end("verb")
        who_start, who_end = m.span("who")
        if text.startswith(" a", verb_end) or (inverted_at and any(
                verb_end < pos <= verb_end + 2 for pos in inverted_at)):
            if "," in text[who_end:m.start("verb")]:
                continue  # "the base was hit, said X": the phrase before the comma is the report
        who = text[who_start:who_end]
        # Keep the last clause of the phrase before the verb: cut at sentence-internal breaks.
        cut = max(who.rfind("."), who.rfind("“"), who.rfind("”"), who.rfind('"'), who.rfind(";"))
        start = who_start + (cut + 1 if cut >= 0 else 0)
        who = text[start:who_end].strip()
        start = text.find(who, start)
        if not who or who[0].islower() and not _LEADING.match(who) and not generic_label(who) \
                and not _institution(who):
            continue  # "it said", "they said": pronouns carry no claimant of their own
        if who.lower() in _NO_SPEAKER:
            continue
        who = _TRAILING.sub("", who)
        first, joined, _ = who.partition(" and ")
        if joined and generic_label(first):
            who = first  # "locals and media reports said": the first source named, as "according to" takes it
        label = generic_label(who)
        # A speaker is a known kind of source or a name: "Clashes have reported" is no speaker.
        if not label and not _CAPITAL_AFTER.search(who.split(None, 1)[1] if " " in who else "") \
                and not _ACRONYM.fullmatch(who) and not _institution(who):
            continue
        sp = _speaker(text, start, who)
        if sp:
            start, who = sp
            out.append(Mention("attributions", start, start + len(who), who, {"form": "said", "label": generic_label(who)}))
    for m in r.unverified.finditer(subject):
        out.append(Mention("attributions", m.start(), m.end(), text[m.start():m.end()],
                           {"form": "unverified", "verified": False}))
    out.sort(key=lambda x: x.start)
    return out


@Language.component("clashmap_attribution")
def attribution_component(doc):
    mentions_of(doc, "attributions").extend(find_attributions(doc_text(doc)))
    return doc
