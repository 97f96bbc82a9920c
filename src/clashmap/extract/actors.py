"""Actors: who is named in the text, as canonical ACLED-style actors (knowledge/actors/*.yaml).

`find_actors(text, country)` is a pure function of the text; the spaCy component
"clashmap_actors" runs it over doc.text. Steps, in order:

1. match every alias with the dictionary's two trie regexes (acronyms case-sensitive, the rest
   not), keeping the longest match at each place, so "Arakan Army" is one mention and its "Army"
   is not matched again;
2. drop words made adjectives by a hyphen prefix ("anti-junta activists");
3. widen mentions by what reports write around names: a nationality ("Thai soldiers" are
   Thailand's military; "Myanmar troops" are the junta's, no longer generic), an ordinal
   ("33rd Infantry Battalion"), a township before a local unit ("Ayadaw PDF", "Yay Lal Kyun
   People's Defense Force") or after it ("CDF-Mindat"), a unit number after ("KIA Brigade 6");
4. join a named actor with the generic noun right after it ("KIA troops", "TNLA's forces"), with
   "X of" before it ("Battalion 36 of KIA Brigade 6") and with its own acronym in brackets
   ("Kachin Independence Army (KIA)");
5. point generic words back at the actor named before them: "its troops" at the last named
   actor, "the ethnic army" at the last armed group, "resistance forces" at the last resistance
   group (the dictionary's `antecedent`); the mention stays generic: true and keeps the coding
   rules' name in `fallback`;
6. read a role hint from the words around each mention (see role_cues in generic.yaml).

Mention.value: name, short, acled_type, side, affiliations, country, period, generic, fallback,
alias, unit, local, nationality, role_hint.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language

from clashmap.extract.mentions import Mention, doc_text, mentions_of
from clashmap.knowledge.actors import Actor, ActorDictionary, Alias, actor_dictionary, alias_key
from clashmap.memo import remember
from clashmap.regexes import fold_case

_HYPHENS = "-‐‑–"
_APOS = "'’‘"


@dataclass(slots=True)  # one per alias found, dozens an article: slots make them cheaper
class _Hit:
    start: int
    end: int
    alias: Alias
    actor: Actor
    generic: bool
    attach: bool
    unit: str | None = None
    local: str | None = None
    nationality: str | None = None


@dataclass(frozen=True)
class _Rules:
    nationalities: dict[str, str]  # word (or two words) -> ISO3
    local_suffix: re.Pattern
    unit_suffix: re.Pattern
    unit_alias: re.Pattern
    blocking: frozenset[str]
    stopwords: frozenset[str]
    cues: dict[str, frozenset[str]]  # role cue phrases, lowercased
    cue_len: int  # words in the longest cue phrase
    cue_ends: frozenset[str] = frozenset()  # the last word of each "..._before" cue phrase


# Words skipped between a cue and the actor: "by the junta", "attacked two PDF camps".
_DETERMINERS = frozenset("the a an its their his her our two three four five several some many more".split())
_ORDINAL = re.compile(r"\d{1,4}(?:st|nd|rd|th)?")
_PUNCT_CHARS = ",.;:!?()[]\"“”"
_PUNCT_END = tuple(_PUNCT_CHARS)
_PARTICIPLES = frozenset("shot hit hurt burnt struck caught held left taken beaten".split())


def _alts(words) -> str:
    # Longest first so "Battalions" wins over "Battalion"; spaces match any run of whitespace.
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=32)
def _rules(country: str) -> _Rules:
    d = actor_dictionary(country)
    w = d.words
    nats = dict(d.nationalities)
    nats.update({n: d.country for n in d.home_nationalities})
    cues = {k: frozenset(" ".join(c.lower().split()) for c in v) for k, v in w["role_cues"].items()}
    return _Rules(
        nationalities=nats,
        local_suffix=re.compile(r"[" + re.escape(_HYPHENS) + r"]\s?(?P<place>[A-Z][a-z]+)\b"),
        unit_suffix=re.compile(r"(?:['’]s)?\s*(?P<unit>(?:" + _alts(w["unit_words"]) + r")\s*(?:No\.?\s*)?\d{1,4})(?!\w)"),
        unit_alias=re.compile(r"(?:Battalion|Division|Command|Regiment|Brigade)$", re.IGNORECASE),
        blocking=frozenset(x.casefold() for x in w["blocking_prefixes"]),
        stopwords=frozenset(w["local_stopwords"]),
        cues=cues,
        cue_len=max((len(c.split()) for v in cues.values() for c in v), default=1),
        cue_ends=frozenset(c.split()[-1] for k, v in cues.items() if k.endswith("_before") for c in v if c),
    )


_words_before_memo: tuple = (None, {})


def _words_before(text: str, start: int, floor: int) -> list[tuple[str, int]]:
    """The words between the last punctuation and `start`, with their offsets: cues and
    township names must sit in the same clause as the actor. Widening and role hints ask
    for the same places again: the answers for the last text are kept (by identity), and
    are shared, so callers must not change them."""
    global _words_before_memo
    last_text, memo = _words_before_memo
    if last_text is not text:
        memo = {}
        _words_before_memo = (text, memo)
    key = (start, floor)
    words = memo.get(key)
    if words is None:
        words = memo[key] = _scan_words_before(text, start, floor)
    return words


def _scan_words_before(text: str, start: int, floor: int) -> list[tuple[str, int]]:
    lo = max(floor, start - 48)
    if start <= lo or not text[start - 1].isspace():
        return []  # "(KIA", "“junta": glued to punctuation, or nothing before
    window = text[lo:start]
    words: list[tuple[str, int]] = []
    end = len(window)
    for word in reversed(window.split()):
        i = window.rfind(word, 0, end)
        # (== word.endswith(_PUNCT_END) or word.startswith(_PUNCT_END): one character each)
        if word[-1] in _PUNCT_CHARS or word[0] in _PUNCT_CHARS:
            if not (word.endswith(".") and "." in word[:-1]):  # "U.S." is a word, not a full stop
                break
        words.append((word, lo + i))
        end = i
    if words and words[-1][1] == lo and lo > 0 and not text[lo - 1].isspace():
        words.pop()  # the window cut a word in two
    words.reverse()
    return words


def _words_after(text: str, end: int) -> list[str]:
    """Up to four lowercased words after `end`, stopping at punctuation."""
    tail = text[end:end + 48]
    if tail[:1] in _APOS:
        tail = tail[2:] if tail[1:2] in ("s", "S") else tail[1:]  # "KIA's spokesman said"
    elif tail[:1] and not tail[:1].isspace():
        return []  # glued punctuation ends the clause
    out = []
    # Lowered once for the four words: lowering keeps whitespace and punctuation as they are
    # (and makes neither), so the words and their stripped ends are the same.
    for word in tail.lower().split(None, 4)[:4]:
        bare = word.rstrip(_PUNCT_CHARS)
        if bare:
            out.append(bare)
        if bare != word:
            break
    return out


# The dictionary's alias patterns start "(?=[first characters])(?<!\w)" (the lookahead is
# implied by the trie after it: it only names the characters the trie can start with). Both
# assertions are tried at every offset of the text, which is most of the scan's cost. The same
# matches are found faster by two rewrites of the rest, "(?P<core>trie)(?P<pl>s)?(?!\w)":
# - the acronyms (capitals, digits): the trie alone, which the regex engine searches for with
#   a fast loop over the characters it can start with; a match right after a word character
#   ("xKIA"), which the lookbehind would refuse, is refused here and searched past;
# - the lower-case aliases (nearly every letter can start one): "\W" before the trie, so that
#   only the offsets after a character that is not a word character are tried; the text's
#   start, where the lookbehind holds with no character before, is tried with the original.
_ALIAS_HEAD = re.compile(r"\(\?=\[[^\]\\]*\]\)\(\?<!(?:\\w|\[\\w\])\)(?=\(\?P<core>)")
# (keyed by the pattern's id, the pattern kept with it: hashing a compiled pattern hashes its
# whole compiled code, tens of microseconds for the dictionary's tries)
_alias_scans: dict[int, tuple[re.Pattern, tuple[str, re.Pattern] | None]] = {}


def _alias_scan(rx: re.Pattern, acronyms: bool) -> tuple[str, re.Pattern] | None:
    """("trie" | "after-non-word", the rewritten regex) for one of the dictionary's patterns,
    or None where it does not start as expected (then it is run as it is)."""
    known = _alias_scans.get(id(rx))
    if known is not None and known[0] is rx:
        return known[1]
    head = _ALIAS_HEAD.match(rx.pattern)
    scan = None
    if head is not None:
        rest = rx.pattern[head.end():]
        scan = ("trie", re.compile(rest, rx.flags)) if acronyms \
            else ("after-non-word", re.compile(r"\W" + rest, rx.flags))
    if len(_alias_scans) > 64:  # (a few patterns per country)
        _alias_scans.clear()
    _alias_scans[id(rx)] = (rx, scan)
    return scan


def _is_word_char(c: str) -> bool:
    r"""What "\w" matches in a str pattern: an alphanumeric character or "_"."""
    return c.isalnum() or c == "_"


def _alias_matches(rx: re.Pattern, subject: str, acronyms: bool):
    """(start, end, core) of each match of the dictionary pattern `rx`, as rx.finditer gives
    them, found with the faster rewrite of _alias_scan."""
    scan = _alias_scan(rx, acronyms)
    m: re.Match[str] | None
    if scan is None:
        for m in rx.finditer(subject):
            yield m.start(), m.end(), m.group("core")
        return
    mode, srx = scan
    search = srx.search
    pos = 0
    if mode == "trie":
        while (m := search(subject, pos)) is not None:
            s = m.start()
            if s and _is_word_char(subject[s - 1]):
                pos = s + 1  # inside a word: the original tries on from the next offset
                continue
            yield s, m.end(), m.group("core")
            pos = m.end()
        return
    m = rx.match(subject, 0)
    if m is not None:
        yield 0, m.end(), m.group("core")
        pos = m.end()
    # (a match's "\W" may be the last character of the match before it: search from there)
    while (m := search(subject, max(pos - 1, 0))) is not None:
        yield m.start("core"), m.end(), m.group("core")
        pos = m.end()


def _raw_hits(text: str, d: ActorDictionary) -> list[_Hit]:
    hits: list[_Hit] = []
    folded = fold_case(text)
    for cs, pattern in d.patterns.items():
        # The same matches on the case-folded text where a twin exists; the matched core's
        # key is the same too (a case-insensitive key is case-folded).
        twin = d.folded_patterns.get(cs)
        rx, subject = (twin, folded) if twin is not None and folded is not None else (pattern, text)
        matched = d.matched
        for start, end, core in _alias_matches(rx, subject, cs):
            try:
                alias = matched[(cs, core)]
            except KeyError:  # a spelling not seen before: find its alias by key
                if len(matched) > 100_000:  # bound the memo on very long runs
                    matched.clear()
                alias = matched[(cs, core)] = d.aliases.get((cs, alias_key(core, cs)))
            if alias is None:  # cannot happen for a consistent trie; never guess
                continue
            hits.append(_Hit(start, end, alias, alias.actor, alias.generic, alias.attach_only))
    # Longest match at each start, then left to right without overlaps.
    hits.sort(key=lambda h: (h.start, h.start - h.end))
    kept: list[_Hit] = []
    for h in hits:
        if not kept or h.start >= kept[-1].end:
            kept.append(h)
    return kept


def _blocked(text: str, h: _Hit, r: _Rules) -> bool:
    if h.start == 0 or text[h.start - 1] not in _HYPHENS:
        return False
    m = re.search(r"(\w+)$", text[max(0, h.start - 16):h.start - 1])
    return bool(m and m.group(1).casefold() in r.blocking)


_unit_nouns: dict[tuple[str, re.Pattern], bool] = {}


def _unit_noun(alias: str, r: _Rules) -> bool:
    """Whether an alias ends in a unit noun ("Light Infantry Battalion"): asked for every hit,
    of the same few hundred aliases."""
    key = (alias, r.unit_alias)
    try:
        return _unit_nouns[key]
    except KeyError:
        return remember(_unit_nouns, key, lambda: bool(r.unit_alias.search(alias)), 10_000)


def _widen(text: str, h: _Hit, prev_end: int, d: ActorDictionary, r: _Rules) -> None:
    """Grow a hit over the nationality, ordinal, township and unit words that belong to it."""
    before = _words_before(text, h.start, prev_end)
    if h.actor.template and before:
        last = before[-1][0]
        bare = last[:-2] if last.endswith(("'s", "’s")) else last
        two = f"{before[-2][0]} {bare}" if len(before) > 1 else None
        for nat, at in ((two, before[-2][1] if two else 0), (bare, before[-1][1])):
            iso = r.nationalities.get(nat) if nat else None
            # Nationality names the forces and civilians of a country; unknown gunmen and
            # crowds are coded by where they act, so "Chinese gunmen" stay this country's.
            if iso and (h.actor.template in ("military", "police", "civilians") or iso == d.country):
                if iso != d.country:
                    h.actor = d.template_actor(h.actor.template, iso)
                h.nationality = iso
                if h.actor.template in ("military", "police"):
                    h.generic = False  # "Myanmar troops" need no more context than "junta"
                h.start = at
                before = [w for w in before if w[1] < at]
                break
    unit_noun = _unit_noun(h.alias.text, r)
    if h.actor.template == "military" and unit_noun and before and _ORDINAL.fullmatch(before[-1][0]):
        h.start = before[-1][1]  # "33rd Infantry Battalion"
        h.unit = text[h.start:h.end]
        before = before[:-1]
    elif h.alias.unit:
        h.unit = text[h.start:h.end]
    elif unit_noun:
        m = _BARE_NUMBER.match(text, h.end, h.end + 12)
        if m:  # "Battalion 36", "Brigade No. 5": the number is part of the unit
            h.end = m.end()
            h.unit = text[h.start:h.end]
    if h.actor.local and not h.generic:
        words = list(before)
        while words and words[-1][0] in ("township's", "township’s", "Township's", "Township’s", "Township",
                                         "township"):
            words.pop()  # "Ayadaw township's People's Defense Force"
        place: list[tuple[str, int]] = []
        for word, at in reversed(words):
            if (len(place) == 4 or word in r.stopwords or not word[:1].isupper() or not word[1:2].islower()):
                break  # a stopword, an acronym or a lowercase word: the place ends here
            place.insert(0, (word[:-2] if word.endswith(("'s", "’s")) else word, at))
        if place:
            h.start = place[0][1]
            h.local = h.actor.local.format(place=" ".join(w for w, _ in place))
        else:
            m = r.local_suffix.match(text, h.end, h.end + 30)
            if m:
                h.local = h.actor.local.format(place=m.group("place"))
                h.end = m.end()
    if h.actor.side != "civilians" and not h.attach:
        m = r.unit_suffix.match(text, h.end, h.end + 30)
        if m:
            unit = " ".join(m.group("unit").split())
            h.unit = unit if not h.unit else f"{h.unit} {unit}"
            if h.local:
                h.local = f"{h.local} {unit}"
            h.end = m.end()


_BARE_NUMBER = re.compile(r"\s*(?:No\.?\s*)?\d{1,4}(?!\w)")
_POSSESSIVE_GAP = re.compile(r"^(?:['’]s?)?\s+$")
_OF_GAP = re.compile(r"^\s+of\s+(?:the\s+)?$")
_OPEN_PAREN = re.compile(r"^\s*\(\s*$")
_CLOSE_PAREN = re.compile(r"\s*\)")


def _merge(text: str, hits: list[_Hit]) -> list[_Hit]:
    out: list[_Hit] = []
    for h in hits:
        if out:
            a = out[-1]
            gap = text[a.end:h.start]
            named = not a.generic and not a.attach and a.actor.side != "civilians"
            # "KIA troops", "TNLA's forces", "junta's army": the noun is the named actor's.
            if named and (h.generic or h.attach) and not h.nationality and _POSSESSIVE_GAP.match(gap):
                a.end = h.end
                a.unit = a.unit or h.unit
                continue
            # "Battalion 36 of KIA Brigade 6", "soldiers of the AA": the named actor's.
            if (a.generic or a.attach) and not a.nationality and _OF_GAP.match(gap) and not h.generic \
                    and not h.attach and h.actor.side != "civilians":
                h.start = a.start
                h.unit = f"{a.unit} of {h.unit}" if a.unit and h.unit else (a.unit or h.unit)
                out[-1] = h
                continue
            # "BA Light Infantry Battalion 332": two names of one actor side by side are one mention.
            if a.actor.name == h.actor.name and not h.generic and not a.generic and gap.isspace() \
                    and a.actor.side != "civilians":
                a.end = h.end
                a.unit = a.unit or h.unit
                continue
            # "Kachin Independence Army (KIA)": one mention, not two.
            if a.actor.name == h.actor.name and _OPEN_PAREN.match(gap):
                close = _CLOSE_PAREN.match(text, h.end)
                if close:
                    a.end = close.end()
                    a.generic = a.generic and h.generic
                    continue
        out.append(h)
    return [h for h in out if not h.attach]


_NO_CUES: frozenset[str] = frozenset()


def _cue_tails(words: list[str], n: int) -> list[str]:
    """The phrases a cue is looked up as: the last 1..n words, after skipping determiners."""
    while words and words[-1] in _DETERMINERS and len(words) > 1:
        words = words[:-1]
    return [" ".join(words[-k:]) for k in range(1, min(n, len(words)) + 1)]


def _last_content_word(words: list[str]) -> str:
    """The word each of _cue_tails(words, n) ends with: the last one, determiners skipped
    (but never the first word)."""
    k = len(words) - 1
    while k > 0 and words[k] in _DETERMINERS:
        k -= 1
    return words[k]


def _role(text: str, start: int, end: int, prev_end: int, r: _Rules) -> str | None:
    """A hint, not a parse: which part the actor plays in its clause."""
    cues = r.cues
    before = [w.lower() for w, _ in _words_before(text, start, prev_end)[-(r.cue_len + 2):]]
    # the phrases every "..._before" cue list below is looked up with: each ends with the
    # last word that is not a determiner, so where that word ends no cue (most actors), no
    # phrase can be one and none is made
    tails = _cue_tails(before, r.cue_len) if before and _last_content_word(before) in r.cue_ends else ()
    empty = _NO_CUES
    after = _words_after(text, end)
    while after and (after[0].endswith("ly") or after[0] in ("also", "then", "later")) and len(after) > 1:
        after = after[1:]
    first = after[0] if after else ""
    if first in cues.get("source_after", ()) or " ".join(after[:2]) in cues.get("source_after", ()):
        return "source"
    if not cues.get("agent_before", empty).isdisjoint(tails):
        return "agent"
    nxt = text[end:end + 2]
    if nxt[:1] in _APOS and (nxt[1:2] in ("s", "S") or not nxt[1:2].isalpha()):
        return "possessive"
    if first in cues.get("patient_after_aux", ()) and len(after) > 1:
        rest = after[2:] if after[1] == "been" else after[1:]
        part = rest[0] if rest and not (rest[0].endswith("ly") and len(rest) > 1) else (rest[1] if len(rest) > 1 else "")
        if part != "not" and (part.endswith(("ed", "en")) or part in _PARTICIPLES):
            return "patient"
    if first and (first in cues.get("subject_verbs", ()) or (first.endswith("ed") and len(first) > 3)):
        return "subject"
    if not cues.get("source_before", empty).isdisjoint(tails):
        return "source"
    if not cues.get("object_before", empty).isdisjoint(tails):
        return "object"
    if not cues.get("with_before", empty).isdisjoint(tails):
        return "with"
    return None


_PRONOUN = re.compile(r"(?:^|\W)(?:its|their)\s+$", re.IGNORECASE)
_OWNER_OF_OBJECT = re.compile(r"\b[a-z]+\s+the\s+$")  # "attacked the junta's": after a verb or preposition
_PRONOUN_REACH = 300  # "The TNLA said its troops...": the owner is named close by


_FORWARD_REACH = 250  # a headline's "Ethnic army seizes town" is named in the next sentence


def _fits(want: str | None, a: Actor) -> bool:
    if want == "resistance":
        return "resistance" in a.tags
    if want == "armed":
        return a.side == "nonstate" and a.acled_type in (2, 3, 4) and "political" not in a.tags
    return False


def _antecedent(text: str, h: _Hit, named: list[_Hit], later: list[_Hit]) -> _Hit | None:
    """The named actor a generic mention refers to, if the text makes it clear enough: the
    owner of "its"/"their", else the nearest fitting actor named before, else one named just
    after (headlines name the group in the lead)."""
    if _PRONOUN.search(text, max(0, h.start - 8), h.start):
        # the owner is the last group named, passing over one named only as the owner of an
        # object ("The TNLA attacked the junta's base ... its troops": the TNLA's troops)
        owners = [a for a in named if not _OWNER_OF_OBJECT.search(text, max(0, a.start - 30), a.start)
                  or not text.startswith(("'s", "’s"), a.end)] or named[-1:]
        last = owners[-1] if owners else None
        return last if last is not None and h.start - last.end <= _PRONOUN_REACH else None
    want = h.actor.antecedent
    for a in reversed(named):
        if _fits(want, a.actor):
            return a
    for a in later:
        if a.start - h.end > _FORWARD_REACH:
            break
        if _fits(want, a.actor):
            return a
    return None


def find_actors(text: str, country: str = "MMR") -> list[Mention]:
    """Every actor mention in `text`, left to right, as Mention(kind="actors")."""
    d = actor_dictionary(country)
    r = _rules(d.country)
    hits = [h for h in _raw_hits(text, d) if not _blocked(text, h, r)]
    prev_end = 0
    widened: list[_Hit] = []
    for h in hits:
        if h.start < prev_end:
            continue  # swallowed by the hit before it ("PDF Battalion 3": the battalion is the PDF's)
        if not h.attach:
            _widen(text, h, prev_end, d, r)
        widened.append(h)
        prev_end = h.end
    hits = widened
    mentions = []
    prev_end = 0
    merged = _merge(text, hits)
    named_all = [h for h in merged if not h.generic and h.actor.side != "civilians"]
    named: list[_Hit] = []  # named, non-civilian actors so far: antecedents for generic words
    for h in merged:
        fallback = None
        if h.generic:
            ante = _antecedent(text, h, named, named_all[len(named):])
            if ante is not None and ante.actor.name != h.actor.name:
                fallback, h.actor = h.actor.name, ante.actor
        elif h.actor.side != "civilians":
            named.append(h)
        a = h.actor
        mentions.append(Mention("actors", h.start, h.end, text[h.start:h.end], {
            "name": a.name,
            "short": a.short,
            "acled_type": a.acled_type,
            "side": a.side,
            "tags": a.tags,  # ("resistance", "political": the dictionary's own; a shared tuple)
            "affiliations": list(a.affiliations),
            "country": a.country,
            "period": a.period,
            "generic": h.generic,
            "fallback": fallback,  # the coding rules' name when a generic word was resolved from context
            "alias": h.alias.text,
            "unit": h.unit,
            "local": h.local,
            "nationality": h.nationality,
            "role_hint": _role(text, h.start, h.end, prev_end, r),
        }))
        prev_end = h.end
    return mentions


class ActorsComponent:
    """spaCy pipe: appends find_actors(doc.text) to doc._.mentions["actors"]."""

    def __init__(self, country: str = "MMR"):
        self.country = country
        actor_dictionary(country)  # load and validate at build time, not on the first article

    def __call__(self, doc):
        from spacy.tokens import Doc

        country = doc._.get("country") if Doc.has_extension("country") else None
        mentions_of(doc, "actors").extend(find_actors(doc_text(doc), country or self.country))
        return doc


@Language.factory("clashmap_actors", default_config={"country": "MMR"})
def make_actors_component(nlp, name: str, country: str):
    return ActorsComponent(country)
