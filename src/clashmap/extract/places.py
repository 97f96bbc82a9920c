"""Places: find state/region, district, township, town and village names, and places abroad.

No regex over 72k village names: the text is cut into runs of capitalised words, and each run's
n-grams are looked up in the gazetteer's key index (a dict). What the words around a run say
decides what it is (knowledge/places/context_words.yaml):
- a level word after it ("Muse Township", "Pan Par village"), spread over a list ("Muse,
  Lashio and Kutkai townships"), or before it ("the village of Kyar Inn");
- a direction qualifier before it ("northern Shan State");
- an organisation word after it ("Kachin Independence Army", "Arakan Army"): not a place;
- an honorific in front ("U Tun Hlaing"): a person, not a place.
Villages are taken only when the text marks them, or when the name is a village of a township
the article names; each is resolved inside the township/state of its sentence, then of the
article. A marked village MIMU lacks is still reported, placed at its township (found False).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress
from operator import attrgetter, itemgetter
from typing import Any, Iterable, NamedTuple
from weakref import WeakKeyDictionary

from spacy.language import Language

from clashmap.extract.mentions import WORD, Mention, doc_text, mentions_of, word_split
from clashmap.knowledge.places import (
    Gazetteer,
    Place,
    _rank,
    context_words,
    gazetteer,
    norm_key,
)
from clashmap.memo import remember
from clashmap.regexes import fold_case

KIND = "places"

# A sentence ends at [.!?;]+[\"'”’)]*\s+ or at \n+. Written to start with one character class
# (the first character then says which of the two it is) so that the regex engine skips to
# those characters in a fast loop instead of trying both branches at every position.
_SENT_END = re.compile(r"[.!?;\n](?:(?<=\n)\n*|(?<!\n)[.!?;]*[\"'”’)]*\s+)")
_LIST_SEP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*|/\s*)$")
_GEO_PRECISION = {"village": 1, "town": 1, "admin3": 2, "admin2": 2, "admin1": 3, "country": 3}
_MAX_NGRAM = 6


@dataclass(slots=True)
class _Chunk:
    """A candidate name: a span of capitalised words and what surrounds it."""

    start: int  # of the name
    end: int
    name: str
    sent: int
    marker: str | None = None  # level a marker word gives
    marker_end: int | None = None  # end of the marker word when it is the chunk's own
    plural: bool = False
    prefix: str | None = None  # level from "village of"
    qualifier: str | None = None
    qual_start: int | None = None
    locative: bool = False
    candidates: list[Place] = field(default_factory=list)
    leftover: bool = False  # unmatched capitalised words around it: part of a longer name
    blocked: bool = False  # followed by an organisation word: "Arakan Army"
    parts: list["_Chunk"] = field(default_factory=list)  # known names inside it
    possessor: str | None = None  # "Sagaing" of "Sagaing's Kyauk Ka village": the unit it is in


@dataclass(frozen=True)
class _Words:
    markers: dict
    prefix_markers: dict
    qualifiers: frozenset
    locatives: frozenset
    actor_heads: frozenset
    people_heads: frozenset
    not_places: frozenset
    honorifics: frozenset
    stop: frozenset
    prefix_ends: frozenset  # the last word of a prefix marker, "called" and "named"
    landmarks: frozenset = frozenset()  # markers that belong to the name ("Kartai Mountain")


@lru_cache(maxsize=1)
def _words() -> _Words:
    from spacy.lang.en.stop_words import STOP_WORDS

    w = context_words()
    return _Words(
        markers={k.lower(): v for k, v in w["markers"].items()},
        prefix_markers={k.lower(): v for k, v in w["prefix_markers"].items()},
        qualifiers=frozenset(q.lower() for q in w["qualifiers"]),
        locatives=frozenset(x.lower() for x in w["locatives"]),
        actor_heads=frozenset(x.lower() for x in w["actor_heads"]),
        people_heads=frozenset(x.lower() for x in w["people_heads"]),
        not_places=frozenset(norm_key(x) for x in w["not_places"]),
        honorifics=frozenset(x for x in w["honorifics"]),
        stop=frozenset(s.lower() for s in STOP_WORDS),
        prefix_ends=frozenset([k.lower().split(" ")[-1] for k in w["prefix_markers"]] + ["called", "named"]),
        landmarks=frozenset(x.lower() for x in w.get("landmark_markers", [])),
    )


_KEYS: dict[str, str] = {}
_FILLER: dict[str, bool] = {}  # word -> _Finder.is_filler (the context words never change)


def _key(name: str) -> str:
    """norm_key(name), memoised: the same capitalised words come back in every article."""
    try:
        return _KEYS[name]
    except KeyError:
        pass
    if len(_KEYS) > 200_000:  # bound the memo on very long runs
        _KEYS.clear()
    key = _KEYS[name] = norm_key(name)
    return key


_SENT_SPLIT = re.compile(f"({_SENT_END.pattern})")
_POSSESSIVE = re.compile(r"['’][sS]")
_first_char = itemgetter(0)


class _WordColumns(NamedTuple):
    """The words of a text, column by column: word i is words[i], at starts[i]:ends[i].

    Columns, not one object per word: an article has ~500 words and only the ~100
    capitalised ones and their neighbours are ever read, so making a tuple for each word cost
    more than the rest of the pass (and fed the garbage collector ~500 containers a text).
    """

    words: list[str]  # the word, a possessive "'s" cut off
    starts: list[int]
    ends: list[int]  # end of words[i] (before a cut-off "'s")
    full_ends: list[int]  # end of the whole word
    lows: list[str]  # words[i].lower()
    caps: list[int]  # the indices of the words that start with a capital


# (?<![\w-])[A-Z] written as [A-Z](?<![\w-].): the same test of the character before the
# capital, but a pattern that starts with a character class lets the regex engine skip to
# the capitals in a fast loop instead of trying the lookbehind at every offset.
_ROAD = re.compile(r"(?P<a>[A-Z](?<![\w-].)[\w’']+(?:\s[A-Z][\w’']+)?)\s?[-–]\s?(?P<b>[A-Z][\w’']+(?:\s[A-Z][\w’']+)?)"
                   r"\s+(?:[Rr]oad|[Hh]ighway|[Mm]otorway|[Uu]nion [Hh]ighway)(?![\w-])")
# "on the road between Loikaw and Demoso", "the highway linking Muse and Lashio": the same road
# told by the two towns it joins, the towns after the road word
_ROAD_BETWEEN = re.compile(r"(?<![\w-])(?:[Rr]oad|[Hh]ighway|[Mm]otorway)\s+(?:between|linking|connecting|from)\s+"
                           r"(?P<a>[A-Z][\w’']+(?:\s[A-Z][\w’']+)?)\s+(?:and|to|with)\s+"
                           r"(?P<b>[A-Z][\w’']+(?:\s[A-Z][\w’']+)?)(?![\w-])")
_NEAR_BEFORE_NAME = re.compile(r"\bnear\s+$")
_MID_SENTENCE = re.compile(r"[a-z,]\s+$")
_ROAD_WORD = re.compile(r"(?i:road|highway|motorway)")
_ROAD_WORDS = ("road", "highway", "motorway")
_ROAD_AT = re.compile(r"\b(?:on|at|near|beside|off)\s+(?:the\s+)?$", re.I)
# A match of _ROAD is made of word characters, apostrophes, dashes and white space only, so it
# lies inside one run of such characters; these find the ends of the run around a road word.
_NOT_IN_ROAD = re.compile(r"[^\w’'\s\-–]")
_LAST_NOT_IN_ROAD = re.compile(r".*[^\w’'\s\-–]", re.S)  # (greedy: up to the last one)


def _road_word_starts(folded: str) -> list[int]:
    """Where "road", "highway" or "motorway" starts in the case-folded text, in order: every
    match of _ROAD and of _ROAD_BETWEEN has one of them (a match of _ROAD_BETWEEN starts
    with it)."""
    out = []
    for w in _ROAD_WORDS:
        i = folded.find(w)
        while i != -1:
            out.append(i)
            i = folded.find(w, i + 1)
    out.sort()
    return out


def _road_run(text: str, p: int) -> tuple[int, int]:
    """The run of characters a _ROAD match can have (see _NOT_IN_ROAD) around offset p."""
    after = _NOT_IN_ROAD.search(text, p)
    end = after.start() if after is not None else len(text)
    span = 256
    while True:
        lo = max(0, p - span)
        before = _LAST_NOT_IN_ROAD.match(text, lo, p)
        if before is not None:
            return before.end(), end
        if lo == 0:
            return 0, end
        span *= 4


def _dashed_roads(text: str, road_starts: list[int]):
    """_ROAD.finditer(text), searched only in the runs that hold a road word: a match cannot
    cross a run's end, and the assertions at the run's two ends read the same there (the
    lookbehind sees the character before the run; the lookahead meets the end of the search
    where the text has a character it refuses anyway)."""
    done = -1
    for p in road_starts:
        if p < done:
            continue  # a run searched already
        lo, done = _road_run(text, p)
        yield from _ROAD.finditer(text, lo, done)


def _roads_between(text: str, road_starts: list[int]):
    """_ROAD_BETWEEN.finditer(text), tried only at the road words: a match starts with one."""
    end = 0
    for p in road_starts:
        if p >= end:
            m = _ROAD_BETWEEN.match(text, p)
            if m is not None:
                yield m
                end = m.end()
_OWNER = re.compile(r"[’']s\s+")


def _tokens(text: str) -> _WordColumns:
    """Every word of `text`, as columns built with C-level calls (split, accumulate, map).
    The split is shared (mentions.word_split): its lists are copied before a change."""
    words, starts, full_ends = word_split(text)
    ends = full_ends
    # "Sagaing's" -> "Sagaing": the possessive is not part of the name (but "Cox's Bazar"
    # stays one run: runs are joined over the full word). Such a word (three characters or
    # more) ends right after an apostrophe-s that does not start it.
    for m in _POSSESSIVE.finditer(text):
        i = bisect_left(full_ends, m.end())
        if i < len(words) and full_ends[i] == m.end() and starts[i] < m.start():
            if ends is full_ends:
                ends = full_ends.copy()
                words = words.copy()
            ends[i] -= 2
            words[i] = words[i][:-2]
    lows = list(map(str.lower, words))
    caps = list(compress(range(len(words)), map(str.isupper, map(_first_char, words))))
    return _WordColumns(words, starts, ends, full_ends, lows, caps)


def _sentence_index(text: str) -> list[int]:
    """Start offsets of sentences (a plain splitter: find_places must not need spaCy).
    A sentence starts where a separator ends: the odd parts of the split, summed up in C."""
    offsets = list(accumulate(map(len, _SENT_SPLIT.split(text))))  # text, sep, text, ..., text
    return [0, *offsets[1::2]]


_UNIT_OF = {"admin3": attrgetter("admin3"), "admin1": attrgetter("admin1")}
_ACTOR_HEAD: dict[str, bool] = {}  # lower-case word -> whether it heads an organisation's name


class _GazetteerMemos:
    """The memos of _Finder that depend on one gazetteer (see `known`, `_piece_matches` and
    the lookups): kept for as long as that gazetteer lives, shared by all its texts."""

    __slots__ = ("known", "pieces", "lookups")

    def __init__(self) -> None:
        self.known: dict[str, list[Place]] = {}
        self.pieces: dict[tuple[str, bool], tuple] = {}
        # (key, *args) -> the gazetteer's answer: a list of places, a place or None, or
        # villages grouped by unit, by the key's first item (Any: the values differ in type)
        self.lookups: dict[tuple, Any] = {}


# gazetteer -> its memos. Weak keys: the memos go with their gazetteer, as they did when they
# were attributes of it, and a Gazetteer built for one command does not outlive it here.
_MEMOS: WeakKeyDictionary[Gazetteer, _GazetteerMemos] = WeakKeyDictionary()


class _Finder:
    def __init__(self, text: str, country_hint: str | None, gaz: Gazetteer):
        self.text = text
        self.hint = country_hint.upper() if country_hint else None
        self.gaz = gaz
        self.w = _words()
        cols = _tokens(text)
        self.words, self.starts, self.ends, self.full_ends, self.lows, self.caps = cols
        self.sent_starts = _sentence_index(text)
        memos = _MEMOS.get(gaz)
        if memos is None:
            memos = _MEMOS[gaz] = _GazetteerMemos()
        self._known: dict[str, list[Place]] = memos.known
        self._pieces: dict[tuple[str, bool], tuple] = memos.pieces  # see _piece_matches
        self._lookups: dict[tuple, Any] = memos.lookups

    # -- helpers -------------------------------------------------------------------------

    def sent_of(self, offset: int) -> int:
        """The index of the sentence `offset` lies in (the last start at or before it; the
        first start is 0, so for any offset there is one)."""
        return bisect_right(self.sent_starts, offset) - 1

    def gap(self, a: int, b: int) -> str:
        return self.text[a:b]

    def is_filler(self, i: int) -> bool:
        """A capitalised word that may sit next to a place without being part of its name."""
        word = self.words[i]
        try:
            return _FILLER[word]
        except KeyError:
            pass
        low = self.lows[i]
        filler = (low in self.w.stop or low in self.w.qualifiers or _key(word) in self.w.not_places
                  or low in self.w.locatives)
        if len(_FILLER) > 200_000:  # bound the memo on very long runs
            _FILLER.clear()
        _FILLER[word] = filler
        return filler

    def mmr(self, name: str) -> list[Place]:
        return self.gaz.mmr_by_key(norm_key(name))

    def world(self, name: str) -> list[Place]:
        return self.gaz.world_by_key(norm_key(name))

    def known(self, name: str) -> list[Place]:
        """Non-village places called `name`, best reading first.

        Memoised on the gazetteer by the name as written: articles repeat the same few
        hundred capitalised n-grams, and the gazetteer does not change while a process runs.
        """
        hit = self._known.get(name)
        if hit is None:
            key = _key(name)
            if not key or key in self.w.not_places:
                hit = []
            else:
                hit = sorted([p for p in self.gaz.mmr_by_key(key) if p.level != "village"]
                             + self.gaz.world_by_key(key), key=_rank)
                if not hit and " " not in name:
                    hit = self.gaz.misspelt_unit(name)
            if len(self._known) > 500_000:  # bound the memo on very long runs
                self._known.clear()
            self._known[name] = hit
        return hit

    # Gazetteer lookups, memoised on the gazetteer like `known`: the same few hundred names
    # (an article's townships and states, the villages it marks) are looked up again and
    # again. The lists returned are shared: read them, never change them.

    def _memo(self, key: tuple, compute):
        return remember(self._lookups, key, compute, 500_000)

    # (each looks the memo up first itself: nearly every call is a hit, and a hit then costs
    # no closure and no call of `remember`)

    def lookup(self, name: str, level: str | None = None, country: str | None = None) -> list[Place]:
        key = ("lookup", name, level, country)
        try:
            return self._lookups[key]
        except KeyError:
            return self._memo(key, lambda: self.gaz.lookup(name, level=level, country=country))

    def villages(self, name: str, loose: bool = True) -> list[Place]:
        key = ("villages", name, loose)
        try:
            return self._lookups[key]
        except KeyError:
            return self._memo(key, lambda: self.gaz.villages(name, loose=loose))

    def township(self, name: str) -> Place | None:
        key = ("township", name)
        try:
            return self._lookups[key]
        except KeyError:
            return self._memo(key, lambda: self.gaz.township(name))

    # -- pass 1: chunks ------------------------------------------------------------------

    def runs(self) -> list[list[int]]:
        """Indices of consecutive capitalised words separated by spaces only."""
        starts, full_ends, text = self.starts, self.full_ends, self.text
        runs: list[list[int]] = []
        cur: list[int] = []
        prev = -2
        # only the capitalised words are visited: a word between two of them ends a run
        for i in self.caps:
            if cur and i == prev + 1 and not text[full_ends[prev]:starts[i]].strip(" "):
                cur.append(i)
            else:
                if cur:
                    runs.append(cur)
                cur = [i]
            prev = i
        if cur:
            runs.append(cur)
        return runs

    def chunks(self) -> list[_Chunk]:
        out: list[_Chunk] = []
        words, lows = self.words, self.lows
        markers, honorifics = self.w.markers, self.w.honorifics
        for run in self.runs():
            if len(run) == 1:
                # Most runs are one word ("The", "Residents", "Lashio"): the steps below, short.
                i = run[0]
                marker_i = self._lower_marker_after(i)
                if marker_i is None:
                    if self.is_filler(i):
                        continue  # a lone filler word: piece_chunk would give nothing
                    ch = self.piece_chunk(run, None, i + 1, run_has_more=False)
                else:
                    ch = self.piece_chunk(run, marker_i, marker_i + 1, run_has_more=False)
                if ch is not None:
                    out.append(ch)
                continue
            if words[run[0]] in honorifics and self._lower_marker_after(run[-1]) is None \
                    and not any(lows[i] in markers for i in run[1:]):
                continue  # a person's name ("Ma Gyi Sauk village" is a village: its marker says so)
            # Split the run at capitalised marker words: "Muse Township", "Sagaing Region".
            pieces: list[tuple[list[int], int | None]] = []
            cur: list[int] = []
            for i in run:
                if cur and lows[i] in markers:
                    pieces.append((cur, i))
                    cur = []
                else:
                    cur.append(i)
            if cur:
                pieces.append((cur, None))
            last_k = len(pieces) - 1
            for k, (piece, marker_i) in enumerate(pieces):
                after_i = (marker_i + 1) if marker_i is not None else piece[-1] + 1
                if marker_i is None and k == last_k:
                    marker_i = self._lower_marker_after(piece[-1])
                    if marker_i is not None:
                        after_i += 1
                if marker_i is None and len(piece) == 1 and self.is_filler(piece[0]):
                    continue  # a lone filler word ("The", "In"): piece_chunk gives nothing
                ch = self.piece_chunk(piece, marker_i, after_i, run_has_more=last_k > 0 and marker_i is None)
                if ch is not None:
                    out.append(ch)
        return out

    def _lower_marker_after(self, i: int) -> int | None:
        """The index of a lower-case marker word right after word i ("Muse township", "Pan
        Par village"), or None."""
        m = i + 1
        if (m < len(self.lows) and self.lows[m] in self.w.markers and not self.words[m][0].isupper()
                and not self.text[self.ends[i]:self.starts[m]].strip()):
            return m
        return None

    def piece_chunk(self, piece: list[int], marker_i: int | None, after_i: int,
                    run_has_more: bool) -> _Chunk | None:
        """One chunk for the piece's name (filler words dropped), with its known sub-names;
        None when the piece is filler only and has no marker."""
        text, starts, ends, lows = self.text, self.starts, self.ends, self.lows
        if len(piece) == 1:
            # Most pieces are one word: what _piece_matches gives, without its loops (a lone
            # filler word without a marker never gets here: chunks() skips it).
            body = piece
            i = piece[0]
            cands = self.known(text[starts[i]:ends[i]])
            matches = [(0, 1, cands)] if cands else []
            leftover = run_has_more or (not cands and not self.is_filler(i))
        else:
            named, matches, leftover = self._piece_matches(piece, marker_i, run_has_more)
            if named is None:
                return None
            body = named

        # The context of the name's first word (sentence, qualifier, locative, prefix) is
        # shared by the whole and by a part that starts with it (most parts are the whole).
        first = body[0]
        s = starts[first]
        sent, qualifier, qual_start, locative, prefix = self._context(first)
        whole_cands = matches[0][2] if len(matches) == 1 and matches[0][:2] == (0, len(body)) else []
        e = ends[body[-1]]
        # (_Chunk's fields in order: start, end, name, sent, marker, marker_end, plural, prefix,
        # qualifier, qual_start, locative, candidates)
        whole = _Chunk(s, e, text[s:e], sent, None, None, False, prefix, qualifier, qual_start,
                       locative, whole_cands)
        if marker_i is not None:
            marker = self.w.markers.get(lows[marker_i])
            if marker:
                whole.marker, whole.plural, whole.marker_end = marker, lows[marker_i].endswith("s"), ends[marker_i]
        whole.leftover = leftover
        whole.blocked = self._org_after(after_i)
        parts = whole.parts
        if whole_cands:
            # One known name over the whole body (most chunks: "Lashio", "Sagaing Region"):
            # its part would be a copy of the whole with nothing of the marker, and find()
            # reads a part only where the whole has no level (no marker, no prefix) or no
            # candidates, so the whole itself serves as its part.
            parts.append(whole)
            return whole
        for (x, y, cands) in matches:
            e = ends[body[y - 1]]
            if x == 0:
                parts.append(_Chunk(s, e, text[s:e], sent, None, None, False, prefix, qualifier,
                                    qual_start, locative, cands))
            else:
                ps = starts[body[x]]
                ctx = self._context(body[x])
                parts.append(_Chunk(ps, e, text[ps:e], ctx[0], None, None, False, ctx[4], ctx[1],
                                    ctx[2], ctx[3], cands))
        return whole

    def _piece_matches(self, piece: list[int], marker_i: int | None, run_has_more: bool
                       ) -> tuple[list[int] | None, list[tuple[int, int, list[Place]]], bool]:
        """(body, matches, leftover) for a piece: the words of its name (leading filler
        dropped; None when the piece is filler only and has no marker), the known names in
        it as (first, end, places) by position in the body, and whether words that belong to
        no known name are left over."""
        # What _scan_piece finds depends on the piece's own text only (its words and the
        # spaces between them: the same text is the same words) and on whether a marker
        # follows; the same multi-word names ("Arakan Army", "Kyaukme Township") come back
        # article after article, so it is memoised by those (on the gazetteer, like `known`:
        # the names found depend on it).
        key = (self.text[self.starts[piece[0]]:self.full_ends[piece[-1]]], marker_i is None)
        memo = self._pieces
        found = memo.get(key)
        if found is None:
            if len(memo) > 200_000:  # bound the memo on very long runs
                memo.clear()
            found = memo[key] = self._scan_piece(piece, marker_i)
        start, matches, blocked_inside, uncovered = found
        if start is None:
            return None, [], False
        return piece[start:] if start else piece, matches, blocked_inside or run_has_more or uncovered

    def _scan_piece(self, piece: list[int], marker_i: int | None):
        """(start of the body in the piece or None, matches, whether a name was dropped as
        part of an organisation's name, whether a non-filler word lies outside the names)."""
        text, starts, ends = self.text, self.starts, self.ends
        known, is_filler = self.known, self.is_filler
        # Drop leading filler ("In", "The", "Northern") unless a known name starts with it
        # ("North Darfur", "The Hague").
        start = 0
        while start < len(piece) and is_filler(piece[start]) and not any(
                known(text[starts[piece[start]]:ends[piece[j]]])
                for j in range(start + 1, min(len(piece), start + _MAX_NGRAM))):
            start += 1
        if start == len(piece):
            if marker_i is None:
                return None, [], False, False
            start = len(piece) - 1
        body = piece[start:]
        nb = len(body)
        # Greedy longest match over admin levels, towns and the world. Villages are never
        # matched inside a longer run: a village name is only ever taken whole.
        matches: list[tuple[int, int, list[Place]]] = []
        i = 0
        while i < nb:
            s = starts[body[i]]
            for j in range(min(nb, i + _MAX_NGRAM), i, -1):
                cands = known(text[s:ends[body[j - 1]]])
                if cands:
                    matches.append((i, j, cands))
                    i = j
                    break
            else:
                i += 1
        # "Myanmar Now", "Mandalay People's Defense Force", "Shan State Army-North": a name
        # followed inside the run by an organisation word is part of that organisation's name.
        kept = [m for m in matches if not (m[1] < nb and self._is_actor_head(body[m[1]]))]
        covered = {k for (x, y, _) in kept for k in range(x, y)}
        uncovered = any(not is_filler(body[k]) for k in range(nb) if k not in covered)
        return start, kept, len(kept) < len(matches), uncovered

    def _context(self, i: int) -> tuple[int, str | None, int | None, bool, str | None]:
        """What the text says before a name that starts with word i: (sentence, qualifier,
        qualifier start, locative, prefix level)."""
        text, starts, ends, lows, w = self.text, self.starts, self.ends, self.lows, self.w
        s = starts[i]
        # qualifier: a direction word right before the name, capitalised or not
        q = i - 1
        qualifier: str | None
        qual_start: int | None
        if q >= 0 and lows[q] in w.qualifiers and not text[ends[q]:s].strip():
            qualifier, qual_start, j = lows[q], starts[q], q
        else:
            qualifier = qual_start = None
            j = i
        # (the word before decides whether the two checks can hold: most names have neither
        # a locative nor a prefix marker before them, so most calls are skipped)
        locative = j > 0 and (lows[j - 1] in w.locatives or lows[j - 1] == "the") and self._locative_before(j)
        prefix = self._prefix_before(i) if i >= 2 and lows[i - 1] in w.prefix_ends else None
        return self.sent_of(s), qualifier, qual_start, locative, prefix

    def _locative_before(self, i: int) -> bool:
        if i <= 0:
            return False
        lows = self.lows
        p = i - 1
        if lows[p] == "the" and i >= 2:
            p = i - 2
        return lows[p] in self.w.locatives and self.text[self.ends[p]:self.starts[i]].strip() in ("", "the")

    def _prefix_before(self, i: int) -> str | None:
        if i < 2:
            return None
        lows = self.lows
        a, b = i - 2, i - 1
        if lows[b] not in self.w.prefix_ends:
            return None  # the checks below all need one of these words before the name
        text, starts, ends = self.text, self.starts, self.ends
        if text[ends[a]:starts[b]].strip() or text[ends[b]:starts[i]].strip():
            return None
        phrase = f"{lows[a]} {lows[b]}"
        if phrase in self.w.prefix_markers:
            return self.w.prefix_markers[phrase]
        if lows[b] in ("called", "named") and lows[a] in self.w.markers:
            return self.w.markers[lows[a]]
        return None

    def _is_actor_head(self, i: int) -> bool:
        if not self.words[i][0].isupper():
            return False
        low = self.lows[i]
        # memoised by the word: the same few organisation words come back in every article
        try:
            return _ACTOR_HEAD[low]
        except KeyError:
            pass
        heads = self.w.actor_heads
        head = low in heads or low.split("-")[0] in heads or low.rstrip("’'s") in heads
        if len(_ACTOR_HEAD) > 200_000:  # bound the memo on very long runs
            _ACTOR_HEAD.clear()
        _ACTOR_HEAD[low] = head
        return head

    def _org_after(self, i: int) -> bool:
        """An organisation's name goes on after the place: "Arakan Army", "Shan State Army"."""
        if i >= len(self.words) or not self.words[i][0].isupper():
            return False  # (the capital checked first: most words after a name have none)
        if self.text[self.ends[i - 1]:self.starts[i]].strip() not in ("", "-"):
            return False
        return self._is_actor_head(i)

    def _people_after(self, ch: _Chunk) -> bool:
        end = ch.marker_end or ch.end
        m = re.match(r"\s+([A-Za-z'’\-]+)", self.text[end:end + 40])
        return bool(m and m.group(1).lower() in self.w.people_heads)

    # -- pass 2: lists, levels ------------------------------------------------------------

    def spread_lists(self, chunks: list[_Chunk]) -> None:
        """ "Muse, Lashio and Kutkai townships": the plural marker covers the whole list."""
        groups: list[list[_Chunk]] = []
        for ch in chunks:
            if groups and groups[-1][-1].marker_end is None and _LIST_SEP.match(self.gap(groups[-1][-1].end, ch.start)):
                groups[-1].append(ch)
            else:
                groups.append([ch])
        for g in groups:
            last = g[-1]
            if last.plural and last.marker:
                for ch in g[:-1]:
                    if ch.marker is None:
                        ch.marker = last.marker
            first = g[0]
            if first.prefix:
                for ch in g[1:]:
                    ch.prefix = ch.prefix or first.prefix
            for ch in g[1:]:
                ch.locative = ch.locative or first.locative

    def choose(self, ch: _Chunk) -> Place | None:
        """The reading of a non-village chunk, or None."""
        level = ch.marker or ch.prefix
        cands = ch.candidates
        if level and not cands:
            cands = self.lookup(ch.name, level=level)
        elif level == "admin1" and not any(p.level == "admin1" for p in cands):
            # "Russia's Samara region": a unit named after its capital city
            cands = self.lookup(ch.name, level=level) or cands
        if level == "village":
            return None
        if level:
            want = [p for p in cands if p.level == level]
            if not want and level == "admin3":
                # "Nam Hpak Ka Township": the text calls a town a township; keep its town.
                want = [p for p in cands if p.level == "town" and p.country == "MMR"]
            if not want and level == "town":
                # "Laukkai town": the alias names the township; its town has the same name.
                for t in (p for p in cands if p.level == "admin3" and p.country == "MMR"):
                    want += [q for q in self.lookup(t.name, level="town") if q.admin3 == t.admin3]
                want = want or [p for p in cands if p.level == "admin3"]
            cands = want
        if not cands:
            return None
        key = _key(ch.name)
        mmr = [p for p in cands if p.country == "MMR"]
        world = [p for p in cands if p.country != "MMR"]
        if self.hint and self.hint != "MMR":
            order = [p for p in world if p.country == self.hint] + mmr + world
        else:
            order = mmr + world
        best = order[0]
        if best.country == "MMR":
            # Names that are English words or ethnic names need the text to mark them.
            if key in self.gaz.ethnonyms:
                if not (level or ch.locative) or self._people_after(ch):
                    return None
            elif key in self.gaz.needs_marker and not (level or ch.locative):
                return None
        else:
            if not self._world_ok(ch, best, level):
                return None
        return best

    def _world_ok(self, ch: _Chunk, p: Place, level: str | None) -> bool:
        if level or (self.hint and p.country == self.hint):
            return True
        if p.level == "country":
            return True
        if self._followed_by_parent(ch, p):
            return True  # "El Fasher, North Darfur", "Kunming, China"
        if p.level == "admin1":
            return ch.locative or len(ch.name.split()) > 1
        # Cities: need a locative frame or a big population (common words are filtered before).
        return ch.locative or (p.population or 0) >= 1_000_000

    _PARENT = re.compile(r"\s*,\s*((?:[A-Z][\w'’\-]*)(?:\s+[A-Z][\w'’\-]*){0,3})")

    def _followed_by_parent(self, ch: _Chunk, p: Place) -> bool:
        m = self._PARENT.match(self.text, ch.marker_end or ch.end)
        if not m:
            return False
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            if any(q.country == p.country and q.level in ("admin1", "country")
                   for q in self.known(" ".join(words[:n]))):
                return True
        return False

    # -- pass 3: villages -------------------------------------------------------------------

    def village(self, ch: _Chunk, ctx) -> tuple[Place | None, dict]:
        """Resolve a village chunk inside the sentence's, then the article's, units."""
        sent_a3, art_a3, sent_a1, art_a1 = ctx
        cands = self.villages(ch.name)
        count = self._memo(("distinct villages", ch.name),
                           lambda: len({(p.name, p.admin3, p.village_tract) for p in cands}))
        info = {"candidates": count}
        # A state only counts where no township is named: a village missing from the
        # sentence's township is more likely misspelt than in another township of the state.
        order = [(sent_a3, "admin3"), (art_a3, "admin3")]
        if not sent_a3:
            order.append((sent_a1, "admin1"))
            if not art_a3:
                order.append((art_a1, "admin1"))
        for units, field_ in order:
            if not units:
                continue
            names = {u.name if field_ == "admin1" else u.admin3 for u in units}
            inside = self._villages_inside(ch.name, cands, field_, names)
            if inside:
                distinct = {(p.admin3, p.village_tract, p.name) for p in inside}
                if len(distinct) > 1:
                    # Reports often name the village tract too ("Baw Kone village, Naung Gyi
                    # Aing village tract"): a tract the text names settles it.
                    named = [p for p in inside if p.village_tract and p.village_tract != p.name
                             and p.village_tract in self.text]
                    if named:
                        inside = named
                        distinct = {(p.admin3, p.village_tract, p.name) for p in inside}
                nearest = self._nearest_unit(ch, units)
                pick = [p for p in inside if getattr(p, field_) == (nearest.admin3 if field_ == "admin3" else nearest.name)]
                best = (pick or inside)[0]
                info.update(found=True, ambiguous=len(distinct) > 1, context=field_)
                return best, info
        return None, info

    def _villages_inside(self, name: str, cands: list[Place], field_: str, names: set) -> list[Place]:
        """The villages of `cands` (self.villages(name)) whose unit (`field_`) is one of
        `names`, in their order. A name like "Kyar Inn" has dozens of villages: they are
        grouped by unit once per name (memoised like the lookups), so each question is a dict
        get instead of a pass over all of them. The lists are shared: never change them."""
        key = ("villages by unit", name, field_)
        by_unit: dict[str | None, tuple[list[int], list[Place]]] | None = self._lookups.get(key)
        if by_unit is None:
            def group() -> dict[str | None, tuple[list[int], list[Place]]]:
                out: dict[str | None, tuple[list[int], list[Place]]] = {}
                for k, unit in enumerate(map(_UNIT_OF[field_], cands)):
                    out.setdefault(unit, ([], []))
                    out[unit][0].append(k)
                    out[unit][1].append(cands[k])
                return out
            by_unit = self._memo(key, group)
        found = [by_unit[n] for n in names if n in by_unit]
        if not found:
            return []
        if len(found) == 1:
            return found[0][1]
        return [cands[k] for k in sorted(k for ks, _ in found for k in ks)]

    def _region_in_headline(self, ch: _Chunk) -> bool:
        """"Sagaing Village" with a capital V, where Sagaing is a region or township and MIMU has
        no such village in it: a title-case headline naming the region, not a village."""
        if ch.marker_end is None or not self.text[ch.marker_end - 7:ch.marker_end].startswith("Village"):
            return False
        units = [p for p in self.known(ch.name) if p.country == "MMR" and p.level in ("admin1", "admin3")]
        return bool(units) and not any(v.admin1 in {u.admin1 for u in units} for v in self.villages(ch.name, loose=False))

    def _owner_unit(self, ch: _Chunk) -> Place | None:
        """The Myanmar township (or state) that a possessive before a village names."""
        if not ch.possessor:
            return None
        for p in self.known(ch.possessor):
            if p.country != "MMR":
                continue
            if p.level in ("admin3", "town") and p.admin3:
                return self.township(p.admin3) or p
            if p.level == "admin1":
                return p
        return None

    def _nearest_unit(self, ch: _Chunk, units: list[tuple[Place, int]] | list[Place]):
        return min(units, key=lambda u: abs(self._unit_pos.get(id(u), 0) - ch.start))

    # -- run ------------------------------------------------------------------------------

    def find(self) -> list[Mention]:
        chunks = self.chunks()
        self.spread_lists(chunks)
        chosen: list[tuple[_Chunk, Place]] = []
        villages: list[_Chunk] = []
        unmarked: list[_Chunk] = []
        for ch in chunks:
            if ch.blocked:
                continue
            level = ch.marker or ch.prefix
            if level == "village":
                vch = self._village_name(ch)
                if vch is not None and self._region_in_headline(vch):
                    continue  # "Junta Airstrike Kills 12 in Sagaing Village": a headline's region
                if vch is not None:
                    villages.append(vch)
                    continue
                if ch.plural and ch.candidates:
                    # "Magwe villages", "Sagaing villages": villages of a named unit.
                    ch.marker = ch.prefix = None
                    p = self.choose(ch)
                    if p is not None:
                        chosen.append((ch, p))
                continue
            if level:
                # A marked name: the whole piece, else the known name that ends it
                # ("Junta Kills Five In Sagaing Region" in a headline).
                target = ch
                if not ch.candidates and ch.parts and ch.parts[-1].end == ch.end:
                    target = ch.parts[-1]
                    target.marker, target.marker_end, target.plural = ch.marker, ch.marker_end, ch.plural
                    target.prefix = ch.prefix
                p = self.choose(target)
                if p is not None:
                    chosen.append((target, p))
                continue
            if ch.leftover:
                unmarked.append(ch)  # maybe a village of a township the article names
                continue
            for part in ch.parts:
                part.locative = part.locative or ch.locative
                p = self.choose(part)
                if p is not None:
                    chosen.append((part, p))
            if not ch.parts:
                unmarked.append(ch)
        self._link_city_admin1(chosen)

        # Context: the Myanmar townships/states named, by sentence and in the article.
        self._unit_pos: dict[int, int] = {}
        sent_a3: dict[int, list[Place]] = {}
        sent_a1: dict[int, list[Place]] = {}
        art_a3: list[Place] = []
        art_a1: list[Place] = []
        for ch, p in chosen:
            if p.country != "MMR":
                continue
            if p.admin3:
                t = self.township(p.admin3) or p
                self._unit_pos[id(t)] = ch.start
                sent_a3.setdefault(ch.sent, []).append(t)
                art_a3.append(t)
            if p.admin1:
                a1 = self.lookup(p.admin1, level="admin1", country="MMR")
                if a1:
                    self._unit_pos[id(a1[0])] = ch.start
                    sent_a1.setdefault(ch.sent, []).append(a1[0])
                    art_a1.append(a1[0])

        out: list[Mention] = []
        for ch, p in chosen:
            # (the country first: for a Myanmar place the readings need not be counted)
            out.append(self.mention(ch, p, found=True, ambiguous=p.country != "MMR" and len({(c.level, c.country) for c in ch.candidates if c.level == p.level}) > 1))

        # The unit each village the gazetteer lacks was placed in, by name: told again in a
        # sentence that names no township, it is the same village, in the same unit (not in
        # the township named nearest to the second telling).
        unfound_units: dict[str, Place | None] = {}
        for ch in villages:
            ctx = (sent_a3.get(ch.sent), art_a3, sent_a1.get(ch.sent), art_a1)
            owner = self._owner_unit(ch)
            if owner is not None:
                # the unit the text says it is in comes first
                self._unit_pos[id(owner)] = ch.start
                ctx = ([owner], art_a3, sent_a1.get(ch.sent), art_a1) if owner.level == "admin3" \
                    else (None, [], [owner], [owner])
            p, info = self.village(ch, ctx)
            if owner is not None and owner.level == "admin3":
                info["township_named"] = True  # "Monywa's Nandawun ward" names its township
            if p is not None:
                out.append(self.mention(ch, p, found=True, ambiguous=info["ambiguous"], extra=info))
                continue
            unit = None
            key = _key(ch.name)
            if not ctx[0] and key in unfound_units:
                unit = unfound_units[key]
            else:
                for units in ctx:
                    if units:
                        unit = self._nearest_unit(ch, units)
                        break
                unfound_units.setdefault(key, unit)
            out.append(self.unfound_village(ch, unit, info))

        # Unmarked names that are villages of a township the article names (one only).
        for ch in unmarked:
            if len(ch.name) < 4 or _key(ch.name) in self.w.not_places:
                continue
            if self.words and ch.name.split()[0].lower() in self.w.stop:
                continue
            units = (sent_a3.get(ch.sent) or []) + art_a3
            if not units:
                continue
            names = {u.admin3 for u in units}
            cands = [p for p in self.villages(ch.name, loose=False) if p.admin3 in names]
            distinct = {(p.admin3, p.village_tract, p.name) for p in cands}
            if len(distinct) == 1:
                out.append(self.mention(ch, cands[0], found=True, ambiguous=False,
                                        extra={"candidates": 1, "context": "admin3"}))
            elif not cands and _NEAR_BEFORE_NAME.search(self.text, max(0, ch.start - 6), ch.start) \
                    and not self.known(ch.name) and not self.villages(ch.name):
                # "attacked BA near Nawng Cho": a name the gazetteer lacks, right after "near",
                # in a story about one township, is a place there (kept as written)
                unit = self._nearest_unit(ch, units)
                out.append(self.unfound_village(ch, unit, {"candidates": 0}))
        out = self.with_roads(out)
        out.sort(key=lambda m: m.start)
        return out

    def with_roads(self, found: list[Mention]) -> list[Mention]:
        """`found` and the roads of the text. A road told by its two towns after the road word
        ("on the road between Loikaw and Demoso") takes the place of the two towns' mentions:
        the act was on the road, not in either town."""
        if not self._has_road_word():
            return found
        text = self.text
        folded = fold_case(text)
        dashed: Iterable[re.Match[str]]
        between: Iterable[re.Match[str]]
        if folded is None:
            dashed = _ROAD.finditer(text) if "-" in text else ()
            between = _ROAD_BETWEEN.finditer(text)
        else:
            # (searched around the road words only: the whole text cost more than the rest)
            starts = _road_word_starts(folded)
            dashed = _dashed_roads(text, starts) if "-" in text else ()
            between = _roads_between(text, starts)
        roads = self.roads(found, dashed)
        roads_between = self.roads(found, between, inner_towns=True)
        if roads_between:
            found = [f for f in found if not any(r.start <= f.start and f.end <= r.end for r in roads_between)]
        return found + roads + roads_between

    def roads(self, found: list[Mention], matches, inner_towns: bool = False) -> list[Mention]:
        """"on the Kalay-Falam road": a road named by the two towns it joins, both known. It is
        placed in their state (the first's where they differ), at no township, half way.
        `inner_towns`: the two towns may be mentions of their own inside the road's words."""
        out = []
        for m in matches:
            overlaps = [f for f in found if f.start < m.end() and m.start() < f.end]
            if inner_towns:
                overlaps = [f for f in overlaps if f.start < m.start("a") or f.end > m.end("b")]
            if overlaps:
                continue  # part of a name found already
            if not _ROAD_AT.search(self.text, max(0, m.start() - 12), m.start()):
                continue  # "advanced along the Monywa-Pathein Road": a way taken, not a place
            ends = []
            for name in (m.group("a"), m.group("b")):
                hit = [p for p in self.known(name) if p.country == "MMR" and p.level in ("town", "admin3")]
                if not hit:
                    break
                ends.append(hit[0])
            if len(ends) < 2:
                continue
            a, b = ends
            # named as a gazetteer would: "road between Loikaw and Demoso" -> "Loikaw-Demoso road"
            name = f"{m.group('a')}-{m.group('b')} {m.group(0).split()[0].lower()}" if inner_towns else m.group(0)
            value = {
                "level": "road", "name": name, "country": "MMR", "admin1": a.admin1,
                "admin2": a.admin2 if a.admin2 == b.admin2 else None, "admin3": None, "pcode": None,
                "lat": (a.lat + b.lat) / 2 if a.lat and b.lat else a.lat,
                "lon": (a.lon + b.lon) / 2 if a.lon and b.lon else a.lon,
                "geo_precision": 2, "ambiguous": False, "qualifier": None, "found": True,
                "admin1_part": a.admin1_part, "village_tract": None, "source": "text",
            }
            out.append(Mention(KIND, m.start(), m.end(), m.group(0), value))
        return out

    def _has_road_word(self) -> bool:
        """_ROAD_WORD.search(text), as substrings of the case-folded text where there is one
        (a case-insensitive search is slow; on folded text only these spellings match)."""
        folded = fold_case(self.text)
        if folded is None:
            return _ROAD_WORD.search(self.text) is not None
        return any(w in folded for w in _ROAD_WORDS)

    def _village_name(self, ch: _Chunk) -> _Chunk | None:
        """The village name in a marked chunk: the words after the last filler word, at most
        four ("Nar Nant Htun"); a longer run is a title-case headline, not a name."""
        words = list(WORD.finditer(ch.name))
        cut = 0
        for k, m in enumerate(words):
            if m.group() == "A" and k == 0 and _MID_SENTENCE.search(self.text, max(0, ch.start - 3), ch.start):
                continue  # "in A Nang Pa village": a capital "A" inside a sentence starts a name
            if m.group().lower() in self.w.stop or _key(m.group()) in self.w.not_places:
                cut = k + 1
        owner = None
        landmark = self._landmark_marker(ch)
        for m in _OWNER.finditer(ch.name):
            # "Monywa's Nandawun ward": the name after the possessive, in the unit before it
            before = ch.name[:m.start()]
            if landmark and " " not in before and not before.isupper() and not self.known(before):
                # "Buddha's Footprint Pagoda Hill": one word, no place, no acronym ("the KNDF's
                # Daw Ta Hill" is the group's): a landmark's possessive is part of its name
                continue
            after = next((k for k, w in enumerate(words) if w.start() >= m.end()), None)
            if after is not None and after >= cut:
                cut, owner = after, before
        # ... unless the words from an earlier one on are a village's whole name ("Let Yet
        # Kone": "Let" and "Yet" are English words too)
        cut = next((k for k in range(cut) if len(words) - k <= 4 and any(
            p.level == "village" for p in self.mmr(ch.name[words[k].start():words[-1].end()]))), cut)
        words = words[cut:]
        if not words or len(words) > 4:
            return None
        if ch.plural and self.known(ch.name[words[0].start():words[-1].end()]):
            tail_known = self.known(ch.name[words[0].start():words[-1].end()])
            if any(p.level in ("admin1", "admin2", "admin3") for p in tail_known):
                return None  # "Magwe villages": the villages of a region
        if cut:
            s = ch.start + words[0].start()
            ch.start, ch.name, ch.qualifier, ch.qual_start = s, self.text[s:ch.end], None, None
        ch.possessor = owner
        return ch

    def _link_city_admin1(self, chosen: list[tuple[_Chunk, Place]]) -> None:
        """ "El Fasher, North Darfur": a city followed by its country's admin1 takes that admin1."""
        for k in range(len(chosen) - 1):
            (c1, p1), (c2, p2) = chosen[k], chosen[k + 1]
            if (p1.country != "MMR" and p2.level == "admin1" and p1.country == p2.country
                    and p1.level in ("town", "village") and self.gap(c1.end, c2.start).strip() == ","):
                from dataclasses import replace

                chosen[k] = (c1, replace(p1, admin1=p2.name))

    def span(self, ch: _Chunk) -> tuple[int, int]:
        start = ch.qual_start if ch.qual_start is not None else ch.start
        end = ch.marker_end if ch.marker_end is not None else ch.end
        return start, end

    def mention(self, ch: _Chunk, p: Place, found: bool, ambiguous: bool, extra: dict | None = None) -> Mention:
        # (a unit without an admin1 has no part: admin1_part would find none for it either)
        part = self.gaz.admin1_part(p.admin1, ch.qualifier) \
            if p.level == "admin1" and p.country == "MMR" and p.admin1 is not None else None
        pcode = p.pcode
        lat, lon = p.lat, p.lon
        if part:
            sub = self.lookup(part, level="admin1", country="MMR")
            if sub:
                pcode, lat, lon = sub[0].pcode, sub[0].lat, sub[0].lon
        value = {
            "level": p.level, "name": p.name, "country": p.country, "admin1": p.admin1,
            "admin2": p.admin2, "admin3": p.admin3, "pcode": pcode, "lat": lat, "lon": lon,
            "geo_precision": _GEO_PRECISION.get(p.level, 1), "ambiguous": ambiguous,
            "qualifier": ch.qualifier, "found": found, "admin1_part": part or p.admin1_part,
            "village_tract": p.village_tract, "source": p.source,
        }
        if p.level == "admin1" and p.country != "MMR":
            value["admin1"] = p.name
        if extra:
            value["candidates"] = extra.get("candidates")
            if extra.get("township_named"):
                value["township_named"] = True
        s, e = self.span(ch)
        return Mention(KIND, s, e, self.text[s:e], value)

    def _landmark_marker(self, ch: _Chunk) -> bool:
        """The chunk's marker is a landmark's, part of its name ("Kartai Mountain")."""
        return ch.marker_end is not None and self.text[ch.end:ch.marker_end].strip().lower() in self.w.landmarks

    def unfound_village(self, ch: _Chunk, unit: Place | None, info: dict) -> Mention:
        name = ch.name
        if self._landmark_marker(ch):
            name = f"{name} {self.text[ch.end:ch.marker_end].strip()}"  # "Kartai Mountain" is the name
        value = {
            "level": "village", "name": name, "country": "MMR",
            "admin1": unit.admin1 if unit else None, "admin2": unit.admin2 if unit else None,
            "admin3": unit.admin3 if unit else None, "pcode": None,
            "lat": unit.lat if unit else None, "lon": unit.lon if unit else None,
            "geo_precision": (2 if unit.admin3 else 3) if unit else None,
            "ambiguous": unit is None and info.get("candidates", 0) > 1,
            "qualifier": ch.qualifier, "found": False, "admin1_part": unit.admin1_part if unit else None,
            "village_tract": None, "source": "text", "candidates": info.get("candidates", 0),
        }
        if info.get("township_named"):
            value["township_named"] = True
        if unit is None and info.get("candidates") == 1:
            # No context at all, but MIMU has exactly one village of that name: take it.
            p = self.villages(ch.name)[0]
            return self.mention(ch, p, found=True, ambiguous=False, extra=info)
        s, e = self.span(ch)
        return Mention(KIND, s, e, self.text[s:e], value)


def find_places(text: str, country_hint: str | None = None) -> list[Mention]:
    """Place mentions in `text`, in order. Pure: the same text gives the same mentions."""
    if not text or not text.strip():
        return []
    return _Finder(text, country_hint, gazetteer()).find()


@Language.factory("clashmap_places")
def make_places(nlp, name: str):
    def component(doc):
        hint = None
        mentions_of(doc, KIND).extend(find_places(doc_text(doc), country_hint=hint))
        return doc

    return component
