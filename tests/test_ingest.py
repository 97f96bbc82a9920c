"""Ingest end to end: real files through the real readers into a real store, by the library
function and by the `clashmap ingest` / `clashmap demo` commands."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, text

from clashmap.cli import main
from clashmap.ingest import Summary, ingest, load_extractor
from clashmap.model import Article
from clashmap.store import Store, normalise_url, synthetic

SYNTH = "clashmap.store.synthetic:extract"


@pytest.fixture
def feed(tmp_path):
    """40 generated reports (several outlets per happening, some corrections) and two bad
    records: one without a date, one broken line."""
    path = synthetic.write_jsonl(tmp_path / "feed.jsonl", synthetic.generate(40, seed=3, correction_rate=0.1))
    with path.open("a") as fh:
        fh.write(json.dumps({"text": "Fighting in Lashio.", "url": "https://x/undated"}) + "\n")
        fh.write("{not json\n")
    return path


def consistency_problems(url: str) -> dict[str, int]:
    """Rows that should not exist after any sequence of ingests, crashes included."""
    checks = {
        "events without a source": "SELECT count(*) FROM events e WHERE NOT EXISTS "
                                   "(SELECT 1 FROM event_sources s WHERE s.event_id = e.event_id)",
        "claims without their source": "SELECT count(*) FROM claims c WHERE NOT EXISTS (SELECT 1 FROM "
                                       "event_sources s WHERE s.event_id = c.event_id AND s.article_id = c.article_id)",
        "evidence without its source": "SELECT count(*) FROM evidence v WHERE NOT EXISTS (SELECT 1 FROM "
                                       "event_sources s WHERE s.event_id = v.event_id AND s.article_id = v.article_id)",
        "sources from superseded articles": "SELECT count(*) FROM event_sources s JOIN articles a "
                                            "ON a.id = s.article_id WHERE a.superseded_by IS NOT NULL",
        "urls with two current versions": "SELECT count(*) FROM (SELECT url FROM articles WHERE url IS NOT NULL "
                                          "AND superseded_by IS NULL GROUP BY url HAVING count(*) > 1) d",
    }
    engine = create_engine(normalise_url(url))
    with engine.connect() as conn:
        found = {name: conn.execute(text(sql)).scalar() for name, sql in checks.items()}
    engine.dispose()
    return {k: v for k, v in found.items() if v}


def test_ingest_library(db_url, feed):
    with Store(db_url) as store:
        seen = []
        s = ingest([feed], store, progress=False, extract=synthetic.extract, on_reject=seen.append)
        assert isinstance(s, Summary)
        assert s.articles_read == 40 and s.rejects == 2 and s.duplicates == 0
        assert s.new + s.replaced == 40 and s.replaced >= 1
        assert s.events > 0 and 0 < s.merged < s.events and s.seconds > 0
        assert [(r.line, r.reason.split(":")[0]) for r in seen] == [(41, "no date"), (42, "broken JSON")]
        c = store.counts()
        assert c["articles"] == 40 and c["rejects"] == 2 and c["superseded"] == s.replaced
        assert 0 < c["events"] < c["sources"] <= s.events
        assert consistency_problems(db_url) == {}

        again = ingest([feed], store, progress=False, extract=synthetic.extract, on_reject=lambda r: None)
        assert (again.articles_read, again.duplicates, again.new, again.events, again.rejects) == (40, 40, 0, 0, 2)
        assert store.counts() == c  # nothing changed; rejects were not stored twice


def test_extraction_failure_is_a_reject_and_retried_later(tmp_path):
    feed = synthetic.write_jsonl(tmp_path / "f.jsonl", synthetic.generate(3, seed=1, correction_rate=0))
    calls = []

    def flaky(article: Article):
        calls.append(article.line)
        if article.line == 2:
            raise RuntimeError("model fell over")
        return synthetic.extract(article)

    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        s = ingest([feed], store, progress=False, extract=flaky, on_reject=lambda r: None)
        assert (s.new, s.rejects) == (2, 1)
        assert store.rejects()[0]["reason"] == "extraction failed: RuntimeError: model fell over"
        assert store.rejects()[0]["line"] == 2
        s = ingest([feed], store, progress=False, extract=synthetic.extract, on_reject=lambda r: None)
        assert (s.new, s.duplicates) == (1, 2)  # the failed article is tried again, the others skipped
        assert store.counts()["articles"] == 3


def test_cli_ingest(db_url, feed, capsys):
    assert main(["ingest", str(feed), "--db", db_url, "--extractor", SYNTH, "-q"]) == 0
    out, err = capsys.readouterr()
    assert f"{feed}:41: no date" in err and f"{feed}:42: broken JSON" in err
    assert "articles read" in out and "40" in out and "rejects" in out
    with Store(db_url) as store:
        assert store.counts()["articles"] == 40
    # every record bad: a failure a script can see
    bad = feed.parent / "bad.jsonl"
    bad.write_text("{broken\n")
    assert main(["ingest", str(bad), "--db", db_url, "-q"]) == 1


def test_cli_ingest_default_db_is_a_file_here(tmp_path, monkeypatch, feed):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLASHMAP_DB", raising=False)
    assert main(["ingest", str(feed), "--extractor", SYNTH, "-q"]) == 0
    assert (tmp_path / "clashmap.db").exists()
    assert main(["ingest", str(feed), "--db", "other.db", "--extractor", SYNTH, "-q"]) == 0  # a plain path
    with Store(f"sqlite:///{tmp_path / 'other.db'}") as store:
        assert store.counts()["articles"] == 40


def test_progress_bar_goes_to_stderr(tmp_path, feed, capsys):
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        ingest([feed], store, progress=True, extract=synthetic.extract)
    out, err = capsys.readouterr()
    assert out == ""
    assert "42/42" in err and f"{feed}:42: broken JSON" in err


def test_load_extractor():
    assert load_extractor(SYNTH) is synthetic.extract
    with pytest.raises(ValueError):
        load_extractor("clashmap.store.synthetic")


@pytest.mark.slow
def test_demo(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert main(["demo", "--db", url]) == 0
    out, err = capsys.readouterr()
    assert f"clashmap serve --db {url}" in out
    assert "README" not in err and "__init__" not in err  # the package's own files are not articles
    with Store(url) as store:
        c = store.counts()
    assert c["articles"] >= 5 and c["events"] >= 1
    assert main(["demo", "--db", url]) == 0  # a second run finds everything stored
    with Store(url) as store:
        assert store.counts() == c
