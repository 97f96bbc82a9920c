"""Temporal expressions -> dated Mentions (kind "dates"), resolved against the article date.

Our own resolver instead of dateparser's search mode: that mode reads "Mon State" as Monday,
"Now" as a date and "may be" as May. Here month and weekday names must be capitalised (or
all-caps), and a month needs date context (a day number, a year, or a word such as
in/on/since/last/early/late/this/of) before it counts.

One compiled regex, built once from knowledge/time_words.yaml, scans each text in one pass;
alternatives are ordered longest/most specific first, so at any position the richest reading
wins ("since last week" before "last week", "in May 24" before "in May").

value keys (every mention):
  date, date_end   ISO strings (date_end None for a single day); date None for pure vague words
  precision        ACLED time_precision: 1 day, 2 week (spans up to ten days), 3 month
  relative         True when the article date was needed to resolve it
  expr             what kind of expression it was (explicit, range, weekday, month, last_week, ...)
optional keys:
  vague            True: no event may be dated by it (recently, in recent days, year-only)
  cumulative       True: a running total period ("since the coup", "since 2021")
  same_weekday     True: a weekday equal to the article's weekday; alt_date(/alt_date_end) gives
                   the other reading so assembly can pick from context ("today", "this morning")
  year_inferred    True: day and month given, year taken from the article date
  future           True: the period lies after the article date
  day_part         "morning", "night", ... when given
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache
from bisect import bisect_left
from itertools import chain, compress
from typing import Any

from clashmap.extract.mentions import Mention, alnum_columns
from clashmap.knowledge.loader import load_yaml
from clashmap.regexes import alternation

KIND = "dates"

# A day date more than this many days after the article is read as last year's ("Dec. 28" in
# a January article): reports look back far more often than forward.
_FUTURE_TOLERANCE_DAYS = 30
# Spans longer than this are coded at month precision; up to it, at week precision.
_WEEK_PRECISION_MAX_DAYS = 10
# "since <date>" more than this many days back is a running total, not one event's period.
_CUMULATIVE_AFTER_DAYS = 31
_MIN_YEAR, _MAX_YEAR = 1900, 2099
# Words before an anchor where an expression may start ("on the night of March 5": 4).
_LOOK_BACK = 5
_UNITS = {"day", "days", "week", "weeks", "month", "months", "year", "years"}
# Tokens after an expression's first token within which any day number or year it holds
# lies: at most four words of "on the night of", a weekday, a month name or "the", then the
# number. With no number from _LOOK_BACK tokens before an anchor to this many after it, the
# alternatives that need one (iso, rng, dd, dt, my, yr) cannot match there.
_DIGIT_REACH = 10


class _Grammar:
    """The compiled scanner plus the lookup tables the resolver needs."""

    def __init__(self, v: dict[str, Any]) -> None:
        self.months = {}
        for name, num in v["months"].items():
            self.months[name] = num
            self.months[name.upper()] = num
        self.weekdays = {}
        for name, num in v["weekdays"].items():
            self.weekdays[name] = num
            self.weekdays[name.upper()] = num
        self.day_offsets = {k.lower(): int(o) for k, o in v["day_offsets"].items()}
        self.ordinals = {k.lower(): int(o) for k, o in v["ordinals"].items()}
        self.month_parts = {k.lower(): tuple(p) for k, p in v["month_parts"].items()}
        self.anchors = {k.lower(): a if isinstance(a, date) else date.fromisoformat(str(a))
                        for k, a in v["anchors"].items()}
        self.vague = [w.lower() for w in v["vague"]]
        self.day_parts = [w.lower() for w in v["day_parts"]]
        alts = self._build()
        # One regex per kind of anchor word, holding only the alternatives that can contain
        # it, in the global priority order: a third of the work of trying them all.
        classes = {
            "digit": ["iso", "rng", "dd", "dt", "my", "pn", "ago", "anc", "yr"],
            "month": ["rng", "dd", "wk", "dt", "mp", "my", "mo"],
            "weekday": ["rng", "dt", "wd"],
            "word": ["wk", "rp", "pn", "ago", "off", "we", "anc", "vg"],
        }
        self.regexes = {
            c: re.compile("|".join(r"(?<![\w])" + a for n, a in alts if n in names))
            for c, names in classes.items()}
        # The same without the alternatives that hold a day number or a year (see
        # _DIGIT_REACH): where no number is near the anchor they cannot match, and the
        # weekday regex tries its own alternative in a third of the time.
        needs_digit = {"iso", "rng", "dd", "dt", "my", "yr"}
        self.regexes_no_digit = {
            c: re.compile("|".join(r"(?<![\w])" + a for n, a in alts
                                   if n in classes[c] and n not in needs_digit))
            for c in ("month", "weekday")}
        # The group names of each regex (by its identity): what _Resolver.grp may read.
        self.group_names = {id(rx): frozenset(rx.groupindex) for rx in
                            [*self.regexes.values(), *self.regexes_no_digit.values()]}
        self.top = [n for n, _ in alts]
        # Anchor words: every expression contains one (a month or weekday name, a number, or a
        # time word). Only near anchors is the full grammar tried: trying it at every position
        # of the text is ten times slower.
        self.anchor_names = set(self.months) | set(self.weekdays)
        kw = {"week", "weeks", "month", "months", "year", "years", "weekend", "day", "days",
              "ago", "recent", "recently", "hours"}
        for phrase in list(self.day_offsets) + self.vague + list(self.anchors):
            kw.add(re.split(r"[\s-]+", phrase.strip())[-1])
        self.anchor_words = {w for w in kw if w.isalpha()}
        # The anchor words and names in lower case: a token whose lower case is none of these
        # anchors nothing (one set lookup per token picks the candidates, see find_dates).
        self.anchor_lower = frozenset(self.anchor_words | {n.lower() for n in self.anchor_names})
        # Words an expression may start with before its anchor; other words are not tried.
        starts = {"on", "in", "since", "from", "between", "the", "last", "this", "next", "past",
                  "previous", "early", "earlier", "late", "later", "mid", "middle", "end",
                  "beginning", "start", "over", "during", "within", "throughout", "by", "until",
                  "till", "through", "of", "before", "after", "at", "almost", "nearly", "about",
                  "some", "around", "just", "a", "an", "one", "two", "three", "four", "five",
                  "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "few", "several",
                  "couple", "first", "second", "third", "fourth", "near", "every", "these",
                  "coming", "night", "morning", "day", "military", "attempted", "launch"}
        for phrase in list(self.day_offsets) + self.vague + list(self.anchors):
            starts.update(re.split(r"[\s-]+", phrase.strip()))
        self.start_words = starts

    def _build(self) -> list[tuple[str, str]]:
        # Full names never take a dot ("in September." ends a sentence); abbreviations may.
        full: dict[tuple[int, bool], str] = {}
        for name, num in self.months.items():
            if len(name) > len(full.get((num, name.isupper()), "")):
                full[(num, name.isupper())] = name
        full_alt = alternation(full.values())
        abbr_alt = alternation(set(self.months) - set(full.values()))
        wd_alt = alternation(self.weekdays)
        part_alt = alternation(self.day_parts, "i")
        mp_alt = alternation(list(self.month_parts) + ["mid-", "the " + "end of", "the beginning of",
                                                 "the middle of"], "i")

        def MON(p: str) -> str:
            # "Feb." or "Feb" but not "Febru..." / "junta"; names are case-sensitive.
            # The capital-letter lookahead fails fast before the long alternation is tried.
            return (rf"(?<![A-Za-z])(?=[JFMASONDjfmasond])(?P<{p}_m>{full_alt}(?![A-Za-z])|{abbr_alt}(?![A-Za-z])\.?)")

        def DAY(p: str) -> str:
            return rf"(?<![\d.,])(?P<{p}_d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w])"

        def YEAR(p: str) -> str:
            # Any four digits, so that "3 March 1066" is one (skipped) date, not "3 March"
            # plus a stray number; the resolver drops years outside _MIN_YEAR.._MAX_YEAR.
            return rf"(?P<{p}_y>\d{{4}})(?![\w])"

        def DATE(p: str) -> str:
            md = rf"{MON(p + 'a')}\s*{DAY(p + 'a')}(?:(?:,\s*|\s+){YEAR(p + 'a')})?"
            dm = (rf"(?:the\s+)?{DAY(p + 'b')}(?:\s+of)?\s+{MON(p + 'b')}"
                  rf"(?:,?\s+{YEAR(p + 'b')})?")
            return rf"(?:{md}|{dm})"

        def WD(p: str) -> str:
            return rf"(?<![A-Za-z])(?=[MTWFSmtwfs])(?P<{p}_w>{wd_alt})(?![A-Za-z])"

        rel_year = r"(?:,?\s+(?P<{p}_ry>last|this|next)\s+year)?"
        date_pre = (r"(?:(?P<{p}_pre>(?i:since|from|until|till|by|before|after|"
                    r"on\s+the\s+night\s+of|on\s+the\s+morning\s+of|the\s+night\s+of|"
                    r"on|in|of|during))\s+)?")
        to_word = r"\s*(?:to|until|till|through|-|–|—)\s*"
        alts = [
            # 2023-07-20
            (r"(?P<iso>(?<![\d-])(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})"
             r"(?![\d-]))"),
            # "between May 24 and 25", "from Feb. 1, 2011 to May 31, 2022", "April 7 to 10"
            (rf"(?P<rng>(?:(?P<rng_pre>(?i:between|from|on|in|since|during|of))\s+)?"
             rf"(?:{WD('rw')},?\s+)?{DATE('r1')}"
             rf"(?:{to_word}|\s+and\s+)(?:{WD('rw2')},?\s+)?"
             rf"(?:{DATE('r2')}|{DAY('r2d')}(?:(?:,\s*|\s+){YEAR('r2d')})?))"),
            # "7-10 April", "from 14 to 22 May"
            (rf"(?P<dd>(?:(?i:between|from|on|in|since|during|of)\s+)?{DAY('dd1')}(?:{to_word}|\s+and\s+)"
             rf"{DAY('dd2')}\s+{MON('dd')}(?:,?\s+{YEAR('dd')})?)"),
            # "in the third week of August"
            (rf"(?P<wk>(?i:(?:in\s+|during\s+)?(?:the\s+)?)(?P<wk_o>(?i:first|second|third|fourth|last))"
             rf"\s+(?i:week)\s+(?i:of)\s+{MON('wk')}(?:,?\s+{YEAR('wk')})?)"),
            # "Thursday 9 September", "on Feb. 7", "20 July 2023", "Nov. 13 last year"
            (rf"(?P<dt>{date_pre.format(p='dt')}(?:{WD('dt')},?\s+)?{DATE('dt')}"
             rf"{rel_year.format(p='dt')}(?:\s+\(?{WD('dt2')}\)?)?)"),
            # "late June 2023", "mid-June", "the end of May"
            (rf"(?P<mp>(?:(?i:in|since|by|until|during)\s+)?(?P<mp_p>{mp_alt})\s*-?\s*"
             rf"{MON('mp')}(?:,?\s+{YEAR('mp')})?)"),
            # "June 2023", "in June 2023"
            (rf"(?P<my>(?:(?P<my_pre>(?i:in|since|during|throughout|by|until|of|from))\s+)?"
             rf"{MON('my')},?\s+{YEAR('my')})"),
            # "in June", "since March", "last May": a month needs a context word before it
            # ("in the month of March" too)
            (rf"(?P<mo>(?P<mo_pre>(?i:in|since|during|throughout|by|until|till|last|this|"
             rf"from|through|early|late|next))\s+(?:(?i:the\s+month\s+of)\s+)?{MON('mo')}(?!\s*\d))"),
            # "since last week", "early this month", "late last month", "over the past week"
            (r"(?P<rp>(?P<rp_pre>(?i:since|early|earlier|late|later|mid|the\s+end\s+of|"
             r"the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of|(?:over|in|during|within)"
             r"\s+the|the))?\s*(?P<rp_rel>(?i:last|this|past|previous|next|coming))\s+"
             r"(?P<rp_u>(?i:week|month|year|weekend))(?![\w-]))"),
            # "over the past three days", "in the last 48 hours": a window back from the article date
            (r"(?P<pn>(?:(?i:in|over|during|within|for)\s+)?(?i:the)\s+(?i:past|last)\s+"
             r"(?P<pn_n>\d{1,3}|(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s+"
             r"(?P<pn_u>(?i:days|weeks|hours))(?![\w-]))"),
            # "two days ago", "a week ago"
            (r"(?P<ago>(?:(?i:almost|nearly|about|some|around|just|over)\s+)?(?P<ago_n>\d{1,3}|"
             r"(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|"
             r"several|couple\s+of|a\s+couple\s+of))\s+(?P<ago_u>(?i:days?|weeks?|months?|years?))"
             r"\s+(?i:ago|earlier|before))"),
            # "today", "yesterday", "last night", "this morning"
            rf"(?P<off>(?<![\w])(?P<off_w>{alternation(self.day_offsets, 'i')})(?![\w-]))",
            # "on Tuesday", "late Monday", "since Friday", "on Thursday and Friday"
            (rf"(?P<wd>(?:(?P<wd_pre>(?i:since|on|from|last|this|next|past|early\s+on|late\s+on|"
             rf"by|until|before|after))\s+)?(?:(?P<wd_tod>(?i:early|late))\s+)?{WD('wd1')}"
             rf"(?:\s+(?P<wd_part>{part_alt}))?(?![\w-])"
             rf"(?:(?:{to_word}|\s+and\s+|\s+or\s+){WD('wd2')}(?:\s+(?P<wd_part2>{part_alt}))?)?)"),
            # "over the weekend", "last weekend"
            (r"(?P<we>(?i:(?:over|during|at|on|last|this|the|past)\s+)+(?:(?:past|last)\s+)?"
             r"weekend)"),
            # "since the coup", "since Operation 1027"
            rf"(?P<anc>(?i:since|after)\s+(?P<anc_w>{alternation(self.anchors, 'i')})(?![\w-]))",
            # "in 2022", "since 2021": ACLED has no year precision, so these are vague
            (rf"(?P<yr>(?P<yr_pre>(?i:in|since|during|throughout|by|until|of|early|late|mid-?))"
             rf"\s+{YEAR('yr')}(?![\d-]))"),
            # "in recent days", "near-daily": a period with no datable event
            rf"(?P<vg>(?<![\w-])(?P<vg_w>{alternation(self.vague, 'i')})(?![\w-]))",
        ]
        # No alternative may start inside a word ("upon Tuesday", "blast week").
        return [(a[4:a.index(">")], a) for a in alts]  # each starts "(?P<name>"


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    return _Grammar(load_yaml("time_words.yaml"))


# ----------------------------------------------------------------------------- date helpers


def _safe(y: int, m: int, d: int) -> date | None:
    """A valid date in our year range or None (Feb 30, year 0, month 13 are skipped)."""
    if not (_MIN_YEAR <= y <= _MAX_YEAR):
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _month_range(y: int, m: int) -> tuple[date, date] | None:
    if not (_MIN_YEAR <= y <= _MAX_YEAR and 1 <= m <= 12):
        return None
    return date(y, m, 1), date(y, m, _month_end(y, m))


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + delta
    return k // 12, k % 12 + 1


def _precision(start: date, end: date | None) -> int:
    if end is None or end == start:
        return 1
    return 2 if (end - start).days < _WEEK_PRECISION_MAX_DAYS else 3


def _wd_before(ref: date, wd: int, strictly: bool = True) -> date:
    """The most recent weekday `wd` before ref (strictly before, or on-or-before)."""
    back = (ref.weekday() - wd) % 7
    if back == 0 and strictly:
        back = 7
    return ref - timedelta(days=back)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


_SMALL_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                  "ten": 10, "eleven": 11, "twelve": 12}


def _value(start: date | None, end: date | None, expr: str, relative: bool,
           precision: int | None = None, **extra: Any) -> dict[str, Any]:
    if end is not None and start is not None and end < start:
        start, end = end, start
    if end == start:
        end = None
    v = {"date": _iso(start), "date_end": _iso(end),
         "precision": precision if precision is not None else
         (_precision(start, end) if start else 3),
         "relative": relative, "expr": expr}
    v.update({k: x for k, x in extra.items() if x is not None and x is not False})
    return v


# ----------------------------------------------------------------------------- resolver


class _Resolver:
    def __init__(self, g: _Grammar, m: re.Match, art: date | None) -> None:
        self.g, self.m, self.art = g, m, art
        names = g.group_names.get(id(m.re))
        self.names = names if names is not None else frozenset(m.re.groupindex)

    def grp(self, name: str) -> str | None:
        return self.m.group(name) if name in self.names else None

    def _mon(self, name: str) -> int:
        return self.g.months[name.rstrip(".")]

    def ymd(self, p: str) -> tuple[int | None, int, int] | None:
        """(year or None, month, day) from a DATE(p) group set."""
        for sub in ("a", "b"):
            mon = self.grp(f"{p}{sub}_m")
            if mon:
                y = self.grp(f"{p}{sub}_y")
                day = self.grp(f"{p}{sub}_d")
                assert day is not None  # the DATE pattern has no month without a day
                return (int(y) if y else None, self._mon(mon), int(day))
        return None

    def place_year(self, y: int | None, mo: int, d: int, rel_year: str | None = None
                   ) -> tuple[date | None, bool]:
        """Give a month-day its year: stated, "last year", or the article's (looking back)."""
        if y is not None:
            return _safe(y, mo, d), False
        if self.art is None:
            return None, True
        if rel_year:
            dy = {"last": -1, "this": 0, "next": 1}[rel_year.lower()]
            return _safe(self.art.year + dy, mo, d), True
        cand = _safe(self.art.year, mo, d)
        if cand is None:  # Feb 29 in a non-leap year, Feb 30: no such day
            return None, True
        if (cand - self.art).days > _FUTURE_TOLERANCE_DAYS:
            cand = _safe(self.art.year - 1, mo, d)
        return cand, True

    def since(self, start: date, expr: str, relative: bool, **extra: Any) -> dict[str, Any] | None:
        """ "since X": X .. article date; long spans are running totals (cumulative)."""
        if self.art is None or start > self.art:
            return None
        cum = (self.art - start).days > _CUMULATIVE_AFTER_DAYS
        return _value(start, self.art, "since", relative, cumulative=cum, since=expr, **extra)

    # each method returns a value dict or None (skip)

    def iso(self):
        d = _safe(int(self.grp("iso_y")), int(self.grp("iso_m")), int(self.grp("iso_d")))
        return _value(d, None, "explicit", False) if d else None

    def rng(self):
        a = self.ymd("r1")
        if a is None:
            return None
        b = self.ymd("r2")
        if b is None:
            d2 = int(self.grp("r2d_d"))
            y2 = self.grp("r2d_y")
            b = (int(y2) if y2 else None, a[1], d2)
        y1, y2 = a[0], b[0]
        if y1 is None and y2 is not None:  # "April 7 to 10, 2023": the year applies to both
            y1 = y2 if (a[1], a[2]) <= (b[1], b[2]) else y2 - 1
        start, inferred = self.place_year(y1, a[1], a[2])
        if start is None:
            return None
        if y2 is None:
            end = _safe(start.year, b[1], b[2])
            if end is not None and end < start:  # "Dec. 28 to Jan. 3"
                end = _safe(start.year + 1, b[1], b[2])
        else:
            end = _safe(y2, b[1], b[2])
        if end is None or end < start or (end - start).days > 366 * 20:
            return None
        return _value(start, end, "range", inferred, year_inferred=inferred)

    def dd(self):
        mon = self._mon(self.grp("dd_m"))
        y = self.grp("dd_y")
        start, inferred = self.place_year(int(y) if y else None, mon, int(self.grp("dd1_d")))
        if start is None:
            return None
        end = _safe(start.year, mon, int(self.grp("dd2_d")))
        if end is None or end < start:
            return None
        return _value(start, end, "range", inferred, year_inferred=inferred)

    def wk(self):
        mon = self._mon(self.grp("wk_m"))
        y = self.grp("wk_y")
        year = self._month_year(int(y) if y else None, mon, None)
        if year is None:
            return None
        k = self.g.ordinals[self.grp("wk_o").lower()]
        last = _month_end(year, mon)
        first_day = min(1 + 7 * (k - 1), last - 6) if k < 5 else last - 6
        start = date(year, mon, first_day)
        return _value(start, start + timedelta(days=6), "week_of_month", y is None, precision=2)

    def dt(self):
        ymd = self.ymd("dt")
        if ymd is None:
            return None
        d, inferred = self.place_year(*ymd, rel_year=self.grp("dt_ry"))
        if d is None:
            return None
        wd_name = self.grp("dt_w") or self.grp("dt2_w")
        if inferred and wd_name and self.art is not None and not self.grp("dt_ry"):
            # "Thursday 9 September" with no year: prefer the nearby year whose 9 September
            # is a Thursday, the writer's own check on the date.
            want = self.g.weekdays[wd_name]
            for y in (d.year, d.year - 1, d.year + 1):
                c = _safe(y, ymd[1], ymd[2])
                if c is not None and c.weekday() == want and (c - self.art).days <= 366:
                    d = c
                    break
        pre = (self.grp("dt_pre") or "").lower()
        extra: dict[str, Any] = {"year_inferred": inferred}
        if "night" in pre:
            extra["day_part"] = "night"
        elif "morning" in pre:
            extra["day_part"] = "morning"
        if pre == "since":
            return self.since(d, "explicit", inferred, **extra)
        if self.art is not None and d > self.art:
            extra["future"] = True
        return _value(d, None, "explicit", inferred, **extra)

    def _month_year(self, y: int | None, mon: int, pre: str | None) -> int | None:
        """The year of a month named without one: the most recent such month not after the
        article's ("last June" in June: a year back; "this May": the article's year)."""
        if y is not None:
            return y
        if self.art is None:
            return None
        pre = (pre or "").lower()
        if pre == "this":
            return self.art.year
        if pre == "next":
            return self.art.year + (1 if mon <= self.art.month else 0)
        if pre == "last":
            return self.art.year if mon < self.art.month else self.art.year - 1
        return self.art.year if mon <= self.art.month else self.art.year - 1

    def _month_value(self, y: int | None, mon: int, pre: str | None, part: str | None = None):
        year = self._month_year(y, mon, pre)
        if year is None:
            return None
        rng = _month_range(year, mon)
        if rng is None:
            return None
        start, end = rng
        expr = "month"
        precision = 3
        if part:
            lo, hi = self.g.month_parts[part]
            start = date(year, mon, lo)
            end = date(year, mon, hi if hi else _month_end(year, mon))
            expr = "month_part"
            precision = 2  # see month_parts in time_words.yaml
        relative = y is None
        if (pre or "").lower() == "since":
            return self.since(start, expr, relative)
        future = self.art is not None and start > self.art
        return _value(start, end, expr, relative, precision=precision, future=future)

    def _part_key(self, raw: str) -> str | None:
        p = " ".join(raw.lower().replace("-", " ").split())
        p = p.removeprefix("the ")
        return p if p in self.g.month_parts else None

    def mp(self):
        y = self.grp("mp_y")
        return self._month_value(int(y) if y else None, self._mon(self.grp("mp_m")), None,
                                 self._part_key(self.grp("mp_p")))

    def my(self):
        return self._month_value(int(self.grp("my_y")), self._mon(self.grp("my_m")),
                                 self.grp("my_pre"))

    def mo(self):
        pre = self.grp("mo_pre").lower()
        mon = self._mon(self.grp("mo_m"))
        part = pre if pre in ("early", "late") else None
        return self._month_value(None, mon, None if part else pre, part)

    def rp(self):
        if self.art is None:
            return None
        art = self.art
        pre = " ".join((self.grp("rp_pre") or "").lower().split())
        rel = self.grp("rp_rel").lower()
        unit = self.grp("rp_u").lower()
        if rel in ("next", "coming"):
            return _value(None, None, f"next_{unit}", True, vague=True, future=True)
        window = pre in ("the", "over the", "in the", "during the", "within the") and rel in (
            "past", "last")
        if rel == "past":
            window = True
        if unit == "weekend":
            return self._weekend("this" if rel == "this" else "last")
        if window:  # "the past week", "in the last month": a trailing window to the article date
            days = {"week": 7, "month": 30, "year": 365}[unit]
            return _value(art - timedelta(days=days), art, f"past_{unit}", True,
                          vague=True if unit == "year" else None)
        if unit == "week":
            monday = art - timedelta(days=art.weekday())
            if rel in ("last", "previous"):
                start, end = monday - timedelta(days=7), monday - timedelta(days=1)
            else:
                start, end = monday, art
            if pre == "since":
                return _value(start, art, "since", True, since=f"{rel}_week")
            if pre in ("early", "earlier") and rel == "this":
                return _value(monday, art, "this_week", True)
            return _value(start, end, f"{'last' if rel != 'this' else 'this'}_week", True,
                          precision=2)
        if unit == "month":
            y, mo = (art.year, art.month) if rel == "this" else _shift_month(art.year, art.month, -1)
            rng = _month_range(y, mo)
            if rng is None:
                return None
            start, end = rng
            expr = f"{'this' if rel == 'this' else 'last'}_month"
            if pre == "since":
                return self.since(start, expr, True)
            key = self._part_key(pre) if pre and pre not in ("earlier", "later") else None
            if pre == "earlier" and rel == "this":
                return _value(start, art, expr, True, precision=3)
            if key:  # "early this month", "late last month" (month_parts in time_words.yaml)
                lo, hi = self.g.month_parts[key]
                start = date(y, mo, lo)
                end = date(y, mo, hi if hi else _month_end(y, mo))
                return _value(start, end, expr + "_part", True, precision=2)
            return _value(start, end, expr, True, precision=3)
        # year: ACLED has no year precision, so a year is only background
        y = art.year if rel == "this" else art.year - 1
        start, end = date(y, 1, 1), date(y, 12, 31)
        if pre == "since":
            return _value(start, art, "since", True, cumulative=True, vague=True, since="year")
        return _value(start, end, f"{'this' if rel == 'this' else 'last'}_year", True,
                      precision=3, vague=True)

    def pn(self):
        if self.art is None:
            return None
        raw = self.grp("pn_n").lower()
        n = int(raw) if raw.isdigit() else _SMALL_NUMBERS[raw]
        unit = self.grp("pn_u").lower()
        days = n * 7 if unit == "weeks" else -(-n // 24) if unit == "hours" else n
        if not 0 < days <= 366:
            return None
        return _value(self.art - timedelta(days=days), self.art, "past_n", True)

    def ago(self):
        if self.art is None:
            return None
        raw = " ".join(self.grp("ago_n").lower().split())
        words = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                 "twelve": 12, "several": 3, "couple of": 2, "a couple of": 2}
        vague = raw in ("a few", "several", "couple of", "a couple of")
        n = int(raw) if raw.isdigit() else words.get(raw, 3)
        unit = self.grp("ago_u").lower().rstrip("s")
        if unit == "year":
            d = _safe(self.art.year - n, 1, 1)
            if d is None:
                return None
            return _value(d, date(d.year, 12, 31), "ago", True, precision=3, vague=True)
        days = n * {"day": 1, "week": 7, "month": 30}[unit]
        if days > 366 * 100:
            return None
        d = self.art - timedelta(days=days)
        if d.year < _MIN_YEAR:
            return None
        prec = {"day": 1, "week": 2, "month": 3}[unit]
        return _value(d, None, "ago", True, precision=prec, vague=vague)

    def off(self):
        if self.art is None:
            return None
        raw = self.grp("off_w")
        before = self.m.string[max(0, self.m.start() - 40):self.m.start()]
        if raw[0].isupper() and re.search(r"[A-Z][\w'’]*\s+$", before):
            return None  # "Myanmar Today", "Mizzima Today": an outlet's name, not a day
        w = " ".join(raw.lower().split())
        off = self.g.day_offsets.get(w, 0)
        d = self.art + timedelta(days=off)
        part = next((p for p in self.g.day_parts if p in w), None)
        if w == "tonight" or w == "last night":
            part = "night"
        return _value(d, None, "today" if off == 0 else "yesterday" if off == -1 else "days_ago",
                      True, day_part=part)

    def wd(self):
        if self.art is None:
            return None
        art = self.art
        pre = " ".join((self.grp("wd_pre") or "").lower().split())
        w1 = self.g.weekdays[self.grp("wd1_w")]
        w2s = self.grp("wd2_w")
        part = (self.grp("wd_part2") or self.grp("wd_part") or "").lower() or None
        extra: dict[str, Any] = {"day_part": part}
        if self.grp("wd_tod"):
            extra["time_of_day"] = self.grp("wd_tod").lower()
        if pre == "next":
            d = art + timedelta(days=((w1 - art.weekday()) % 7) or 7)
            return _value(d, None, "weekday", True, future=True, vague=True)
        if w2s is not None:
            # A two-day span ends as late as the article date allows (gold: "on Thursday and
            # Friday" in a Friday article is that Thursday and the article's own Friday).
            w2 = self.g.weekdays[w2s]
            start = _wd_before(art, w1, strictly=True)
            end = start + timedelta(days=(w2 - w1) % 7)
            if end > art:
                start, end = start - timedelta(days=7), end - timedelta(days=7)
            same = end == art or start == art
            extra.update(same_weekday=same)
            if same:
                extra.update(alt_date=_iso(start - timedelta(days=7)),
                             alt_date_end=_iso(end - timedelta(days=7)))
            return _value(start, end, "weekday_range", True, **extra)
        same = w1 == art.weekday()
        if pre == "this":
            d = _wd_before(art, w1, strictly=False)
        else:
            d = _wd_before(art, w1, strictly=True)
        if same:
            extra["same_weekday"] = True
            extra["alt_date"] = _iso(art if d != art else art - timedelta(days=7))
        if pre == "since":
            return _value(d, art, "since", True, since="weekday", **extra)
        return _value(d, None, "weekday", True, **extra)

    def _weekend(self, which: str):
        art = self.art
        if art is None:
            return None
        if which == "this" and art.weekday() >= 5:
            sat = art - timedelta(days=art.weekday() - 5)
        else:
            sat = _wd_before(art, 5, strictly=True)
        return _value(sat, sat + timedelta(days=1), "weekend", True, precision=2)

    def we(self):
        raw = " ".join(self.grp("we").lower().split())
        return self._weekend("this" if raw.startswith("this") else "last")

    def anc(self):
        w = " ".join(self.grp("anc_w").lower().split())
        start = self.g.anchors.get(w)
        if start is None:
            return None
        end = self.art if self.art and self.art >= start else None
        return _value(start, end, "since", False, precision=3, cumulative=True, since=w)

    def yr(self):
        y = int(self.grp("yr_y"))
        if not (_MIN_YEAR <= y <= _MAX_YEAR):
            return None
        pre = self.grp("yr_pre").lower()
        start, end = date(y, 1, 1), date(y, 12, 31)
        if pre == "since":
            if self.art is not None and self.art >= start:
                end = self.art
            return _value(start, end, "since", False, precision=3, cumulative=True, vague=True,
                          since="year")
        return _value(start, end, "year", False, precision=3, vague=True)

    def vg(self):
        return _value(None, None, "vague", True, vague=True)


def find_dates(text: str, article_date: date | None) -> list[Mention]:
    """Every temporal expression in `text`, resolved against `article_date`.

    With no article date only expressions that carry their own year are resolved.
    Never raises on odd input: unparseable or out-of-range dates are skipped.
    """
    if not text:
        return []
    g = _grammar()
    out: list[Mention] = []
    starts, words, lowered = alnum_columns(text)  # the runs of mentions.ALNUM
    # The tokens that can anchor an expression (a number, a month or weekday name, a time
    # word), picked by C-level maps: most words of a text are none of these. (Numbers, and
    # words that are an anchor in some case; the loop below checks the case.)
    indexes = range(len(words))
    numbers = list(compress(indexes, map(str.isdigit, words)))
    anchors = sorted(chain(numbers, compress(indexes, map(g.anchor_lower.__contains__, lowered))))
    last_end = 0
    for i in anchors:
        pos, w = starts[i], words[i]
        if pos < last_end:
            continue
        if w[0].isdigit():
            # Most numbers are counts: a number anchors a date only as a year or ISO date,
            # next to a month name, or before a time unit ("3 days ago").
            if not (len(w) == 4 or not g.months.keys().isdisjoint(words[max(0, i - 2):i + 3])
                    or (i + 1 < len(words) and lowered[i + 1] in _UNITS)):
                continue
            rx = g.regexes["digit"]
        elif w in g.anchor_names:
            c = "month" if w in g.months else "weekday"
            k = bisect_left(numbers, i - _LOOK_BACK)
            if k == len(numbers) or numbers[k] > i + _DIGIT_REACH:
                rx = g.regexes_no_digit[c]  # no number near: the same match, found faster
            else:
                rx = g.regexes[c]
        elif lowered[i] in g.anchor_words:
            rx = g.regexes["word"]
        else:
            continue
        # Try the grammar from up to _LOOK_BACK words before the anchor, earliest first, so
        # the widest reading wins ("on the night of March 5", "since last week").
        m = None
        for j in range(max(0, i - _LOOK_BACK), i + 1):
            start_j, wj = starts[j], words[j]
            if start_j < last_end:
                continue
            if j < i and not (wj[0].isdigit() or wj in g.anchor_names
                              or lowered[j] in g.start_words):
                continue
            m = rx.match(text, start_j)
            if m is not None and m.end() > pos:
                break
            m = None
        if m is None:
            continue
        last_end = m.end()  # consumed even if it resolves to nothing: "Feb 30" stays skipped
        # The alternative that matched: each is one named group around the whole of it, so
        # its group is the last one the match closed.
        kind = m.lastgroup
        if kind is None:
            continue
        try:
            value = getattr(_Resolver(g, m, article_date), kind)()
        except (ValueError, OverflowError, KeyError):
            value = None  # a date outside datetime's range or a table miss: skip, never crash
        if value is None:
            continue
        start, end = m.span(kind)
        # Trim surrounding whitespace the optional groups may have left in the span.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append(Mention(KIND, start, end, text[start:end], value))
    return out


def _register() -> None:
    from spacy.language import Language

    if "clashmap_dates" in Language.factories:
        return

    @Language.component("clashmap_dates")
    def clashmap_dates(doc):
        """Append date mentions for the whole Doc (the article date is doc._.article_date)."""
        from clashmap.extract.mentions import doc_text, mentions_of

        mentions_of(doc, KIND).extend(find_dates(doc_text(doc), doc._.article_date))
        return doc


_register()
