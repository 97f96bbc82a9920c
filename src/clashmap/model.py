"""The records that flow down the pipeline: Article -> Event (with Evidence, Casualty) and Reject.

Plain dataclasses with no dependency on spaCy, SQLAlchemy or the web layer, so every stage can
import them and they pickle cleanly across a Dask cluster.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


def content_hash(text: str) -> str:
    """Stable article id: the first 16 hex digits of SHA-256 over the normalised text."""
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    text: str
    date: date | None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None  # the file (and reader) it came from
    line: int | None = None  # 1-based line or record number inside source
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_hash(self.text)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"] = self.date.isoformat() if self.date else None
        return d


@dataclass
class Reject:
    """An input record that could not become an Article. Kept, counted, never silently dropped."""

    source: str
    line: int | None
    reason: str
    raw: str = ""  # the first bytes of the offending record, for the analyst

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class InputError(ValueError):
    """A clear, typed error about one input record: names the file, the line and the reason."""

    def __init__(self, source: str, line: int | None, reason: str, raw: str = ""):
        self.reject = Reject(source=source, line=line, reason=reason, raw=raw[:500])
        super().__init__(str(self.reject))


@dataclass
class Evidence:
    field: str
    start: int
    end: int
    text: str
    article_id: str = ""


@dataclass
class Casualty:
    side: str | None
    killed: int | None = None
    injured: int | None = None
    claimant: str | None = None


# Field order follows the event record in the design (ACLED's fields first).
@dataclass
class Event:
    event_type: str
    sub_event_type: str
    date: str | None = None  # ISO yyyy-mm-dd
    date_end: str | None = None
    time_precision: int | None = None  # 1 day, 2 week, 3 month
    actor1: str | None = None
    assoc_actor_1: list[str] = field(default_factory=list)
    actor2: str | None = None
    assoc_actor_2: list[str] = field(default_factory=list)
    inter1: int | None = None
    inter2: int | None = None
    country: str | None = None  # ISO3
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    pcode: str | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injuries: int | None = None
    casualties: list[Casualty] = field(default_factory=list)
    claimant: str | None = None
    verified: bool | None = None
    aggregate: bool = False
    event_count: int | None = None
    evidence: list[Evidence] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # e.g. "injuries_unquantified"
    notes: str | None = None
    article_ids: list[str] = field(default_factory=list)
    event_id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        d = dict(d)
        d["casualties"] = [c if isinstance(c, Casualty) else Casualty(**c) for c in d.get("casualties") or []]
        d["evidence"] = [e if isinstance(e, Evidence) else Evidence(**e) for e in d.get("evidence") or []]
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in d.items() if k in known})

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def key(self) -> str:
        """A stable id from what the event is (used when the extractor names it)."""
        basis = "|".join(str(x) for x in (self.article_ids[:1], self.event_type, self.sub_event_type,
                                           self.date, self.date_end, self.admin1, self.admin3,
                                           self.location, self.actor1, self.actor2, self.aggregate))
        return hashlib.sha256(basis.encode()).hexdigest()[:16]
