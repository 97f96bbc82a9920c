"""The one schema clashmap stores into (SQLite by default, PostgreSQL by URL).

Kept free of dialect-specific types so the same tables work on both back ends. The Alembic
revisions in store/migrations create exactly these tables; a test compares the two, so a change
here needs a new revision there.

Layout, and why:
- articles: every version of every article ever ingested. A corrected article (same url, new
  text) gets a new row and the old row is kept with `superseded_by` pointing at it: history is
  never rewritten.
- events: the machine's resolved event (the merge of every source that reports it). Reviews
  never write these columns; `review_status` and `review_changes` only cache what the reviews
  table says, so filters can run in SQL.
- event_sources: which articles report an event, and the event exactly as each article told it
  (the extractor's output), so the merged event can be recomputed when a source is replaced.
- claims: casualty figures per side and per source, kept apart even when they disagree.
- evidence: the character spans behind each field, per source article.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Article ids are content hashes (16 hex digits); event ids are short hashes too, with room for
# a collision suffix.
ID = String(40)


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    url: Mapped[str | None] = mapped_column(Text, index=True)
    outlet: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    superseded_by: Mapped[str | None] = mapped_column(ID, ForeignKey("articles.id"))
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class EventRow(Base):
    __tablename__ = "events"

    event_id: Mapped[str] = mapped_column(ID, primary_key=True)
    event_type: Mapped[str] = mapped_column(String(80))
    sub_event_type: Mapped[str | None] = mapped_column(String(120))
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    actor1: Mapped[str | None] = mapped_column(String(200))
    assoc_actor_1: Mapped[list | None] = mapped_column(JSON)
    actor2: Mapped[str | None] = mapped_column(String(200))
    assoc_actor_2: Mapped[list | None] = mapped_column(JSON)
    inter1: Mapped[int | None] = mapped_column(Integer)
    inter2: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(3))
    admin1: Mapped[str | None] = mapped_column(String(120))
    admin2: Mapped[str | None] = mapped_column(String(120))
    admin3: Mapped[str | None] = mapped_column(String(120))
    location: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    pcode: Mapped[str | None] = mapped_column(String(40))
    fatalities: Mapped[int | None] = mapped_column(Integer)
    fatalities_low: Mapped[int | None] = mapped_column(Integer)
    fatalities_high: Mapped[int | None] = mapped_column(Integer)
    injuries: Mapped[int | None] = mapped_column(Integer)
    casualties: Mapped[list | None] = mapped_column(JSON)
    claimant: Mapped[str | None] = mapped_column(String(200))
    verified: Mapped[bool | None] = mapped_column(Boolean)
    aggregate: Mapped[bool] = mapped_column(Boolean, default=False)
    event_count: Mapped[int | None] = mapped_column(Integer)
    flags: Mapped[list | None] = mapped_column(JSON)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # Caches of the reviews table (the latest action, and every edit folded together), so that
    # listing and filtering need no join; the machine's columns above stay as extracted.
    review_status: Mapped[str | None] = mapped_column(String(10))
    review_changes: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))

    __table_args__ = (
        Index("ix_events_date", "date"),
        # The resolver's candidate look-up: same type, then a date window.
        Index("ix_events_type_date", "event_type", "date"),
        Index("ix_events_admin1", "admin1"),
        Index("ix_events_admin3", "admin3"),
        Index("ix_events_country", "country"),
    )


class EventSourceRow(Base):
    __tablename__ = "event_sources"

    event_id: Mapped[str] = mapped_column(ID, ForeignKey("events.event_id", ondelete="CASCADE"),
                                          primary_key=True)
    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id"), primary_key=True)
    # The event as this article told it (Event.to_dict()), before merging.
    extracted: Mapped[dict] = mapped_column(JSON)

    __table_args__ = (Index("ix_event_sources_article", "article_id"),)


class ClaimRow(Base):
    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ID, ForeignKey("events.event_id", ondelete="CASCADE"))
    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id"))
    side: Mapped[str | None] = mapped_column(String(200))
    killed: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    claimant: Mapped[str | None] = mapped_column(String(200))
    verified: Mapped[bool | None] = mapped_column(Boolean)

    __table_args__ = (Index("ix_claims_event", "event_id"), Index("ix_claims_article", "article_id"))


class EvidenceRow(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ID, ForeignKey("events.event_id", ondelete="CASCADE"))
    article_id: Mapped[str] = mapped_column(ID, ForeignKey("articles.id"))
    field: Mapped[str] = mapped_column(String(40))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_evidence_event", "event_id"), Index("ix_evidence_article", "article_id"))


class RejectRow(Base):
    __tablename__ = "rejects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text)
    line: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    raw: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_rejects_source_line", "source", "line"),)


class ReviewRow(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ID, ForeignKey("events.event_id", ondelete="CASCADE"))
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(10))  # accept / edit / reject
    changes: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_reviews_event", "event_id"),)


class UserRow(Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(100), primary_key=True)
    password_hash: Mapped[str] = mapped_column(Text)
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


TABLES = ["articles", "events", "event_sources", "claims", "evidence", "rejects", "reviews", "users"]
