"""Generated articles and a stand-in extractor, for the ingest benchmark and crash tests.

The real extractor is a spaCy pipeline whose output changes as it improves; measuring the store
and resolver, or killing an ingest midway, needs articles whose events are known and stable.
Each generated article is English prose followed by a bracketed, machine-readable list of the
events it reports; `extract` reads that list back. Several outlets report the same happening
with different figures, some reports are aggregates, and a few are corrections (same url, new
text), so ingest exercises merging, claims and replacement as real news would.

Not used by the default ingest path; select it with `clashmap ingest --extractor
clashmap.store.synthetic:extract`. CLASHMAP_SYNTHETIC_DELAY (seconds) makes each extraction
sleep, to stand in for a slow model.
"""
from __future__ import annotations

import json
import os
import random
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterator

from clashmap.model import Article, Casualty, Evidence, Event

MARK = "[synthetic-events "

# Township, state/region, approximate centre. Enough spread that distinct places do not fall
# within the resolver's 25 km.
PLACES = [
    ("Muse", "Shan", 23.98, 97.90), ("Lashio", "Shan", 22.93, 97.75), ("Kutkai", "Shan", 23.45, 97.94),
    ("Hpakant", "Kachin", 25.61, 96.31), ("Myitkyina", "Kachin", 25.38, 97.40),
    ("Mindat", "Chin", 21.37, 93.97), ("Demoso", "Kayah", 19.55, 97.15), ("Hlaingbwe", "Kayin", 17.13, 97.83),
    ("Kani", "Sagaing", 22.44, 94.85), ("Pale", "Sagaing", 21.85, 94.45), ("Tamu", "Sagaing", 24.22, 94.31),
    ("Myaing", "Magway", 21.61, 94.85), ("Gangaw", "Magway", 22.17, 94.13), ("Hsipaw", "Shan", 22.62, 97.30),
]
KINDS = [
    ("Explosions/Remote violence", "Air/drone strike", "an airstrike hit", "Military Forces of Myanmar (2021-)", None),
    ("Battles", "Armed clash", "fighting broke out", "PDF: People's Defense Force", "Military Forces of Myanmar (2021-)"),
    ("Violence against civilians", "Attack", "soldiers attacked villagers", "Military Forces of Myanmar (2021-)", "Civilians (Myanmar)"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "artillery shells landed",
     "Military Forces of Myanmar (2021-)", None),
]
OUTLETS = ["Irrawaddy", "Myanmar Now", "DVB", "Mizzima", "RFA Burmese", "Frontier"]


def _happening(rng: random.Random, start: date, days: int) -> dict[str, Any]:
    township, region, lat, lon = rng.choice(PLACES)
    etype, sub, phrase, actor1, actor2 = rng.choice(KINDS)
    day = start + timedelta(days=rng.randrange(days))
    killed = rng.choice([None, rng.randint(1, 30)])
    return {"event_type": etype, "sub_event_type": sub, "date": day.isoformat(), "time_precision": 1,
            "actor1": actor1, "actor2": actor2, "country": "MMR", "admin1": region, "admin3": township,
            "location": township, "latitude": lat, "longitude": lon, "geo_precision": 2,
            "fatalities": killed, "phrase": phrase}


def generate(n: int, seed: int = 7, start: date = date(2023, 1, 1), days: int = 730,
             reports_per_happening: float = 2.0, correction_rate: float = 0.02) -> list[dict[str, Any]]:
    """n article records (JSON-Lines ready: url, outlet, date, title, text)."""
    rng = random.Random(seed)
    happenings = [_happening(rng, start, days) for _ in range(max(1, int(n / reports_per_happening)))]
    records: list[dict[str, Any]] = []
    for i in range(n):
        told = []
        for h in rng.sample(happenings, k=min(len(happenings), rng.choice([1, 1, 2, 3]))):
            ev = dict(h)
            if ev["fatalities"] is not None and rng.random() < 0.4:
                ev["fatalities"] += rng.randint(0, 5)  # outlets disagree on the toll
            told.append(ev)
        if rng.random() < 0.05:
            h = told[0]
            month = date.fromisoformat(h["date"]).replace(day=1)
            told.append({"event_type": h["event_type"], "sub_event_type": h["sub_event_type"],
                         "date": month.isoformat(), "date_end": (month + timedelta(days=27)).isoformat(),
                         "time_precision": 3, "country": "MMR", "admin1": h["admin1"], "aggregate": True,
                         "event_count": rng.randint(10, 400), "actor1": h["actor1"], "phrase": "clashes were counted"})
        day = max(date.fromisoformat(e["date"]) for e in told) + timedelta(days=rng.randint(0, 2))
        outlet = rng.choice(OUTLETS)
        url = f"https://news.example/{outlet.lower().replace(' ', '-')}/{i}"
        records.append(_record(i, url, outlet, day, told))
        if rng.random() < correction_rate:
            for ev in told:
                if ev.get("fatalities") is not None:
                    ev["fatalities"] += 1
            records.append(_record(i, url, outlet, day, told, corrected=True))
    return records[:n]


def _record(i: int, url: str, outlet: str, day: date, told: list[dict[str, Any]],
            corrected: bool = False) -> dict[str, Any]:
    sentences = []
    for ev in told:
        toll = f", killing {ev['fatalities']} people" if ev.get("fatalities") is not None else ""
        where = ev.get("admin3") or ev.get("admin1")
        sentences.append(f"On {ev['date']} {ev['phrase']} in {where}{toll}.")
    lead = "Correction: an earlier version gave a different toll. " if corrected else ""
    text = f"{lead}Report {i} from {outlet}. " + " ".join(sentences) + " " + MARK + json.dumps(told) + "]"
    return {"url": url, "outlet": outlet, "date": day.isoformat(), "title": f"Report {i}", "text": text}


def write_jsonl(path: str | os.PathLike, records: list[dict[str, Any]]) -> Path:
    path = Path(path)
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def extract(article: Article) -> list[Event]:
    """The events a generated article carries, with evidence spans pointing into its prose."""
    delay = float(os.environ.get("CLASHMAP_SYNTHETIC_DELAY") or 0)
    if delay:
        time.sleep(delay)
    at = article.text.rfind(MARK)
    if at < 0:
        return []
    told = json.loads(article.text[at + len(MARK):].rstrip()[:-1])  # drop the closing bracket
    events = []
    for d in told:
        d = dict(d)
        phrase = d.pop("phrase", "")
        killed = d.get("fatalities")
        ev = Event.from_dict(d)
        if killed is not None:
            ev.casualties = [Casualty(side=None, killed=killed, claimant=article.outlet)]
            ev.claimant = article.outlet
        pos = article.text.find(phrase) if phrase else -1
        if pos >= 0:
            ev.evidence = [Evidence("event_type", pos, pos + len(phrase), phrase, article.id)]
        ev.article_ids = [article.id]
        ev.event_id = ev.key()
        events.append(ev)
    return events


def iter_articles(records: list[dict[str, Any]]) -> Iterator[Article]:
    """Articles straight from generated records, for callers that skip the readers."""
    for i, r in enumerate(records, 1):
        yield Article(text=r["text"], date=date.fromisoformat(r["date"]), outlet=r["outlet"], url=r["url"],
                      title=r["title"], source="<generated>", line=i)
