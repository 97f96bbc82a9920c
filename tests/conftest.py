"""Shared fixtures. `db_url` gives each test a real, empty database: an SQLite file in the
test's tmp folder, and, when CLASHMAP_TEST_PG names a PostgreSQL server (CI starts one with
scripts/pg_start.sh), a fresh schema on it that is dropped afterwards."""
from __future__ import annotations

import os
import uuid

import pytest

PG_URL = os.environ.get("CLASHMAP_TEST_PG")

DB_PARAMS = [
    "sqlite",
    pytest.param("postgresql", marks=[
        pytest.mark.postgres,
        pytest.mark.skipif(not PG_URL, reason="CLASHMAP_TEST_PG not set (scripts/pg_start.sh starts a server)"),
    ]),
]


def _pg_admin():
    from sqlalchemy import create_engine

    from clashmap.store import normalise_url

    return create_engine(normalise_url(PG_URL), isolation_level="AUTOCOMMIT")


@pytest.fixture(params=DB_PARAMS)
def db_url(request, tmp_path):
    """A database URL for a store no other test sees (use Store(db_url), or --db db_url)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'clashmap.db'}"
        return
    from sqlalchemy import text

    schema = "t_" + uuid.uuid4().hex[:12]
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    # search_path puts the test's tables (and alembic_version) in its own schema; the
    # application_name marks its connections so teardown can end any a test left open.
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}&application_name={schema}"
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE application_name = :a AND pid <> pg_backend_pid()"), {"a": schema})
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def store(db_url):
    from clashmap.store import Store

    s = Store(db_url)
    yield s
    s.close()
