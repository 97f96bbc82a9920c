"""The store: one SQLAlchemy schema on SQLite (default, zero set-up) or PostgreSQL (by URL).

    store = Store("sqlite:///clashmap.db")          # or "postgresql://user@host/db"
    store.add_article(article, events)               # one transaction; idempotent by content hash
    store.events(country="MMR", date_from="2024-06-01")

Every write is one transaction, so a crash loses nothing committed. Resolution (which stored
event a new one is the same happening as) uses the pure functions in clashmap.resolve.
Reviews are stored beside the machine's event and laid over it when read; they never change it.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import (
    Text,
    and_,
    bindparam,
    cast,
    create_engine,
    delete,
    event as sa_event,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import StaticPool

from clashmap.model import Article, Event, Reject
from clashmap.resolve import merge_events, same_happening
from clashmap.store.schema import (
    ArticleRow,
    ClaimRow,
    EventRow,
    EventSourceRow,
    EvidenceRow,
    RejectRow,
    ReviewRow,
    UserRow,
)

__all__ = ["Store", "AddResult", "EVENT_FIELDS", "HEAD_REVISION", "normalise_url"]

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest Alembic revision; migrate() skips Alembic entirely when the database is already
# there, which keeps opening a store cheap. A test checks this equals Alembic's own head.
HEAD_REVISION = "0001"

A = ArticleRow.__table__
E = EventRow.__table__
S = EventSourceRow.__table__
C = ClaimRow.__table__
V = EvidenceRow.__table__
R = RejectRow.__table__
RV = ReviewRow.__table__
U = UserRow.__table__

# Event fields kept as columns of the events table (evidence lives in its own table;
# article_ids come from event_sources).
EVENT_FIELDS = [f for f in Event.__dataclass_fields__ if f not in ("evidence", "article_ids", "event_id")]
DATE_COLUMNS = ("date", "date_end")
# What a reviewer may change. Ids and provenance are not theirs to edit.
EDITABLE = set(EVENT_FIELDS)
REVIEW_ACTIONS = {"accept": "accepted", "edit": "edited", "reject": "rejected"}

# The ingest's hot path runs these for every article; built once, they skip SQLAlchemy's
# per-call statement construction (the values go in as parameters).
INSERT_ARTICLE = insert(A)
INSERT_EVENT = insert(E)
INSERT_SOURCE = insert(S)
INSERT_CLAIMS = insert(C)
INSERT_EVIDENCE = insert(V)
UPDATE_EVENT = update(E).where(E.c.event_id == bindparam("the_event"))
ARTICLE_EXISTS = select(A.c.id).where(A.c.id == bindparam("id"))
EVENT_EXISTS = select(E.c.event_id).where(E.c.event_id == bindparam("id"))
# What same_happening reads; the JSON columns stay undecoded for candidates that do not match.
MATCH_COLUMNS = ("event_id", "event_type", "aggregate", "date", "date_end", "country", "admin1", "admin3",
                 "location", "latitude", "longitude", "actor1", "actor2")
CANDIDATES = select(*[E.c[c] for c in MATCH_COLUMNS]).where(E.c.event_type == bindparam("event_type"), E.c.aggregate.is_(False),
                             E.c.date <= bindparam("last"),
                             func.coalesce(E.c.date_end, E.c.date) >= bindparam("first"))
SOURCES_OF = (select(S.c.extracted).join(A, A.c.id == S.c.article_id)
              .where(S.c.event_id == bindparam("id")).order_by(A.c.ingested_at, A.c.id))

MAX_KM = 25.0
DATE_SLACK_DAYS = 1


@dataclass
class AddResult:
    status: str  # "new", "duplicate" or "replaced"
    event_ids: list[str] = field(default_factory=list)  # the stored events this article feeds
    merged: int = 0  # how many of its events joined an event another article reported


def normalise_url(url: str) -> str:
    """postgresql:// and postgres:// mean psycopg 3 (the driver clashmap installs)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(v: Any) -> Any:
    if isinstance(v, datetime) and v.tzinfo is None:
        v = v.replace(tzinfo=timezone.utc)  # SQLite hands back our UTC timestamps without a zone
    return v.isoformat() if isinstance(v, (date, datetime)) else v


def _to_date(v: Any) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


def _json_dumps(obj: Any) -> str:
    # Names stay readable in the database (and searchable with LIKE) instead of \u escapes.
    return json.dumps(obj, ensure_ascii=False)


def _sqlite_pragmas(engine: Engine, synchronous: str) -> None:
    @sa_event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy's "begin" hook below issue BEGIN itself (pysqlite's implicit BEGIN
        # would start write transactions as DEFERRED, which can fail with "database is locked"
        # when two writers upgrade their locks at once, whatever busy_timeout says).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")  # readers (the web app) never block the ingest
        cur.execute("PRAGMA busy_timeout=30000")  # a second writer waits instead of failing
        cur.execute("PRAGMA foreign_keys=ON")  # off by default in SQLite
        cur.execute(f"PRAGMA synchronous={synchronous}")
        cur.close()

    @sa_event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Writers take the write lock up front; readers start an ordinary snapshot.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("clashmap_write")
                             else "BEGIN")


def make_engine(url: str, durable: bool = True) -> Engine:
    url = normalise_url(url)
    u = make_url(url)
    kwargs: dict[str, Any] = {"json_serializer": _json_dumps}
    if u.get_backend_name() == "sqlite":
        if u.database in (None, "", ":memory:"):
            # One shared connection, or each checkout would see its own empty database.
            kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            kwargs["connect_args"] = {"check_same_thread": False}
        engine = create_engine(url, **kwargs)
        # In WAL mode, NORMAL survives any process crash (SIGKILL included) but may lose the last
        # transactions on power loss; FULL syncs every commit so nothing committed is lost at all.
        _sqlite_pragmas(engine, "FULL" if durable else "NORMAL")
        return engine
    kwargs["pool_pre_ping"] = True
    return create_engine(url, **kwargs)


def _event_row_values(ev: dict[str, Any]) -> dict[str, Any]:
    """Column values for the events table from an Event dict."""
    vals = {f: ev.get(f) for f in EVENT_FIELDS}
    for f in DATE_COLUMNS:
        vals[f] = _to_date(vals[f])
    vals["aggregate"] = bool(vals.get("aggregate"))
    for f in ("assoc_actor_1", "assoc_actor_2", "casualties", "flags"):
        vals[f] = list(vals.get(f) or [])
    return vals


def _row_to_event(row: Any) -> dict[str, Any]:
    """The machine's event (an Event dict, dates as ISO strings) from an events row."""
    m = row._mapping
    d = {f: _iso(m[f]) if f in DATE_COLUMNS else m[f] for f in EVENT_FIELDS}
    for f in ("assoc_actor_1", "assoc_actor_2", "casualties", "flags"):
        d[f] = list(d[f] or [])
    d["event_id"] = m["event_id"]
    return d


def _effective(machine: dict[str, Any], changes: dict[str, Any] | None) -> dict[str, Any]:
    d = dict(machine)
    for k, v in (changes or {}).items():
        d[k] = v
    return d


class Store:
    """clashmap's database. Thread-safe for reads; one writer at a time per database."""

    def __init__(self, url: str = "sqlite:///clashmap.db", migrate: bool = True, durable: bool = True,
                 max_km: float = MAX_KM, date_slack_days: int = DATE_SLACK_DAYS):
        self.url = normalise_url(url)
        self.engine = make_engine(self.url, durable=durable)
        self.dialect = self.engine.dialect.name
        self.max_km = max_km
        self.date_slack_days = date_slack_days
        if migrate:
            self.migrate()

    # ------------------------------------------------------------------ plumbing

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn = conn.execution_options(clashmap_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            with conn.begin():
                yield conn

    def revision(self) -> str | None:
        """The Alembic revision the database is at (None for an empty database)."""
        with self._read() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def migrate(self) -> None:
        """Bring the schema to the newest revision with Alembic (a no-op when it is there)."""
        if self.revision() == HEAD_REVISION:
            return
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        with self.engine.connect() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()

    # ------------------------------------------------------------------ articles and events

    def has_article(self, article_id: str) -> bool:
        with self._read() as conn:
            return conn.execute(ARTICLE_EXISTS, {"id": article_id}).first() is not None

    def add_article(self, article: Article, events: list[Event] | list[dict]) -> AddResult:
        """Store one article and its extracted events, resolving each against stored events.

        One transaction. The same article again (same content hash) changes nothing and returns
        status "duplicate". A new text under a stored article's url is a correction: the old row
        stays (superseded_by points at the new one), its events lose it as a source, and the new
        article's events are resolved afresh (status "replaced").
        """
        try:
            with self._write() as conn:
                return self._add_article(conn, article, events)
        except IntegrityError:
            # A concurrent ingest stored the same article between our check and our insert.
            if self.has_article(article.id):
                return AddResult("duplicate", self._article_event_ids(article.id), 0)
            raise

    def _article_event_ids(self, article_id: str, conn: Connection | None = None) -> list[str]:
        q = select(S.c.event_id).where(S.c.article_id == article_id).order_by(S.c.event_id)
        if conn is not None:
            return list(conn.execute(q).scalars())
        with self._read() as c:
            return list(c.execute(q).scalars())

    def _add_article(self, conn: Connection, article: Article, events: list) -> AddResult:
        if conn.execute(ARTICLE_EXISTS, {"id": article.id}).first() is not None:
            return AddResult("duplicate", self._article_event_ids(article.id, conn), 0)
        now = _now()
        conn.execute(INSERT_ARTICLE, {
            "id": article.id, "url": article.url, "outlet": article.outlet, "title": article.title,
            "date": _to_date(article.date), "text": article.text, "source": article.source,
            "line": article.line, "superseded_by": None, "ingested_at": now})

        status, affected = "new", []
        if article.url:
            older = list(conn.execute(select(A.c.id).where(
                A.c.url == article.url, A.c.id != article.id, A.c.superseded_by.is_(None))).scalars())
            for old_id in older:
                status = "replaced"
                conn.execute(update(A).where(A.c.id == old_id).values(superseded_by=article.id))
                affected += self._article_event_ids(old_id, conn)
                for table in (V, C, S):
                    conn.execute(delete(table).where(table.c.article_id == old_id))

        event_ids: list[str] = []
        merged = 0
        for ev in events:
            d = self._prepare(ev, article)
            target = None if d.get("aggregate") else self._find_same(conn, d, exclude=set(event_ids))
            if target is None:
                event_id = self._free_event_id(conn, d["event_id"])
                d["event_id"] = event_id
                conn.execute(INSERT_EVENT, dict(_event_row_values(d), event_id=event_id, created_at=now,
                                                updated_at=now, review_status=None, review_changes=None))
                self._add_source(conn, event_id, article.id, d)
            else:
                event_id = target
                self._add_source(conn, event_id, article.id, d)
                self._recompute(conn, event_id, now)
                if event_id not in affected:
                    merged += 1
            event_ids.append(event_id)

        # Events the superseded version fed: recompute from the sources left, or drop them when
        # the correction took away their only source (and no new event was resolved into them).
        for event_id in dict.fromkeys(affected):
            if not self._recompute(conn, event_id, now):
                conn.execute(delete(E).where(E.c.event_id == event_id))
        return AddResult(status, event_ids, merged)

    @staticmethod
    def _prepare(ev: Event | dict, article: Article) -> dict[str, Any]:
        d = ev.to_dict() if isinstance(ev, Event) else Event.from_dict(ev).to_dict()
        d["article_ids"] = [article.id]
        for e in d.get("evidence") or []:
            e["article_id"] = article.id
        if not d.get("event_id"):
            d["event_id"] = Event.from_dict(d).key()
        for f in DATE_COLUMNS:
            d[f] = _iso(d.get(f))
        return d

    def _free_event_id(self, conn: Connection, event_id: str) -> str:
        """The id itself, or with the first free "-N" suffix when another event holds it."""
        def taken(candidate: str) -> bool:
            return conn.execute(EVENT_EXISTS, {"id": candidate}).first() is not None

        n, candidate = 1, event_id
        while taken(candidate):  # primary-key look-ups; collisions are rare
            n += 1
            candidate = f"{event_id}-{n}"
        return candidate

    def _find_same(self, conn: Connection, d: dict[str, Any], exclude: set[str]) -> str | None:
        """The stored event that `d` is the same happening as, or None."""
        start, end = _to_date(d.get("date")), _to_date(d.get("date_end"))
        if start is None:
            return None
        end = max(start, end or start)
        slack = timedelta(days=self.date_slack_days)
        rows = conn.execute(CANDIDATES, {"event_type": d["event_type"], "last": end + slack,
                                         "first": start - slack}).all()
        best = None
        for row in rows:
            cand = {k: _iso(v) if k in DATE_COLUMNS else v for k, v in row._mapping.items()}
            if cand["event_id"] in exclude:
                continue  # one article's events are distinct by the extractor's decision
            if not same_happening(cand, d, self.max_km, self.date_slack_days):
                continue
            gap = abs((_to_date(cand["date"]) - start).days)
            key = (gap, cand["event_id"])
            if best is None or key < best:
                best = key
        return best[1] if best else None

    def _add_source(self, conn: Connection, event_id: str, article_id: str, d: dict[str, Any]) -> None:
        extracted = {k: v for k, v in d.items() if k != "evidence"}
        conn.execute(INSERT_SOURCE, {"event_id": event_id, "article_id": article_id, "extracted": extracted})
        claims = [{"side": c.get("side"), "killed": c.get("killed"), "injured": c.get("injured"),
                   "claimant": c.get("claimant") or d.get("claimant")} for c in d.get("casualties") or []]
        if not claims and (d.get("fatalities") is not None or d.get("injuries") is not None):
            # No per-side figures: the event's own total is this source's claim.
            claims = [{"side": None, "killed": d.get("fatalities"), "injured": d.get("injuries"),
                       "claimant": d.get("claimant")}]
        if claims:
            conn.execute(INSERT_CLAIMS, [dict(c, event_id=event_id, article_id=article_id,
                                          verified=d.get("verified")) for c in claims])
        evidence = [{"event_id": event_id, "article_id": article_id, "field": e["field"],
                     "start": e["start"], "end": e["end"], "text": e["text"]}
                    for e in d.get("evidence") or []]
        if evidence:
            conn.execute(INSERT_EVIDENCE, evidence)

    def _recompute(self, conn: Connection, event_id: str, now: datetime) -> bool:
        """Re-merge an event from its sources (oldest first). False when it has none left."""
        sources = [r.extracted for r in conn.execute(SOURCES_OF, {"id": event_id})]
        if not sources:
            return False
        merged = merge_events(sources)
        conn.execute(UPDATE_EVENT, dict(_event_row_values(merged), updated_at=now, the_event=event_id))
        return True

    def add_reject(self, reject: Reject) -> bool:
        """Keep a record that could not become an article. The same reject (source, line, reason)
        is stored once, so re-running an ingest does not multiply them. True when stored."""
        with self._write() as conn:
            line_match = R.c.line.is_(None) if reject.line is None else R.c.line == reject.line
            seen = conn.execute(select(R.c.id).where(R.c.source == reject.source, line_match,
                                                     R.c.reason == reject.reason)).first()
            if seen:
                return False
            conn.execute(insert(R).values(source=reject.source, line=reject.line, reason=reject.reason,
                                          raw=reject.raw, at=_now()))
            return True

    # ------------------------------------------------------------------ reading

    def counts(self) -> dict[str, int]:
        with self._read() as conn:
            def n(table, *where):
                return conn.execute(select(func.count()).select_from(table).where(*where)).scalar()
            return {"articles": n(A), "events": n(E), "rejects": n(R), "sources": n(S), "claims": n(C),
                    "evidence": n(V), "reviews": n(RV), "superseded": n(A, A.c.superseded_by.isnot(None))}

    # Filters shared by events() and stats(). Each is applied twice: in SQL to the machine's
    # columns (fast, indexed), and in Python to the reviewed event, because a reviewer's edit
    # can move an event into or out of a filter.

    def _sql_filters(self, f: dict[str, Any]) -> list:
        conds = []
        if f.get("date_from"):
            conds.append(func.coalesce(E.c.date_end, E.c.date) >= _to_date(f["date_from"]))
        if f.get("date_to"):
            conds.append(E.c.date <= _to_date(f["date_to"]))
        for name in ("country", "admin1", "admin3", "event_type"):
            if f.get(name):
                conds.append(E.c[name] == f[name])
        if f.get("actor"):
            a = f["actor"]
            # Associated actors are JSON lists; their text holds the name in quotes.
            quoted = _json_dumps(a)
            conds.append(or_(E.c.actor1 == a, E.c.actor2 == a,
                             cast(E.c.assoc_actor_1, Text).contains(quoted, autoescape=True),
                             cast(E.c.assoc_actor_2, Text).contains(quoted, autoescape=True)))
        if f.get("verified") is not None:
            conds.append(E.c.verified == bool(f["verified"]))
        if f.get("aggregate") is not None:
            conds.append(E.c.aggregate == bool(f["aggregate"]))
        if f.get("q"):
            q = str(f["q"]).lower()
            conds.append(or_(*[func.lower(E.c[c]).contains(q, autoescape=True) for c in SEARCHED]))
        return conds

    @staticmethod
    def _matches(d: dict[str, Any], f: dict[str, Any]) -> bool:
        if f.get("date_from"):
            last = d.get("date_end") or d.get("date")
            if not last or str(last) < _to_date(f["date_from"]).isoformat():
                return False
        if f.get("date_to"):
            if not d.get("date") or str(d["date"]) > _to_date(f["date_to"]).isoformat():
                return False
        for name in ("country", "admin1", "admin3", "event_type"):
            if f.get(name) and d.get(name) != f[name]:
                return False
        if f.get("actor"):
            a = f["actor"]
            names = [d.get("actor1"), d.get("actor2"), *(d.get("assoc_actor_1") or []),
                     *(d.get("assoc_actor_2") or [])]
            if a not in names:
                return False
        for name in ("verified", "aggregate"):
            if f.get(name) is not None and d.get(name) is not bool(f[name]):
                return False
        if f.get("q"):
            q = str(f["q"]).lower()
            if not any(q in str(d.get(c) or "").lower() for c in SEARCHED):
                return False
        return True

    def iter_events(self, include_rejected: bool = False, limit: int | None = None, offset: int = 0,
                    **filters: Any) -> Iterator[dict[str, Any]]:
        """Stream events (newest first) as dicts: the Event fields with reviews applied, plus
        event_id, article_ids, review_status and evidence. Filters as in events()."""
        unknown = set(filters) - FILTERS
        if unknown:
            raise TypeError(f"unknown event filter(s): {', '.join(sorted(unknown))}")
        filters = {k: v for k, v in filters.items() if v is not None and v != ""}
        conds = self._sql_filters(filters)
        base = [] if include_rejected else [or_(E.c.review_status.is_(None), E.c.review_status != "rejected")]
        order = (E.c.date.desc().nulls_last(), E.c.event_id)
        with self._read() as conn:
            edited = conds and conn.execute(
                select(E.c.event_id).where(E.c.review_changes.isnot(None)).limit(1)).first()
            if edited:
                # Edited events are fetched whatever their machine columns say and judged by
                # their reviewed values below; paging then has to happen here too.
                stmt = select(E).where(*base, or_(and_(*conds), E.c.review_changes.isnot(None))).order_by(*order)
            else:
                stmt = select(E).where(*base, *conds).order_by(*order)
                if limit is not None:
                    stmt = stmt.limit(limit)
                if offset:
                    stmt = stmt.offset(offset)
            result = conn.execution_options(yield_per=500).execute(stmt)
            skip, left = (offset, limit) if edited else (0, None)
            for chunk in result.partitions():
                out = []
                for row in chunk:
                    d = _effective(_row_to_event(row), row.review_changes)
                    if edited and not self._matches(d, filters):
                        continue
                    if skip:
                        skip -= 1
                        continue
                    d["review_status"] = row.review_status
                    out.append(d)
                    if left is not None:
                        left -= 1
                        if left <= 0:
                            break
                self._attach(conn, out)
                yield from out
                if left is not None and left <= 0:
                    return

    def _attach(self, conn: Connection, events: list[dict[str, Any]]) -> None:
        """Add article_ids and evidence to a page of event dicts (two queries per page)."""
        if not events:
            return
        ids = [d["event_id"] for d in events]
        by_id = {d["event_id"]: d for d in events}
        for d in events:
            d["article_ids"], d["evidence"] = [], []
        for r in conn.execute(select(S.c.event_id, S.c.article_id).join(A, A.c.id == S.c.article_id)
                              .where(S.c.event_id.in_(ids)).order_by(A.c.ingested_at, A.c.id)):
            by_id[r.event_id]["article_ids"].append(r.article_id)
        for r in conn.execute(select(V).where(V.c.event_id.in_(ids)).order_by(V.c.id)):
            by_id[r.event_id]["evidence"].append(
                {"field": r.field, "article_id": r.article_id, "start": r.start, "end": r.end, "text": r.text})

    def events(self, date_from: Any = None, date_to: Any = None, country: str | None = None,
               admin1: str | None = None, admin3: str | None = None, event_type: str | None = None,
               actor: str | None = None, verified: bool | None = None, aggregate: bool | None = None,
               q: str | None = None, limit: int | None = 1000, offset: int = 0,
               include_rejected: bool = False) -> list[dict[str, Any]]:
        """Events matching every filter given, newest first, reviews applied.

        date_from/date_to select events whose date window overlaps the range; actor matches
        actor1, actor2 or an associated actor; q is a case-insensitive substring of the type,
        actors, place names, claimant or notes. Events a reviewer rejected are left out unless
        include_rejected. limit=None returns everything.
        """
        return list(self.iter_events(
            include_rejected=include_rejected, limit=limit, offset=offset, date_from=date_from,
            date_to=date_to, country=country, admin1=admin1, admin3=admin3, event_type=event_type,
            actor=actor, verified=verified, aggregate=aggregate, q=q))

    def stats(self, include_rejected: bool = False, **filters: Any) -> dict[str, Any]:
        """Counts for a dashboard: per ISO week (Monday) and per event type, events and
        fatalities (best figures). Summary claims (aggregates) are counted apart, so that "374
        clashes in June" is not added to the single events it summarises, unless the filter asks
        for aggregates only."""
        filters.pop("limit", None)
        filters.pop("offset", None)
        count_aggregates = filters.get("aggregate") is True
        weeks: dict[str, dict[str, Any]] = {}
        by_type: dict[str, dict[str, int]] = {}
        total = {"events": 0, "fatalities": 0}
        aggregates = {"events": 0, "event_count": 0, "fatalities": 0}
        undated = 0
        for d in self.iter_events(include_rejected=include_rejected, **filters):
            killed = d.get("fatalities") or 0
            if d.get("aggregate") and not count_aggregates:
                aggregates["events"] += 1
                aggregates["event_count"] += d.get("event_count") or 0
                aggregates["fatalities"] += killed
                continue
            total["events"] += 1
            total["fatalities"] += killed
            t = by_type.setdefault(d["event_type"], {"events": 0, "fatalities": 0})
            t["events"] += 1
            t["fatalities"] += killed
            day = _to_date(d.get("date"))
            if day is None:
                undated += 1
                continue
            monday = (day - timedelta(days=day.weekday())).isoformat()
            w = weeks.setdefault(monday, {"week": monday, "events": 0, "fatalities": 0, "by_type": {}})
            w["events"] += 1
            w["fatalities"] += killed
            wt = w["by_type"].setdefault(d["event_type"], {"events": 0, "fatalities": 0})
            wt["events"] += 1
            wt["fatalities"] += killed
        return {**total, "by_type": by_type, "weekly": [weeks[k] for k in sorted(weeks)],
                "aggregates": aggregates, "undated": undated}

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with everything behind it: sources (with how each told it), claims,
        evidence, reviews, and "original", the machine's version before any review."""
        with self._read() as conn:
            row = conn.execute(select(E).where(E.c.event_id == event_id)).first()
            if row is None:
                return None
            machine = _row_to_event(row)
            self._attach(conn, [machine])
            d = _effective(machine, row.review_changes)
            d["review_status"] = row.review_status
            d["original"] = machine
            d["sources"] = [
                {"article_id": r.id, "url": r.url, "outlet": r.outlet, "title": r.title,
                 "date": _iso(r.date), "superseded_by": r.superseded_by, "extracted": r.extracted}
                for r in conn.execute(
                    select(A.c.id, A.c.url, A.c.outlet, A.c.title, A.c.date, A.c.superseded_by, S.c.extracted)
                    .join(S, S.c.article_id == A.c.id).where(S.c.event_id == event_id)
                    .order_by(A.c.ingested_at, A.c.id))]
            d["claims"] = [
                {"article_id": r.article_id, "side": r.side, "killed": r.killed, "injured": r.injured,
                 "claimant": r.claimant, "verified": r.verified}
                for r in conn.execute(select(C).where(C.c.event_id == event_id).order_by(C.c.id))]
            d["reviews"] = [
                {"id": r.id, "user": r.user, "action": r.action, "changes": r.changes, "at": _iso(r.at)}
                for r in conn.execute(select(RV).where(RV.c.event_id == event_id).order_by(RV.c.id))]
            return d

    def article(self, article_id: str) -> dict[str, Any] | None:
        with self._read() as conn:
            row = conn.execute(select(A).where(A.c.id == article_id)).first()
            if row is None:
                return None
            d = {k: _iso(v) for k, v in row._mapping.items()}
            d["event_ids"] = self._article_event_ids(article_id, conn)
            return d

    def rejects(self, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stored rejects, newest first."""
        stmt = select(R).order_by(R.c.id.desc()).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._read() as conn:
            return [{k: _iso(v) for k, v in r._mapping.items()} for r in conn.execute(stmt)]

    # ------------------------------------------------------------------ review and users

    def review(self, event_id: str, user: str, action: str, changes: dict[str, Any] | None = None
               ) -> dict[str, Any]:
        """Record a reviewer's verdict: accept, edit (with changes) or reject.

        The machine's event is never written; the review is kept (who, when, what) and its
        changes are laid over the event when read. Edits accumulate: a later edit of one field
        keeps earlier edits of others. Returns the event as it now reads.
        """
        if action not in REVIEW_ACTIONS:
            raise ValueError(f"review action must be one of {', '.join(REVIEW_ACTIONS)}, not {action!r}")
        if action == "edit":
            if not changes:
                raise ValueError("an edit needs changes")
            unknown = set(changes) - EDITABLE
            if unknown:
                raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
            changes = dict(changes)
            for f in DATE_COLUMNS:
                if f in changes:
                    changes[f] = _iso(_to_date(changes[f]))  # rejects what is not a date
        elif changes:
            raise ValueError(f"{action} takes no changes")
        with self._write() as conn:
            row = conn.execute(select(E.c.review_changes).where(E.c.event_id == event_id)).first()
            if row is None:
                raise KeyError(f"no event {event_id}")
            conn.execute(insert(RV).values(event_id=event_id, user=user, action=action,
                                           changes=changes if action == "edit" else None, at=_now()))
            folded = dict(row.review_changes or {})
            folded.update(changes or {})
            conn.execute(update(E).where(E.c.event_id == event_id).values(
                review_status=REVIEW_ACTIONS[action], review_changes=folded or None))
        return self.event(event_id)

    def add_user(self, username: str, password_hash: str) -> dict[str, Any]:
        """Store a user (the caller hashes the password). ValueError when the name is taken."""
        try:
            with self._write() as conn:
                conn.execute(insert(U).values(username=username, password_hash=password_hash, created=_now()))
        except IntegrityError:
            raise ValueError(f"user {username!r} exists") from None
        return self.get_user(username)

    def get_user(self, username: str) -> dict[str, Any] | None:
        with self._read() as conn:
            row = conn.execute(select(U).where(U.c.username == username)).first()
            return {k: _iso(v) for k, v in row._mapping.items()} if row else None


SEARCHED = ("event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "admin3", "notes",
            "claimant")
FILTERS = {"date_from", "date_to", "country", "admin1", "admin3", "event_type", "actor", "verified",
           "aggregate", "q"}
