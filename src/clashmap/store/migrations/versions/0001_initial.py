"""Initial schema: articles, events, event_sources, claims, evidence, rejects, reviews, users.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Written out table by table (not Base.metadata.create_all) so this revision keeps meaning what it
meant when later revisions change the models.
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(40)
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", ID, primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.String(200)),
        sa.Column("title", sa.Text),
        sa.Column("date", sa.Date),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("line", sa.Integer),
        sa.Column("superseded_by", ID, sa.ForeignKey("articles.id")),
        sa.Column("ingested_at", TS, nullable=False),
    )
    op.create_index("ix_articles_url", "articles", ["url"])

    op.create_table(
        "events",
        sa.Column("event_id", ID, primary_key=True),
        sa.Column("event_type", sa.String(80), nullable=False),
        sa.Column("sub_event_type", sa.String(120)),
        sa.Column("date", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("time_precision", sa.Integer),
        sa.Column("actor1", sa.String(200)),
        sa.Column("assoc_actor_1", sa.JSON),
        sa.Column("actor2", sa.String(200)),
        sa.Column("assoc_actor_2", sa.JSON),
        sa.Column("inter1", sa.Integer),
        sa.Column("inter2", sa.Integer),
        sa.Column("country", sa.String(3)),
        sa.Column("admin1", sa.String(120)),
        sa.Column("admin2", sa.String(120)),
        sa.Column("admin3", sa.String(120)),
        sa.Column("location", sa.String(200)),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("pcode", sa.String(40)),
        sa.Column("fatalities", sa.Integer),
        sa.Column("fatalities_low", sa.Integer),
        sa.Column("fatalities_high", sa.Integer),
        sa.Column("injuries", sa.Integer),
        sa.Column("casualties", sa.JSON),
        sa.Column("claimant", sa.String(200)),
        sa.Column("verified", sa.Boolean),
        sa.Column("aggregate", sa.Boolean, nullable=False),
        sa.Column("event_count", sa.Integer),
        sa.Column("flags", sa.JSON),
        sa.Column("notes", sa.Text),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("review_status", sa.String(10)),
        sa.Column("review_changes", sa.JSON),
    )
    op.create_index("ix_events_date", "events", ["date"])
    op.create_index("ix_events_type_date", "events", ["event_type", "date"])
    op.create_index("ix_events_admin1", "events", ["admin1"])
    op.create_index("ix_events_admin3", "events", ["admin3"])
    op.create_index("ix_events_country", "events", ["country"])

    op.create_table(
        "event_sources",
        sa.Column("event_id", ID, sa.ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("article_id", ID, sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("extracted", sa.JSON, nullable=False),
    )
    op.create_index("ix_event_sources_article", "event_sources", ["article_id"])

    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", ID, sa.ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
        sa.Column("article_id", ID, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("side", sa.String(200)),
        sa.Column("killed", sa.Integer),
        sa.Column("injured", sa.Integer),
        sa.Column("claimant", sa.String(200)),
        sa.Column("verified", sa.Boolean),
    )
    op.create_index("ix_claims_event", "claims", ["event_id"])
    op.create_index("ix_claims_article", "claims", ["article_id"])

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", ID, sa.ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
        sa.Column("article_id", ID, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_evidence_event", "evidence", ["event_id"])
    op.create_index("ix_evidence_article", "evidence", ["article_id"])

    op.create_table(
        "rejects",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("line", sa.Integer),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("raw", sa.Text),
        sa.Column("at", TS, nullable=False),
    )
    op.create_index("ix_rejects_source_line", "rejects", ["source", "line"])

    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", ID, sa.ForeignKey("events.event_id", ondelete="CASCADE"), nullable=False),
        sa.Column("user", sa.String(100), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("changes", sa.JSON),
        sa.Column("at", TS, nullable=False),
    )
    op.create_index("ix_reviews_event", "reviews", ["event_id"])

    op.create_table(
        "users",
        sa.Column("username", sa.String(100), primary_key=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created", TS, nullable=False),
    )


def downgrade() -> None:
    for table in ["users", "reviews", "rejects", "evidence", "claims", "event_sources", "events", "articles"]:
        op.drop_table(table)
