"""Alembic environment for clashmap's store.

Works two ways: programmatically from Store.migrate(), which hands over an open connection in
config.attributes["connection"] (so SQLite pragmas and PostgreSQL search_path set by the Store
apply), and from the alembic command line with sqlalchemy.url set in the config.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from clashmap.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    # render_as_batch lets later revisions alter SQLite tables (which lack most ALTER forms).
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    # `alembic -x url=...` overrides the ini file's url.
    return context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")


def run_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
