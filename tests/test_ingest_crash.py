"""Kill `clashmap ingest` with SIGKILL midway, run it again, and check that the database is
exactly what one uninterrupted run gives: every article once, no orphans, nothing corrupt."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, text

from clashmap.ingest import ingest
from clashmap.model import Article
from clashmap.sources import read_many
from clashmap.store import Store, normalise_url, synthetic

from test_ingest import SYNTH, consistency_problems

N = 200


def stored_articles(url: str) -> int:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM articles")).scalar()
    except Exception:
        return 0  # schema not created yet
    finally:
        engine.dispose()


def run_ingest(feed, url, delay: float) -> subprocess.Popen:
    env = dict(os.environ, CLASHMAP_SYNTHETIC_DELAY=str(delay))
    return subprocess.Popen([sys.executable, "-m", "clashmap", "ingest", str(feed), "--db", url,
                             "--extractor", SYNTH, "-q"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.slow
def test_sigkill_midway_then_resume(db_url, tmp_path):
    feed = synthetic.write_jsonl(tmp_path / "feed.jsonl", synthetic.generate(N, seed=11, correction_rate=0.03))

    # A slow extractor (20 ms an article) leaves time to kill the run in the middle.
    proc = run_ingest(feed, db_url, delay=0.02)
    deadline = time.monotonic() + 60
    while stored_articles(db_url) < N // 4:
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    partial = stored_articles(db_url)
    assert N // 4 <= partial < N, "the kill should land midway"

    proc = run_ingest(feed, db_url, delay=0)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()

    # The reference: one uninterrupted ingest of the same file.
    ref_url = f"sqlite:///{tmp_path / 'reference.db'}"
    with Store(ref_url, durable=False) as ref:  # no fsync per commit: only its contents matter
        ingest([feed], ref, progress=False, extract=synthetic.extract)
        want_counts, want_events = ref.counts(), ref.events(limit=None, include_rejected=True)

    expected_ids = {r.id for r in read_many([feed]) if isinstance(r, Article)}
    assert len(expected_ids) == N
    with Store(db_url) as store:
        got_ids = [a for a in _article_ids(store)]
        assert sorted(got_ids) == sorted(expected_ids)  # every article exactly once
        assert store.counts() == want_counts
        assert store.events(limit=None, include_rejected=True) == want_events
    assert consistency_problems(db_url) == {}
    if db_url.startswith("sqlite"):
        path = db_url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def _article_ids(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(text("SELECT id FROM articles")).scalars())
