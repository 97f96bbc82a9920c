"""The store on a real SQLite file and (in CI) a real PostgreSQL: schema, idempotent ingest,
cross-article merging, corrections, queries, reviews, users and rejects."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from clashmap.model import Article, Casualty, Event, Evidence, Reject
from clashmap.store import HEAD_REVISION, Store, normalise_url
from clashmap.store.schema import TABLES, Base

JUNTA = "Military Forces of Myanmar (2021-)"
AIR = ("Explosions/Remote violence", "Air/drone strike")


def article(text: str, day=date(2024, 6, 5), outlet="Irrawaddy", url=None) -> Article:
    return Article(text=text, date=day, outlet=outlet, url=url, title=text[:30], source="test.jsonl", line=1)


def airstrike(killed=None, day="2024-06-04", township="Muse", region="Shan", lat=23.98, lon=97.90,
              **kw) -> Event:
    kw.setdefault("location", township)
    ev = Event(*AIR, date=day, time_precision=1, actor1=JUNTA, country="MMR", admin1=region,
               admin3=township, latitude=lat, longitude=lon, geo_precision=2,
               fatalities=killed, **kw)
    if killed is not None:
        ev.casualties = [Casualty("Civilians (Myanmar)", killed=killed)]
    return ev


def raw_count(url: str, sql: str) -> int:
    engine = create_engine(normalise_url(url))
    with engine.connect() as conn:
        n = conn.execute(text(sql)).scalar()
    engine.dispose()
    return n


# ---------------------------------------------------------------- schema and migrations

def test_alembic_upgrades_an_empty_database(db_url):
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.config import Config
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    ini = Path(__import__("clashmap.store").store.__file__).parent / "alembic.ini"
    cfg = Config(str(ini))
    cfg.set_main_option("sqlalchemy.url", normalise_url(db_url).replace("%", "%%"))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD_REVISION
    command.upgrade(cfg, "head")

    engine = create_engine(normalise_url(db_url))
    with engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
        assert set(TABLES) | {"alembic_version"} <= names
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION
        # The hand-written revision and the models describe the same schema.
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    engine.dispose()
    # A Store opened on it finds the schema current and works.
    with Store(db_url) as s:
        assert s.revision() == HEAD_REVISION
        assert s.counts()["articles"] == 0


def test_store_creates_its_schema_and_reopens(db_url):
    Store(db_url).close()
    with Store(db_url) as s:
        assert s.revision() == HEAD_REVISION
        assert set(s.counts()) >= {"articles", "events", "rejects", "sources", "claims"}


def test_sqlite_pragmas(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'p.db'}") as s, s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_postgresql_urls_use_psycopg():
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


# ---------------------------------------------------------------- adding articles

def test_same_article_twice_changes_nothing(store):
    a = article("A junta airstrike on a village in Muse Township killed eight civilians.")
    first = store.add_article(a, [airstrike(8)])
    assert first.status == "new" and len(first.event_ids) == 1
    before = store.counts()
    again = store.add_article(article(a.text), [airstrike(8)])
    assert again.status == "duplicate"
    assert again.event_ids == first.event_ids
    assert store.counts() == before
    assert before["articles"] == 1 and before["events"] == 1 and before["claims"] == 1


def test_two_reports_of_one_airstrike_merge(store):
    a = article("Irrawaddy: a junta airstrike on Muse Township on Tuesday killed 8 villagers.", url="https://a/1")
    b = article("Myanmar Now: 11 people died when jets bombed a village in Muse.", outlet="Myanmar Now",
                url="https://b/1")
    ra = store.add_article(a, [airstrike(8, evidence=[Evidence("fatalities", 55, 56, "8")])])
    rb = store.add_article(b, [airstrike(11, day="2024-06-05")])  # a day later by this outlet's count
    assert rb.status == "new" and rb.merged == 1
    assert ra.event_ids == rb.event_ids
    c = store.counts()
    assert c["events"] == 1 and c["sources"] == 2 and c["claims"] == 2

    ev = store.event(ra.event_ids[0])
    assert (ev["fatalities_low"], ev["fatalities"], ev["fatalities_high"]) == (8, 8, 11)
    assert ev["article_ids"] == [a.id, b.id]
    assert [s["outlet"] for s in ev["sources"]] == ["Irrawaddy", "Myanmar Now"]
    assert sorted(c["killed"] for c in ev["claims"]) == [8, 11]
    assert {c["article_id"] for c in ev["claims"]} == {a.id, b.id}
    assert ev["evidence"] == [{"field": "fatalities", "article_id": a.id, "start": 55, "end": 56, "text": "8"}]
    # each source keeps the event as it told it
    assert [s["extracted"]["fatalities"] for s in ev["sources"]] == [8, 11]
    assert ev["date"] == "2024-06-04"


def test_same_township_different_days_stay_apart(store):
    store.add_article(article("Airstrike on Muse on 4 June killed 3."), [airstrike(3, day="2024-06-04")])
    r = store.add_article(article("Airstrike on Muse on 9 June killed 5."), [airstrike(5, day="2024-06-09")])
    assert r.merged == 0
    assert store.counts()["events"] == 2


def test_same_day_different_townships_stay_apart(store):
    store.add_article(article("Airstrike on Muse killed 3."), [airstrike(3)])
    # Kutkai's centre is about 60 km from Muse; even a neighbouring township with a close
    # centre is another place when both name their township.
    r = store.add_article(article("Airstrike on Kutkai killed 3."),
                          [airstrike(3, township="Kutkai", lat=23.45, lon=97.94)])
    assert r.merged == 0
    r = store.add_article(article("Airstrike near Muse town killed 3."),
                          [airstrike(3, township="Namhkan", lat=23.90, lon=97.85)])
    assert r.merged == 0
    assert store.counts()["events"] == 3


def test_aggregate_never_merges_with_a_single_event(store):
    store.add_article(article("Airstrike on Muse killed 3."), [airstrike(3)])
    summary = Event(*AIR, date="2024-06-01", date_end="2024-06-30", time_precision=3, country="MMR",
                    admin1="Shan", admin3="Muse", aggregate=True, event_count=26, actor1=JUNTA)
    r = store.add_article(article("The NUG counted 26 airstrikes in Muse in June."), [summary])
    assert r.merged == 0
    r2 = store.add_article(article("Another outlet: 26 airstrikes hit Muse in June."), [summary])
    assert r2.merged == 0  # nor with another summary
    assert store.counts()["events"] == 3


def test_one_articles_events_do_not_merge_with_each_other(store):
    # The extractor decided these are two events; the resolver must not fold them together.
    r = store.add_article(article("Two strikes on Muse."), [airstrike(2), airstrike(2, notes="second strike")])
    assert len(set(r.event_ids)) == 2
    assert store.counts()["events"] == 2


def test_identical_event_ids_get_a_suffix(store):
    ev1, ev2 = airstrike(1), airstrike(1)
    ev1.event_id = ev2.event_id = "same-id"
    r = store.add_article(article("x strikes"), [ev1, ev2])
    assert r.event_ids == ["same-id", "same-id-2"]


def test_correction_replaces_the_articles_events_and_keeps_history(store):
    url = "https://news.example/strike"
    a = article("Airstrike in Muse killed 8 people.", url=url)
    b = article("Airstrike in Muse killed 11 people.", outlet="DVB", url="https://other/1")
    ra = store.add_article(a, [airstrike(8)])
    store.add_article(b, [airstrike(11)])
    event_id = ra.event_ids[0]
    store.review(event_id, "ana", "accept")

    fixed = article("CORRECTED: Airstrike in Muse killed 9 people.", url=url)
    rf = store.add_article(fixed, [airstrike(9)])
    assert rf.status == "replaced"
    assert rf.event_ids == [event_id]  # still the same happening: same id, review kept
    old = store.article(a.id)
    assert old["superseded_by"] == fixed.id and old["text"] == a.text and old["event_ids"] == []
    ev = store.event(event_id)
    assert ev["article_ids"] == [b.id, fixed.id]
    assert sorted(c["killed"] for c in ev["claims"]) == [9, 11]
    assert (ev["fatalities_low"], ev["fatalities"], ev["fatalities_high"]) == (9, 9, 11)
    assert ev["review_status"] == "accepted" and len(ev["reviews"]) == 1
    c = store.counts()
    assert c["articles"] == 3 and c["superseded"] == 1 and c["sources"] == 2 and c["events"] == 1

    # The correction's correction: a second replacement chains on.
    again = article("CORRECTED AGAIN: strike in Muse killed 10.", url=url)
    assert store.add_article(again, [airstrike(10)]).status == "replaced"
    assert store.article(fixed.id)["superseded_by"] == again.id
    assert store.article(a.id)["superseded_by"] == fixed.id


def test_correction_that_drops_an_event_removes_it(store):
    url = "https://news.example/2"
    r = store.add_article(article("Airstrike in Muse killed 8.", url=url), [airstrike(8)])
    fixed = article("Correction: the strike was in Kutkai, on 20 June.", url=url)
    rf = store.add_article(fixed, [airstrike(8, day="2024-06-20", township="Kutkai", lat=23.45, lon=97.94)])
    assert rf.status == "replaced" and rf.event_ids != r.event_ids
    assert store.event(r.event_ids[0]) is None
    c = store.counts()
    assert c["events"] == 1 and c["claims"] == 1 and c["sources"] == 1
    # No claims or evidence left behind by the dropped event.
    assert raw_count(store.url, "SELECT count(*) FROM claims WHERE event_id NOT IN (SELECT event_id FROM events)") == 0


def test_unicode_text_round_trips(store):
    text_my = "မြန်မာ: Muse တွင် လေကြောင်းတိုက်ခိုက်မှု — 8 killed"
    a = article(text_my)
    r = store.add_article(a, [airstrike(8, location="Muse (မူဆယ်)")])
    assert store.article(a.id)["text"] == text_my
    assert store.event(r.event_ids[0])["location"] == "Muse (မူဆယ်)"


def test_rejects_are_kept_once(store):
    rej = Reject("feed.jsonl", 7, "broken JSON: Expecting value", '{"text": ')
    assert store.add_reject(rej) is True
    assert store.add_reject(rej) is False  # re-running an ingest does not multiply rejects
    store.add_reject(Reject("feed.jsonl", None, "empty file"))
    rows = store.rejects(10)
    assert [r["reason"] for r in rows] == ["empty file", "broken JSON: Expecting value"]
    assert rows[1]["line"] == 7 and rows[1]["raw"] == '{"text": '
    assert store.counts()["rejects"] == 2


# ---------------------------------------------------------------- queries

@pytest.fixture
def filled(store):
    pdf, tnla = "PDF: People's Defense Force", "TNLA: Ta'ang National Liberation Army"
    store.add_article(article("a1"), [airstrike(8, day="2024-06-04", verified=True)])
    store.add_article(article("a2"), [airstrike(2, day="2024-06-12", township="Kutkai", lat=23.45, lon=97.94,
                                                verified=False, notes="Jets bombed a monastery in Kutkai.")])
    store.add_article(article("a3"), [Event("Battles", "Armed clash", date="2024-06-13", actor1=tnla,
                                            assoc_actor_1=["KIA: Kachin Independence Army"], actor2=JUNTA,
                                            country="MMR", admin1="Shan", admin3="Lashio", fatalities=5)])
    store.add_article(article("a4"), [Event("Battles", "Armed clash", date="2024-05-20", actor1=pdf, actor2=JUNTA,
                                            country="MMR", admin1="Sagaing", admin3="Kani")])
    store.add_article(article("a5"), [Event("Battles", "Armed clash", date="2024-06-01", date_end="2024-06-30",
                                            time_precision=3, aggregate=True, event_count=374, actor1=pdf,
                                            country="MMR", admin1="Sagaing", fatalities=427)])
    return store


def _places(events):
    return [e["admin3"] for e in events]


def test_event_filters(filled):
    s = filled
    assert _places(s.events()) == ["Lashio", "Kutkai", "Muse", None, "Kani"]  # newest first, undated last
    assert _places(s.events(date_from="2024-06-05", date_to="2024-06-12")) == ["Kutkai", None]  # June overlaps
    assert _places(s.events(date_from=date(2024, 6, 13))) == ["Lashio", None]
    assert _places(s.events(admin1="Sagaing")) == [None, "Kani"]
    assert _places(s.events(admin3="Muse")) == ["Muse"]
    assert _places(s.events(country="THA")) == []
    assert _places(s.events(event_type="Battles", aggregate=False)) == ["Lashio", "Kani"]
    assert _places(s.events(aggregate=True)) == [None]
    assert _places(s.events(actor="KIA: Kachin Independence Army")) == ["Lashio"]  # associated actor
    assert _places(s.events(actor=JUNTA)) == ["Lashio", "Kutkai", "Muse", "Kani"]
    assert _places(s.events(verified=True)) == ["Muse"]
    assert _places(s.events(verified=False)) == ["Kutkai"]
    assert _places(s.events(q="MONASTERY")) == ["Kutkai"]
    assert _places(s.events(q="100%")) == []  # LIKE wildcards are escaped
    assert _places(s.events(limit=2, offset=1)) == ["Kutkai", "Muse"]
    with pytest.raises(TypeError):
        s.events(township="Muse")  # a misspelt filter fails loudly instead of matching everything


def test_event_dicts_carry_the_record(filled):
    e = filled.events(admin3="Muse")[0]
    assert e["event_type"] == AIR[0] and e["sub_event_type"] == AIR[1]
    assert e["date"] == "2024-06-04" and e["fatalities"] == 8
    assert e["casualties"] == [{"side": "Civilians (Myanmar)", "killed": 8, "injured": None, "claimant": None}]
    assert len(e["article_ids"]) == 1 and e["review_status"] is None and e["event_id"]
    assert filled.article(e["article_ids"][0])["text"] == "a1"
    assert filled.event("no-such-event") is None and filled.article("nope") is None


def test_stats(filled):
    st = filled.stats()
    assert st["events"] == 4 and st["fatalities"] == 15  # the 427 of the summary claim kept apart
    assert st["aggregates"] == {"events": 1, "event_count": 374, "fatalities": 427}
    assert st["by_type"] == {AIR[0]: {"events": 2, "fatalities": 10}, "Battles": {"events": 2, "fatalities": 5}}
    weeks = {w["week"]: w for w in st["weekly"]}
    assert list(weeks) == ["2024-05-20", "2024-06-03", "2024-06-10"]  # Mondays, in order
    assert weeks["2024-06-10"]["events"] == 2 and weeks["2024-06-10"]["fatalities"] == 7
    assert weeks["2024-06-10"]["by_type"] == {AIR[0]: {"events": 1, "fatalities": 2},
                                              "Battles": {"events": 1, "fatalities": 5}}
    assert filled.stats(admin1="Sagaing")["events"] == 1
    assert filled.stats(aggregate=True)["events"] == 1


# ---------------------------------------------------------------- reviews and users

def test_review_is_laid_over_the_machine_event(filled):
    s = filled
    muse = s.events(admin3="Muse")[0]["event_id"]
    s.review(muse, "ana", "edit", {"admin3": "Namhkan", "fatalities": 9})
    s.review(muse, "ben", "edit", {"notes": "Village named by two outlets."})  # edits accumulate

    ev = s.event(muse)
    assert (ev["admin3"], ev["fatalities"], ev["notes"]) == ("Namhkan", 9, "Village named by two outlets.")
    assert ev["original"]["admin3"] == "Muse" and ev["original"]["fatalities"] == 8
    assert ev["review_status"] == "edited"
    assert [(r["user"], r["action"]) for r in ev["reviews"]] == [("ana", "edit"), ("ben", "edit")]
    assert raw_count(s.url, "SELECT fatalities FROM events WHERE admin3 = 'Muse'") == 8  # machine row untouched

    # Filters see the reviewed values.
    assert _places(s.events(admin3="Muse")) == []
    assert _places(s.events(admin3="Namhkan")) == ["Namhkan"]
    assert s.stats(admin3="Namhkan")["fatalities"] == 9
    assert _places(s.events(event_type=AIR[0], limit=1, offset=1)) == ["Namhkan"]

    s.review(muse, "cat", "accept")
    assert s.event(muse)["review_status"] == "accepted" and s.event(muse)["fatalities"] == 9

    s.review(muse, "dan", "reject")
    assert muse not in [e["event_id"] for e in s.events()]
    assert muse in [e["event_id"] for e in s.events(include_rejected=True)]
    assert s.event(muse)["review_status"] == "rejected"


def test_review_checks_its_input(filled):
    eid = filled.events()[0]["event_id"]
    with pytest.raises(ValueError):
        filled.review(eid, "ana", "approve")
    with pytest.raises(ValueError):
        filled.review(eid, "ana", "edit", {"event_id": "x"})
    with pytest.raises(ValueError):
        filled.review(eid, "ana", "edit", {"date": "last Tuesday"})
    with pytest.raises(ValueError):
        filled.review(eid, "ana", "edit")
    with pytest.raises(KeyError):
        filled.review("missing", "ana", "accept")
    assert filled.event(eid)["reviews"] == []


def test_new_source_keeps_the_review(store):
    r = store.add_article(article("Strike on Muse killed 8."), [airstrike(8)])
    eid = r.event_ids[0]
    store.review(eid, "ana", "edit", {"notes": "checked"})
    store.add_article(article("Strike on Muse killed 12.", outlet="RFA"), [airstrike(12)])
    ev = store.event(eid)
    assert ev["notes"] == "checked" and ev["review_status"] == "edited"
    assert ev["original"]["fatalities_high"] == 12 and len(ev["article_ids"]) == 2


def test_users(store):
    u = store.add_user("ana", "$argon2id$fakehash")
    assert u["username"] == "ana" and u["password_hash"] == "$argon2id$fakehash" and u["created"]
    with pytest.raises(ValueError):
        store.add_user("ana", "other")
    assert store.get_user("ana")["password_hash"] == "$argon2id$fakehash"
    assert store.get_user("bob") is None
