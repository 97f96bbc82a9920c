"""Event triggers: words that announce an event, mapped to ACLED event and sub-event types.

The vocabulary is data (knowledge/triggers.yaml); this module compiles it into one regular
expression per strength and reports non-overlapping matches, longest first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from spacy.language import Language

from clashmap.extract.mentions import Mention, doc_text, mentions_of
from clashmap.knowledge.loader import load_yaml
from clashmap.regexes import caseless_twin, first_chars, fold_case


@dataclass(frozen=True)
class TriggerVocabulary:
    regex: re.Pattern
    entries: tuple[dict, ...]  # group name "t<i>" -> entry i
    negation: re.Pattern
    background: re.Pattern
    territory_objects: frozenset[str]
    taxonomy: dict[str, str]  # sub_event_type -> event_type
    by_first: "_FirstCharIndex | None" = None  # the same regex split by a match's first character
    negation_folded: re.Pattern | None = None  # case-sensitive twins for case-folded text
    background_folded: re.Pattern | None = None
    munitions: frozenset[str] = frozenset()  # "20 artillery shells": things fired, not events
    # The background modifiers, lowered, when a text before a trigger can only match
    # `background` if it ends with one of them and whitespace (see _background); else None.
    background_words: tuple[str, ...] | None = None


_HEAD = r"(?<![\w-])(?:"
_TAIL = r")(?![\w-])"
# Letters by how often English words start with them (see _FirstCharIndex.folded_scanner).
_WORD_INITIALS = "taoswcbphfmidrlengyuvjkqxz"


def _alternatives(entries, keep) -> str:
    alternatives = []
    for i, entry in enumerate(entries):
        pats = [p for p in sorted(entry["patterns"], key=len, reverse=True) if keep(p)]
        if pats:
            alternatives.append(f"(?P<t{i}>" + "|".join(f"(?:{p})" for p in pats) + ")")
    return "|".join(alternatives)


_ENTRY_GROUP = re.compile(r"\(\?P<t\d+>")


def _ungrouped(alternatives: str) -> str:
    """_alternatives without the entry groups (a name may appear once in a regex)."""
    return _ENTRY_GROUP.sub("(?:", alternatives)


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
            from re import _parser as P  # type: ignore[attr-defined]  # Python >= 3.11 (private)
        except ImportError:  # pragma: no cover
            import sre_parse as P
        self.full = full
        self.usable = True
        firsts: dict[str, set[str] | None] = {}
        pairs: dict[str, set[str] | None] = {}  # see _leading_pairs
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
                pairs[pat] = _leading_pairs(parsed) if first is not None else None
        self._firsts = firsts
        self._pairs = pairs
        self._entries = entries
        chars = set()
        for first in firsts.values():
            if first is not None:
                chars |= first
        self.any_start = any(f is None for f in firsts.values())
        self.chars = frozenset(chars)
        self._compiled: dict[str, re.Pattern | None] = {}
        self._scanner: re.Pattern | None = None  # see folded_scanner
        self._scanner_built = False
        self._folded: dict[str, re.Pattern | None] = {}  # see folded_entry_regex
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
            body = _alternatives(self._entries, lambda p: _may_start(self._firsts[p], key))
            rx = re.compile(_HEAD + body + _TAIL, re.IGNORECASE) if body else None
        self._compiled[key] = rx
        return rx

    def folded_scanner(self) -> re.Pattern | None:
        """One case-sensitive regex for case-folded text (regexes.fold_case) that finds the
        spans of `finditer`, the dispatch on the first character done by the regex engine:
        a lookahead names the first character (and checks the second, see _second_class) by
        the empty group it sets, and a chain of conditionals on those groups runs that
        character's sub-regex only. (A branch per character behind a lookahead for it cost
        more: where a character's sub-regex fails, the engine goes on to try the lookahead
        of every later branch. The lookahead's alternatives start with a literal, which the
        engine skips at the cost of a comparison.) The groups are the only ones:
        `folded_entry_regex` names the entry of a match. None when no such regex can be
        built (then `finditer` is used)."""
        if self._scanner_built:
            return self._scanner
        self._scanner_built = True
        if self.any_start or not all(c.isascii() for c in self.chars):
            return None
        # The most frequent first letters of English words first: the lookahead and the chain
        # are tried in this order (any order finds the same: one character, one branch).
        chars = sorted(self.chars, key=lambda c: ((_WORD_INITIALS + c).index(c), c))
        lookahead = "|".join(f"{re.escape(c)}{self._second_class(c)}()" for c in chars)
        chain = ""
        for group, c in enumerate(chars, 1):
            body = _alternatives(self._entries, lambda p, c=c: _may_start(self._firsts[p], c))
            chain += f"(?({group})(?:{_ungrouped(body)})|"
        chain += "(?!)" + ")" * len(chars)
        every = _alternatives(self._entries, lambda p: True)
        non_ascii = f"(?=[^\\x00-\\x7f])(?:{_ungrouped(every)})"  # as regex_for: the full regex
        # Case-insensitive, the lookahead of a letter takes both cases: on folded text (ASCII
        # letters small, no other cased character) only the small one occurs, and a match
        # starting with it comes from regex_for(it), as in `finditer`.
        self._scanner = caseless_twin(f"{_HEAD}(?=(?:{lookahead})){chain}|{non_ascii}{_TAIL}", re.IGNORECASE)
        return self._scanner

    def _second_class(self, c: str) -> str:
        """A character class for what can follow `c` at the start of a match of c's
        sub-regex, or "" when that is not simply known. Most words start with a letter that
        some trigger starts with ("s": "said", "soldiers", "state"), and the engine would
        enter each of that letter's alternatives there; few words start with two letters a
        trigger starts with ("sh", "st"). The class only turns away starts where no
        alternative can match, so the matches are the same."""
        seconds: set[str] = set()
        for entry in self._entries:
            for pat in entry["patterns"]:
                first = self._firsts[pat]
                assert first is not None  # (called by folded_scanner only: no start is unknown)
                if c not in first:
                    continue
                pairs = self._pairs[pat]
                if pairs is None:
                    return ""
                for pair in pairs:
                    if pair[0] == c:
                        if len(pair) < 2:
                            return ""  # a one-character match
                        seconds.add(pair[1])
        if not seconds:
            return ""
        return "[" + "".join(re.escape(x) for x in sorted(seconds)) + "]"

    def folded_entry_regex(self, ch: str) -> re.Pattern | None:
        """regex_for(ch)'s twin for case-folded text: matched where the scanner matched, it
        names the entry (the same alternatives in the same order: the same match)."""
        key = ch.lower() if ch.isascii() else ""  # every other character: the full regex
        if key not in self._folded:
            rx = self.regex_for(ch)
            self._folded[key] = caseless_twin(rx.pattern, rx.flags) if rx is not None else None
        return self._folded[key]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
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


def _may_start(first: set[str] | None, c: str) -> bool:
    """Whether a pattern whose matches start with one of `first` (None: not known) can
    start with `c`."""
    return first is None or c in first


def _prefixes(items, k: int) -> set[str] | None:
    """The first k characters of each match of `items` (re's parser output), as a set of
    strings (a shorter one is a whole match), or None when not simply known."""
    out = {""}
    for op, av in items:
        grow = [s for s in out if len(s) < k]
        if not grow:
            break
        pieces = _element_prefixes(op, av, k - min(map(len, grow)))
        if pieces is None:
            return None
        out = {s for s in out if len(s) == k} | {(s + p)[:k] for s in grow for p in pieces}
    return out


def _element_prefixes(op, av, k: int) -> set[str] | None:
    """_prefixes of one element of a parsed pattern."""
    from re import _constants as C  # type: ignore[attr-defined]  # Python >= 3.11 (private)

    if op is C.LITERAL:
        return {chr(av)}
    if op is C.IN:
        return first_chars([(op, av)])
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            sub = _prefixes(alt, k)
            if sub is None:
                return None
            out |= sub
        return out
    if op is C.SUBPATTERN:
        return None if (av[1] or av[2]) else _prefixes(av[3], k)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, repeated = av
        one = _prefixes(list(repeated), k)
        if one is None or repeated.getwidth()[0] == 0:
            return None
        out = {""} if lo == 0 else set()
        cur = {""}
        # (each repetition takes a character or more: after k of them every prefix is full)
        for n in range(1, min(hi, max(lo, k)) + 1):
            cur = {s if len(s) == k else (s + p)[:k] for s in cur for p in one}
            if n >= lo:
                out |= cur
        return out
    return None


def _leading_pairs(parsed) -> set[str] | None:
    """The first two characters (lowered) of each match of a parsed pattern, a single one
    for a one-character match; None when not simply known or not plain ASCII."""
    pairs = _prefixes(list(parsed), 2)
    if pairs is None:
        return None
    low = {p.lower() for p in pairs}
    return low if all(p.isascii() for p in low | pairs) else None


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
                             _first_char_index(entries, regex),
                             caseless_twin(negation.pattern, negation.flags),
                             caseless_twin(background.pattern, background.flags),
                             frozenset(w.lower() for w in data.get("munitions", [])),
                             _background_words(data.get("background_modifiers", [])))


def _background_words(words) -> tuple[str, ...] | None:
    """The words a match of the background regex (`(?:^|\\W)(?:words)\\s+$`) can end with
    before its whitespace: a `before` whose end, whitespace stripped, is none of them cannot
    match. None when that does not hold simply (no words: the empty alternation matches;
    a word that starts or ends with whitespace, or is not plain ASCII)."""
    words = tuple(str(w).lower() for w in words)
    if not words or not all(w and w.isascii() and w == w.strip() for w in words):
        return None
    return words


def _background(rx: re.Pattern, before: str, words: tuple[str, ...] | None) -> bool:
    """bool(rx.search(before)) for the background regex `rx`, on case-folded text. Most
    triggers have no modifier before them: a C-level test of the end of `before` spares
    the regex search there."""
    if words is not None and not before.rstrip().endswith(words):
        return False
    return rx.search(before) is not None


def _folded_matches(text: str, vocab: TriggerVocabulary) -> tuple[list[tuple[int, int, int]], str] | None:
    """((start, end, entry index) of each trigger, the case-folded text), the triggers found
    on the case-folded text; None when the text cannot be folded or the vocabulary has no
    folded scanner."""
    index = vocab.by_first
    if index is None:
        return None
    scanner = index.folded_scanner()
    if scanner is None or not (vocab.negation_folded and vocab.background_folded):
        return None
    folded = fold_case(text)
    if folded is None:
        return None
    found: list[tuple[int, int, int]] = []
    for m in scanner.finditer(folded):
        start = m.start()
        named = index.folded_entry_regex(folded[start])
        if named is None:
            return None
        entry_match = named.match(folded, start)
        assert entry_match is not None  # (the same alternatives as the scanner's: it matches here)
        group = entry_match.lastgroup
        assert group is not None  # (every alternative is inside an entry's group "t<i>")
        found.append((start, m.end(), int(group[1:])))
    return found, folded


# "residents who could not flee were killed": a "not" whose own verb is followed by the trigger's
# auxiliary negates that other verb, not the trigger.
_ANOTHER_VERBS_NOT = re.compile(r"\W*(?:(?:could|would|did|do|does|can|may|might|will)\W+)?(?:not|never)\W+\w+(?:\W+\w+)?\W+(?:were|was|are|is)\W+(?:\w+\W+)?$",
                                re.IGNORECASE)


def _negates(m: re.Match | None, before: str) -> bool:
    return m is not None and not _ANOTHER_VERBS_NOT.match(before, m.start())


def find_triggers(text: str) -> list[Mention]:
    vocab = vocabulary()
    found: list[Mention] = []
    # A regex alternation is leftmost-first; we want the longest trigger at each place, so
    # collect every entry's match at a start position and keep the longest.
    folded = _folded_matches(text, vocab)
    negation: re.Pattern
    background: re.Pattern
    if folded is not None:
        # Case-folded text: the same spans, and the case-insensitive context regexes' twins
        # read the same windows of it.
        spans, subject = folded
        # (_folded_matches gives None without both twins)
        assert vocab.negation_folded is not None and vocab.background_folded is not None
        negation, background = vocab.negation_folded, vocab.background_folded
        background_words = vocab.background_words  # (the folded text's words are lowered)
    else:
        spans = []
        for m in (vocab.by_first.finditer(text) if vocab.by_first else vocab.regex.finditer(text)):
            group = m.lastgroup
            assert group is not None  # (every alternative is inside an entry's group "t<i>")
            spans.append((m.start(), m.end(), int(group[1:])))
        subject, negation, background = text, vocab.negation, vocab.background
        background_words = None
    for start, end, idx in spans:
        entry = vocab.entries[idx]
        before = subject[max(0, start - 30):start]
        found.append(Mention("triggers", start, end, text[start:end], {
            "event_type": entry["event_type"],
            "sub_event_type": entry["sub"],
            "strength": entry["strength"],
            "negated": _negates(negation.search(before), before),
            "background": _background(background, before, background_words),
        }))
    return found


@Language.component("clashmap_triggers")
def triggers_component(doc):
    mentions_of(doc, "triggers").extend(find_triggers(doc_text(doc)))
    return doc
