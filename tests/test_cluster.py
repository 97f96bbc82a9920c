"""clashmap.cluster: partitioned extraction on a real local Dask cluster.

The cluster tests start a real distributed.LocalCluster (2 worker processes, 1 thread each) and
check what matters for a long batch: nothing lost, nothing stored twice, even when a worker
process is killed mid-run, and Parquet reruns skip what is already written. They compare with a
single-process run rather than with expected event counts, so they do not depend on how good
extraction is today.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
from datetime import date, timedelta
from pathlib import Path

import pytest

from clashmap.cluster import (ParquetWriter, add_cluster_arguments, cluster_ingest,
                              event_schema, parse_out, partition_id, wants_cluster)
from clashmap.model import Article, Casualty, Event, Evidence, Reject

PLACES = ["Muse", "Lashio", "Kutkai", "Hpakant", "Myawaddy", "Demoso", "Kalay", "Pale", "Yinmabin",
          "Laukkaing", "Mindat", "Hpapun"]
ACTORS = ["junta troops", "regime forces", "the Tatmadaw", "the KIA", "the TNLA", "a local PDF",
          "the Arakan Army", "the KNLA"]
DEEDS = ["attacked", "shelled", "clashed with", "launched an airstrike on", "raided"]


def make_articles(n: int, seed: int = 7) -> list[dict]:
    """n distinct dated reports (distinct text -> distinct content-hash ids)."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    out = []
    for i in range(n):
        place, a1, a2 = rng.choice(PLACES), rng.choice(ACTORS), rng.choice(ACTORS)
        killed = rng.randint(0, 30)
        text = (f"Report {i}: {a1.capitalize()} {rng.choice(DEEDS)} {a2} near {place} Township on "
                f"Tuesday, killing {killed} people and injuring {rng.randint(0, 12)}, according to "
                f"local residents. The outlet could not independently confirm the figures.")
        out.append({"date": (start + timedelta(days=i % 300)).isoformat(), "text": text,
                    "outlet": rng.choice(["Irrawaddy", "Myanmar Now", "DVB"]),
                    "url": f"https://example.org/news/{i}"})
    return out


def write_jsonl(path: Path, rows: list[dict], bad_lines: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i, row in enumerate(rows):
            fh.write(json.dumps(row) + "\n")
            if i < bad_lines:
                fh.write("{this is not json\n")  # a reader reject, must reach the writer
    return path


def as_articles(rows: list[dict]) -> list[Article]:
    return [Article(text=r["text"], date=date.fromisoformat(r["date"]), outlet=r["outlet"],
                    url=r["url"], source="generated", line=i + 1) for i, r in enumerate(rows)]


# ------------------------------------------------------------------ no cluster needed


def test_partition_id_depends_on_ids_and_order():
    arts = as_articles(make_articles(3))
    assert partition_id(arts) == partition_id(list(arts))
    assert partition_id(arts) != partition_id(arts[::-1])
    assert partition_id(arts) != partition_id(arts[:2])


def test_parse_out_accepts_only_parquet_dir(tmp_path):
    assert parse_out(f"parquet:{tmp_path}") == tmp_path
    assert parse_out(None) is None
    for bad in ("csv:/x", "parquet:", str(tmp_path)):
        with pytest.raises(ValueError, match="parquet:DIR"):
            parse_out(bad)


def test_cli_arguments_parse():
    p = argparse.ArgumentParser()
    add_cluster_arguments(p)
    args = p.parse_args([])
    assert not wants_cluster(args) and args.partition_size == 200 and args.workers == 2
    args = p.parse_args(["--cluster", "tcp://10.0.0.5:8786", "--workers", "8",
                         "--partition-size", "50", "--out", "parquet:/tmp/x"])
    assert wants_cluster(args)
    assert (args.cluster, args.workers, args.partition_size, args.out) == (
        "tcp://10.0.0.5:8786", 8, 50, "parquet:/tmp/x")


def test_parquet_writer_roundtrips_events_and_marks_partition_done(tmp_path):
    """Extraction may return no events today, so build events by hand to exercise the schema,
    including the nested casualties/evidence and an all-empty partition next to a full one."""
    import pyarrow.dataset as ds

    arts = as_articles(make_articles(3))
    ev = Event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
               date="2024-07-02", admin3="Muse", fatalities=1, latitude=23.98, longitude=97.9,
               casualties=[Casualty(side="civilians", killed=1, claimant="residents")],
               evidence=[Evidence(field="fatalities", start=10, end=20, text="killed one",
                                  article_id=arts[0].id)],
               article_ids=[arts[0].id], flags=["x"], verified=False, event_id="e1")
    w = ParquetWriter(tmp_path)
    pid1, pid2 = partition_id(arts[:1]), partition_id(arts[1:])
    assert not w.has_partition(pid1, arts[:1])
    w.write_partition(pid1, [(arts[0], [ev])])
    w.write_partition(pid2, [(a, []) for a in arts[1:]])  # no events: same schema regardless
    w.write_rejects([Reject(source="f.jsonl", line=3, reason="bad json", raw="{x")])
    assert w.has_partition(pid1, arts[:1]) and w.has_partition(pid2, arts[1:])
    # no temp files left behind by the atomic write
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]

    events = ds.dataset(tmp_path / "events", format="parquet").to_table().to_pylist()
    assert len(events) == 1
    got = events[0]
    assert got["casualties"] == [{"side": "civilians", "killed": 1, "injured": None, "claimant": "residents"}]
    assert got["evidence"][0]["text"] == "killed one" and got["verified"] is False
    assert Event.from_dict(got) == ev
    articles = ds.dataset(tmp_path / "articles", format="parquet").to_table()
    assert sorted(articles.column("id").to_pylist()) == sorted(a.id for a in arts)
    assert articles.schema.field("date").type.equals(__import__("pyarrow").date32())
    rejects = ds.dataset(tmp_path / "rejects", format="parquet").to_table().to_pylist()
    assert rejects == [{"source": "f.jsonl", "line": 3, "reason": "bad json", "raw": "{x"}]
    assert event_schema().names[:2] == ["event_type", "sub_event_type"]


# ------------------------------------------------------------------ real LocalCluster


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    # Small on purpose: the test machine's cores are shared. processes=True so that killing a
    # worker is killing a real OS process, as on a real cluster.
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=50)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def _store(path: Path):
    from clashmap.store import Store

    # durable=False: fsync per transaction is not what these tests are about, and on a shared
    # 2-core machine it doubles their time.
    return Store(f"sqlite:///{path}", durable=False)


def _counts(store) -> dict:
    c = store.counts()
    return dict(c) if not isinstance(c, dict) else c


@pytest.mark.slow
@pytest.mark.cluster
@pytest.mark.timeout(180)
def test_killed_worker_loses_nothing_and_stores_nothing_twice(client, tmp_path):
    from clashmap.ingest import ingest
    from clashmap.sources import read_many

    rows = make_articles(400)
    rows += rows[:5]  # the same article twice in one batch must be stored once
    src = write_jsonl(tmp_path / "news.jsonl", rows, bad_lines=3)

    # Reference: the single-process ingest of the same file.
    ref = _store(tmp_path / "ref.db")
    ingest([str(src)], ref, progress=False)
    ref_counts = _counts(ref)

    store = _store(tmp_path / "cluster.db")
    killed: dict = {}

    def kill_a_busy_worker(pid: str, n: int) -> None:
        # After the first partition comes back, SIGKILL a worker process that has partitions
        # assigned. Dask must reschedule them elsewhere (or on the restarted worker).
        if killed:
            return
        import time

        pids = client.run(os.getpid)
        # The scheduler hands a worker a task only when it has a free thread (the rest wait in
        # the scheduler's queue), so poll briefly for a worker that is computing one.
        deadline = time.monotonic() + 10
        while not (busy := [addr for addr, keys in client.processing().items() if keys]):
            assert time.monotonic() < deadline, "no worker had work in flight: the kill would test nothing"
            time.sleep(0.005)
        killed["addr"], killed["pid"] = busy[0], pids[busy[0]]
        killed["tasks"] = len(client.processing()[busy[0]])
        os.kill(pids[busy[0]], signal.SIGKILL)

    # 40 articles a task at 10 ms each or more: tasks are still running when we kill, however
    # fast the extractor itself becomes.
    reasons: list[str] = []
    report = cluster_ingest(read_many([str(src)]), _writer(store), client, partition_size=40,
                            progress=False, on_partition_done=kill_a_busy_worker,
                            on_reject=lambda r: reasons.append(r.reason),
                            extractor="test_cluster:takes_ten_ms_or_more")

    assert killed and killed["tasks"] >= 1
    # The worker really died (its process is gone), so the rest of the run went on without it.
    with pytest.raises(ProcessLookupError):
        os.kill(killed["pid"], 0)
    assert not report.failed_partitions, sorted(set(reasons))
    assert (report.articles_read, report.articles, report.duplicates, report.rejects) == (405, 400, 5, 3), \
        sorted(set(reasons))
    got = _counts(store)
    assert got == ref_counts
    assert got["articles"] == 400 and got["rejects"] == 3
    # Rerun into the same store: stored articles are not extracted again, nothing changes.
    again = cluster_ingest(read_many([str(src)]), _writer(store), client, partition_size=40, progress=False)
    assert (again.articles, again.skipped_articles, again.partitions) == (0, 400, 0)
    assert _counts(store) == ref_counts


def takes_ten_ms_or_more(article: Article):
    """The real extractor, held to at least 10 ms an article, so that a test which kills a busy
    worker always finds one busy (the real extractor alone may finish first)."""
    import time

    from clashmap.extract.pipeline import extract_article

    time.sleep(0.01)
    return extract_article(article)


def _writer(store):
    from clashmap.cluster import StoreWriter

    return StoreWriter(store)


@pytest.mark.cluster
@pytest.mark.timeout(120)
def test_parquet_partitions_hold_each_article_once_and_rerun_skips(client, tmp_path):
    import pyarrow.dataset as ds

    arts = as_articles(make_articles(400, seed=11))
    out = tmp_path / "out"
    records = arts + [Reject(source="gen", line=0, reason="bad date")] + arts[:7]
    report = cluster_ingest(iter(records), ParquetWriter(out), client, partition_size=50, progress=False)
    assert (report.articles, report.partitions, report.rejects, report.duplicates) == (400, 8, 1, 7)

    files = sorted(p.name for p in (out / "articles").iterdir())
    assert len(files) == 8 and all(f.startswith("part-") and f.endswith(".parquet") for f in files)
    ids = ds.dataset(out / "articles", format="parquet").to_table(columns=["id"]).column("id").to_pylist()
    assert len(ids) == len(set(ids)) == 400
    assert set(ids) == {a.id for a in arts}
    n_events = sum(ds.dataset(out / "articles", format="parquet").to_table(columns=["n_events"])
                   .column("n_events").to_pylist())
    assert ds.dataset(out / "events", format="parquet").count_rows() == n_events

    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    again = cluster_ingest(iter(records), ParquetWriter(out), client, partition_size=50, progress=False)
    assert (again.articles, again.partitions, again.skipped_partitions, again.skipped_articles) == (0, 0, 8, 400)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == mtimes  # nothing rewritten


@pytest.mark.cluster
@pytest.mark.timeout(120)
def test_in_flight_partitions_stay_bounded(client, tmp_path):
    """The driver never has more than max_in_flight partitions submitted, however long the input."""
    seen_max = {"n": 0}
    arts = as_articles(make_articles(120, seed=3))

    def watch(pid, n):
        # tasks the scheduler knows of (queued + running) at this moment
        seen_max["n"] = max(seen_max["n"], sum(len(k) for k in client.processing().values()))

    report = cluster_ingest(iter(arts), ParquetWriter(tmp_path), client, partition_size=5,
                            max_in_flight=3, progress=False, on_partition_done=watch)
    assert report.articles == 120 and report.partitions == 24
    assert 1 <= seen_max["n"] <= 3


@pytest.mark.slow
@pytest.mark.cluster
@pytest.mark.timeout(180)
def test_run_ingest_from_cli_arguments(tmp_path, capsys):
    """The CLI path: arguments -> its own LocalCluster -> SQLite store, with reader rejects."""
    from clashmap.cluster import run_ingest

    rows = make_articles(60, seed=5)
    src = write_jsonl(tmp_path / "a.jsonl", rows, bad_lines=2)
    db = tmp_path / "cli.db"
    p = argparse.ArgumentParser()
    p.add_argument("--db")
    add_cluster_arguments(p)
    args = p.parse_args(["--db", f"sqlite:///{db}", "--cluster", "local", "--workers", "1",
                         "--partition-size", "25"])
    args.progress = False
    assert run_ingest(args, [str(src)]) == 0
    out, err = capsys.readouterr()
    assert "extracted" in out and "60" in out
    assert err.count("broken JSON") == 2  # each reject named on stderr, as the plain command does
    counts = _counts(_store(db))
    assert counts["articles"] == 60 and counts["rejects"] == 2

    bad = p.parse_args(["--out", "csv:/tmp/nope"])
    assert run_ingest(bad, [str(src)]) == 2


def fails_on_every_tenth(article: Article):
    """An extract function (named by --extractor) that raises on some articles, to check that
    an extractor bug costs the article a reject, not the partition its neighbours are in."""
    from clashmap.extract.pipeline import extract_article

    if "Report " in article.text and int(article.text.split(":")[0].split()[-1]) % 10 == 0:
        raise RuntimeError("extractor bug")
    return extract_article(article)


@pytest.mark.cluster
@pytest.mark.timeout(120)
def test_extractor_errors_become_rejects_like_single_process(client, tmp_path):
    from clashmap.ingest import ingest, load_extractor
    from clashmap.sources import read_many

    src = write_jsonl(tmp_path / "n.jsonl", make_articles(100, seed=9))
    spec = "test_cluster:fails_on_every_tenth"
    ref = _store(tmp_path / "ref.db")
    ingest([str(src)], ref, progress=False, extract=load_extractor(spec), on_reject=lambda r: None)
    store = _store(tmp_path / "c.db")
    report = cluster_ingest(read_many([str(src)]), _writer(store), client, partition_size=20,
                            progress=False, extractor=spec)
    assert (report.articles, report.rejects, report.partitions) == (90, 10, 5)
    assert not report.failed_partitions
    assert _counts(store) == _counts(ref)
    assert _counts(store)["rejects"] == 10


def dies_on_report_13(article: Article):
    """An extract function that takes its worker process down (as a segfault or the OOM killer
    would) on one article, every time it is tried."""
    from clashmap.extract.pipeline import extract_article

    if article.text.startswith("Report 13:"):
        os._exit(1)
    return extract_article(article)


@pytest.mark.slow
@pytest.mark.cluster
@pytest.mark.timeout(180)
def test_article_that_keeps_killing_workers_costs_only_itself(tmp_path):
    import pyarrow.dataset as ds
    from distributed import Client, LocalCluster

    arts = as_articles(make_articles(60, seed=13))
    poison = next(a for a in arts if a.text.startswith("Report 13:"))
    out = tmp_path / "out"
    # Its own cluster: this test has workers killed again and again, and must not leave the
    # shared one in that state (or inherit a half-restarted one). allowed-failures=1 (default
    # 3): Dask gives up on a task after 2 dead workers, not 4, which halves the test's time.
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                         silence_logs=50) as cluster, Client(cluster) as own:
        report = cluster_ingest(iter(arts), ParquetWriter(out), own, partition_size=10, progress=False,
                                extractor="test_cluster:dies_on_report_13")
    # Dask gives up on the partition after it killed `allowed-failures` workers (and may give up
    # on a neighbour that sat on the same dying workers); such partitions are retried one
    # article a task, so only the poison article is lost, as a reject that says why.
    assert not report.failed_partitions
    assert (report.articles, report.rejects, report.partitions) == (59, 1, 6)
    rejects = ds.dataset(out / "rejects", format="parquet").to_table().to_pylist()
    assert [(r["line"], "worker process died" in r["reason"]) for r in rejects] == [(poison.line, True)]
    ids = ds.dataset(out / "articles", format="parquet").to_table(columns=["id"]).column("id").to_pylist()
    assert sorted(ids) == sorted(a.id for a in arts if a is not poison)


@pytest.mark.cluster
@pytest.mark.timeout(120)
def test_partitions_failing_on_the_cluster_are_not_marked_written_and_rerun_retries(client, tmp_path):
    """A task-level failure (here: an extractor module the workers cannot import) fails every
    partition after its retries; their articles become rejects and the Parquet partitions are
    not written, so a rerun with a working extractor does them all."""
    import pyarrow.dataset as ds

    arts = as_articles(make_articles(30, seed=21))
    out = tmp_path / "out"
    report = cluster_ingest(iter(arts), ParquetWriter(out), client, partition_size=10, progress=False,
                            extractor="clashmap_no_such_module:extract")
    assert (len(report.failed_partitions), report.articles, report.rejects) == (3, 0, 30)
    assert not list((out / "articles").iterdir())
    again = cluster_ingest(iter(arts), ParquetWriter(out), client, partition_size=10, progress=False)
    assert (again.articles, again.skipped_partitions, again.failed_partitions) == (30, 0, [])
    assert ds.dataset(out / "articles", format="parquet").count_rows() == 30


@pytest.mark.slow
@pytest.mark.cluster
@pytest.mark.timeout(60)
def test_cluster_without_workers_stops_with_an_error_instead_of_hanging(tmp_path):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=0, processes=True, dashboard_address=":0", silence_logs=50) as cluster, \
            Client(cluster) as empty:
        with pytest.raises(RuntimeError, match="no workers"):
            cluster_ingest(iter(as_articles(make_articles(5))), ParquetWriter(tmp_path), empty,
                           partition_size=5, progress=False, no_workers_timeout=3)
