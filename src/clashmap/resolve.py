"""Cross-article resolution: is this the same happening, and what do its sources say together?

Pure functions over events (an `Event` or its dict form); no database, no spaCy. The store calls
them when it adds an article: each new event is compared with stored candidates, merged into
the one that is the same happening, or inserted as a new event.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date, timedelta
from typing import Any, Iterable, Mapping

# Fields that describe where an event happened; taken together from one source so that the
# coordinates and the names they belong to never come from different reports.
GEO_FIELDS = ("country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
              "geo_precision", "pcode")
DATE_FIELDS = ("date", "date_end", "time_precision")


def _get(ev: Any, name: str, default: Any = None) -> Any:
    if isinstance(ev, dict) or isinstance(ev, Mapping):  # the dict test first: ABC checks are slow
        return ev.get(name, default)
    return getattr(ev, name, default)


def _norm(name: str | None) -> str | None:
    """Case, punctuation and a trailing 'township'/'town' do not make two places different."""
    if not name:
        return None
    s = re.sub(r"[^\w\s]", " ", name.lower())
    s = re.sub(r"\b(township|town|city|village|district)\b", " ", s)
    return " ".join(s.split()) or None


def _as_date(v: Any) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


def window(ev: Any) -> tuple[date, date] | None:
    """The days an event may have happened on: [date, date_end], or None when undated."""
    start = _as_date(_get(ev, "date"))
    if start is None:
        return None
    end = _as_date(_get(ev, "date_end")) or start
    return (start, max(start, end))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _compatible(x: str | None, y: str | None) -> bool:
    """Same value, or one side does not say."""
    nx, ny = _norm(x), _norm(y)
    return nx is None or ny is None or nx == ny


def _locations_compatible(x: str | None, y: str | None) -> bool:
    # "Muse" and "Muse Township", or "Lashio" and "Lashio town", name the same place; one name
    # contained in the other is as far as names alone can be trusted.
    nx, ny = _norm(x), _norm(y)
    if nx is None or ny is None or nx == ny:
        return True
    return f" {nx} " in f" {ny} " or f" {ny} " in f" {nx} "


def _actors_compatible(a: Any, b: Any) -> bool:
    # Outlets disagree on who attacked whom ("clashes between X and Y") and often name one side
    # only, so the actors are compared as sets: one report's actors must all be in the other's.
    names_a = {n for n in (_norm(_get(a, "actor1")), _norm(_get(a, "actor2"))) if n}
    names_b = {n for n in (_norm(_get(b, "actor1")), _norm(_get(b, "actor2"))) if n}
    return names_a <= names_b or names_b <= names_a


def same_place(a: Any, b: Any, max_km: float = 25.0) -> bool:
    for level in ("country", "admin1"):
        if not _compatible(_get(a, level), _get(b, level)):
            return False
    t_a, t_b = _norm(_get(a, "admin3")), _norm(_get(b, "admin3"))
    if t_a and t_b and t_a != t_b:
        return False  # two named townships are two places, however close their centres are
    if not _locations_compatible(_get(a, "location"), _get(b, "location")):
        return False
    if t_a and t_a == t_b:
        return True
    coords = [_get(a, "latitude"), _get(a, "longitude"), _get(b, "latitude"), _get(b, "longitude")]
    if all(c is not None for c in coords):
        return distance_km(*coords) <= max_km
    # Only a region (or nothing) in common: too coarse to call it one happening.
    return False


def same_happening(a: Any, b: Any, max_km: float = 25.0, date_slack_days: int = 1) -> bool:
    """True when two single events are one happening reported twice.

    Same event type; same place (same township, or within `max_km` when both have coordinates,
    and location names that do not contradict); date windows that overlap once each is widened
    by `date_slack_days` (an outlet's "on Tuesday" and another's "on Wednesday night" are often
    the same strike); actors that agree or are missing on one side. Summary claims (aggregates)
    never merge, with each other or with single events.
    """
    if _get(a, "aggregate") or _get(b, "aggregate"):
        return False
    if _get(a, "event_type") != _get(b, "event_type"):
        return False
    wa, wb = window(a), window(b)
    if wa is None or wb is None:
        return False
    slack = timedelta(days=date_slack_days)
    if wa[0] - slack > wb[1] or wb[0] - slack > wa[1]:
        return False
    return same_place(a, b, max_km) and _actors_compatible(a, b)


def _fatality_figures(item: Any) -> tuple[int | None, int | None, int | None]:
    killed = _get(item, "killed", _get(item, "fatalities"))
    low = _get(item, "low", _get(item, "fatalities_low"))
    high = _get(item, "high", _get(item, "fatalities_high"))
    return low, killed, high


def summarise_fatalities(claims: Iterable[Any]) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) over the figures that several sources report for one event.

    Each claim is a mapping or object with `killed` (or `fatalities`), optionally `low`/`high`
    (or `fatalities_low`/`fatalities_high`) and `article_id`. Claims of one article are summed
    (they are its per-side figures); articles are then compared:
    best = the lowest reported best figure (ACLED's conservative count); low = the lowest figure
    anyone reports; high = the highest. With one source, its own figures come back unchanged, so
    "at least 20" keeps an open top. None means nobody gave a number (never 0 for unknown).
    """
    per_source: dict[Any, list[int | None]] = {}
    for i, claim in enumerate(claims):
        low, best, high = _fatality_figures(claim)
        if low is None and best is None and high is None:
            continue
        key = _get(claim, "article_id") or ("#", i)
        acc = per_source.setdefault(key, [None, None, None])
        for j, v in enumerate((low, best, high)):
            if v is not None:
                acc[j] = v if acc[j] is None else acc[j] + v
    if not per_source:
        return None, None, None
    figures = list(per_source.values())
    if len(figures) == 1:
        low, best, high = figures[0]
        return low, best, high
    bests = [b for _, b, _ in figures if b is not None]
    lows = [lo if lo is not None else b for lo, b, _ in figures if (lo if lo is not None else b) is not None]
    highs = [hi if hi is not None else b for _, b, hi in figures if (hi if hi is not None else b) is not None]
    return (min(lows) if lows else None, min(bests) if bests else None, max(highs) if highs else None)


def _precision_rank(v: Any) -> int:
    # Lower precision codes are more precise; a missing code ranks last.
    return v if isinstance(v, int) else 99


def _first(values: Iterable[Any]) -> Any:
    return next((v for v in values if v not in (None, "", [])), None)


def source_figure(ev: Any) -> dict[str, Any]:
    """One source's casualty figure for summarise_fatalities: the event's own fatalities, or the
    sum of its per-side killed when the extractor gave sides only."""
    killed = _get(ev, "fatalities")
    if killed is None:
        sides = [_get(c, "killed") for c in _get(ev, "casualties") or []]
        sides = [k for k in sides if k is not None]
        killed = sum(sides) if sides else None
    ids = _get(ev, "article_ids") or []
    return {"article_id": ids[0] if ids else None, "killed": killed,
            "low": _get(ev, "fatalities_low"), "high": _get(ev, "fatalities_high")}


def merge_events(sources: list[Mapping[str, Any]]) -> dict[str, Any]:
    """The resolved event from the events several articles told (each an Event dict, in the order
    they were ingested). Deterministic: recomputed from scratch whenever a source comes or goes.

    Dates come from the most precise source, the place block from the most precisely located
    one; actors from the first source that names them; figures from summarise_fatalities;
    injuries, conservatively, the lowest reported.
    """
    if not sources:
        raise ValueError("merge_events needs at least one source")
    if len(sources) == 1:
        merged = dict(sources[0])
        merged.pop("evidence", None)
        return merged
    first = sources[0]
    merged: dict[str, Any] = {k: v for k, v in first.items() if k != "evidence"}

    types = Counter(s.get("sub_event_type") for s in sources if s.get("sub_event_type"))
    if types:
        top = max(types.values())
        merged["sub_event_type"] = next(s["sub_event_type"] for s in sources
                                        if types.get(s.get("sub_event_type")) == top)

    # sorted() is stable, so ties keep ingestion order.
    dated = sorted(sources, key=lambda s: _precision_rank(s.get("time_precision")))[0]
    for f in DATE_FIELDS:
        merged[f] = dated.get(f)
    placed = sorted(sources, key=lambda s: _precision_rank(s.get("geo_precision")))[0]
    for f in GEO_FIELDS:
        merged[f] = placed.get(f)
    for f in ("country", "admin1", "admin2", "admin3", "pcode"):
        if merged.get(f) is None:
            merged[f] = _first(s.get(f) for s in sources)

    for slot, assoc, inter in (("actor1", "assoc_actor_1", "inter1"), ("actor2", "assoc_actor_2", "inter2")):
        named = next((s for s in sources if s.get(slot)), None)
        merged[slot] = named.get(slot) if named else None
        merged[inter] = named.get(inter) if named else _first(s.get(inter) for s in sources)
        seen: list[str] = []
        for s in sources:
            for name in s.get(assoc) or []:
                if name not in seen and name != merged[slot]:
                    seen.append(name)
        merged[assoc] = seen

    low, best, high = summarise_fatalities(source_figure(s) for s in sources)
    merged["fatalities"], merged["fatalities_low"], merged["fatalities_high"] = best, low, high
    injuries = [s.get("injuries") for s in sources if s.get("injuries") is not None]
    merged["injuries"] = min(injuries) if injuries else None

    casualties: list[dict[str, Any]] = []
    for s in sources:
        for c in s.get("casualties") or []:
            c = dict(c)
            if c not in casualties:
                casualties.append(c)
    merged["casualties"] = casualties

    merged["claimant"] = _first(s.get("claimant") for s in sources)
    verdicts = [s.get("verified") for s in sources if s.get("verified") is not None]
    # One outlet that confirmed it outweighs others that could not; unknown stays unknown.
    merged["verified"] = True if True in verdicts else (False if verdicts else None)
    merged["aggregate"] = False
    merged["event_count"] = _first(s.get("event_count") for s in sources)
    flags: list[str] = []
    for s in sources:
        flags += [f for f in s.get("flags") or [] if f not in flags]
    merged["flags"] = flags
    merged["notes"] = _first(s.get("notes") for s in sources)
    ids: list[str] = []
    for s in sources:
        ids += [a for a in s.get("article_ids") or [] if a not in ids]
    merged["article_ids"] = ids
    return merged
