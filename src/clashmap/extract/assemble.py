"""Assemble events from what the components found: sentences -> event frames -> events.

The steps, each a small function below:
1. frames: every sentence with an event trigger gives one frame per sub-event type (and per
   township when the sentence lists several); a count of events over a period ("374 clashes in
   June") gives an aggregate frame instead. Sentences whose only time is vague ("in recent
   days", "near-daily") give nothing.
2. fill: each frame takes the date, place, actors, casualty figures and claimant of its sentence.
3. merge: frames that tell the same happening (same sub-type, compatible place, date and
   actors) become one; a frame without a date or place borrows from the frame it merges with.
4. inherit: a frame still missing a date or place borrows from the sentence just before it
   (news stories tell one happening over consecutive sentences).
5. events: frames with no date or no place (single events) are dropped, not guessed.

Policy that is about the world (which actor usually flies aircraft, what a country's civilians
are called) comes from the knowledge files through small helpers, not from branches here.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from functools import lru_cache
from itertools import accumulate, compress
from operator import attrgetter, is_

from clashmap.extract.mentions import ALNUM, Mention, alnum_columns, doc_text
from clashmap.knowledge.defaults import country_defaults
from clashmap.model import Article, Casualty, Event, Evidence
from clashmap.regexes import alternation, fold_case

TERRITORY = ("Non-state actor overtakes territory", "Government regains territory")
_HANDOVER = "Non-violent transfer of territory"
CIVILIAN_TARGET_TYPES = {"Looting/property destruction", "Arrests", "Abduction/forced disappearance",
                         "Attack", "Sexual violence"}
REMOTE = {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
          "Grenade", "Suicide bomb", "Chemical weapon"}
# Words that show a count is a summary over many events ("a total of", "including").
_LETHAL_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
# Sub-types of those that take people away rather than kill: killings told in a sentence of their
# own are an attack of their own, not a detail of such an act.
_NOT_LETHAL_SUBS = {"Abduction/forced disappearance", "Sexual violence"}
# Protests kill only when forces fire on them: that sub-type takes the toll told with it.
_LETHAL_PROTEST = "Excessive force against protesters"
_MANY_PLACES = re.compile(r"\b(?:\d+|several|many|dozens of|hundreds of)\s+(?:of\s+the\s+\w+[’']s\s+)?(?:villages|townships|towns|locations|places)\b", re.I)
_ANAPHOR = re.compile(r"\b(?:the|this|that|same)\s+$", re.I)
_PERFECT_BEFORE = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?$", re.I)
_LOST = re.compile(r"lost\b", re.I)
_RETAKE = re.compile(r"^(?:re|retook|regain)", re.I)


@dataclass
class Frame:
    sub_event_type: str
    event_type: str
    sent: int
    trigger: Mention
    aggregate: bool = False
    event_count: int | None = None
    harm_only: bool = False
    date: dict | None = None
    date_m: Mention | None = None
    place: dict | None = None
    place_m: Mention | None = None
    actors1: list[Mention] = field(default_factory=list)
    actor2: Mention | None = None
    actor2_name: str | None = None
    actor1_name: str | None = None
    dropped: bool = False
    count_side: str | None = None  # for a summary: the side its counted noun names
    killed: list[Mention] = field(default_factory=list)
    injured: list[Mention] = field(default_factory=list)
    claimant: str | None = None
    claimant_m: Mention | None = None
    triggers: list[Mention] = field(default_factory=list)
    pool: list[Mention] = field(default_factory=list)  # the actors of the sentences told
    place_near: bool = False  # "near Kyaung Lae village": the place is a landmark of the act
    told_figures: set = field(default_factory=set)  # casualty numbers its sentence gives, any role
    definite: bool = False  # "the landmine", no time or place of its own: an act told before
    claimant_borrowed: bool = False  # the source came from the sentence before
    goes_on: bool = False  # "The fighting continued into Sunday": the act before lasted until this date
    # how the act is told, as bits (_BLAMED_BIT ...): one int field, not five, because instances
    # with more than 30 attributes lose CPython's shared-key dicts and read every field slower
    marks: int = 0
    # what _fill_actors read when it last ran (_actor_inputs): the second filling skips a frame
    # whose inputs are the same objects (not compared as a field: it is a record of the filling)
    actor_inputs: tuple | None = field(default=None, compare=False, repr=False)

    def copy_for_place(self, pool: list[Mention]) -> Frame:
        """A copy that one of several places will own: its own lists of triggers, victims
        and (a new) pool. Written out field by field because it runs for every frame of a
        sentence with places: dataclasses.replace reads the fields by name and is several
        times slower (test_assemble checks that every field is here)."""
        return Frame(self.sub_event_type, self.event_type, self.sent, self.trigger, self.aggregate,
                     self.event_count, self.harm_only, self.date, self.date_m, self.place,
                     self.place_m, self.actors1, self.actor2, self.actor2_name, self.actor1_name,
                     self.dropped, self.count_side, list(self.killed), list(self.injured),
                     self.claimant, self.claimant_m, list(self.triggers), pool, self.place_near,
                     self.told_figures, self.definite, self.claimant_borrowed, self.goes_on,
                     self.marks, self.actor_inputs)


# Frame.marks
_BLAMED_BIT = 1  # "The regime blamed terrorists for the attack": who is named is an accusation
_MORE_VICTIMS = 2  # "two others were also killed": victims on top of those told before
_THE_ACT = 4  # "in the fighting": a telling that points back at an act told before
_DATE_BORROWED = 8  # the date came from another sentence, not its own telling
_NEXT_STEP = 16  # "The troops then torched 10 houses in X village": an act after the one told


# ----------------------------------------------------------------------------- helpers
# sort keys read in C (cheaper than a lambda on the long lists sorted for every article)
_BY_START = attrgetter("start")
_BY_SENT = attrgetter("sent")


def _sentences(doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of the Doc's sentences, read from its token arrays:
    the same spans as doc.sents, without making a Span and Token objects for each.
    Only the sentence starts are read as an array (reading IDX and LENGTH for every token
    cost as much again: LENGTH is on each token's lexeme); the offsets are then read from
    the first and last token of each sentence."""
    from spacy.attrs import SENT_START

    n = len(doc)
    if n == 0:
        return []
    import numpy as np

    starts = np.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    ends = starts[1:]
    ends.append(n)
    out = []
    for s, e in zip(starts, ends):
        last = doc[e - 1]
        out.append((doc[s].idx, last.idx + len(last)))
    return out


def _group(mentions: list[Mention], sents: list[tuple[int, int]]) -> list[list[Mention]]:
    out: list[list[Mention]] = [[] for _ in sents]
    ends = [e for _, e in sents]
    last = len(sents) - 1
    i = 0
    for m in sorted(mentions, key=_BY_START):
        start = m.start
        while i < last and start >= ends[i]:
            i += 1
        out[i].append(m)
    return out


def _inside(m: Mention, spans: list[Mention]) -> bool:
    # a plain loop: called for every trigger and place, and any() over a generator costs more
    start, end = m.start, m.end
    for s in spans:
        if s.start <= start and end <= s.end and s is not m:
            return True
    return False


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _dist(a: Mention, b: Mention) -> int:
    return 0 if _overlaps(a, b) else min(abs(a.start - b.end), abs(b.start - a.end))


def _iso(d) -> Date | None:
    if not d:
        return None
    if type(d) is str:
        return _iso_day(d[:10])
    try:
        return Date.fromisoformat(str(d)[:10])
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _iso_day(day: str) -> Date | None:
    """Date.fromisoformat(day), None where it is no date: kept per day written, as merging
    compares the same few dates of a story over and over."""
    try:
        return Date.fromisoformat(day)
    except ValueError:
        return None


def _date_range(v: dict | None) -> tuple[Date | None, Date | None]:
    if not v:
        return None, None
    a = _iso(v.get("date"))
    return a, _iso(v.get("date_end")) or a


def _usable_date(m: Mention) -> bool:
    v = m.value
    return bool(v.get("date")) and not v.get("vague") and not v.get("cumulative") and not v.get("reporting")


def _usable_dates(dates_by_sentence: list[list[Mention]]) -> tuple[list[list[Mention]], list[list[Mention]]]:
    """For each sentence, its usable dates (_usable_date) and those of them with a day's
    precision, in order. (The lists are shared: callers must not change them.)"""
    usable, days = [], []
    none: list[Mention] = []
    for dates in dates_by_sentence:
        if not dates:
            usable.append(none)
            days.append(none)
            continue
        good = [d for d in dates if _usable_date(d)]
        usable.append(good)
        days.append([d for d in good if d.value.get("precision") == 1])
    return usable, days


# (not "clashes were reported in June": the passive tells when they happened)
_SPEECH_BEFORE = re.compile(r"(?<!were )(?<!was )(?<!been )(?<!are )(?<!is )"
                            r"\b(?:said|says|told|reported|announced|claimed|added|confirmed|stated)"
                            r"(?:\s+(?:the\s+)?[A-Z][\w’'.]*(?:\s+[A-Z][\w’'.]*){0,3})?\s*(?:on\s+)?$")


_SINCE_CLAUSE = re.compile(r"\bsince\s+(?:the\s+|a\s+|its\s+|their\s+)?(?:launch|launching|start|starting|beginning|ending|end|"
                           r"breaking|resuming|the\s+start|(?:attempted\s+|military\s+)?(?:coup|putsch|takeover)|"
                           r"(?:the\s+)?(?:military|army|junta)\s+(?:overthrew|seized\s+power|took\s+power))\b"
                           r"[^.,;:]{0,70}$", re.I)


def _holds(text: str | None, lo: int, hi: int, words: tuple[str, ...]) -> bool:
    """Whether text[lo:hi] holds one of `words` as a substring: a necessary condition of a
    regex that cannot match there without one of them, tested first because a few substring
    tests cost a tenth of a search. `text` is the case-folded text (regexes.fold_case) for a
    case-insensitive regex, the text itself for a case-sensitive one; None (a text that could
    not be folded) answers True, so that the regex decides."""
    if text is None:
        return True
    window = text[lo:hi]  # (a slice and `in` cost a quarter of str.find with bounds)
    for w in words:
        if w in window:
            return True
    return False


def _ends_with(folded: str | None, lo: int, hi: int, words: tuple[str, ...]) -> bool:
    """Whether folded[lo:hi], less its trailing whitespace, ends with one of `words`: a
    necessary condition of a regex whose matches end with one of them and whitespace up to
    `hi` (one test of the window's end instead of a search through it). None (a text that
    could not be folded) answers True, so that the regex decides."""
    if folded is None:
        return True
    return folded[lo:hi].rstrip().endswith(words)


def _mark_since_clauses(text: str, dates: list[Mention]) -> None:
    """"has captured nine towns since ending a ceasefire in November": the date opens a running
    total, it dates no single event."""
    folded = fold_case(text)
    for d in dates:
        lo = max(0, d.start - 90)
        if _holds(folded, lo, d.start, ("since",)) and _SINCE_CLAUSE.search(text[lo:d.start]):
            d.value = {**d.value, "cumulative": True}


_SENTENCE_END = re.compile(r"[.!?][\"”’]?\s+$")
_SPEECH_AFTER = re.compile(r"^\s+(?:said|says|told|reported|announced|claimed|confirmed|stated)\b")
# the words _SPEECH_BEFORE needs (it is case-sensitive: tested on the text itself)
_SPEECH_BEFORE_WORDS = ("said", "says", "told", "reported", "announced", "claimed", "added", "confirmed", "stated")


def _mark_reporting_dates(text: str, dates: list[Mention]) -> None:
    """"residents said Friday", "told RFA on Tuesday", "residents on Friday reported": the day
    of the telling, not of the event."""
    for d in dates:
        lo = max(0, d.start - 40)
        # (the speech verb first: without one the sentence end need not be looked for)
        speech_before = _holds(text, lo, d.start, _SPEECH_BEFORE_WORDS) \
            and not _SENTENCE_END.search(before := text[lo:d.start]) and _SPEECH_BEFORE.search(before)
        # ("... told Radio Free Asia. On Wednesday, ...": a new sentence, a new clause)
        if speech_before or _SPEECH_AFTER.match(text[d.end:d.end + 20]):
            d.value = {**d.value, "reporting": True}


_GROUP_NOUN_BEFORE = re.compile(r"\b(?:militias?|groups?|forces?|army|armies|fighters|rebels|insurgents|"
                                r"organi[sz]ations?|units?|battalions?)\s+$", re.I)
_BACKGROUND_NAMED = re.compile(r"\b(?:previous|earlier|past|recent|prior)\s+(?:[A-Z][\w’'-]*\s+|(?:village|town|township|area)\s+){1,4}$")
_BACKGROUND_WORDS = ("previous", "earlier", "past", "recent", "prior")  # one is in each match
_AFTER_DAYS_OF = re.compile(r"\b(?:after|following)\s+(?:\w+\s+){0,2}(?:days|weeks|months)\s+of\s+(?:\w+\s+)?$", re.I)
_ONGOING_BEFORE = re.compile(r"\b(?:is|are)\s+(?:also\s+|still\s+|now\s+|reportedly\s+)?(?:\w+ly\s+)?"
                             r"(?:\w+ing\s+and\s+(?:\w+ly\s+)?)?$", re.I)
_IRREGULAR_PAST = {"shot", "fought", "struck", "hit", "set", "took", "seized", "overran", "blew", "threw", "shelled", "burnt"}
_HABITUAL_SUBJECT = re.compile(r"\b(?:we|they|you)\s+(?:\w+ly\s+|also\s+|often\s+|always\s+|sometimes\s+)?$", re.I)
_DESCRIBING_FOLLOWS = re.compile(r"^\s+(?:the|against|alongside)\b", re.I)
_AND_BETWEEN = re.compile(r"^\s+(?:and|or)\s+(?:[\w’'-]+\s+){0,2}$", re.I)


def _read_trigger_context(text: str, triggers: list[Mention], actors: list[Mention]) -> None:
    """Two readings the trigger finder cannot make alone:
    - "a militia fighting the junta": an -ing word right after a group names what the group
      does in general; it tells no event;
    - "continuing fighting and junta airstrikes": a background word covers the whole pair;
    - "we ambush their troops when ...": a present-tense verb after a pronoun tells a habit;
    - "the AA is also attacking the remaining bases": the present progressive tells what goes on;
    - "fell after 32 days of intense clashes": the lead-up, with no date of its own."""
    ends = {a.end for a in actors}
    folded = fold_case(text)
    ordered = sorted(triggers, key=_BY_START)
    for k, t in enumerate(ordered):
        start = t.start
        # Each reading only marks the trigger as background: once one holds, the others are
        # not tried (the value is the same). The cheap tests go first in each reading (the
        # verb's form, a word the regex needs in the window: _holds), the searches last.
        ing = t.text.lower().endswith("ing")
        background = ing and _DESCRIBING_FOLLOWS.match(text[t.end:t.end + 12]) and (
            start - 1 in ends or start in ends or _GROUP_NOUN_BEFORE.search(text[max(0, start - 30):start]))
        if not background:
            lo = max(0, start - 60)  # "in previous Twinma village clashes"
            background = _holds(text, lo, start, _BACKGROUND_WORDS) and _BACKGROUND_NAMED.search(text[lo:start])
        if not background:
            lo = max(0, start - 50)  # "fell after 32 days of clashes": undated lead-up
            background = _holds(folded, lo, start, ("after", "following")) \
                and _AFTER_DAYS_OF.search(text[lo:start])
        if not background and ing:
            lo = max(0, start - 40)  # "the AA is also attacking the remaining bases": ongoing
            background = _holds(folded, lo, start, ("is", "are")) \
                and _ONGOING_BEFORE.search(text[lo:start])
        if not background:
            verb = t.text.split()[0].lower()
            lo = max(0, start - 25)  # "we ambush their troops when ...": what they do
            background = not verb.endswith(("ed", "ing")) and verb not in _IRREGULAR_PAST \
                and _holds(folded, lo, start, ("we", "they", "you")) \
                and _HABITUAL_SUBJECT.search(text[lo:start])
        if not background and k:
            prev = ordered[k - 1]
            background = prev.value.get("background") and not prev.value.get("negated") \
                and _AND_BETWEEN.match(text[prev.end:start])
        if background:
            t.value = {**t.value, "background": True}


def _side(m: Mention | None) -> str | None:
    return m.value.get("side") if m else None


def _name(m: Mention | None) -> str | None:
    return m.value.get("name") if m else None


_WORD = re.compile(r"[\w’']+")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’]?\s")


def _near_territory_object(text: str, trig: Mention, objects: frozenset[str]) -> bool:
    window = _SENTENCE_BREAK.split(text[max(0, trig.start - 60):trig.start])[-1]  # this sentence only
    before = _WORD.findall(window)[-6:]  # "Battalion 31 in Mrauk U was seized"
    # a passive verb's object is before it: "the fighters were captured during a clash near
    # X village" took people, not the village
    passive = bool(before) and before[-1].lower() in ("was", "were", "been", "being")
    after = [] if passive else _WORD.findall(text[trig.end:trig.end + 70])[:7]
    # "the town's university compound": a possessive names the object too
    words = {w.lower().removesuffix("'s").removesuffix("’s") for w in after + before}
    return bool(words & objects)


# ----------------------------------------------------------------------------- step 1: frames
def _frames_for_sentence(i, text, trigs, quants, vocab, actors=(), places=()) -> list[Frame]:
    frames: list[Frame] = []
    live = [t for t in trigs if not t.value.get("negated") and not t.value.get("background")]
    # Aggregates: "374 clashes", "26 airstrikes" -> counted events of that trigger's type.
    counted: set[int] = set()
    for q in quants:
        n = q.value.get("n")
        if q.value.get("role") not in ("count", None) or not n or n < 2 or q.value.get("flag"):
            continue  # "thousands" counts people, never a tally of events
        noun_words = str(q.value.get("noun") or "").lower().split()
        if noun_words and noun_words[-1] in vocab.munitions:
            continue  # "fired 20 artillery shells into the village": one shelling
        inside = [t for t in live if t.value["strength"] != "harm" and q.start <= t.start and t.end <= q.end + 1]
        if not inside:
            continue
        counted.update(t.start for t in inside)
        # "land-mine ambushes" are mine attacks: the more specific type names the count
        t = min(inside, key=lambda t: (t.value["sub_event_type"] == "Armed clash", t.start))
        sub = t.value["sub_event_type"]
        if q.value.get("subset") and any(f.sub_event_type == sub for f in frames):
            continue  # a part of a total already counted ("including 103 shootouts")
        f = Frame(sub, t.value["event_type"], i, t, aggregate=True, event_count=n, triggers=[t])
        f.count_side = q.value.get("side")
        frames.append(f)
    # one pass over the live triggers, each list in their order
    strong, territory, weak, harm = [], [], [], []
    for t in live:
        strength = t.value["strength"]
        if strength == "harm":
            harm.append(t)
        elif t.start in counted:
            continue
        elif strength == "strong":
            strong.append(t)
        elif strength == "territory":
            if any(q.start < t.start and t.end <= q.end for q in quants):
                continue  # "executed five captured fighters": people counted, not a place taken
            # (the test on the places first: it is cheaper than reading the words around)
            if any(0 <= p.start - t.end <= 12 and p.value.get("level") in ("town", "admin3", "village")
                   for p in places) or _near_territory_object(text, t, vocab.territory_objects):
                territory.append(t)  # "took full control of Lashio": a town taken
        elif strength == "weak":
            weak.append(t)
    chosen = strong + territory
    if chosen and weak:
        # "The AA attacked the outpost and junta troops shelled the area": a weak verb with a
        # named armed group as its own subject is a clause of its own, next to the strong one
        subjects = {a.end for a in actors if a.value.get("side") == "nonstate" and not a.value.get("generic")}
        chosen_subs = {c.value["sub_event_type"] for c in chosen}
        chosen += [t for t in weak if t.value["sub_event_type"] not in chosen_subs
                   and any(0 < t.start - end <= 2 for end in subjects)]
    continuation = False
    if not chosen and not frames and weak:
        t = weak[0]
        civilian_victims = any(q.value.get("role") in ("killed", "injured") and q.value.get("side") == "civilians"
                               for q in quants)
        if _ANAPHOR.search(text[max(0, t.start - 12):t.start]):
            continuation = True  # "The attack on X village also wounded 20": the event told before
            chosen = [t]
        elif civilian_victims and harm:
            chosen = []  # "troops attacked the village, killing five civilians": violence against civilians
        elif any(a.value.get("side") == "state" for a in actors) and \
                not any(a.value.get("side") == "nonstate" for a in actors):
            # "troops raided the villages": no armed opponent, so no clash; killings in it are
            # violence against civilians
            chosen = []
        else:
            chosen = [t]
    # Triggers of one type close together tell one event ("attacked and overran"); the same
    # type again further on in the sentence is another clause ("X seized A while Y seized B").
    last: dict[str, Frame] = {}
    made: list[Frame] = []
    for t in sorted(chosen, key=_BY_START):
        sub = t.value["sub_event_type"]
        prev = last.get(sub)
        if prev is not None and t.start - prev.triggers[-1].end <= 60:
            prev.triggers.append(t)
            continue
        # "in the fighting", "the clashes": a battle already told, not a new one
        told_before = sub == "Armed clash" and bool(_ANAPHOR.search(text[max(0, t.start - 12):t.start]))
        last[sub] = Frame(sub, t.value["event_type"], i, t, triggers=[t], harm_only=continuation or told_before)
        made.append(last[sub])
    if any(f.event_type == "Protests" and f.sub_event_type != "Peaceful protest" for f in made):
        # "police fired tear gas at the protest": one protest, with the intervention it met
        made = [f for f in made if f.sub_event_type != "Peaceful protest"]
    frames.extend(made)
    lethal = [f for f in frames if _can_kill(f)]
    victims = any(q.value.get("role") in ("killed", "injured") for q in quants)
    if harm and (not frames or (victims and not lethal)):
        # "killed a dozen civilians and arrested 30 others": the killing is an act of its own,
        # never the toll of an arrest or an arson
        t = harm[0]
        frames.append(Frame("Attack", "Violence against civilians", i, t, harm_only=True, triggers=harm))
    return frames


# ----------------------------------------------------------------------------- step 2: fill
_FRONTED_CLAUSE = re.compile(r"(?:^|[.!?\"“”]\s+)(?:After|Following|Before|Days after|A day after|Hours after)\b[^,;]{5,160},", re.I)


def _fronted_end(text: str, sent: tuple[int, int]) -> int | None:
    """Where a fronted after/before clause that opens the sentence ends, or None."""
    fronted = _FRONTED_CLAUSE.match(text, sent[0]) or _FRONTED_CLAUSE.match(text, max(0, sent[0] - 2))
    return fronted.end() if fronted else None


def _pick_date(frame: Frame, usable: list[Mention], fronted_end: int | None = None) -> None:
    """The usable date nearest the trigger. "After an ambush on Monday, troops burned the
    village": a date inside a fronted after/before clause (ending at `fronted_end`) dates that
    clause, not the main one."""
    if fronted_end is not None and frame.trigger.start >= fronted_end:
        usable = [d for d in usable if d.start >= fronted_end]
    if not usable:
        return
    best = min(usable, key=lambda d: (_dist(d, frame.trigger), d.start))
    frame.date, frame.date_m = best.value, best


_NEXT_DAY = re.compile(r"\b(?:the\s+(?:next|following)\s+day|a\s+day\s+later|the\s+day\s+after)\b", re.I)


def _next_day(frame: Frame, text: str, sent: tuple[int, int]) -> None:
    """"attacked the camp on Sunday and seized it the next day": a day after the date told."""
    if not frame.date or frame.date.get("precision") != 1 or frame.date.get("date_end") or frame.date_m is None:
        return
    if frame.date_m.end > frame.trigger.start:
        return  # (the cheap test first)
    lo, hi = frame.trigger.start, min(sent[1], frame.trigger.end + 60)
    day = _iso(frame.date["date"])
    if day and _holds(fold_case(text), lo, hi, ("day",)) and _NEXT_DAY.search(text[lo:hi]):
        frame.date = {**frame.date, "date": (day + timedelta(days=1)).isoformat()}


def _specific(places: list[Mention]) -> list[Mention]:
    """The most specific places of a sentence, most specific level first."""
    # a road joining two towns is narrower than a district or state, wider than a township
    rank: dict[str | None, int] = {"village": 0, "town": 0, "ward": 0, "admin3": 1, "road": 2, "admin2": 3,
                                   "admin1": 4, "country": 5}
    return sorted(places, key=lambda p: rank.get(p.value.get("level"), 6))


def _segment(frame: Frame, frames: list[Frame], sent: tuple[int, int]) -> tuple[int, int]:
    """The part of the sentence that belongs to this frame's clause: from the end of the
    previous clause of the same type to the start of the next one."""
    same = sorted((f for f in frames if f.sub_event_type == frame.sub_event_type and not f.aggregate),
                  key=lambda f: f.trigger.start)
    k = same.index(frame)
    start = same[k - 1].triggers[-1].end if k > 0 else sent[0]
    end = same[k + 1].trigger.start if k + 1 < len(same) else sent[1]
    return start, end


def _place_choices(frame: Frame, places: list[Mention], named_townships: set | frozenset = frozenset(),
                   text: str = "") -> list[Mention | None]:
    """One place per event: several townships listed in one clause give one event each."""
    if not places:
        return [None]
    folded = fold_case(text)
    if frame.sub_event_type in REMOTE and (frame.trigger.text.lower().endswith("ed") or any(
            p.start < frame.trigger.start and _holds(folded, max(0, p.start - 45), p.start, _FIRED_FROM_WORDS)
            and _FIRED_FROM.search(text, max(0, p.start - 45), p.start) for p in places)):
        # "Battalion 344 in Sittwe shelled Kun Taung village in Ponnagyun": the object of the
        # verb is where a strike or shelling is coded, not the base it was fired from
        targets = [p for p in places if p.start > frame.trigger.start]
        places = targets or places
    if len(places) > 1 and text:
        # "in the town of Mellit, north of El Fasher": a place told only as a bearing for
        # another is no place of the event
        located = [p for p in places if not (_ends_with(folded, max(0, p.start - 40), p.start, ("of", "from"))
                                             and _BEARING_BEFORE.search(text, max(0, p.start - 40), p.start))]
        places = located or places
    specific = [p for p in places if p.value.get("level") in ("admin3", "village", "town", "ward")]
    by_township: dict[str | None, list[Mention]] = {}  # (None: a place with no township or name)
    for p in specific:
        by_township.setdefault(p.value.get("admin3") or p.value.get("name"), []).append(p)
    if len(by_township) >= 2:
        return [_one_place(group, frame, named_townships) for group in by_township.values()]
    if by_township:
        return [_one_place(next(iter(by_township.values())), frame, named_townships)]
    ranked = _specific(places)
    top = ranked[0].value.get("level")
    same_level = [p for p in ranked if p.value.get("level") == top]
    return [min(same_level, key=lambda p: _dist(p, frame.trigger))]


def _summary_area(places: list[Mention]) -> Mention | None:
    """Where a summary of several events is coded: the one area its sentence names ("12
    airstrikes in Sagaing Region in September"), or the state that holds all the places it
    names; None where they lie in several states."""
    ranked = _specific([p for p in places if p.value.get("level") not in ("country", "road")])
    if not ranked:
        return None
    top = [p for p in ranked if p.value.get("level") == ranked[0].value.get("level")]
    if len({p.value.get("name") for p in top}) == 1:
        return top[0]
    states = {p.value.get("admin1") for p in ranked}
    wide = [p for p in ranked if p.value.get("level") == "admin1"]
    return wide[0] if len(states) == 1 and wide else None


def _one_place(group: list[Mention], frame: Frame, named_townships: set | frozenset = frozenset()) -> Mention:
    """Within one township: a single village names the place; several villages told together
    ("villages X, Y and Z in T Township") are coded at the township."""
    villages = [p for p in group if p.value.get("level") in ("village", "town", "ward")]
    townships = [p for p in group if p.value.get("level") == "admin3"]
    if len({p.value.get("name") for p in villages}) >= 2:
        if townships:
            return townships[0]
        placed = [v for v in villages if v.value.get("admin3") in named_townships]
        own = _township_mention(placed[0]) if placed else None
        if own is not None:
            return own
    if villages:
        return min(villages, key=lambda p: _dist(p, frame.trigger))
    return townships[0]


def _township_mention(village: Mention) -> Mention | None:
    """The township a village lies in, as a place mention spanning the village's words: for
    villages told together in a sentence that does not name their township."""
    from clashmap.knowledge.places import gazetteer

    v = village.value
    if v.get("country") != "MMR" or not v.get("admin3"):
        return None
    unit = gazetteer().township(v["admin3"])
    if unit is None:
        return None
    value = {**v, "level": "admin3", "name": unit.name, "admin2": unit.admin2, "admin3": unit.admin3,
             "pcode": unit.pcode, "lat": unit.lat, "lon": unit.lon, "geo_precision": 2,
             "village_tract": None, "found": True, "source": unit.source, "grouped": True}
    return Mention(village.kind, village.start, village.end, village.text, value)


_MODIFIER_AFTER = re.compile(r"-(?:run|controlled|owned|appointed|backed|held|affiliated|aligned|allied|led|"
                             r"organi[sz]ed|sponsored|supported|installed)\b", re.I)
# ", police said.": a speaker told after the report, set off by a comma
_AFTER_THE_REPORT = re.compile(r",[\s\"”’]*(?:the\s+)?$", re.I)


def _actor_pool(actors: list[Mention], attributions: list[Mention], text: str,
                civilian_victims: bool = False) -> list[Mention]:
    """The actors of a sentence that can take part in its events (not its claimants). An armed
    group told only as the speaker after a report of civilians killed ("..., killing a couple,
    the Chin National Front said") reports the act; it is not its target."""
    speakers_out = ("state", "nonstate") if civilian_victims else ("state",)
    # "according to the KIA" names a source; "the KIA said it seized" names the actor too
    # "residents said" names witnesses, not victims: a civilian speaker takes no part either
    claim_spans = [a for a in attributions if a.value.get("form") == "according_to"]
    said_spans = [a for a in attributions if a.value.get("form") == "said"]
    # "a junta-run administration office", "the junta-backed militia": the group qualifies a
    # thing or another group there; it does not act
    actors = [a for a in actors if not (text.startswith("-", a.end) and _MODIFIER_AFTER.match(text, a.end))]
    if not claim_spans and not said_spans:
        return list(actors)  # (most sentences: no telling to leave out)
    pool = []
    for a in actors:
        if _overlaps_one(a, claim_spans):
            continue
        side = _side(a)
        if side == "civilians" and _overlaps_one(a, said_spans):
            continue
        if side in speakers_out and any(
                _overlaps(a, c) and (civilian_victims or _AFTER_THE_REPORT.search(text, max(0, c.start - 8), c.start))
                for c in said_spans):
            continue
        pool.append(a)
    return pool


def _tells_civilian_toll(quants: list[Mention]) -> bool:
    """Whether a sentence counts civilians killed or hurt: figures of civilians, or of people
    no side names ("a couple and their daughter"; not "others", which follow another figure)."""
    return any(q.value.get("role") in ("killed", "injured") and (
        q.value.get("side") == "civilians" or (q.value.get("side") is None and q.value.get("noun")
                                               and q.value.get("noun") not in ("others", "more")))
        for q in quants)


def _overlaps_one(m: Mention, spans: list[Mention]) -> bool:
    """any(_overlaps(m, s) for s in spans), as a plain loop (no generator for each actor)."""
    start, end = m.start, m.end
    for s in spans:
        if start < s.end and s.start < end:
            return True
    return False


def _political(a: Mention) -> bool:
    return _political_name(_name(a), a.value.get("country") or "MMR")


@lru_cache(maxsize=4096)
def _political_name(name: str | None, country: str) -> bool:
    from clashmap.knowledge.actors import canonical

    actor = canonical(name, country) if name else None  # (canonical names nothing for no name)
    return bool(actor and "political" in actor.tags)


_TWO_SIDED = re.compile(r"(?:fought|fight|clash|battle|fighting|skirmish|exchange)", re.I)
_ALLIED = re.compile(r"\b(?:allied|allies|ally|joint|jointly|together|combined|alliance|along with|with the help|"
                     r"backed|supported|coalition|helped|assisted)\b", re.I)


def _rivals(groups: list[Mention], trig: Mention, text: str) -> list[Mention]:
    """Two named armed groups that fought each other (no state force in the sentence, no word
    near them that makes them allies, and either one on each side of the act or a two-sided
    word such as "fought" or "clashes"): [first, second], else []."""
    named = [a for a in groups if not a.value.get("generic")]
    if len(named) < 2 or _name(named[0]) == _name(named[1]):
        return []
    a, b = sorted(named[:2], key=_BY_START)
    if not (a.end <= trig.start < b.start or _TWO_SIDED.match(trig.text)):
        return []  # "the KIA and PDF forces attacked a camp": together, against someone else
    if _ALLIED.search(text, max(0, a.start - 40), min(len(text), b.end + 40)) \
            or _name(a) in (b.value.get("affiliations") or []) or _name(b) in (a.value.get("affiliations") or []):
        return []
    return [a, b]


def _armed_victims(frame: Frame, own: list[Mention], p_side: str | None) -> Mention | None:
    """The armed group whose members the figures count, when they are all of one side other than
    the perpetrator's."""
    sides = {q.value.get("side") for q in frame.killed + frame.injured} - {None}
    if len(sides) != 1 or not sides <= {"state", "nonstate"} or p_side in sides:
        return None
    return next((a for a in own if _side(a) in sides), None)


_LAST_WORD = re.compile(r"([A-Z][\w.]*)\s+$")


def _nationality_before(text: str, trig: Mention) -> str | None:
    """ISO3 of a nationality adjective right before a trigger ("Israeli airstrikes"), or None."""
    from clashmap.knowledge.actors import nationalities

    m = _LAST_WORD.search(text, max(0, trig.start - 20), trig.start)
    return nationalities().get(m.group(1)) if m else None


def _actor_inputs(f: Frame) -> tuple:
    """Everything _fill_actors reads of a frame, flat, each list as its length and its items
    (the defaults it is given follow from the place; the salience and the text are the
    article's). Compared item by item by identity (_same_objects): a list that grew, a figure
    or place replaced, a type changed reads as a change."""
    return (f.sub_event_type, f.event_type, f.trigger, f.place, f.place_near, f.aggregate, f.count_side,
            len(f.pool), *f.pool, len(f.killed), *f.killed, len(f.injured), *f.injured, *f.triggers)


def _same_objects(a: tuple | None, b: tuple) -> bool:
    """Whether two tuples hold the very same objects, in order (not merely equal ones)."""
    return a is not None and len(a) == len(b) and all(map(is_, a, b))


def _fill_actors(frame: Frame, defaults: dict, salience: dict | None = None, text: str = "") -> None:
    salience = salience or {}
    # (_political, inline: this runs twice for every frame)
    armed = [a for a in frame.pool if not _political_name(a.value.get("name"), a.value.get("country") or "MMR")]
    if len(armed) != len(frame.pool) and armed:
        frame.pool = armed  # a government-in-exile names the fight; its armed wing fights it
    # named groups before generic words ("resistance groups", "ethnic armed organizations"),
    # then the groups the article names most, then the order of the sentence
    # (this runs twice for every frame: the values are read inline rather than through _side/_name)
    own = sorted(frame.pool, key=lambda a: (bool(a.value.get("generic")), -salience.get(a.value.get("name"), 0), a.start)) \
        if len(frame.pool) > 1 else list(frame.pool)
    state, nonstate, civilians = [], [], []
    for a in own:
        side = a.value.get("side")
        if side == "state":
            state.append(a)
        elif side == "nonstate":
            nonstate.append(a)
        elif side == "civilians":
            civilians.append(a)
    victims_civilian = bool(frame.killed or frame.injured) and any(
        q.value.get("side") == "civilians" for q in frame.killed + frame.injured)
    sub = frame.sub_event_type
    trig = frame.trigger
    t_start = trig.start
    # a building does not act: "attacked a police station in the town with drones"
    before = [a for a in frame.pool if a.end <= t_start and abs(a.start - t_start) < 200
              and a.value.get("side") in ("state", "nonstate") and not _building(a.text)]
    before.sort(key=_BY_START)
    subject = before[-1] if before else None
    if subject is not None and subject.value.get("generic") and len(before) > 1 \
            and not before[-2].value.get("generic") and _side(before[-2]) == _side(subject) \
            and _JOINED_SUBJECTS.fullmatch(text, before[-2].end, subject.start):
        subject = before[-2]  # "the KIA and allied resistance forces captured": the named group leads
    if subject is not None and len(before) > 1 and _BACKED_BY.match(text, before[-2].end, subject.start):
        subject = before[-2]  # "junta troops backed by Pyu Saw Htee members raided": the troops lead
    if subject is not None and subject.value.get("affiliations"):
        # "soldiers and Pyu Saw Htee members entered the village": the force the militia is
        # associated with leads, the militia rides along
        principal = [a for a in before if _name(a) in subject.value["affiliations"]
                     and subject.start - a.end < 80]
        if principal:
            subject = principal[-1]
    frame.actors1, frame.actor2, frame.actor2_name, frame.actor1_name = [], None, None, None
    if frame.event_type == "Protests":
        # the protesters act; the forces that broke up or fired on the protest are the other side
        marchers = [a for a in own if _name(a) == defaults.get("protesters")]
        frame.actors1 = marchers[:1]
        frame.actor1_name = None if marchers else defaults.get("protesters")
        if sub != "Peaceful protest" and state:
            frame.actor2 = state[0]
        return
    if frame.event_type == "Battles" and sub not in TERRITORY:
        first = nonstate or state
        named = [a for a in first if not a.value.get("generic")]
        first = named or first
        if first:
            frame.actors1 = first[:1] + [a for a in first[1:] if _name(a) != _name(first[0])]
        after = [a for a in state if a.start > trig.start]
        frame.actor2 = (after or state)[0] if nonstate and state else None
        rivals = _rivals(frame.actors1, trig, text) if not state else []
        if rivals:
            # "the TNLA and the RCSS fought near Namtu": two armed groups, no state force
            frame.actors1, frame.actor2 = rivals[:1], rivals[1]
        elif frame.actor2 is None and nonstate:
            frame.actor2_name = defaults.get("military")
        elif not nonstate and state and defaults.get("main_opponent"):
            frame.actor2_name = defaults["main_opponent"]  # the group the article is about
    elif sub in TERRITORY:
        # The taker: a named non-state group if the sentence has one (most seizures reported
        # are theirs); the state only when no such group is there or it "retook" the place.
        retake = bool(_RETAKE.search(trig.text))
        # "after capturing it from resistance forces": the group after "from" lost the place
        losers = [a for a in nonstate if a.start >= trig.end and _FROM_BEFORE.search(text, max(trig.end, a.start - 25), a.start)]
        nonstate = [a for a in nonstate if a not in losers]
        if losers and state and not nonstate:
            retake = True
        named_ns = [a for a in nonstate if not a.value.get("generic")] or nonstate
        if subject is not None and (_PASSIVE.search(text[subject.end:trig.start]) or _LOST.match(trig.text)):
            subject = None  # "the police post was seized", "the regime lost control of": the subject lost it
        taker: Mention | None
        if retake and state:
            taker = subject if subject is not None and _side(subject) == "state" else state[0]
        elif subject is not None and _side(subject) == "state" and (not named_ns or trig.start - subject.end < 40):
            frame.dropped = True  # troops "occupied" a village: a raid, not a change of control
            return
        elif subject is not None and _side(subject) == "nonstate":
            taker = subject
        else:
            taker = named_ns[0] if named_ns else (None if defaults.get("main_opponent") else (state[0] if state else None))
            if taker is None and defaults.get("main_opponent"):
                frame.actors1 = []
                frame.actor1_name = defaults["main_opponent"]  # "the camp was seized": by the article's group
                frame.actor2 = state[0] if state else None
                frame.actor2_name = None if state else defaults.get("military")
                frame.sub_event_type = "Non-state actor overtakes territory"
                return
        if taker is not None and _side(taker) == "nonstate":
            frame.actors1 = [taker] + [a for a in named_ns if _name(a) != _name(taker) and a.end <= trig.start
                                       and not a.value.get("generic")]
            after = [a for a in state if a.start > trig.start]
            frame.actor2 = (after or state)[0] if state else None  # the holder of what was taken
            frame.actor2_name = None if state else defaults.get("military")
            frame.sub_event_type = "Non-state actor overtakes territory"
        elif taker is not None:
            frame.actors1 = [taker]
            frame.actor2 = (losers or nonstate)[0] if losers or nonstate else None
            frame.sub_event_type = "Government regains territory"
    else:
        # aircraft are the state's, unless drones are told around the act ("attacked the police
        # station with drones ... dropped six bombs on the station")
        if sub == "Air/drone strike" and not any(_drone_near(text, t) for t in frame.triggers):
            if state:
                subject = state[0]  # aircraft are the state's unless the report names a drone
            elif not [a for a in nonstate if not a.value.get("generic")]:
                # "two fighters attacked the village": jets, not resistance fighters; "Israeli
                # airstrikes": the jets of the country named before the trigger
                subject, nonstate = None, []
                iso = _nationality_before(text, trig)
                frame.actor1_name = country_defaults(iso)["military"] if iso else defaults.get("air_force")
        # "members of a militia were shot dead by unknown gunmen": the agent after "by" did it, and
        # the armed group before the passive verb is the one it was done to
        agent = next((a for a in frame.pool if a.start >= trig.end and a.value.get("side") in ("state", "nonstate")
                      and _BY_AGENT.fullmatch(text, trig.end, a.start)), None)
        passive_victim = None
        if agent is not None:
            if subject is not None and _side(subject) != _side(agent):
                passive_victim = subject
            subject = agent
        elif subject is not None and _PASSIVE_RIGHT_BEFORE.fullmatch(text, subject.end, trig.start):
            # "an administrator appointed by the military council was stabbed to death": the group
            # right before a passive verb is whom it was done to (or part of the victim's
            # description), never the one who did it
            state = [a for a in state if a is not subject]
            nonstate = [a for a in nonstate if a is not subject]
            subject = None
        perpetrators = ([subject] if subject else []) + state + nonstate
        if perpetrators:
            lead_side, lead_name = _side(perpetrators[0]), _name(perpetrators[0])
            frame.actors1 = [perpetrators[0]] + [a for a in perpetrators[1:] if a.value.get("side") == lead_side
                                                 and a.value.get("name") != lead_name]
        p_side = _side(perpetrators[0]) if perpetrators else None
        targets = [a for a in own if a.value.get("side") in ("state", "nonstate") and a.value.get("side") != p_side
                   and a.start > trig.start]
        # named armed groups on the other side from the perpetrator
        named_rebels = [] if p_side == "nonstate" else [a for a in own if a.value.get("side") == "nonstate"
                                                          and not a.value.get("generic")]
        if passive_victim is not None and not civilians and not victims_civilian:
            frame.actor2 = passive_victim
        elif sub == "Attack" and not civilians and not victims_civilian \
                and (fallen := _armed_victims(frame, own, p_side)) is not None:
            frame.actor2 = fallen  # "executed five captured fighters": an attack on that group's men
        elif sub in CIVILIAN_TARGET_TYPES or victims_civilian or civilians:
            frame.actor2 = civilians[0] if civilians else None
            frame.actor2_name = None if civilians else defaults.get("civilians")
        elif targets:
            frame.actor2 = targets[0]  # the armed group the strike or shelling was aimed at
        elif (fallen := _armed_victims(frame, own, p_side)) is not None:
            frame.actor2 = fallen  # "killing three police officers": the side that lost them
        elif sub in REMOTE and not (frame.killed or frame.injured) and named_rebels:
            # "The AA attacked the outpost and junta troops shelled the area": the group it fought
            frame.actor2 = named_rebels[0]
        elif sub in REMOTE and (_anyone_hurt(frame) or
                                ((frame.place or {}).get("level") in ("village", "town", "ward") and not _near_only(frame))) \
                and not (p_side and {q.value.get("side") for q in frame.killed + frame.injured} - {None} == {p_side}):
            # a village hit with no armed target named (but "a mine they were laying exploded,
            # killing two PDF members": the group's own losses, no one else's)
            frame.actor2_name = defaults.get("civilians")
    _police_as_target(frame, state, defaults, text)
    if frame.aggregate and frame.count_side == "nonstate" and defaults.get("resistance") \
            and not [a for a in frame.actors1 if _side(a) == "nonstate"]:
        # "74 resistance land-mine ambushes": the resistance did them, against the state
        frame.actors1, frame.actor1_name = [], defaults["resistance"]
        frame.actor2, frame.actor2_name = (state[0] if state else None), (None if state else defaults.get("military"))
    # an actor associated with the first one (a militia fighting beside the army) rides along
    if frame.actors1:
        lead = _name(frame.actors1[0])
        frame.actors1 += [a for a in own if a.value.get("affiliations") and lead in a.value["affiliations"]
                          and a not in frame.actors1]


_PLACE_AFTER_FIGURE = re.compile(r"\s*(?:each\s+)?(?:in|at)\s", re.I)
_EACH_FIGURE = re.compile(r"\b([\w-]+)\s+each\s+(?=(?:in|at)\s)", re.I)
_LIST_VERB = re.compile(r"\b(?:were|was|had been|have been)\s+(?:\w+\s+)?(killed|died|dead|injured|wounded|hurt)\b", re.I)


# The two readings of one victim, as two regexes: each is searched only where its words are,
# and the earlier match wins (as in one alternation of the two, the first on a tie).
_ONE_VICTIM = re.compile(r"\b(?:she|he)\s+(?:was\s+|had\s+been\s+|has\s+been\s+)?(?:\w+ly\s+)?"
                         r"(?P<verb>sustained\s+(?:\w+\s+)?injur(?:y|ies)|injured|wounded|hurt|killed|died|shot\s+dead)\b",
                         re.I)
# "tortured him to death", "beat her to death"
_ONE_VICTIM_TO_DEATH = re.compile(r"\b(?:\w+ed|beat|shot)\s+(?:him|her)\s+(?P<verb2>to\s+death|dead)\b", re.I)


_ONE_VICTIM_VERBS = ("injur", "wounded", "hurt", "killed", "died", "shot")  # of "she|he ..."


def _one_victim(text: str, sent: tuple[int, int], quants: list[Mention]) -> list[Mention]:
    """"She sustained injuries", "he was killed": one person hurt or killed, where no figure
    is given. A single injured survivor also means no one died."""
    if any(q.value.get("role") in ("killed", "injured") for q in quants):
        return []
    lo, hi = sent
    folded = fold_case(text)
    # each reading needs its pronoun and its verb: look for the words before searching
    m = _ONE_VICTIM.search(text, lo, hi) if _holds(folded, lo, hi, ("he",)) \
        and _holds(folded, lo, hi, _ONE_VICTIM_VERBS) else None
    if _holds(folded, lo, hi, ("dea",)) and _holds(folded, lo, hi, ("him", "her")):
        m2 = _ONE_VICTIM_TO_DEATH.search(text, lo, hi)
        if m2 is not None and (m is None or m2.start() < m.start()):
            m = m2
    if not m:
        return []
    killed = m.re is _ONE_VICTIM_TO_DEATH or re.match(r"killed|died|shot", m.group("verb"), re.I) is not None
    value = {"n": 1, "role": "killed" if killed else "injured", "side": "civilians", "one_person": True}
    return [Mention("quantities", m.start(), m.end(), m.group(0), value)]


def _per_place_figures(text: str, sent: tuple[int, int], quants: list[Mention],
                       places: list[Mention]) -> list[tuple[Mention, list[Mention]]]:
    """"Two people in A and one each in B and C were killed": a toll told place by place.
    Returns each figure with the places it counts, its role read from the verb after the list."""
    if len(places) < 2:
        return []  # (before the search: most sentences name fewer places)
    lo, hi = sent
    if not _holds(fold_case(text), lo, hi, ("killed", "died", "dead", "injured", "wounded", "hurt")):
        return []  # (the verbs _LIST_VERB needs)
    verb = _LIST_VERB.search(text, lo, hi)
    if not verb:
        return []
    role = "killed" if verb.group(1).lower() in ("killed", "died", "dead") else "injured"
    figures = [q for q in quants if q.end <= verb.start() and q.value.get("n") is not None
               and q.value.get("role") in (None, role)]
    taken = {(q.start, q.end) for q in figures}
    from clashmap.extract.quantities import parse_number

    for m in _EACH_FIGURE.finditer(text, lo, verb.start()):
        n = parse_number(m.group(1))
        if n is not None and not any(a <= m.start() < b for a, b in taken):
            side = figures[-1].value.get("side") if figures else None
            figures.append(Mention("quantities", m.start(), m.end(), m.group(0).strip(),
                                   {"n": n, "side": side, "each": True}))
    figures.sort(key=_BY_START)
    out: list[tuple[Mention, list[Mention]]] = []
    for k, q in enumerate(figures):
        if not _PLACE_AFTER_FIGURE.match(text, q.end) and not q.value.get("each"):
            continue
        stop = figures[k + 1].start if k + 1 < len(figures) else verb.start()
        counted = [p for p in places if q.end <= p.start < stop]
        if counted:
            side = q.value.get("side") or next((f.value.get("side") for f in figures if f.value.get("side")), None)
            out.append((Mention(q.kind, q.start, q.end, q.text, {**q.value, "role": role, "side": side}), counted))
    if len(out) < 2 and not any(q.value.get("each") for q, _ in out):
        return []  # one figure with a place is an ordinary toll
    return out


def _spread_per_place(frames: list[Frame], per_place: list[tuple[Mention, list[Mention]]]) -> None:
    singles = [f for f in frames if not f.aggregate]
    for q, places in per_place:
        names = {(p.value.get("name"), p.value.get("admin3")) for p in places}
        for f in singles:
            if f.place_m in places or (f.place and (f.place.get("name"), f.place.get("admin3")) in names):
                (f.killed if q.value["role"] == "killed" else f.injured).append(q)
                if not q.value.get("each"):
                    break


_DRONE = re.compile(r"drone", re.I)
_FIRED_FROM = re.compile(r"\b(?:stationed|based|positioned|deployed|camped|from)\b[^.;]*$", re.I)
_FIRED_FROM_WORDS = ("stationed", "based", "positioned", "deployed", "camped", "from")  # one is in each match
_BUILDING = re.compile(r"\b(?:station|post|outpost|camp|base|headquarters|office|checkpoint)s?$", re.I)
_BACKED_BY = re.compile(r"\s*,?\s*(?:(?:\w+\s+)?(?:backed|supported|accompanied|joined|assisted|aided|helped|escorted)\s+by"
                        r"|together\s+with|along\s+with|alongside|with\s+the\s+help\s+of)\s+"
                        r"(?:the\s+|some\s+|local\s+)?$", re.I)
_JOINED_SUBJECTS = re.compile(r"\s*(?:,\s*)?(?:and|along with|together with|with)\s+(?:(?:its|their|the|other)\s+)?"
                              r"(?:\w+\s+){0,2}", re.I)
_PASSIVE_RIGHT_BEFORE = re.compile(r"\s+(?:was|were|has been|have been|had been)\s+(?:\w+ly\s+)?", re.I)
_BY_AGENT = re.compile(r"\s+(?:\w+\s+)?by\s+(?:the\s+|an?\s+)?", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|has been|have been|had been)\b", re.I)
_POLICE_SITE = re.compile(r"\b(?:station|outpost|post|battalion|camp|headquarters)s?\b", re.I)


_NEAR_BEFORE = re.compile(r"\b(?:near|close to|outside|around)\s+(?:the\s+)?$", re.I)


def _drone_near(text: str, t: Mention) -> bool:
    """_DRONE.search(text, t.start - 150, t.end + 150), as a substring search of the case-folded
    text where there is one (the same answer: the regex is that word, in any case)."""
    lo, hi = max(0, t.start - 150), t.end + 150
    folded = fold_case(text)
    if folded is None:
        return bool(_DRONE.search(text, lo, hi))
    return "drone" in folded[lo:hi]


@lru_cache(maxsize=4096)
def _building(name: str) -> bool:
    """An actor's words that name a building ("the police station"): kept per name, as the
    same few names come back in every frame."""
    return bool(_BUILDING.search(name))


def _near_landmark(text: str, folded: str | None, place: Mention) -> bool:
    """"an airstrike near Kyaung Lae village": the place is named as a landmark of the act."""
    lo = max(0, place.start - 20)
    return _holds(folded, lo, place.start, ("near", "close", "outside", "around")) \
        and bool(_NEAR_BEFORE.search(text[lo:place.start]))


def _anyone_hurt(frame: Frame) -> bool:
    """Casualties told, and not an explicit "no casualties"."""
    return any(m.value.get("n") != 0 for m in frame.killed + frame.injured)


def _near_only(frame: Frame) -> bool:
    """"an airstrike near Kyaung Lae village": the village is a landmark, not the target."""
    return frame.place_near and not _anyone_hurt(frame)


def _police_as_target(frame: Frame, state: list[Mention], defaults: dict, text: str) -> None:
    """An attack on a police station, outpost or battalion has the police as its target, even
    where the article speaks of the army elsewhere: the police are named right at the act."""
    police = defaults.get("police")
    if not police or frame.actor2 is None or _side(frame.actor2) != "state" or _name(frame.actor2) == police:
        return
    near = [a for a in state if _name(a) == police and _POLICE_SITE.search(a.text)
            and any(0 <= a.start - t.end < 60  # "attacked the police station"
                    or 0 <= t.start - a.end < 60 and _PASSIVE.search(text[a.end:t.start])  # "the police post was seized"
                    for t in frame.triggers)]
    if near:
        frame.actor2 = near[0]


def _fill_casualties(frames: list[Frame], quants: list[Mention]) -> None:
    for q in quants:
        role = q.value.get("role")
        if role not in ("killed", "injured") or q.value.get("subset"):
            continue  # "including a child", the parts of an enumeration: already in the total
        singles = [f for f in frames if not f.aggregate] or frames
        lethal = [f for f in singles if _can_kill(f) or f.harm_only]
        singles = lethal or singles
        if not singles:
            continue
        target = min(singles, key=lambda f: min(_dist(q, t) for t in f.triggers))
        told = target.killed if role == "killed" else target.injured
        if any(m.value.get("n") == q.value.get("n") and (m.text[:1].isupper() or q.text[:1].isupper())
               for m in told):
            continue  # "Junta Jets Bomb Village, Killing Nine ... killing nine villagers": a headline run into the text
        told.append(q)


@lru_cache(maxsize=1)
def _keep_phrase() -> frozenset[str]:
    from clashmap.knowledge.loader import load_yaml

    return frozenset(load_yaml("claimants.yaml").get("keep_phrase", []))


_ROLE_BETWEEN = re.compile(r"[\s’')]*(?:s\s+)?(?:\([A-Z][\w-]*\)\s*)?(?:spokes(?:person|man|woman)|official|"
                           r"commander|leader|information\s+officer|officer)\b", re.I)


def _fill_claimant(frame: Frame, attributions: list[Mention], actors: list[Mention], text: str = "") -> None:
    named = [a for a in attributions if a.value.get("form") in ("according_to", "said")]
    if not named:
        return
    a = min(named, key=lambda a: _dist(a, frame.trigger))
    # (the overlap read inline: this runs for every frame, on every actor of its sentence)
    inside = [x for x in actors if x.start < a.end and a.start < x.end and _side(x) != "civilians"
              and not (x.value.get("generic") and a.value.get("label"))  # "local resistance groups"
              and not (text and _CLOSE_TO.search(text, max(a.start, x.start - 20), x.start))]
    if not inside and a.value.get("label") in (None, "officials") and text:
        # "Kachin Independence Army (KIA) spokesperson Col. Naw Bu said": the person speaks for
        # the group named, with their role, right before the name
        inside = [x for x in actors if 0 <= a.start - x.end <= 40 and _side(x) in ("nonstate", "state")
                  # (the role may open the speaker phrase: "(KIA) spokesperson Colonel Naw Bu")
                  and not x.value.get("generic") and _ROLE_BETWEEN.match(text, x.end, a.end)]
    if inside:
        # a local unit speaks under its own name ("Myaing PDF Brigade 1"), a group under its canonical one
        frame.claimant = inside[0].value.get("local") or _name(inside[0])
    elif a.value.get("label") and a.value["label"] not in _keep_phrase():
        frame.claimant = a.value["label"]
    else:
        frame.claimant = _SPEAKER_LEAD.sub("", a.text).strip()
    frame.claimant_m = a


# "a source close to the military": the group is who the source knows, not who speaks
_CLOSE_TO = re.compile(r"\b(?:close to|familiar with|inside|within|near to)\s+(?:the\s+)?$", re.I)
# "according to data compiled by a local monitoring group": the group is the source
_SPEAKER_LEAD = re.compile(r"^(?:(?:the|a|an)\s+)?(?:(?:data|figures|statistics|records|tallies|tally|reports?|documentation)"
                           r"\s+(?:\w+\s+)?(?:by|from|of)\s+(?:(?:the|a|an)\s+)?)?", re.I)


# ----------------------------------------------------------------------------- step 3: merge
def _place_key(p: dict | None):
    if not p:
        return None
    return (p.get("admin1"), p.get("admin3"), p.get("name") if p.get("level") in ("village", "town", "ward") else None)


def _places_compatible(a: dict | None, b: dict | None) -> bool:
    if not a or not b:
        return True
    if a.get("level") == "admin1" or b.get("level") == "admin1":
        return (a.get("admin1") or a.get("name")) == (b.get("admin1") or b.get("name"))
    if a.get("admin3") and b.get("admin3") and a["admin3"] != b["admin3"]:
        return False
    la = a.get("name") if a.get("level") in ("village", "town", "ward") else None
    lb = b.get("name") if b.get("level") in ("village", "town", "ward") else None
    return not (la and lb and la != lb)


def _dates_compatible(a: dict | None, b: dict | None) -> bool:
    a0, a1 = _date_range(a)
    b0, b1 = _date_range(b)
    if not a0 or not b0:
        return True
    assert a1 is not None and b1 is not None  # (_date_range gives an end wherever it gives a start)
    return a0 <= b1 and b0 <= a1


def _actors_compatible(a: Frame, b: Frame) -> bool:
    na, nb = {_name(m) for m in a.actors1}, {_name(m) for m in b.actors1}
    if na and nb and not (na & nb):
        sa, sb = {_side(m) for m in a.actors1}, {_side(m) for m in b.actors1}
        return bool(sa & sb)
    return True


def _can_kill(f: Frame) -> bool:
    return f.event_type in _LETHAL_TYPES or f.sub_event_type == _LETHAL_PROTEST


def _lethal(f: Frame) -> bool:
    return _can_kill(f) and f.sub_event_type not in _NOT_LETHAL_SUBS


def _mergeable(a: Frame, b: Frame) -> bool:
    if (b.harm_only or a.harm_only) and not a.aggregate and not b.aggregate:
        # killing words join a lethal event (a clash, a strike, an attack), never an arrest or
        # arson; injuries also join a protest that was broken up
        other, harm = (a, b) if b.harm_only else (b, a)
        same_type = other.harm_only or _lethal(other) or (
            other.sub_event_type == _DISPERSED_PROTEST and not harm.killed)
    else:
        same_type = _same_kind(a.sub_event_type, b.sub_event_type)
    if not same_type:
        return False
    if a.aggregate != b.aggregate:
        # a single-event frame with no place of its own may carry the figures of a summary
        return a.aggregate and not b.place and _dates_compatible(a.date, b.date) and bool(b.date or b.killed)
    if a.aggregate:
        return False
    if b.marks & _NEXT_STEP and a.place and b.place and b.place.get("level") in ("village", "ward") \
            and _place_key(a.place) != _place_key(b.place):
        return False  # "then torched 10 houses in adjacent Taung Kyar village": the next act, elsewhere
    # a frame that refers back ("in the fighting") names the victims, not the sides
    refers_back = a.harm_only or b.harm_only
    return (_places_compatible(a.place, b.place) and (_dates_compatible(a.date, b.date) or _goes_on_after(a, b))
            and (refers_back or _actors_compatible(a, b)))


def _goes_on_after(a: Frame, b: Frame) -> bool:
    """b tells that a went on until a later day, within a week ("continued into Sunday")."""
    if not (b.goes_on and a.date and b.date and a.date.get("precision") == 1 and b.date.get("precision") == 1):
        return False
    b_end, a_end = _iso(b.date.get("date_end") or b.date["date"]), _iso(a.date.get("date_end") or a.date["date"])
    assert b_end is not None and a_end is not None  # (a day's precision: a day written)
    gap = (b_end - a_end).days
    return 0 < gap <= 7


# One protest told as a march and then as its dispersal is one event, of the strongest type.
_PROTEST_RANK = {"Peaceful protest": 1, "Protest with intervention": 2, "Excessive force against protesters": 3}
_DISPERSED_PROTEST = "Protest with intervention"


def _same_kind(a: str, b: str) -> bool:
    return a == b or (a in _PROTEST_RANK and b in _PROTEST_RANK)


def _absorb(a: Frame, b: Frame) -> None:
    if _PROTEST_RANK.get(b.sub_event_type, 0) > _PROTEST_RANK.get(a.sub_event_type, 0) > 0:
        a.sub_event_type, a.event_type = b.sub_event_type, b.event_type
    for attr in ("date", "place"):
        if getattr(a, attr) is None and getattr(b, attr) is not None:
            setattr(a, attr, getattr(b, attr))
            setattr(a, attr + "_m", getattr(b, attr + "_m"))
    if a.place and b.place and a.place.get("level") == "admin1" and b.place.get("level") != "admin1":
        a.place, a.place_m = b.place, b.place_m
    if b.goes_on and a.date and b.date and a.date.get("precision") == 1 and b.date.get("precision") == 1 \
            and (b.date.get("date_end") or b.date["date"]) > (a.date.get("date_end") or a.date["date"]):
        # "Clashes broke out on Saturday. The fighting continued into Sunday.": Saturday to Sunday
        a.date = {**a.date, "date_end": b.date.get("date_end") or b.date["date"]}
    elif a.date and b.date and a.marks & _DATE_BORROWED and not b.marks & _DATE_BORROWED \
            and not (a.aggregate and not b.aggregate):
        a.date, a.date_m = b.date, b.date_m  # a date told with the act beats one borrowed from elsewhere
        a.marks &= ~_DATE_BORROWED
    elif a.date and b.marks & _THE_ACT and b.sent > a.sent:
        pass  # "took heavy casualties in the fighting, and responded on Friday": Friday is not the fighting's
    elif a.date and b.date and a.sub_event_type not in TERRITORY and _within_short_range(b.date, a.date):
        pass  # "on Thursday and Friday" told, then "on Friday": the act spans both days (a fall has its day)
    elif a.date and b.date and a.sub_event_type not in TERRITORY and _within_short_range(a.date, b.date) \
            and not (a.aggregate and not b.aggregate):
        a.date, a.date_m = b.date, b.date_m
    elif a.date and b.date and not (a.aggregate and not b.aggregate) \
            and ((a.date.get("precision") or 9), _span_days(a.date)) > ((b.date.get("precision") or 9), _span_days(b.date)):
        # the more exact telling dates the event; a summary keeps its own period
        a.date, a.date_m = b.date, b.date_m
    # (a mention with a span none of a's has is not among them: `in` is tried only for the
    # others, as it compares field by field every mention that is not the very same)
    spans = {(m.start, m.end) for m in a.pool}
    a.pool += [m for m in b.pool if (m.start, m.end) not in spans or m not in a.pool]
    if b.marks & _MORE_VICTIMS and a.killed + a.injured and b.killed + b.injured:
        a.killed, a.injured = a.killed + b.killed, a.injured + b.injured  # "... were also killed": more of them
    else:
        a.killed = _prefer_figures(a.killed, b.killed)
        a.injured = _prefer_figures(a.injured, b.injured)
    if a.claimant is None and b.claimant is not None:
        a.claimant, a.claimant_m = b.claimant, b.claimant_m
    a.triggers += b.triggers


def _total(ms: list[Mention]) -> int | None:
    vals = [n for m in ms if (n := m.value.get("n")) is not None]
    if not vals or len(vals) != len(ms):
        return None  # none, or one of them without a number
    return sum(vals)


def _prefer_figures(a: list[Mention], b: list[Mention]) -> list[Mention]:
    """Two tellings of one figure: keep the exact one over 'more than'/'at least' and unknowns."""
    if not a:
        return b
    if not b:
        return a
    sides_a = {m.value.get("side") for m in a}
    sides_b = {m.value.get("side") for m in b}
    if None not in sides_a | sides_b and not sides_a & sides_b:
        return a + b  # "20 junta soldiers" and "two KNDF fighters": each side's own losses
    ta, tb = _total(a), _total(b)
    if ta is None:
        return b if tb is not None else a
    if tb is None:
        return a
    if ta == 0 or tb == 0:
        return b if ta == 0 else a  # "no one was hurt" told of a part; a figure told of the whole
    qa = any(m.value.get("qualifier") for m in a)
    qb = any(m.value.get("qualifier") for m in b)
    if qa and not qb:
        return b
    return a


def _frame_sides(f: Frame) -> set:
    """The sides taking part in a frame's event."""
    return {_side(a) for a in f.actors1} | ({_side(f.actor2)} if f.actor2 is not None else set())


def _merge(frames: list[Frame]) -> list[Frame]:
    out: list[Frame] = []
    kinds: list[object] = []  # _merge_kind of each frame of `out`
    for f in frames:
        if f.dropped:
            continue  # a frame found to be no event lends nothing to the others
        if f.definite:
            told = [g for g in out if g.sub_event_type == f.sub_event_type and not g.aggregate]
            if told:
                f.date, f.date_m, f.place, f.place_m = None, None, None, None  # borrowed, not its own
                _absorb(told[-1], f)
                continue
        if f.harm_only and not f.aggregate:
            # "found the bodies of at least 30 troops": the event whose telling gave that figure
            n = _total(f.killed) or _total(f.injured)
            same = [g for g in out if n and n >= 3 and n in g.told_figures and not g.aggregate
                    and _lethal(g) and _places_compatible(g.place, f.place)]
            if same:
                f.date, f.date_m = None, None  # the figure says which event it is; its borrowed date does not
                _absorb(same[-1], f)
                continue
        if f.harm_only and not f.aggregate:
            # "two of its fighters were killed": the fighters fell in the event their side
            # fought in, not in a shelling of a village told after it
            sides = {q.value.get("side") for q in f.killed + f.injured}
            if sides and sides <= {"state", "nonstate"}:
                fought = [g for g in out if not g.aggregate and not g.harm_only and _mergeable(g, f)]
                if fought and not sides <= _frame_sides(fought[-1]):
                    theirs = [g for g in fought if sides <= _frame_sides(g)]
                    if theirs:
                        _absorb(theirs[-1], f)
                        continue
        f_kind = _merge_kind(f)
        for k in range(len(out) - 1, -1, -1):
            g_kind = kinds[k]
            if f_kind is not None and g_kind is not None and f_kind != g_kind:
                continue  # neither way mergeable (_mergeable needs the same kind): the common case, cheaply
            g = out[k]
            if f.aggregate and not g.aggregate and f.sent - g.sent > 2:
                continue
            if not (g.harm_only and not f.harm_only) and _mergeable(g, f):
                _absorb(g, f)
                break
            if (f.aggregate and not g.aggregate or g.harm_only and not f.harm_only) and _mergeable(f, g):
                _absorb(f, g)  # the summary takes the figures told before it
                out[k] = f
                kinds[k] = f_kind
                break
        else:
            out.append(f)
            kinds.append(f_kind)
    return out


_ANY_PROTEST = object()  # the kind of every protest sub-type (_same_kind)


def _merge_kind(f: Frame) -> object:
    """What _merge compares before trying two frames: frames of different kinds never merge
    unless one of them is killing words (harm_only, kind None). A kept list of these spares
    reading the frames of every pair (_absorb changes a frame's type only from one protest
    type to another, which keeps its kind)."""
    if f.harm_only:
        return None
    return _ANY_PROTEST if f.sub_event_type in _PROTEST_RANK else f.sub_event_type


# ----------------------------------------------------------------------------- step 5: events
def _event(frame: Frame, article: Article, article_townships: set, defaults: dict,
           unverified: Mention | None) -> Event:
    ev = Event(event_type=frame.event_type, sub_event_type=frame.sub_event_type, aggregate=frame.aggregate,
               event_count=frame.event_count)
    evidence: list[Evidence] = []

    def cite(field_name: str, m: Mention | None) -> None:
        if m is not None:
            evidence.append(Evidence(field_name, m.start, m.end, m.text))

    cite("event_type", frame.trigger)
    if frame.date:
        ev.date = frame.date.get("date")
        ev.date_end = frame.date.get("date_end") if frame.date.get("date_end") != ev.date else None
        ev.time_precision = frame.date.get("precision")
        cite("date", frame.date_m)
    p = frame.place
    if p:
        ev.country = p.get("country") or defaults.get("country")
        ev.admin1 = p.get("admin1") or (p.get("name") if p.get("level") == "admin1" else None)
        ev.admin2 = p.get("admin2")
        level = p.get("level")
        if level == "admin3":
            ev.admin3 = p.get("admin3") or p.get("name")
        elif level in ("village", "town", "ward"):
            # The text names the village; its township counts only where the article names it too,
            # or where the place is the township's own seat ("Hpruso town" names Hpruso).
            if p.get("admin3") and (p.get("admin3") in article_townships or p.get("township_named")
                                    or level == "town" and p.get("name") == p.get("admin3")):
                ev.admin3 = p.get("admin3")
        ev.location = _as_written(frame.place_m, p.get("name")) if level in ("village", "town", "ward") \
            else (p.get("name") or ev.admin1)
        if level == "admin3" or level == "town" and p.get("name") == p.get("admin3"):
            ev.location = ev.admin3 or p.get("name")  # the seat of a township: the township's spelling
        ev.latitude, ev.longitude = p.get("lat"), p.get("lon")
        ev.geo_precision = p.get("geo_precision")
        ev.pcode = p.get("pcode")
        cite("location", frame.place_m)
    else:
        ev.country = defaults.get("country")
    actors1, actor2 = frame.actors1, frame.actor2
    if frame.sub_event_type == _HANDOVER and actors1 and actor2 is not None:
        # "troops abandoned their base, allowing the AA to take over": the verbs of a handover
        # have the loser as subject; ACLED's actor1 is the side that gains the place
        actors1, actor2 = [actor2], actors1[0]
    if actors1:
        ev.actor1 = _name(actors1[0])
        ev.assoc_actor_1 = [n for n in dict.fromkeys(_name(m) for m in actors1[1:]) if n and n != ev.actor1]
        ev.inter1 = actors1[0].value.get("acled_type")
        cite("actor1", actors1[0])
    elif frame.actor1_name:
        ev.actor1 = frame.actor1_name
    elif frame.sub_event_type == "Air/drone strike":
        ev.actor1 = defaults.get("air_force")
    elif frame.sub_event_type in CIVILIAN_TARGET_TYPES or frame.sub_event_type in REMOTE:
        ev.actor1 = defaults.get("unidentified")
    if actor2 is not None:
        ev.actor2 = _name(actor2)
        ev.inter2 = actor2.value.get("acled_type")
        cite("actor2", actor2)
    elif frame.actor2_name:
        ev.actor2 = frame.actor2_name
    if ev.actor1 and ev.actor1 == ev.actor2:
        ev.actor2 = None
    for field_name, figures in (("fatalities", frame.killed), ("injuries", frame.injured)):
        if figures:
            setattr(ev, field_name, _total(figures))
            if getattr(ev, field_name) is None:
                ev.flags.append(f"{field_name}_unquantified")  # told, but with no number: never a guess
            for m in figures:
                cite(field_name, m)
    if ev.fatalities is None and not frame.killed and len(frame.injured) == 1 and frame.injured[0].value.get("one_person"):
        ev.fatalities = 0  # the one person hurt survived: a count of zero dead, not an unknown
    ev.casualties = _casualties(frame)
    if ev.fatalities is None and ev.casualties and frame.aggregate:
        known = [c.killed for c in ev.casualties if c.killed is not None]
        ev.fatalities = sum(known) if known else None
    if ev.fatalities is not None:
        ev.fatalities_low = min([m.value.get("low") or m.value.get("n") or 0 for m in frame.killed] or [0]) if len(frame.killed) == 1 else ev.fatalities
        ev.fatalities_high = max([ev.fatalities] + [m.value.get("high") or 0 for m in frame.killed])
    ev.claimant = frame.claimant
    cite("claimant", frame.claimant_m)
    if unverified is not None and (frame.claimant or frame.aggregate) and frame.trigger.start < unverified.start:
        ev.verified = False
        cite("verified", unverified)
    ev.evidence = evidence
    ev.notes = _note(ev)
    return ev


def _casualties(frame: Frame) -> list[Casualty]:
    """Per-side figures, only where the text splits them by side."""
    sides: dict[str, Casualty] = {}
    for role, ms in (("killed", frame.killed), ("injured", frame.injured)):
        for m in ms:
            side = m.value.get("side_name")
            if not side:
                continue
            c = sides.setdefault(side, Casualty(side=side, claimant=frame.claimant))
            setattr(c, role, (getattr(c, role) or 0) + m.value["n"] if m.value.get("n") is not None else getattr(c, role))
    return list(sides.values()) if len(sides) >= 2 else []


def _note(ev: Event) -> str:
    when = ev.date or "an unknown date"
    if ev.date_end:
        when = f"{ev.date} to {ev.date_end}"
    where = ", ".join(x for x in dict.fromkeys([ev.location, ev.admin3, ev.admin1]) if x) or "an unnamed place"
    who = ev.actor1 or "an unidentified actor"
    what = ev.sub_event_type.lower()
    tail = f" against {ev.actor2}" if ev.actor2 else ""
    figures = []
    if ev.fatalities is not None:
        figures.append(f"{ev.fatalities} killed")
    if ev.injuries is not None:
        figures.append(f"{ev.injuries} injured")
    fig = f" ({', '.join(figures)})" if figures else ""
    count = f"{ev.event_count} events of " if ev.aggregate and ev.event_count else ""
    source = f", according to {ev.claimant}" if ev.claimant else ""
    return f"On {when}, {count}{what} by {who}{tail} in {where}{fig}{source}."


# ----------------------------------------------------------------------------- driver
def assemble(doc, article: Article) -> list[Event]:
    from clashmap.extract.triggers import vocabulary

    vocab = vocabulary()
    text = doc_text(doc)  # cached on the Doc: doc.text rebuilds the string from every token
    folded = fold_case(text)  # (kept from the components: the same text)
    sents = _sentences(doc)
    if not sents:
        return []
    mentions = doc._.mentions or {}
    _read_same_weekdays(mentions.get("dates", []))
    _anchor_weekdays(mentions.get("dates", []), article)
    _drop_datelines(mentions, article)
    _mark_reporting_dates(text, mentions.get("dates", []))
    _read_trigger_context(text, mentions.get("triggers", []), mentions.get("actors", []))
    _mark_since_clauses(text, mentions.get("dates", []))
    by = {k: _group(mentions.get(k, []), sents) for k in
          ("triggers", "dates", "places", "actors", "quantities", "attributions")}
    # the dates of each sentence that can date an event, and those of them that name a day:
    # read once here (no date changes from now on), not again for each frame that looks
    by["usable_dates"], by["usable_days"] = _usable_dates(by["dates"])
    all_places = mentions.get("places", [])
    defaults = country_defaults(_article_country(all_places))
    _name_sides(mentions.get("quantities", []), defaults)
    article_townships = {p.value.get("admin3") or p.value.get("name") for p in all_places
                         if p.value.get("level") == "admin3"}

    frames: list[Frame] = []
    for i in range(len(sents)):
        actors = by["actors"][i]
        # A trigger inside an actor's name ("Defense Force") is not a trigger.
        trigs = [t for t in by["triggers"][i] if not _inside(t, actors)]
        if not trigs:
            continue
        sentence_frames = _frames_for_sentence(i, text, trigs, by["quantities"][i], vocab, actors, by["places"][i])
        if not (by["places"][i] or by["dates"][i] or actors):
            # "They attack and destroy everything": a weak word with no anchor of its own
            sentence_frames = [f for f in sentence_frames if f.trigger.value["strength"] != "weak" or f.harm_only]
        if not sentence_frames:
            continue
        dates = by["dates"][i]
        usable_here = by["usable_dates"][i]
        if not usable_here and any(d.value.get("vague") or d.value.get("cumulative") for d in dates):
            continue  # "in recent days", "since the coup": no single event to date
        if not usable_here and _generic_sentence(text, sents[i][0], sents[i][1]):
            continue  # a general statement with no date of its own describes no single event
        places = [p for p in by["places"][i] if not _inside(p, actors) and p.value.get("level") != "country"
                  and not _moved_to(text, folded, p) and not _route_end(text, p)]
        expanded: list[Frame] = []
        pool = _actor_pool(actors, by["attributions"][i], text, civilian_victims=_tells_civilian_toll(by["quantities"][i]))
        they = None
        if i:
            lo, hi = sents[i][0], min(t.start for t in trigs)
            they = _THEY.search(text, lo, hi) if _holds(text, lo, hi, ("hey",)) else None
        if they and not any(_side(a) in ("state", "nonstate") for a in pool):
            # "Troops raided the village ... The next day, they torched 50 houses": "they" are
            # the armed actors that led the sentence before
            # (not a speaker there: "said the PDF member" tells of "them", it is not "they")
            prev = [a for a in by["actors"][i - 1] if _side(a) in ("state", "nonstate")
                    and not any(_overlaps(a, c) for c in by["attributions"][i - 1])]
            if prev:
                pool = [Mention(prev[0].kind, they.start(), they.end(), they.group(0), dict(prev[0].value))] + pool
        clauses = _clauses(text, sents[i]) if len(sentence_frames) > 1 else None
        # whether the sentence tells an act going on ("continued into Sunday"): one reading
        # for all its frames (the words the regex needs looked for first)
        goes_on = bool(dates) and _holds(folded, sents[i][0], sents[i][1], _GOES_ON_WORDS) \
            and _GOES_ON.search(text, sents[i][0], sents[i][1]) is not None
        # where a fronted "After ...," clause ends (a date in it dates that clause): read once
        # for the sentence, and only where it has a date to pick
        fronted_end = _fronted_end(text, sents[i]) if usable_here else None
        for f in sentence_frames:
            lo, hi = _segment(f, sentence_frames, sents[i]) if not f.aggregate else sents[i]
            seg_places = [p for p in places if lo <= p.start < hi] or places
            seg_pool = [a for a in pool if lo - 40 <= a.start < hi] or pool
            clause = next((c for c in clauses if c[0] <= f.trigger.start < c[1]), None) \
                if clauses and not f.aggregate else None
            if clause:
                # "raided A village on March 20 and arrested 15 men, then raided B village the
                # next day and burned 20 houses": each act takes the place and day of its clause
                seg_places = [p for p in seg_places if clause[0] <= p.start < clause[1]] or seg_places
                own_dates = [d for d in dates if clause[0] <= d.start < clause[1]]
                _pick_date(f, [d for d in usable_here if clause[0] <= d.start < clause[1]] if own_dates else usable_here,
                           fronted_end)
                if not own_dates and clause[0] > sents[i][0] and f.date and f.date.get("precision") == 1 \
                        and not f.date.get("date_end") and _NEXT_DAY.search(text, clause[0], clause[1]):
                    day = _iso(f.date["date"])
                    assert day is not None  # (a day's precision: a day written)
                    f.date = {**f.date, "date": (day + timedelta(days=1)).isoformat()}
            else:
                _pick_date(f, usable_here, fronted_end)
                _next_day(f, text, sents[i])
            f.goes_on = goes_on
            if _holds(folded, sents[i][0], sents[i][1], ("also",)) \
                    and _ALSO_HARMED.search(text, sents[i][0], sents[i][1]):
                f.marks |= _MORE_VICTIMS
            if _DEFINITE_BEFORE.search(text, max(0, f.trigger.start - 12), f.trigger.start):
                f.marks |= _THE_ACT
            if _holds(folded, sents[i][0], f.trigger.start, _THEN_WORDS) \
                    and _THEN.search(text, sents[i][0], f.trigger.start):
                f.marks |= _NEXT_STEP
            f.definite = not dates and not places and not f.aggregate and \
                bool(_DEFINITE_BEFORE.search(text[max(0, f.trigger.start - 12):f.trigger.start]))
            if f.definite and _BLAMED.search(text, max(sents[i][0], f.trigger.start - 60), f.trigger.start):
                f.marks |= _BLAMED_BIT
            if f.harm_only and f.sub_event_type == "Armed clash" and f.date and f.date_m and \
                    f.date_m.start > f.trigger.start and seg_places and f.trigger.start - sents[i][0] <= 6:
                f.harm_only = False  # "The fighting near X village started on 14 May": told here, with its own time and place
            # (a summary frame is made with its count: the test on None only narrows the type)
            if f.aggregate and f.event_count is not None and f.event_count < 10 and f.date and f.date.get("precision") == 1:
                f.aggregate, f.event_count = False, None  # "two airstrikes on Monday"
            if f.aggregate:
                area = _summary_area(places)
                if area is not None:
                    f.place, f.place_m = area.value, area
                expanded.append(f)
                continue
            many_villages = any(q.value.get("role") == "count" and (q.value.get("n") or 0) >= 2
                                and str(q.value.get("noun", "")).lower().startswith("village")
                                and lo <= q.start < hi for q in by["quantities"][i])
            choices = _place_choices(f, seg_places, article_townships, text)
            usable_dates = usable_here if len(choices) > 1 else []
            for k, choice in enumerate(choices):
                own_date: Mention | None = None
                if len(usable_dates) > 1 and choice is not None:
                    # "bombed A village on June 12 and B village on June 14": each place takes
                    # the one date told right after it, before the next place
                    next_choice = choices[k + 1] if k + 1 < len(choices) else None
                    nxt = next_choice.start if next_choice is not None else hi
                    own = [d for d in usable_dates if choice.end <= d.start < nxt]
                    if len(own) == 1:
                        own_date = own[0]
                if many_villages and choice is not None and choice.value.get("level") in ("village", "town", "ward") \
                        and choice.value.get("admin3") in article_townships:
                    choice = _township_mention(choice) or choice  # "five villages, including A": the township
                g = f.copy_for_place(list(seg_pool))
                if own_date is not None:
                    g.date, g.date_m = own_date.value, own_date
                if choice is not None:
                    g.place, g.place_m = choice.value, choice
                    g.place_near = _near_landmark(text, folded, choice)
                expanded.append(g)
        for f in expanded:
            if f.marks & _BLAMED_BIT:
                f.pool = []  # the accuser and the accused are no sides of the act told before
            elif not f.pool:
                f.pool = list(pool)
            _fill_claimant(f, by["attributions"][i], actors, text)
            unclaimed = f.claimant is None  # (a plain test: a narrowed f.claimant would stay None)
            if unclaimed and i > 0:
                # "Residents said troops raided the village. They burned 40 houses.": an account
                # told on from the sentence before keeps that sentence's source
                _fill_claimant(f, by["attributions"][i - 1], by["actors"][i - 1], text)
                f.claimant_borrowed = f.claimant is not None
        figures = {q.value.get("n") for q in by["quantities"][i]
                   if q.value.get("role") in ("killed", "injured", "casualties") and q.value.get("n")}
        for f in expanded:
            f.told_figures = set(figures)
        per_place = _per_place_figures(text, sents[i], by["quantities"][i], places)
        listed = {(q.start, q.end) for q, _ in per_place}
        _fill_casualties(expanded, [q for q in by["quantities"][i] if (q.start, q.end) not in listed]
                         + _one_victim(text, sents[i], by["quantities"][i]))
        _spread_per_place(expanded, per_place)
        for f in expanded:
            if _region_toll(f, text, sents):
                f.aggregate = True  # decided before merging: a summary does not absorb single events
        frames.extend(expanded)

    _zeros_told_after(frames, by)
    salience: dict[str | None, int] = {}  # (None: an actor with no name)
    for a in mentions.get("actors", []):
        if not a.value.get("generic"):
            salience[_name(a)] = salience.get(_name(a), 0) + 1
    nonstate_names = {_name(a) for a in mentions.get("actors", []) if _side(a) == "nonstate"}
    named_ns = [n for n in salience if n in nonstate_names]
    defaults = {**defaults, "main_opponent": max(named_ns, key=salience.__getitem__) if named_ns else None}
    speakers = _speaking_groups(mentions.get("attributions", []), mentions.get("actors", []), text)
    _we_are_the_speakers(frames, text, speakers)
    for f in frames:
        _fill_actors(f, _place_defaults(f, defaults), salience, text)
        f.actor_inputs = _actor_inputs(f)
    _inherit(frames, by, sents, text)
    frames = _merge(frames)
    _inherit(frames, by, sents, text)
    frames = _merge(frames)
    _inherit(frames, by, sents, text, deep=True)
    frames = _merge(frames)
    frames = _specify_attacks(frames)
    frames = _fall_is_the_event(frames)
    frames = _hostages_not_arrests(frames)
    _refine_places(frames, by, sents)
    _share_summary_claimants(frames)
    _claimants_by_pronoun(frames, text, sents, speakers, mentions.get("actors", []))
    _group_spokesman(frames, mentions.get("actors", []))
    _place_summaries_in_named_areas(frames, text, sents, by)
    for f in frames:
        # again, now that merged frames share their actors: a frame whose inputs are the very
        # objects the first filling read gets the same answer (_fill_actors reads nothing else,
        # and what it wrote no step since has changed), so it is not filled twice
        if not _same_objects(f.actor_inputs, _actor_inputs(f)):
            _fill_actors(f, _place_defaults(f, defaults), salience, text)
    _carry_perpetrators(frames)
    _resistance_claimants(frames, mentions.get("actors", []), defaults)  # (reads the sides as filled)

    unverified = next((a for a in mentions.get("attributions", []) if a.value.get("form") == "unverified"), None)
    home = _home_township(all_places, mentions.get("actors", []))
    events = []
    for f in frames:
        if f.dropped:
            continue
        if _region_toll(f, text, sents):
            f.aggregate = True  # a month's toll across a whole region: a summary claim, not one event
        if not f.aggregate and _span_days(f.date) > 31:
            continue  # "since the coup", "from February 2021 to May 2022": running totals, not events
        # (one_sided only matters for a harm_only frame: not computed for the others)
        if f.harm_only and not (_civilian_victims(f) or f.killed and any(_side(a) == "state" for a in f.pool)
                                and not any(_side(a) == "nonstate" for a in f.pool)):
            continue  # killing words with no event to attach them to and no civilian victims
        if not f.date and not f.aggregate and f.trigger.value.get("strength") in ("strong", "territory") \
                and _PERFECT_BEFORE.search(text, max(0, f.trigger.start - 25), f.trigger.start):
            # "X has lost control of the town, the group said on Saturday": an act told in the
            # present perfect, with no date of its own, had happened by the day it was reported
            told = [d for d in by["dates"][f.sent] if d.value.get("reporting") and d.value.get("precision") == 1]
            nxt = f.sent + 1
            if not told and nxt < len(sents) and not by["triggers"][nxt]:
                # "The junta has arrested the abbot ... He was taken from the monastery on
                # Saturday night.": the next sentence, telling no act of its own, dates it
                told = by["usable_days"][nxt]
                if told and f.place and f.place.get("level") in ("admin1", "admin2"):
                    narrower = _specific([p for p in by["places"][nxt] if p.value.get("admin1") == f.place.get("admin1")
                                          and p.value.get("level") in ("admin3", "village", "town", "ward")])
                    if narrower:
                        f.place, f.place_m = narrower[0].value, narrower[0]
            if told:
                f.date, f.date_m = told[-1].value, told[-1]
        if not f.date:
            continue
        if not f.aggregate and not f.place and home is not None and f.trigger.value.get("strength") == "strong":
            f.place, f.place_m = home.value, home  # "raided their village": somewhere in the story's township
        if not f.aggregate and (not f.place or f.place.get("level") == "country"):
            continue  # "in Myanmar" places nothing
        events.append(_event(f, article, article_townships, _place_defaults(f, defaults), unverified))
    return events


def _place_defaults(f: Frame, defaults: dict) -> dict:
    """The default actors of the country the event took place in: a Ukrainian report of a
    strike in Russia names Russia's civilians, not Ukraine's."""
    country = f.place.get("country") if f.place else None
    if not country or country == defaults.get("country"):
        return defaults
    return {**country_defaults(country), "main_opponent": defaults.get("main_opponent")}


def _region_toll(f: Frame, text: str, sents) -> bool:
    """A month's toll across a whole state or region ("killed a dozen civilians in Magway in
    March", "torched 700 houses in 18 villages"): a summary claim, not one event."""
    if f.aggregate or not f.date or not f.place:
        return False
    return (f.date.get("precision") == 3 and f.place.get("level") == "admin1"
            and bool(f.killed or _MANY_PLACES.search(text[sents[f.sent][0]:sents[f.sent][1]])))


def _within_short_range(day: dict, rng: dict) -> bool:
    """Whether `day` (one day) lies in `rng`, a span of two to four days told as such ("on
    Thursday and Friday", "between June 15 and 18"), not a week or a month."""
    if day.get("date_end") or not rng.get("date_end") or not 1 <= _span_days(rng) <= 3:
        return False
    lo, hi = _date_range(rng)
    d = _iso(day.get("date"))
    return bool(d and lo and hi and lo <= d <= hi)


def _span_days(v: dict | None) -> int:
    a, b = _date_range(v)
    return (b - a).days if a and b else 0


def _civilian_victims(f: Frame) -> bool:
    return any(q.value.get("side") == "civilians" for q in f.killed + f.injured) or \
        any(_side(a) == "civilians" for a in f.pool)


_PLACE_WORDS = re.compile(r"\s+(?:village|villages|town|ward|village tract|camp)$|^(?:the\s+)?(?:village|town)\s+of\s+", re.I)


def _as_written(m: Mention | None, fallback: str | None) -> str | None:
    """A village keeps the spelling of the report (spellings vary; the gazetteer's is one)."""
    if m is None:
        return fallback
    text = _without_place_words(m.text)
    return text if text and text[:1].isupper() and len(text) <= 40 else fallback


@lru_cache(maxsize=4096)
def _without_place_words(name: str) -> str:
    """A place as written, less its "village"/"town of" words (kept per name: the same few
    places are written in every event of a story)."""
    return _PLACE_WORDS.sub("", name.strip())


_THEY = re.compile(r"\b[Tt]hey\b")
_NEXT_DAY_OPENS = re.compile(r"\W*(?:the\s+(?:next|following)\s+(?:day|morning|evening|night)|a\s+day\s+later|"
                             r"the\s+day\s+after)\b", re.I)
_THE_PLACE_NOUN = re.compile(r"\b(?:the|that|this)\s+(town|township|city)\b(?!\s+of\b)", re.I)
_ANAPHOR_LEVELS = {"town": ("town",), "city": ("town",), "township": ("admin3",)}


def _inherit(frames: list[Frame], by: dict, sents, text: str = "", deep: bool = False) -> None:
    """A frame missing its date or place borrows them from the two sentences before it. With
    `deep`, a frame still undated takes the last full date told before it: deeper in a story,
    undated sentences go on telling the last dated event. A sentence that sums up ("it has
    seized six townships", "since the launch of ...") borrows nothing from afar."""
    folded = fold_case(text)  # (for _holds: the words each regex below needs)
    for f in frames:
        if f.aggregate and f.date is not None:
            continue
        lo, hi = sents[f.sent]
        if f.date is None and f.place and f.place.get("level") in ("village", "town", "ward"):
            # "the attack on the police station there": the telling of that village dates it
            key = _place_key(f.place)
            for j in range(f.sent - 1, max(-1, f.sent - 7), -1):
                usable = by["usable_dates"][j]
                if usable and any(_place_key(p.value) == key for p in by["places"][j]):
                    f.date, f.date_m = usable[-1].value, usable[-1]
                    f.marks |= _DATE_BORROWED
                    break
        if f.place is None and not f.aggregate and _holds(folded, lo, hi, ("villages",)) \
                and _BOTH_VILLAGES.search(text[lo:hi]):
            # "shot at both villages": the villages named together before, coded at their township
            for j in range(f.sent - 1, max(-1, f.sent - 16), -1):
                villages = [p for p in by["places"][j] if p.value.get("level") in ("village", "town", "ward")]
                townships = [p for p in by["places"][j] if p.value.get("level") == "admin3"]
                if len(villages) >= 2 and townships:
                    f.place, f.place_m = townships[0].value, townships[0]
                    break
        if f.place is None and not f.aggregate and _holds(folded, lo, hi, ("villages",)) \
                and _SAME_AREA.search(text[lo:hi]):
            # "burned down five more villages in the area": where the same act was told before
            before = [g for g in frames if g.sent < f.sent and g.sub_event_type == f.sub_event_type and g.place_m]
            if before:
                where = before[-1].place_m
                assert where is not None  # (before holds only frames with a place_m)
                area = _township_mention(where) if where.value.get("level") in ("village", "town", "ward") else where
                if area is not None:
                    f.place, f.place_m = area.value, area
        if f.place is None and not f.aggregate:
            # "airstrikes on the town": the last town the story named
            noun = _THE_PLACE_NOUN.search(text, lo, hi) if _holds(folded, lo, hi, ("town", "city")) else None
            levels = _ANAPHOR_LEVELS.get(noun.group(1).lower(), ()) if noun else ()
            for j in range(f.sent - 1, max(-1, f.sent - 7), -1) if levels else ():
                named = [p for p in by["places"][j] if p.value.get("level") in levels
                         and not _inside(p, by["actors"][j])]
                if named:
                    f.place, f.place_m = named[-1].value, named[-1]
                    break
        for back in (1, 2):
            j = f.sent - back
            if j < 0:
                break
            if f.date is None and any(d.value.get("cumulative") for d in by["dates"][j]):
                # "since the launch of the operation ... It said 60 civilians had been killed": the
                # tally goes on; it is no event, and it must not lend its figures to one
                f.dropped = True
                break
            if f.date is None:
                # "Fighting broke out on Saturday and went on until Sunday. The AA said 11
                # soldiers were killed.": the event told there dates this sentence, not the
                # last date written there
                told = [g for g in frames if g.sent == j and g.date and not g.aggregate and not g.dropped
                        and _lethal(g)] if f.harm_only else []
                usable = by["usable_dates"][j]
                if told:
                    f.date, f.date_m = told[-1].date, told[-1].date_m
                    f.marks |= _DATE_BORROWED
                elif usable:
                    f.date, f.date_m = usable[-1].value, usable[-1]
                    f.marks |= _DATE_BORROWED
                day = _iso(f.date.get("date")) if f.date and f.date.get("precision") == 1 \
                    and not f.date.get("date_end") else None
                if day and f.date and _NEXT_DAY_OPENS.match(text, lo):  # (day is read from f.date)
                    # "The next day, they torched more than 50 houses": a day after the date borrowed
                    f.date = {**f.date, "date": (day + timedelta(days=1)).isoformat()}
            if f.place is None and not f.aggregate and _SEPARATE.match(text, sents[f.sent][0]):
                # "In a separate incident, gunmen killed ...": another event, in the state or
                # district told last, no nearer
                wide = [p for p in by["places"][j] if p.value.get("level") in ("admin1", "admin2")
                        and not _inside(p, by["actors"][j])]
                if wide:
                    f.place, f.place_m = wide[-1].value, wide[-1]
            elif f.place is None and not f.aggregate and by["triggers"][j] and (
                    back == 1 or (f.marks & _NEXT_STEP and by["triggers"][j + 1] and not by["places"][j + 1])):
                # the sentence before; "Junta troops then detained ...": the story goes on where
                # the act told two sentences before took place, past a remark on that act
                places = _specific([p for p in by["places"][j] if not _inside(p, by["actors"][j])
                                    and p.value.get("level") != "country"])
                if places:
                    f.place, f.place_m = places[0].value, places[0]
        if deep and f.date is None and not f.aggregate \
                and not (_holds(folded, lo, hi, ("has", "have", "since")) and _SUMS_UP.search(text[lo:hi])):
            for j in range(f.sent - 3, -1, -1):
                usable = by["usable_days"][j]
                if usable:
                    f.date, f.date_m = usable[-1].value, usable[-1]
                    f.marks |= _DATE_BORROWED
                    break


# "It has seized six townships", "detained since the launch of the offensive": a sentence that
# sums up rather than tells one event.
# "the wounded were taken to Mawlamyine": where people were moved to, not where it happened
_DESTINATION_BEFORE = re.compile(r"\b(?:taken|transported|sent|fled|moved|brought|admitted|rushed|carried|evacuated|"
                                 r"referred|relocated|transferred)\s+(?:\w+\s+){0,2}to\s+(?:the\s+|a\s+)?$", re.I)
# "north of El Fasher", "about 10 km south-east of Lashio": a reference point, not the place
_BEARING_BEFORE = re.compile(r"\b(?:(?:north|south|east|west)(?:[- ]?(?:east|west))?(?:ern)?|(?:miles?|km|kilomet(?:er|re)s?))"
                             r"\s+(?:of|from)\s+(?:the\s+(?:town|city|village)\s+of\s+)?$", re.I)
_BLAMED = re.compile(r"\b(?:blamed|blames|blaming|accused|accuses|held\s+\S+\s+responsible)\b[^.;]*\bfor\s+(?:the\s+)?$", re.I)
_ALSO_HARMED = re.compile(r"\b(?:were|was|have been|had been)\s+also\s+(?:\w+\s+)?(?:killed|wounded|injured|hurt|shot)\b|"
                          r"\balso\s+(?:died|killed|wounded|injured)\b", re.I)
# "The fighting continued into Sunday", "the clashes lasted until Tuesday"
_GOES_ON = re.compile(r"\b(?:continu(?:ed|es|ing)|went on|lasted|raged on|dragged on)\s+(?:\w+\s+)?(?:into|until|till|through)\b", re.I)
_GOES_ON_WORDS = ("continu", "went on", "lasted", "raged on", "dragged on")  # one is in each match
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.I)
# Where a sentence goes on to a new act of its own: ", then", "; ", ", while", ", and later"
_CLAUSE_BREAK = re.compile(r",?\s+(?:and\s+)?then\s+|;\s+|,\s+while\s+|,\s+(?:and\s+)?(?:later|afterwards)\s+", re.I)
_CLAUSE_BREAK_WORDS = ("then", ";", "while", "later", "afterwards")  # one is in each match


def _clauses(text: str, sent: tuple[int, int]) -> list[tuple[int, int]] | None:
    """The clauses of a sentence split at _CLAUSE_BREAK, or None where there is one."""
    if not _holds(fold_case(text), sent[0], sent[1], _CLAUSE_BREAK_WORDS):
        return None  # (most sentences: none of the words a break needs)
    cuts = [m for m in _CLAUSE_BREAK.finditer(text, sent[0], sent[1])]
    if not cuts:
        return None
    bounds = [sent[0]] + [m.end() for m in cuts]
    ends = [m.start() for m in cuts] + [sent[1]]
    return list(zip(bounds, ends))


# "Troops then searched the houses": the next step of the act told before
_THEN = re.compile(r"\b(?:then|afterwards|after that|later that day|thereafter)\b", re.I)
_THEN_WORDS = ("then", "after", "later")  # one is in each match of _THEN
# "In a separate incident, ...", "Elsewhere, ...": another event, in the same wider area at most
_SEPARATE = re.compile(r"\W*(?:in an?(?:other)? separate (?:incident|attack|development)|separately|elsewhere|in another "
                       r"(?:incident|attack))\b", re.I)
_SAME_AREA = re.compile(r"\b(?:more|other|nearby|neighbouring|neighboring) villages (?:in|around) the (?:same )?(?:area|vicinity)\b", re.I)
_MOVED_VERBS = ("taken", "transported", "sent", "fled", "moved", "brought", "admitted", "rushed", "carried",
                "evacuated", "referred", "relocated", "transferred")  # one is in each _DESTINATION_BEFORE match


def _moved_to(text: str, folded: str | None, p: Mention) -> bool:
    """"the wounded were taken to Mawlamyine": the place is where people were moved to."""
    lo = max(0, p.start - 40)
    if folded is not None and not folded[lo:p.start].rstrip().endswith(("to", "the", "a")):
        return False  # a match ends with "to", "to the" or "to a" and spaces: not this window
    return _holds(folded, lo, p.start, _MOVED_VERBS) and bool(_DESTINATION_BEFORE.search(text[lo:p.start]))


def _route_end(text: str, p: Mention) -> bool:
    """"carrying soldiers from Pakokku to Kyaukhtu": the ends of a route are not where it happened."""
    before = text[max(0, p.start - 40):p.start]
    if "from" not in before:
        return False  # both readings need "from" before the place: most places have none
    return bool(re.search(r"\bfrom\s+$", before) and re.match(r"\s+to\s+[A-Z]", text[p.end:p.end + 6])
                or re.search(r"\bfrom\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?\s+to\s+$", before))


_BOTH_VILLAGES = re.compile(r"\b(?:both|the two|the three|these|those) villages\b", re.I)
_DEFINITE_BEFORE = re.compile(r"\bthe\s+$", re.I)
_SUMS_UP = re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+|also\s+|now\s+|already\s+)?(?:been\s+)?"
                      r"\w+(?:ed|en|wn|ught|ot|ung|nt)\b|\bsince\s+(?:the|its|their|early|late|last)\b", re.I)


# "Naypyidaw, MINA –", "YANGON -", "BANGKOK:": a hyphen counts only with a space on each side
# ("in Khin-U Township" is no dateline).
_DATELINE_PLACE = re.compile(r"^\W*[A-Z][\w’' ]{1,30},?\s*(?:[A-Z][\w ]{0,20})?(?:\s*[–—]|\s+-\s)|^\W*[A-Z]{3,}(?:\s[A-Z]{3,})?:")


def _drop_datelines(mentions: dict, article: Article) -> None:
    """The byline's date ("... By The Irrawaddy 26 January 2022") and the dateline's place
    ("Naypyidaw, MINA –") say where and when the story was filed, not where events happened."""
    if article.date:
        pub = article.date.isoformat()
        mentions["dates"] = [d for d in mentions.get("dates", [])
                             if not (d.start < 250 and d.value.get("expr") == "explicit"
                                     and d.value.get("date") == pub and not d.value.get("date_end"))]
    m = _DATELINE_PLACE.match(article.text[:60])
    if m:
        mentions["places"] = [p for p in mentions.get("places", []) if p.start >= m.end()]


def _read_same_weekdays(dates: list[Mention]) -> None:
    """A weekday equal to the publication weekday ("on Thursday" in a Thursday paper) is the
    publication day itself: a report a week old would say "last Thursday". "last Thursday"
    keeps the week before."""
    for d in dates:
        v = d.value
        if v.get("same_weekday") and v.get("expr") == "weekday" and v.get("alt_date") \
                and not re.match(r"\s*last\b", d.text, re.I) and v["alt_date"] > v["date"]:
            d.value = {**v, "date": v["alt_date"], "alt_date": v["date"]}


_DAY_BEFORE_TOLD = re.compile(r"(?:on\s+)?the\s+(?:previous\s+day|day\s+before)", re.I)


def _anchor_weekdays(dates: list[Mention], article: Article) -> None:
    """A late report tells the story from a full date: "arrested six on May 24 ... stormed the
    village on Wednesday". When the last full date before a bare weekday is more than a week old
    and falls on that very weekday, the weekday names that day, not the latest such weekday."""
    anchor: Date | None = None
    for d in sorted(dates, key=_BY_START):
        v = d.value
        if v.get("expr") == "explicit" and v.get("precision") == 1 and not v.get("date_end") \
                and not v.get("reporting") and v.get("date"):
            anchor = Date.fromisoformat(v["date"])
        elif v.get("expr") == "weekday" and anchor is not None and article.date is not None \
                and (article.date - anchor).days > 7 and v.get("date") \
                and Date.fromisoformat(v["date"]).weekday() == anchor.weekday():
            d.value = {**v, "date": anchor.isoformat(), "anchored_to": "earlier date"}
        elif anchor is not None and _DAY_BEFORE_TOLD.fullmatch(d.text):
            # "bombed the village on 3 March ... The previous day, troops had burned ...": the
            # day before the date the story told, not before the report
            d.value = {**v, "date": (anchor - timedelta(days=1)).isoformat(), "anchored_to": "earlier date"}


def _generic_sentence(text: str, lo: int, hi: int) -> bool:
    """Whether the sentence text[lo:hi] holds a marker of a general statement ("often",
    "continue to", "every day")."""
    global _GENERIC, _GENERIC_KEYS
    if _GENERIC is None:
        _GENERIC, _GENERIC_KEYS = _generic_markers()
    # a marker's longest word is in every match of it: when no marker's is there, no search
    if not _holds(fold_case(text), lo, hi, _GENERIC_KEYS):
        return False
    return bool(_GENERIC.search(text[lo:hi]))


def _generic_markers() -> tuple[re.Pattern, tuple[str, ...]]:
    """The regex of the generic markers, and the words to look for before searching with it:
    the longest word of each marker, lowered (for the case-folded text), less any word that
    holds a shorter one of them ("continues" holds "continue": where it is, so is "continue")."""
    from clashmap.knowledge.loader import load_yaml

    words = load_yaml("triggers.yaml").get("generic_markers", [])
    # the markers grouped by first letter ("o(?:ften|n a daily basis)"): at each word the
    # engine tries the one group that can match, not every marker (twice as fast; only
    # whether one is there counts, so the grouping finds the same)
    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[:1], []).append(re.escape(w[1:]))
    rx = re.compile(r"\b(?:" + "|".join(re.escape(k) + "(?:" + "|".join(ws) + ")" for k, ws in groups.items())
                    + r")\b", re.IGNORECASE)
    # (of equally long words the last: "have been" gives "been", which "has been" gives too)
    longest = sorted({max(reversed(str(w).split(" ")), key=len).lower() for w in words}, key=len)
    keys: list[str] = []
    for k in longest:
        if not any(shorter in k for shorter in keys):
            keys.append(k)
    return rx, tuple(keys)


_GENERIC: re.Pattern | None = None
_GENERIC_KEYS: tuple[str, ...] = ()


def _share_summary_claimants(frames: list[Frame]) -> None:
    """Summary figures told in a row ("374 clashes ... The junta responded with 26 airstrikes")
    come from one source: a summary with no claimant of its own takes the one just before."""
    previous = None
    for f in sorted((f for f in frames if f.aggregate), key=_BY_SENT):
        if f.claimant is None and previous is not None and f.sent - previous.sent <= 2:
            f.claimant, f.claimant_m = previous.claimant, previous.claimant_m
        if f.claimant is not None:
            previous = f


_PRONOUN_SPEAKER = re.compile(r"\b(?:it|the\s+(?:ethnic\s+|rebel\s+|armed\s+|resistance\s+)?(?:army|group|force|"
                              r"organi[sz]ation))\s+(?:said|says|claimed|added|reported|announced|stated)\b", re.I)
_PRONOUN_VERBS = ("said", "says", "claimed", "added", "reported", "announced", "stated")  # one is in each match


# ("five of our comrades": a partitive names the victims, not the subject)
_WE_BEFORE = re.compile(r"\b(?:we|(?<!of\s)our\s+(?:troops|fighters|forces|soldiers|comrades|members))\s+(?:\w+\s+){0,3}$", re.I)


def _speaking_groups(attributions: list[Mention], actors: list[Mention], text: str = "") -> list[tuple[int, Mention]]:
    """(offset, armed group) for each telling that names one, in order: the groups inside an
    attribution, and a group named in the few words before a speech verb ("an official from
    the drone unit led by the KNLA informed reporters")."""
    armed = [x for x in actors if x.value.get("side") in ("nonstate", "state") and not x.value.get("generic")]
    starts = [x.start for x in armed]
    if starts != sorted(starts):
        return _speaking_groups_unordered(attributions, armed, text)
    # the groups are in the order of the text: each look-up is a bisection, not a scan
    reach = list(accumulate((x.end for x in armed), max))  # the furthest end up to each group
    out = []
    for a in attributions:
        # the first group (in order) that overlaps the telling: the first whose end is past
        # its start (`reach` finds it), if that one starts before the telling ends
        k = bisect_right(reach, a.start)
        if k < len(armed) and armed[k].start < a.end:
            out.append((a.start, armed[k]))
    for at in _speech_verb_starts(text) if armed else ():
        # (a group that ends by `at` starts by it: those from at - 90 on, up to at)
        near = [x for x in armed[bisect_left(starts, at - 90):bisect_right(starts, at)] if x.end <= at]
        if near:
            _speaker_before(text, at, near, out)
    return sorted(out, key=lambda pair: pair[0])


def _speaker_before(text: str, at: int, near: list[Mention], out: list[tuple[int, Mention]]) -> None:
    """Adds to `out` the last of the groups `near` a speech verb at `at` (those that end in
    the 90 characters before it) that is the verb's own subject, within its sentence."""
    window = _SENTENCE_BREAK.split(text[max(0, at - 90):at])[-1]
    lo = at - len(window)
    near = [x for x in near if lo <= x.start]
    between = text[near[-1].end:at] if near else ""
    # the group must be the verb's own subject: "..., it said" speaks for someone else
    if near and len(between.split()) <= 4 and not _NOT_OWN_SUBJECT.search(between):
        out.append((near[-1].start, near[-1]))


def _speaking_groups_unordered(attributions: list[Mention], armed: list[Mention],
                               text: str) -> list[tuple[int, Mention]]:
    """_speaking_groups for groups not in the order of the text, each look-up a scan."""
    out = []
    for a in attributions:
        inside = [x for x in armed if _overlaps(x, a)]
        if inside:
            out.append((a.start, inside[0]))
    for at in _speech_verb_starts(text) if armed else ():
        near = [x for x in armed if at - 90 <= x.start and x.end <= at]
        if near:
            _speaker_before(text, at, near, out)
    return sorted(out, key=lambda pair: pair[0])


_NOT_OWN_SUBJECT = re.compile(r"\b(?:it|he|she|they|who|which|and)\b|[,;]", re.I)


def _speech_verb_starts(text: str) -> list[int]:
    """The offsets of _speech_verbs().finditer(text), found from the words of the text (its
    alphanumeric runs, shared with the components: mentions.alnum_columns): the regex is tried
    only where a word is the first word of a speech verb, instead of at every character.
    A match begins a word there (it opens on a word boundary with a letter), so none is missed."""
    rx = _speech_verbs()
    heads = _speech_verb_heads()
    if heads is None:
        return [m.start() for m in rx.finditer(text)]
    cols = alnum_columns(text)
    starts = []
    end = 0
    for at in compress(cols.starts, map(heads.__contains__, cols.words)):
        if at < end:
            continue  # inside the match before (finditer's matches do not overlap)
        m = rx.match(text, at)
        if m:
            starts.append(at)
            end = m.end()
    return starts


@lru_cache(maxsize=1)
def _speech_verb_heads() -> frozenset[str] | None:
    """The first alphanumeric run of each speech verb (the word of the text a match opens
    with), or None when a verb does not open with one."""
    from clashmap.knowledge.loader import load_yaml

    heads = set()
    for verb in load_yaml("claimants.yaml").get("speech_verbs", []):
        head = ALNUM.match(str(verb))
        if head is None:
            return None
        heads.add(head.group())
    return frozenset(heads)



@lru_cache(maxsize=1)
def _speech_verbs() -> re.Pattern:
    from clashmap.knowledge.loader import load_yaml

    return re.compile(r"\b" + alternation(load_yaml("claimants.yaml").get("speech_verbs", [])) + r"\b")


def _we_are_the_speakers(frames: list[Frame], text: str, speakers: list[tuple[int, Mention]]) -> None:
    """An official of a group told the outlet: "Yesterday we used drones to attack their outposts."
    In a spokesman's quote "we" is the group that spoke last."""
    folded = fold_case(text)
    for f in frames:
        lo = max(0, f.trigger.start - 40)
        if not _holds(folded, lo, f.trigger.start, ("we", "our")):
            continue
        we = _WE_BEFORE.search(text, lo, f.trigger.start)
        if not we:
            continue
        before = [x for off, x in speakers if off < f.trigger.start and _side(x) == "nonstate"]
        if before:
            # the group stands where "we" stands: the subject of the act
            f.pool = [Mention(before[-1].kind, we.start(), we.start() + 2, we.group(0)[:2],
                              {**before[-1].value, "role_hint": "agent"})] + f.pool


_THE_GROUPS = re.compile(r"(?:the\s+)?(?:group|organi[sz]ation|army|alliance|movement)[’']s\s|its\s", re.I)


def _zeros_told_after(frames: list[Frame], by: dict) -> None:
    """"Jets bombed the town, destroying a hospital. Nobody was hurt.": a sentence with no act of
    its own that says no one was killed or hurt speaks of the act told just before it."""
    made = {f.sent for f in frames}
    for i, quants in enumerate(by["quantities"]):
        if i == 0 or i in made:
            continue
        zeros = [q for q in quants if q.value.get("n") == 0 and q.value.get("role") in ("killed", "injured")]
        before = [f for f in frames if f.sent == i - 1 and not f.aggregate]
        for f in before[-1:] if zeros else ():
            for q in zeros:
                told = f.killed if q.value["role"] == "killed" else f.injured
                if not told:
                    told.append(q)


def _group_spokesman(frames: list[Frame], actors: list[Mention]) -> None:
    """"The group's spokesman told the media": the spokesman of the group named last before."""
    # a "group" is an armed group, not the state's forces
    named = sorted((a for a in actors if _side(a) == "nonstate" and not a.value.get("generic")),
                   key=_BY_START)
    for f in frames:
        m = f.claimant_m
        if m is None or m.value.get("form") != "said" or not _THE_GROUPS.match(m.text):
            continue
        before = [a for a in named if a.end <= m.start]
        if before:
            f.claimant = _name(before[-1])


def _claimants_by_pronoun(frames: list[Frame], text: str, sents, speakers: list[tuple[int, Mention]],
                          actors: Sequence[Mention] = ()) -> None:
    """"Police Battalion 31 was seized on Thursday, it said": "it" is the group that spoke last
    (the AA of "the AA said ..."), so the claim is theirs. Where no group spoke before, the
    named armed group of the sentence itself ("the AA overran a post, the group said"), but
    not for a bare "it said"."""
    folded = fold_case(text)
    starts = [a for a, _ in sents]
    for f in frames:
        if f.claimant is not None and not f.claimant_borrowed:
            continue
        for t in sorted(f.triggers, key=_BY_START):
            lo, hi = _sentence_of(t.start, sents, starts) or (t.start, t.end)
            m = _PRONOUN_SPEAKER.search(text, lo, hi) if _holds(folded, lo, hi, _PRONOUN_VERBS) else None
            before = [x for off, x in speakers if off < m.start()] if m else []
            if m and not before and not m.group(0).lower().startswith("it"):
                # "it said" may be the outlet's source; "the group said" is a group of the story
                before = [x for x in actors if lo <= x.start < m.start() and _side(x) == "nonstate"
                          and not x.value.get("generic")][:1]
            if m and before:
                f.claimant = _name(before[-1])
                f.claimant_m = Mention("attributions", m.start(), m.end(), m.group(0), {"form": "said"})
                break
            # "KIA spokesperson Colonel Naw Bu said that 29 people were killed": a group named
            # as the subject of the sentence's speech verb
            here = [x for off, x in speakers if lo <= off < hi and _side(x) in ("nonstate", "state")]
            if here:
                f.claimant, f.claimant_m = _name(here[0]), here[0]
                break


def _resistance_claimants(frames: list[Frame], actors: Sequence[Mention], defaults: dict) -> None:
    """"killed, according to the resistance forces that conducted the ambush": where the
    article names one armed group outside the state (the "combined PDFs" of the ambush; a
    political body such as the NUG is none), the resistance that speaks is that group, under
    its local name where the article gives one ("Myaing PDF Brigade 1"). The phrase stays
    where the article names several such groups or none (which of them spoke is not told),
    and for that group's own attack on civilians (the resistance that tells it is another)."""
    claimed = [f for f in frames if f.claimant_m is not None
               and f.claimant_m.value.get("label") == "resistance forces"]
    if not claimed:
        return
    groups: dict[str, set[str]] = {}
    for a in actors:
        name = _name(a)
        # (an armed group: the NUG and other political bodies are no party to the fighting)
        if name and _side(a) == "nonstate" and not a.value.get("generic") \
                and a.value.get("acled_type") in (2, 3, 4) and "political" not in a.value.get("tags", ()):
            groups.setdefault(name, set()).update([a.value["local"]] if a.value.get("local") else [])
    if len(groups) != 1:
        return
    (name, locals_), = groups.items()
    speaker = next(iter(locals_)) if len(locals_) == 1 else name
    for f in claimed:
        actor1 = _name(f.actors1[0]) if f.actors1 else f.actor1_name
        civilians = _side(f.actor2) == "civilians" or (
            f.actor2 is None and f.actor2_name is not None
            and f.actor2_name == _place_defaults(f, defaults).get("civilians"))
        if actor1 == name and (civilians or f.sub_event_type in CIVILIAN_TARGET_TYPES):
            continue  # the group's own attack on civilians: the resistance that tells it is another
        f.claimant = speaker


def _sentence_of(offset: int, sents: list[tuple[int, int]], starts: list[int]) -> tuple[int, int] | None:
    """The sentence (start, end) that holds `offset`, found by bisection (sentences are in
    order and do not overlap; `starts` are their starts), or None."""
    k = bisect_right(starts, offset) - 1
    if k >= 0 and offset < sents[k][1]:
        return sents[k]
    return None


def _home_township(places: list[Mention], actors: list[Mention]) -> Mention | None:
    """The township a story is about: the only one it names (villages counted by their
    township). None when it names several."""
    townships: dict[str | None, Mention] = {}  # (None: a township with no name)
    for p in places:
        if p.value.get("level") == "admin3" and not _inside(p, actors):
            townships.setdefault(p.value.get("admin3") or p.value.get("name"), p)
    others = {p.value.get("admin3") for p in places if p.value.get("level") in ("village", "town", "ward")
              and p.value.get("admin3")} - set(townships)
    return next(iter(townships.values())) if len(townships) == 1 and not others else None


_NAMED_AREA = re.compile(r"(?:the\s+)?(?P<owner>[A-Z][A-Za-z]+)(?:’s|'s)\s+(?P<area>(?:[A-Z][\w-]*\s+){0,3}"
                         r"(?:Region|Command|Zone|Area|Division)\s+(?:No\.\s*)?\d+)\s*,?\s+which\s+"
                         r"(?:comprises|covers|includes|consists\s+of|spans)\b")


def _place_summaries_in_named_areas(frames: list[Frame], text: str, sents, by: dict) -> None:
    """"374 clashes in the NUG's Military Region 1, which comprises Sagaing, Magwe and Mandalay
    regions and northern Shan state": a summary over an area that no gazetteer holds is placed
    at that area, labelled with the states it comprises."""
    for f in frames:
        if not f.aggregate or f.place:
            continue
        for j in range(f.sent, max(-1, f.sent - 3), -1):
            m = _NAMED_AREA.search(text, sents[j][0], sents[j][1]) \
                if _holds(text, sents[j][0], sents[j][1], ("which",)) else None
            if not m:
                continue
            parts = [p for p in by["places"][j] if p.start >= m.end() and p.value.get("level") == "admin1"]
            if len(parts) < 2:
                continue
            names = [" ".join(x for x in (p.value.get("qualifier"), p.value.get("name")) if x) for p in parts]
            label = f"{m.group('owner')} {m.group('area')} ({', '.join(names)})"
            f.place = {"level": "area", "name": label, "country": parts[0].value.get("country"),
                       "geo_precision": 3, "admin1": None}
            f.place_m = Mention("places", m.start("owner"), parts[-1].end, text[m.start("owner"):parts[-1].end], f.place)
            break


def _hostages_not_arrests(frames: list[Frame]) -> list[Frame]:
    """"detained a dozen villagers and used them as human shields": people held as hostages
    or shields in the sentence that tells their detention were abducted, not arrested."""
    return _fold_same_sentence(frames, lambda g: g.sub_event_type == "Abduction/forced disappearance",
                               lambda g, f: f.sub_event_type == "Arrests")


def _fall_is_the_event(frames: list[Frame]) -> list[Frame]:
    """"the AA overran a police outpost on Saturday" told in a sentence that also speaks of
    fighting: on the day a post falls, the fighting is the taking of it (one territory event);
    fighting on other days stays a clash of its own."""
    return _fold_same_sentence(frames, lambda g: g.sub_event_type in TERRITORY and bool(g.date),
                               lambda g, f: f.sub_event_type == "Armed clash" and f.date == g.date
                               and _places_compatible(f.place, g.place))


def _fold_same_sentence(frames: list[Frame], keeps, folds) -> list[Frame]:
    """Each single-event frame that `keeps` absorbs the other single-event frames of its own
    sentence that `folds(kept, other)` names, which then drop out."""
    out = list(frames)
    for g in frames:
        if g.aggregate or not keeps(g):
            continue
        for f in [f for f in out if f is not g and f.sent == g.sent and not f.aggregate and folds(g, f)]:
            _absorb(g, f)
            out.remove(f)
    return out


def _specify_attacks(frames: list[Frame]) -> list[Frame]:
    """"three soldiers were killed in a resistance attack ... fighters used mortars to attack the
    soldiers": an attack told vaguely and then told as shelling (or a drone strike) in the next
    sentences is that strike; it keeps one event, of the more exact type."""
    out = list(frames)
    for a in frames:
        if a.aggregate or a.sub_event_type != "Armed clash" or a.trigger.value.get("strength") != "weak":
            continue
        later = [b for b in out if b is not a and not b.aggregate and b.sub_event_type in REMOTE
                 and 0 < b.sent - a.sent <= 2 and _dates_compatible(a.date, b.date)
                 and _places_compatible(a.place, b.place)
                 and {_side(x) for x in b.actors1} & {_side(x) for x in a.actors1}]
        if later:
            _absorb(later[0], a)
            out.remove(a)
    return out


def _carry_perpetrators(frames: list[Frame]) -> None:
    """"Troops torched 400 houses in the village on Wednesday ... the remaining houses were set
    ablaze on Thursday": a passive telling names no one; the same kind of act at the same place
    told before it names who does it."""
    for k, f in enumerate(frames):
        if f.aggregate or f.actors1 or f.actor1_name or not f.place:
            continue
        for g in reversed(frames[:k]):
            # "Two of the abductees were later found dead": killings told with no one named are
            # by whoever did violence to civilians there before
            same_kind = g.sub_event_type == f.sub_event_type or (
                f.harm_only and g.event_type == f.event_type == "Violence against civilians")
            if same_kind and not g.aggregate and g.actors1 \
                    and g.place and _place_key(g.place) == _place_key(f.place):
                f.actors1 = list(g.actors1)
                if f.actor2 is None and f.actor2_name is None:
                    f.actor2, f.actor2_name = g.actor2, g.actor2_name
                break


def _refine_places(frames: list[Frame], by: dict, sents) -> None:
    """A frame placed only in a state/region or a township takes the one village (or, for a
    region, the township) that the next sentences name inside it, when no other frame has
    claimed it: headline and lead name the area, the body names the village. Several
    villages named there leave the frame where it is (coded at the township)."""
    used = {_place_key(f.place) for f in frames if f.place and f.place.get("level") not in ("admin1", "admin3")}
    for f in frames:
        if f.aggregate or not f.place or f.place.get("level") not in ("admin1", "admin3") or f.place.get("grouped"):
            continue  # (a township chosen for villages told together stays the township)
        region = f.place.get("admin1") or f.place.get("name")
        township = f.place.get("admin3") if f.place.get("level") == "admin3" else None
        wanted = ("village", "town", "ward") if township else ("village", "town", "ward", "admin3")
        found: list[Mention] = []
        # the body of a story may name the village well after a headline and lead that name the region
        for j in range(f.sent, min(len(sents), f.sent + (6 if township else 8))):
            found += [p for p in _specific(by["places"][j]) if p.value.get("admin1") == region
                      and (township is None or p.value.get("admin3") == township)
                      and p.value.get("level") in wanted
                      and _place_key(p.value) not in used and not _inside(p, by["actors"][j])]
        names = {p.value.get("name") for p in found if p.value.get("level") != "admin3"}
        if township and len(names) > 1:
            # "Tarmoenye town's Daknai village": a village named in a town is the more exact place
            villages = [p for p in found if p.value.get("level") == "village"]
            if len({p.value.get("name") for p in villages}) == 1:
                found, names = villages, {villages[0].value.get("name")}
        if township and len(names) != 1:
            continue
        if not township and len({p.value.get("admin3") for p in found}) != 1:
            continue  # several townships named: the region stays
        if found:
            f.place, f.place_m = found[0].value, found[0]


def _article_country(places: list[Mention]) -> str | None:
    counts: dict[str, int] = {}
    for p in places:
        c = p.value.get("country")
        if c:
            counts[c] = counts.get(c, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _name_sides(quants: list[Mention], defaults: dict) -> None:
    """Give each casualty figure the canonical name of the side its noun names, where it does.
    "29 people were killed ... At least 57 others were injured": "others" are of the side of the
    figure told before them."""
    previous = None
    for q in sorted(quants, key=_BY_START):
        if not q.value.get("side") and str(q.value.get("noun") or "").lower() in ("others", "other", "more") \
                and previous is not None:
            q.value["side"] = previous
        if q.value.get("role") in ("killed", "injured") and q.value.get("side"):
            previous = q.value["side"]
        hint = q.value.get("side")
        side_names: dict[str | None, str | None] = {
            "state": defaults.get("military"), "civilians": defaults.get("civilians"),
            "nonstate": defaults.get("resistance")}
        q.value["side_name"] = side_names.get(hint)
