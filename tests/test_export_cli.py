"""`clashmap export` end to end: a real store (SQLite file, and PostgreSQL through the `db_url`
fixture), real files written, read back with the csv module, json and pyarrow."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from clashmap.cli import main
from clashmap.model import Article
from clashmap.store import Store
from test_export import ACLED_HEADER, validate_geojson

MILITARY = "Military Forces of Myanmar (2021-)"
TNLA = "TNLA: Ta'ang National Liberation Army"
PDF = "PDF: People's Defense Force"

ARTICLES = [
    (Article(text="date 2023-07-26 A junta airstrike on a village in Muse Township on Tuesday "
                  "killed one civilian, Shan News said.", date=date(2023, 7, 26),
             outlet="Shan News", url="https://example.org/muse"), [
        {"event_id": "muse-strike", "event_type": "Explosions/Remote violence",
         "sub_event_type": "Air/drone strike", "date": "2023-07-25", "date_end": "2023-07-25",
         "time_precision": 1, "actor1": MILITARY, "actor2": "Civilians (Myanmar)", "inter1": 1,
         "inter2": 7, "country": "MMR", "admin1": "Shan", "admin3": "Muse", "location": "မူဆယ်",
         "latitude": 23.9936, "longitude": 97.9039, "geo_precision": 2, "fatalities": 1,
         "casualties": [{"side": "Civilians (Myanmar)", "killed": 1, "injured": None,
                         "claimant": None}],
         "evidence": [{"field": "event_type", "start": 18, "end": 27, "text": "airstrike"}],
         "notes": "A junta airstrike in Muse township killed 1 civilian."},
        {"event_id": "nug-june", "event_type": "Battles", "sub_event_type": "Armed clash",
         "date": "2023-06-01", "date_end": "2023-06-30", "time_precision": 3, "actor1": PDF,
         "actor2": MILITARY, "inter1": 3, "inter2": 1, "country": "MMR", "aggregate": True,
         "event_count": 374, "fatalities": 427, "claimant": "NUG: National Unity Government",
         "verified": False},
    ]),
    (Article(text="date 2023-07-21 TNLA and KIA fighters clashed with regime troops near Lashio.",
             date=date(2023, 7, 21), outlet="The Irrawaddy", url="https://example.org/lashio"), [
        {"event_id": "lashio-clash", "event_type": "Battles", "sub_event_type": "Armed clash",
         "date": "2023-07-20", "time_precision": 1, "actor1": TNLA,
         "assoc_actor_1": ["KIA: Kachin Independence Army"], "actor2": MILITARY, "inter1": 2,
         "inter2": 1, "country": "MMR", "admin1": "Shan", "admin3": "Lashio",
         "location": "Lashio"},
    ]),
    (Article(text="date 2023-08-03 PDF fighters raided a police station in Sagaing region "
                  "and clashed with troops in Monywa.", date=date(2023, 8, 3),
             outlet="Myanmar Now", url="https://example.org/sagaing"), [
        {"event_id": "sagaing-raid", "event_type": "Battles", "sub_event_type": "Armed clash",
         "date": "2023-08-02", "time_precision": 1, "actor1": PDF, "actor2": MILITARY,
         "inter1": 3, "inter2": 1, "country": "MMR", "admin1": "Sagaing", "admin3": "Monywa",
         "location": "Monywa", "latitude": 22.1086, "longitude": 95.1358, "geo_precision": 2},
        {"event_id": "bogus-arrest", "event_type": "Strategic developments",
         "sub_event_type": "Arrests", "date": "2023-08-02", "actor1": MILITARY, "inter1": 1,
         "country": "MMR", "admin1": "Sagaing", "location": "Monywa"},
    ]),
]


@pytest.fixture
def store_url(db_url, tmp_path):
    store = Store(db_url)
    try:
        for article, events in ARTICLES:
            store.add_article(article, events)
        # A reviewer rejects one event and moves another: exports must follow the review.
        store.review("bogus-arrest", "tester", "reject")
        store.review("lashio-clash", "tester", "edit", {"admin3": "Lashio", "fatalities": 3})
    finally:
        store.close()
    return db_url


def _export(capsys, *argv):
    rc = main(["export", *argv])
    err = capsys.readouterr().err
    return rc, err


def _csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_acled_csv_all_single_events(store_url, tmp_path, capsys):
    out = tmp_path / "acled.csv"
    rc, err = _export(capsys, "--format", "acled-csv", "--db", store_url, "-o", str(out))
    assert rc == 0
    assert "wrote 3 events" in err and "summary claims left out" in err
    assert out.read_bytes().split(b"\r\n")[0].decode() == ACLED_HEADER
    rows = {r["event_id_cnty"]: r for r in _csv(out)}
    assert set(rows) == {"muse-strike", "lashio-clash", "sagaing-raid"}  # no aggregate, no reject
    muse = rows["muse-strike"]
    assert muse["source"] == "Shan News"
    assert muse["location"] == "မူဆယ်"
    assert muse["civilian_targeting"] == "Civilian targeting"
    assert muse["iso"] == "104" and muse["country"] == "Myanmar"
    assert rows["lashio-clash"]["fatalities"] == "3"  # the reviewer's edit
    assert rows["lashio-clash"]["assoc_actor_1"] == "KIA: Kachin Independence Army"
    assert "review=edited" in rows["lashio-clash"]["tags"]


def test_include_aggregates_and_filters(store_url, tmp_path, capsys):
    out = tmp_path / "a.csv"
    rc, err = _export(capsys, "-f", "acled-csv", "--db", store_url, "-o", str(out),
                      "--include-aggregates")
    assert rc == 0 and "wrote 4 events" in err
    agg = [r for r in _csv(out) if r["event_id_cnty"] == "nug-june"]
    assert agg and "event_count=374" in agg[0]["tags"]

    def ids(*filters):
        rc, _ = _export(capsys, "-f", "jsonl", "--db", store_url, "-o", str(out),
                        "--include-aggregates", *filters)
        assert rc == 0
        return sorted(json.loads(line)["event_id"] for line in out.read_text("utf-8").splitlines())

    assert ids("--admin1", "Shan") == ["lashio-clash", "muse-strike"]
    assert ids("--event-type", "Battles") == ["lashio-clash", "nug-june", "sagaing-raid"]
    assert ids("--actor", "KIA: Kachin Independence Army") == ["lashio-clash"]
    assert ids("--actor", PDF) == ["nug-june", "sagaing-raid"]
    assert ids("--from", "2023-07-21") == ["muse-strike", "sagaing-raid"]
    # the June aggregate's range overlaps 2023-06-15..2023-07-01
    assert ids("--from", "2023-06-15", "--to", "2023-07-01") == ["nug-june"]
    assert ids("--country", "MMR", "--to", "2023-07-20") == ["lashio-clash", "nug-june"]
    assert ids("--country", "mm", "--admin1", "Sagaing") == ["sagaing-raid"]
    assert ids("--country", "THA") == []


def test_geojson_keeps_unlocated_events_and_says_so(store_url, tmp_path, capsys):
    out = tmp_path / "events.geojson"
    rc, err = _export(capsys, "--format", "geojson", "--db", store_url, "-o", str(out))
    assert rc == 0
    assert "wrote 3 events" in err and "1 without coordinates" in err
    doc = json.loads(out.read_text("utf-8"))
    assert validate_geojson(doc) == []
    by_id = {f["id"]: f for f in doc["features"]}
    assert by_id["muse-strike"]["geometry"]["coordinates"] == [97.9039, 23.9936]
    assert by_id["lashio-clash"]["geometry"] is None
    assert by_id["sagaing-raid"]["properties"]["source"] == "Myanmar Now"


def test_parquet_round_trip_from_the_store(store_url, tmp_path, capsys):
    out = tmp_path / "sub" / "events.parquet"  # a missing folder is created
    rc, err = _export(capsys, "--format", "parquet", "--db", store_url, "-o", str(out),
                      "--include-aggregates")
    assert rc == 0 and "wrote 4 events" in err
    rows = {r["event_id"]: r for r in pq.read_table(out).to_pylist()}
    muse = rows["muse-strike"]
    assert muse["date"] == date(2023, 7, 25)
    assert muse["casualties"] == [{"side": "Civilians (Myanmar)", "killed": 1, "injured": None,
                                   "claimant": None}]
    assert muse["evidence"][0]["text"] == "airstrike"
    assert muse["evidence"][0]["article_id"] == ARTICLES[0][0].id
    assert muse["sources"] == ["Shan News"] and muse["article_ids"] == [ARTICLES[0][0].id]
    assert rows["nug-june"]["date_end"] == date(2023, 6, 30)
    assert rows["lashio-clash"]["review_status"] == "edited"
    assert not list(out.parent.glob("*.part"))  # the temporary file was renamed away


def test_errors_are_clear(store_url, tmp_path, capsys):
    rc, err = _export(capsys, "--format", "parquet", "--db", store_url)
    assert rc == 2 and "-o" in err
    rc, err = _export(capsys, "--format", "jsonl", "--db", f"sqlite:///{tmp_path}/missing.db")
    assert rc == 2 and "no store" in err
    assert not (tmp_path / "missing.db").exists()  # not created as a side effect
    rc, err = _export(capsys, "--format", "jsonl", "--db", str(tmp_path / "missing2.db"))
    assert rc == 2 and "no store" in err and not (tmp_path / "missing2.db").exists()
    with pytest.raises(SystemExit):
        main(["export", "--format", "jsonl", "--db", store_url, "--from", "July"])
    with pytest.raises(SystemExit):
        main(["export", "--format", "jsonl", "--db", store_url, "--country", "Atlantis"])
    with pytest.raises(SystemExit):
        main(["export", "--format", "xlsx", "--db", store_url])


def test_db_as_a_plain_sqlite_path_and_from_the_environment(tmp_path, capsys, monkeypatch):
    path = tmp_path / "plain.db"
    store = Store(f"sqlite:///{path}")
    store.add_article(*ARTICLES[1])
    store.close()
    rc, err = _export(capsys, "-f", "jsonl", "--db", str(path), "-o", str(tmp_path / "a.jsonl"))
    assert rc == 0 and "wrote 1 event " in err
    monkeypatch.setenv("CLASHMAP_DB", str(path))
    rc, err = _export(capsys, "-f", "jsonl", "-o", str(tmp_path / "b.jsonl"))
    assert rc == 0 and "wrote 1 event " in err
    assert json.loads((tmp_path / "b.jsonl").read_text("utf-8"))["event_id"] == "lashio-clash"


def test_export_to_stdout_in_a_real_process(store_url, tmp_path):
    # A separate interpreter with an ASCII locale: Burmese must still come out as UTF-8.
    env = dict(os.environ, LC_ALL="C", LANG="C", PYTHONIOENCODING="ascii")
    proc = subprocess.run(
        [sys.executable, "-m", "clashmap", "export", "--format", "acled-csv", "--db", store_url,
         "--admin3", "Muse"], capture_output=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"wrote 1 event " in proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode("utf-8"), newline="")))
    assert [r["location"] for r in rows] == ["မူဆယ်"]
