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
from itertools import accumulate, compress, repeat
from operator import itemgetter
from typing import NamedTuple

from spacy.language import Language

from clashmap.extract.mentions import Mention, doc_text, mentions_of
from clashmap.knowledge.places import (
    Gazetteer,
    Place,
    _rank,
    context_words,
    gazetteer,
    norm_key,
)
from clashmap.memo import remember

KIND = "places"

# A word: letters/digits with inner apostrophes or hyphens ("Ta'ang", "Mrauk-U", "Hpa-An").
_TOKEN = re.compile(r"[^\W_][\w]*(?:['’\-][^\W_]+)*")
_SENT_END = re.compile(r"[.!?;]+[\"'”’)]*\s+|\n+")
_LIST_SEP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*|/\s*)$")
_GEO_PRECISION = {"village": 1, "town": 1, "admin3": 2, "admin2": 2, "admin1": 3, "country": 3}
_MAX_NGRAM = 6


class _Tok(NamedTuple):
    """A word with its offsets; case facts computed once (tokens are made for every word,
    so they are tuples: made in C, read by index descriptors)."""

    text: str
    start: int
    end: int
    full_end: int
    cap: bool  # text[0].isupper()
    low: str  # text.lower()


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


_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_POSSESSIVE = re.compile(r"['’][sS]")
_first_char = itemgetter(0)
_is_cap = itemgetter(_Tok._fields.index("cap"))


def _tokens(text: str) -> list[_Tok]:
    """Every word of `text` as a _Tok. Built column by column with C-level calls (split,
    accumulate, map): a Python loop over the words cost more than the rest of the pass."""
    parts = _TOKEN_SPLIT.split(text)  # gap, word, gap, word, ..., gap
    words = parts[1::2]
    if not words:
        return []
    offsets = list(accumulate(map(len, parts)))  # where each part ends
    starts = offsets[0:-1:2]
    full_ends = offsets[1::2]
    ends = full_ends
    # "Sagaing's" -> "Sagaing": the possessive is not part of the name (but "Cox's Bazar"
    # stays one run: runs are joined over the full word). Such a word (three characters or
    # more) ends right after an apostrophe-s that does not start it.
    for m in _POSSESSIVE.finditer(text):
        i = bisect_left(full_ends, m.end())
        if i < len(words) and full_ends[i] == m.end() and starts[i] < m.start():
            if ends is full_ends:
                ends = full_ends.copy()
            ends[i] -= 2
            words[i] = words[i][:-2]
    caps = map(str.isupper, map(_first_char, words))
    lows = map(str.lower, words)
    return list(map(tuple.__new__, repeat(_Tok), zip(words, starts, ends, full_ends, caps, lows)))


def _sentence_index(text: str) -> list[int]:
    """Start offsets of sentences (a plain splitter: find_places must not need spaCy)."""
    starts = [0]
    for m in _SENT_END.finditer(text):
        starts.append(m.end())
    return starts


class _Finder:
    def __init__(self, text: str, country_hint: str | None, gaz: Gazetteer):
        self.text = text
        self.hint = country_hint.upper() if country_hint else None
        self.gaz = gaz
        self.w = _words()
        self.toks = _tokens(text)
        self.sent_starts = _sentence_index(text)
        memo = getattr(gaz, "_known_memo", None)
        if memo is None:
            memo = gaz._known_memo = {}
        self._known: dict[str, list[Place]] = memo
        lookups = getattr(gaz, "_lookup_memo", None)
        if lookups is None:
            lookups = gaz._lookup_memo = {}
        self._lookups: dict[tuple, object] = lookups

    # -- helpers -------------------------------------------------------------------------

    def sent_of(self, offset: int) -> int:
        """The index of the sentence `offset` lies in (the last start at or before it)."""
        return max(0, bisect_right(self.sent_starts, offset) - 1)

    def gap(self, a: int, b: int) -> str:
        return self.text[a:b]

    def is_filler(self, tok: _Tok) -> bool:
        """A capitalised word that may sit next to a place without being part of its name."""
        try:
            return _FILLER[tok.text]
        except KeyError:
            pass
        low = tok.low
        filler = (low in self.w.stop or low in self.w.qualifiers or _key(tok.text) in self.w.not_places
                  or low in self.w.locatives)
        if len(_FILLER) > 200_000:  # bound the memo on very long runs
            _FILLER.clear()
        _FILLER[tok.text] = filler
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

    def lookup(self, name: str, level: str | None = None, country: str | None = None) -> list[Place]:
        return self._memo(("lookup", name, level, country),
                          lambda: self.gaz.lookup(name, level=level, country=country))

    def villages(self, name: str, loose: bool = True) -> list[Place]:
        return self._memo(("villages", name, loose), lambda: self.gaz.villages(name, loose=loose))

    def township(self, name: str) -> Place | None:
        return self._memo(("township", name), lambda: self.gaz.township(name))

    # -- pass 1: chunks ------------------------------------------------------------------

    def runs(self) -> list[list[int]]:
        """Indices of consecutive capitalised tokens separated by spaces only."""
        toks, text = self.toks, self.text
        runs, cur = [], []
        prev = -2
        # only the capitalised tokens are visited: a token between two of them ends a run
        for i in compress(range(len(toks)), map(_is_cap, toks)):
            if cur and i == prev + 1 and text[toks[prev].full_end:toks[i].start].strip(" ") == "":
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
        for run in self.runs():
            if self.toks[run[0]].text in self.w.honorifics and len(run) > 1:
                continue  # a person's name
            # Split the run at capitalised marker words: "Muse Township", "Sagaing Region".
            pieces: list[tuple[list[int], int | None]] = []
            cur: list[int] = []
            for i in run:
                if self.toks[i].low in self.w.markers and cur:
                    pieces.append((cur, i))
                    cur = []
                else:
                    cur.append(i)
            if cur:
                pieces.append((cur, None))
            for k, (piece, marker_i) in enumerate(pieces):
                after_i = (marker_i + 1) if marker_i is not None else piece[-1] + 1
                if marker_i is None and k == len(pieces) - 1:
                    # a lower-case marker after the run: "Muse township", "Pan Par village"
                    nxt = self.toks[after_i] if after_i < len(self.toks) else None
                    if (nxt is not None and not nxt.cap and nxt.low in self.w.markers
                            and self.gap(self.toks[piece[-1]].end, nxt.start).strip() == ""):
                        marker_i = after_i
                        after_i += 1
                if marker_i is None and len(piece) == 1 and self.is_filler(self.toks[piece[0]]):
                    continue  # a lone filler word ("The", "In"): piece_chunks gives nothing
                out.extend(self.piece_chunks(piece, marker_i, after_i,
                                             run_has_more=len(pieces) > 1 and marker_i is None))
        return out

    def piece_chunks(self, piece: list[int], marker_i: int | None, after_i: int,
                     run_has_more: bool) -> list[_Chunk]:
        """One chunk for the piece's name (filler words dropped), with its known sub-names."""
        toks = self.toks
        # Drop leading filler ("In", "The", "Northern") unless a known name starts with it
        # ("North Darfur", "The Hague").
        start = 0
        while start < len(piece) and self.is_filler(toks[piece[start]]) and not any(
                self.known(self.text[toks[piece[start]].start:toks[piece[j]].end])
                for j in range(start + 1, min(len(piece), start + _MAX_NGRAM))):
            start += 1
        if start == len(piece):
            if marker_i is None:
                return []
            start = len(piece) - 1
        body = piece[start:]
        # Greedy longest match over admin levels, towns and the world. Villages are never
        # matched inside a longer run: a village name is only ever taken whole.
        matches: list[tuple[int, int, list[Place]]] = []
        i = 0
        while i < len(body):
            for j in range(min(len(body), i + _MAX_NGRAM), i, -1):
                cands = self.known(self.text[toks[body[i]].start:toks[body[j - 1]].end])
                if cands:
                    matches.append((i, j, cands))
                    i = j
                    break
            else:
                i += 1
        # "Myanmar Now", "Mandalay People's Defense Force", "Shan State Army-North": a name
        # followed inside the run by an organisation word is part of that organisation's name.
        blocked_inside = False
        for (x, y, _c) in list(matches):
            if y < len(body) and self._is_actor_head(toks[body[y]]):
                matches.remove((x, y, _c))
                blocked_inside = True
        covered = {k for (x, y, _) in matches for k in range(x, y)}
        leftover = blocked_inside or run_has_more or any(not self.is_filler(toks[body[k]]) for k in range(len(body))
                                       if k not in covered)

        marker = self.w.markers.get(toks[marker_i].low) if marker_i is not None else None
        plural = marker is not None and toks[marker_i].low.endswith("s")

        def make(x: int, y: int, cands: list[Place]) -> _Chunk:
            s, e = toks[body[x]].start, toks[body[y - 1]].end
            ch = _Chunk(s, e, self.text[s:e], self.sent_of(s), candidates=cands)
            # qualifier: a direction word right before the name, capitalised or not
            q = body[x] - 1
            if q >= 0 and toks[q].low in self.w.qualifiers and self.gap(toks[q].end, s).strip() == "":
                ch.qualifier, ch.qual_start = toks[q].low, toks[q].start
            ch.locative = self._locative_before(body[x] if ch.qual_start is None else body[x] - 1)
            ch.prefix = self._prefix_before(body[x])
            return ch

        whole_cands = matches[0][2] if len(matches) == 1 and matches[0][:2] == (0, len(body)) else []
        whole = make(0, len(body), whole_cands)
        if marker:
            whole.marker, whole.plural, whole.marker_end = marker, plural, toks[marker_i].end
        whole.leftover = leftover
        whole.blocked = self._org_after(after_i)
        whole.parts = [make(x, y, c) for (x, y, c) in matches]
        return [whole]

    def _locative_before(self, tok_i: int) -> bool:
        if tok_i <= 0:
            return False
        prev = self.toks[tok_i - 1]
        if prev.low in ("the",) and tok_i >= 2:
            prev = self.toks[tok_i - 2]
        return prev.low in self.w.locatives and self.gap(prev.end, self.toks[tok_i].start).strip() in ("", "the")

    def _prefix_before(self, tok_i: int) -> str | None:
        if tok_i < 2:
            return None
        a, b = self.toks[tok_i - 2], self.toks[tok_i - 1]
        if b.low not in self.w.prefix_ends:
            return None  # the checks below all need one of these words before the name
        if self.gap(a.end, b.start).strip() or self.gap(b.end, self.toks[tok_i].start).strip():
            return None
        phrase = f"{a.low} {b.low}"
        if phrase in self.w.prefix_markers:
            return self.w.prefix_markers[phrase]
        if b.low in ("called", "named") and a.low in self.w.markers:
            return self.w.markers[a.low]
        return None

    def _is_actor_head(self, tok: _Tok) -> bool:
        if not tok.cap:
            return False
        low = tok.low
        return (low in self.w.actor_heads or low.split("-")[0] in self.w.actor_heads
                or low.rstrip("’'s") in self.w.actor_heads)

    def _org_after(self, tok_i: int) -> bool:
        """An organisation's name goes on after the place: "Arakan Army", "Shan State Army"."""
        if tok_i >= len(self.toks):
            return False
        nxt = self.toks[tok_i]
        prev_end = self.toks[tok_i - 1].end
        if self.gap(prev_end, nxt.start).strip() not in ("", "-"):
            return False
        return self._is_actor_head(nxt)

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
            inside = [p for p in cands if getattr(p, field_) in names]
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

        for ch in villages:
            ctx = (sent_a3.get(ch.sent), art_a3, sent_a1.get(ch.sent), art_a1)
            p, info = self.village(ch, ctx)
            if p is not None:
                out.append(self.mention(ch, p, found=True, ambiguous=info["ambiguous"], extra=info))
                continue
            unit = None
            for units in ctx:
                if units:
                    unit = self._nearest_unit(ch, units)
                    break
            out.append(self.unfound_village(ch, unit, info))

        # Unmarked names that are villages of a township the article names (one only).
        for ch in unmarked:
            if len(ch.name) < 4 or _key(ch.name) in self.w.not_places:
                continue
            if self.toks and ch.name.split()[0].lower() in self.w.stop:
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
        out.sort(key=lambda m: m.start)
        return out

    def _village_name(self, ch: _Chunk) -> _Chunk | None:
        """The village name in a marked chunk: the words after the last filler word, at most
        four ("Nar Nant Htun"); a longer run is a title-case headline, not a name."""
        words = list(_TOKEN.finditer(ch.name))
        cut = 0
        for k, m in enumerate(words):
            if m.group().lower() in self.w.stop or _key(m.group()) in self.w.not_places:
                cut = k + 1
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
        part = self.gaz.admin1_part(p.admin1, ch.qualifier) if p.level == "admin1" and p.country == "MMR" else None
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
        s, e = self.span(ch)
        return Mention(KIND, s, e, self.text[s:e], value)

    def unfound_village(self, ch: _Chunk, unit: Place | None, info: dict) -> Mention:
        value = {
            "level": "village", "name": ch.name, "country": "MMR",
            "admin1": unit.admin1 if unit else None, "admin2": unit.admin2 if unit else None,
            "admin3": unit.admin3 if unit else None, "pcode": None,
            "lat": unit.lat if unit else None, "lon": unit.lon if unit else None,
            "geo_precision": (2 if unit.admin3 else 3) if unit else None,
            "ambiguous": unit is None and info.get("candidates", 0) > 1,
            "qualifier": ch.qualifier, "found": False, "admin1_part": unit.admin1_part if unit else None,
            "village_tract": None, "source": "text", "candidates": info.get("candidates", 0),
        }
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
