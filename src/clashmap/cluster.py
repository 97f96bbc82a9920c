"""Run extraction over a Dask cluster: read on the client, extract on workers, write on the client.

Why this shape:
- `extract_article` is a pure function of one article, so a batch is an embarrassingly parallel
  map. We send *partitions* (lists of articles) rather than single articles so that the per-task
  overhead of the scheduler (~1 ms) is small next to the work in each task.
- Reading stays on the client because inputs are local files that remote workers may not see,
  and because rejects from reading must reach the same writer as everything else.
- Writing stays on the client, one writer, so SQLite works (it allows one writer) and Parquet
  files are named and renamed in one place. PostgreSQL is still recommended when several ingests
  run at once (see docs/cluster.md).
- Memory is bounded: at most `max_in_flight` partitions (2 per worker thread) are submitted at
  any time; the next one is read and submitted only when a result comes back. Input is read
  lazily, so a 10 GB input never sits in memory.
- Failures: tasks carry retries=2 and Dask reschedules the tasks of a worker that dies; writes are
  idempotent by article id (Store) or by partition file name (Parquet), so a task that runs twice
  cannot store an article twice.

Heavy imports (dask, pyarrow, rich) happen inside functions, so `clashmap --help` stays quick and
`add_cluster_arguments` costs nothing when the cluster is not used.
"""
from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import sys
import tempfile
import time
import types
import typing
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from clashmap.model import Article, Casualty, Event, Evidence, Reject

DEFAULT_PARTITION_SIZE = 200
DEFAULT_WORKERS = 2
DEFAULT_THREADS_PER_WORKER = 1


# --------------------------------------------------------------------------------------------
# The task that runs on a worker


def extract_partition(articles: list[Article], extractor: str | None = None
                      ) -> list[tuple[Article, list[Event]] | Reject]:
    """Extract every article of one partition. Runs on a Dask worker.

    `extractor` names another extract function as "module:function" (the CLI's --extractor); it
    travels as a string because the worker imports it itself (it must be installed there).

    One article whose extraction raises becomes a Reject (with the exception as its reason)
    instead of failing the whole partition: a task failure would be retried and finally lose
    the 199 good articles beside it. Exceptions that kill the process (segfault, OOM) still
    fail the task, and Dask's retries / rescheduling handle those.
    """
    # Imported here, on the worker, so the client never loads spaCy; the default extractor is
    # cached per worker process (lru_cache in pipeline.py), so the spaCy pipeline is built once
    # per worker, not once per task.
    from clashmap.ingest import load_extractor

    extract = load_extractor(extractor)
    out: list[tuple[Article, list[Event]] | Reject] = []
    for article in articles:
        try:
            out.append((article, extract(article)))
        except Exception as exc:  # noqa: BLE001 - any extractor bug must not lose the article
            # Same wording as the single-process ingest, so the store keeps one reject for it
            # whichever way it was run.
            out.append(Reject(article.source or "?", article.line,
                              f"extraction failed: {type(exc).__name__}: {exc}", article.text[:500]))
    return out


def partition_id(articles: Iterable[Article]) -> str:
    """A stable name for a partition: a hash of its article ids, in order.

    The same input read with the same partition size gives the same ids, which is what lets a
    rerun into Parquet skip partitions already written.
    """
    h = hashlib.sha256()
    for a in articles:
        h.update(a.id.encode())
        h.update(b"\n")
    return h.hexdigest()[:16]


def _reject_batch_id(rejects: Iterable[Reject]) -> str:
    h = hashlib.sha256()
    for r in rejects:
        h.update(json.dumps([r.source, r.line, r.reason], default=str).encode())
        h.update(b"\n")
    return h.hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# Writers (client side). Both have has_article, has_partition, write_partition, write_rejects
# and close, so the driver loop does not care where results go.


class StoreWriter:
    """Writes through clashmap.store.Store: one transaction per article, idempotent by id.

    Counts what the store did with each article (new / duplicate / replaced, events, merged) so
    the CLI can print the same summary as the single-process ingest.
    """

    reject_batch = 1  # each reject is written at once (see cluster_ingest)

    def __init__(self, store):
        self.store = store
        self.new = self.duplicates = self.replaced = self.events = self.merged = 0

    def has_article(self, article: Article) -> bool:
        # Checked on the client before an article joins a partition: a rerun after a crash
        # extracts only what is not stored yet, like the single-process ingest.
        return self.store.has_article(article.id)

    def has_partition(self, pid: str, articles: list[Article]) -> bool:
        return False  # decided per article above

    def write_partition(self, pid: str, results: list[tuple[Article, list[Event]]]) -> None:
        for article, events in results:
            result = self.store.add_article(article, events)
            if result.status == "duplicate":
                self.duplicates += 1  # stored meanwhile by another ingest (or a duplicate task)
                continue
            self.new += result.status == "new"
            self.replaced += result.status == "replaced"
            self.events += len(result.event_ids)
            self.merged += result.merged

    def write_rejects(self, rejects: list[Reject]) -> None:
        for r in rejects:
            self.store.add_reject(r)

    def close(self) -> None:
        close = getattr(self.store, "close", None)
        if close:
            close()


def _arrow_type(tp: Any):
    """Map a model annotation to an Arrow type, so every partition file has the same schema.

    Inferring the schema from the data would make a partition whose events all have
    `casualties=[]` get a `list<null>` column, and the dataset could then not be read back as one
    table. Deriving it from the dataclasses keeps the files in step with model.py.
    """
    import pyarrow as pa

    args = [a for a in typing.get_args(tp) if a is not type(None)]
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _arrow_type(args[0])
    if origin is list and args:
        return pa.list_(_arrow_type(args[0]))
    if is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return pa.struct([pa.field(f.name, _arrow_type(hints[f.name])) for f in fields(tp)])
    simple = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    if tp in simple:
        return simple[tp]
    # Anything the model adds later that we cannot map stays readable as JSON text.
    return pa.string()


def event_schema():
    import pyarrow as pa

    hints = typing.get_type_hints(Event, {"Casualty": Casualty, "Evidence": Evidence})
    return pa.schema([pa.field(f.name, _arrow_type(hints[f.name])) for f in fields(Event)])


def article_schema():
    import pyarrow as pa

    return pa.schema([
        ("id", pa.string()), ("date", pa.date32()), ("outlet", pa.string()), ("url", pa.string()),
        ("title", pa.string()), ("source", pa.string()), ("line", pa.int64()),
        ("text", pa.string()), ("n_events", pa.int64()),
    ])


def reject_schema():
    import pyarrow as pa

    return pa.schema([("source", pa.string()), ("line", pa.int64()), ("reason", pa.string()),
                      ("raw", pa.string())])


def _event_row(ev: Event, schema) -> dict[str, Any]:
    import pyarrow as pa

    row = ev.to_dict()
    for f in schema:
        if f.type == pa.string() and row.get(f.name) is not None and not isinstance(row[f.name], str):
            row[f.name] = json.dumps(row[f.name], default=str)  # the JSON fallback above
    return row


def _atomic_write_table(table, path: Path) -> None:
    """Write to a temp file in the same directory, fsync, then rename.

    rename() within one filesystem is atomic, so a reader (or a rerun deciding what to skip)
    sees either no file or a complete one, never a half-written partition after a crash.
    """
    import pyarrow.parquet as pq

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pq.write_table(table, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ParquetWriter:
    """DIR/articles/part-<pid>.parquet, DIR/events/part-<pid>.parquet, DIR/rejects/part-<h>.parquet.

    The articles file is the commit marker of a partition: it is written last, so if it exists
    the events file beside it is complete too, and a rerun skips the partition without
    extracting it again.
    """

    def __init__(self, directory: str | os.PathLike):
        self.dir = Path(directory)
        for sub in ("articles", "events", "rejects"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        self._events_schema = event_schema()

    def _path(self, kind: str, pid: str) -> Path:
        return self.dir / kind / f"part-{pid}.parquet"

    def has_article(self, article: Article) -> bool:
        return False  # Parquet skips whole partitions: filtering articles would change their ids

    def has_partition(self, pid: str, articles: list[Article]) -> bool:
        return self._path("articles", pid).exists()

    def write_partition(self, pid: str, results: list[tuple[Article, list[Event]]]) -> None:
        import pyarrow as pa

        events = [_event_row(ev, self._events_schema) for _, evs in results for ev in evs]
        arts = []
        for a, evs in results:
            d = a.to_dict()
            d["date"] = a.date
            d["n_events"] = len(evs)
            arts.append(d)
        _atomic_write_table(pa.Table.from_pylist(events, schema=self._events_schema),
                            self._path("events", pid))
        _atomic_write_table(pa.Table.from_pylist(arts, schema=article_schema()),
                            self._path("articles", pid))

    def write_rejects(self, rejects: list[Reject]) -> None:
        import pyarrow as pa

        if not rejects:
            return
        path = self._path("rejects", _reject_batch_id(rejects))
        if path.exists():  # the same rejects from an earlier run of the same input
            return
        _atomic_write_table(pa.Table.from_pylist([r.to_dict() for r in rejects], schema=reject_schema()),
                            path)

    def close(self) -> None:
        pass


# --------------------------------------------------------------------------------------------
# The driver loop


@dataclass
class ClusterReport:
    articles_read: int = 0  # every Article the readers gave, duplicates included
    articles: int = 0  # articles extracted and written in this run
    events: int = 0
    rejects: int = 0  # records rejected (reading or extraction)
    duplicates: int = 0  # articles whose id was already seen earlier in this run
    skipped_partitions: int = 0  # already written (Parquet rerun) and not extracted again
    skipped_articles: int = 0  # already stored / in a partition already written: not extracted
    partitions: int = 0  # partitions extracted in this run
    failed_partitions: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def _partitions(records: Iterable[Article | Reject], size: int, report: ClusterReport,
                on_reject: Callable[[Reject], None], stored: Callable[[Article], bool],
                on_skip: Callable[[], None]) -> Iterator[list[Article]]:
    """Group articles into lists of `size`; rejects go straight to the writer.

    Articles whose id was already seen in this run are dropped here, so a partition never holds
    the same article twice and Parquet output has each id once. The set of ids costs ~100 bytes
    an article (about 1 GB for 10 million), the one thing on the client that grows with input.
    """
    seen: set[str] = set()
    batch: list[Article] = []
    for rec in records:
        if isinstance(rec, Reject):
            on_reject(rec)
            continue
        report.articles_read += 1
        if rec.id in seen:
            report.duplicates += 1
            on_skip()
            continue
        seen.add(rec.id)
        if stored(rec):
            report.skipped_articles += 1
            on_skip()
            continue
        batch.append(rec)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _capacity(client, fallback: int) -> int:
    """Partitions to keep in flight: two per worker thread, so each worker always has its next
    partition queued while it works on the current one (no idle gap), but no more than that."""
    try:
        threads = sum(client.nthreads().values())
    except Exception:  # noqa: BLE001 - a scheduler hiccup should not stop the run
        return fallback
    return max(2, 2 * threads)


def cluster_ingest(
    records: Iterable[Article | Reject],
    writer,
    client,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    max_in_flight: int | None = None,
    progress: bool = True,
    retries: int = 2,
    on_partition_done: Callable[[str, int], None] | None = None,
    ordered: bool = True,
    extractor: str | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    no_workers_timeout: float = 300.0,
) -> ClusterReport:
    """Extract `records` (Articles and Rejects, e.g. from sources.read_many) on `client`'s
    cluster and write them with `writer`. Returns counts; raises only on writer errors.

    `extractor` is the "module:function" of another extract function (None: the spaCy
    pipeline). `on_reject(reject)` sees every reject as it is written (the CLI prints them).
    `on_partition_done(pid, n_articles)` is called on the client as each partition comes back
    (tests use it to kill a worker mid-run). `ordered=False` writes partitions as they finish instead
    of in input order: a little faster when task times vary, but the store may then resolve
    events in a different order from run to run."""
    from distributed import wait

    if partition_size < 1:
        raise ValueError("partition size must be at least 1")
    report = ClusterReport()
    started = time.perf_counter()
    reject_buffer: list[Reject] = []
    # Parquet gets rejects in batches (a few files, not one per reject); the store takes each at
    # once, so a crash cannot lose a buffered one.
    reject_batch = getattr(writer, "reject_batch", None) or partition_size
    notify = on_reject
    bar = _Progress(enabled=progress)

    def rejected(r: Reject) -> None:
        report.rejects += 1
        if notify is not None:
            notify(r)
        reject_buffer.append(r)
        if len(reject_buffer) >= reject_batch:
            writer.write_rejects(list(reject_buffer))
            reject_buffer.clear()

    has_article = getattr(writer, "has_article", None) or (lambda a: False)
    parts = _partitions(records, partition_size, report, rejected, has_article, lambda: bar.advance(1))
    # Submitted partitions not yet written, in submission order. A finished partition waits
    # here until every partition submitted before it is written (when `ordered`), so the store
    # sees articles in input order whatever the cluster's timing: event resolution across
    # articles may depend on order, and a cluster run must give the same database as a
    # single-process run. The wait is bounded because this queue counts towards max_in_flight.
    queue: collections.deque[_Pending] = collections.deque()
    owner: dict[Any, tuple[_Pending, int]] = {}  # future -> (its partition, which piece)
    # Second tries of single articles that were on a worker when it died, run one at a time:
    # alone on the cluster, an innocent article cannot be blamed again for another that kills
    # workers, and the culprit costs only itself.
    lone_waiting: collections.deque[tuple[_Pending, int]] = collections.deque()
    lone_running: set = set()

    def run_next_lone() -> None:
        if lone_waiting and not lone_running:
            entry, piece = lone_waiting.popleft()
            lone_running.add(submit(entry, piece))

    def submit(entry: _Pending, piece: int):
        # pure=False with a key that names the partition: the key is readable in the
        # dashboard, and the random suffix stops a result left on a long-lived scheduler by an
        # earlier run from being reused.
        fut = client.submit(extract_partition, entry.pieces[piece], extractor,
                            key=f"clashmap-extract-{entry.pid}-{piece}-{os.urandom(4).hex()}",
                            retries=retries, pure=False)
        owner[fut] = (entry, piece)
        return fut

    def submit_more() -> None:
        cap = max_in_flight or _capacity(client, 4)
        while len(queue) < cap:
            batch = next(parts, None)
            if batch is None:
                return
            pid = partition_id(batch)
            if writer.has_partition(pid, batch):
                report.skipped_partitions += 1
                report.skipped_articles += len(batch)
                bar.advance(len(batch))
                continue
            entry = _Pending(pid, batch, pieces=[batch], results=[None])
            queue.append(entry)
            submit(entry, 0)

    def collect(fut) -> None:
        from distributed.scheduler import KilledWorker

        entry, piece = owner.pop(fut)
        try:
            result = fut.result()
        except KilledWorker as exc:
            if len(entry.pieces) == 1 and len(entry.batch) > 1:
                # The task took down `allowed-failures` workers: most likely one article crashes
                # the extractor (segfault, runaway memory). Retry the partition one article a
                # task, so that article costs only itself, not the 199 beside it. (Dask also
                # blames tasks that merely sat on the dying worker; they pass on their own.)
                entry.pieces = [[a] for a in entry.batch]
                entry.results = [None] * len(entry.pieces)
                for i in range(len(entry.pieces)):
                    submit(entry, i)
                return
            if piece not in entry.second_chance:
                # Dask also blames a task that only sat queued on a worker another article
                # killed: one more try on its own tells the innocent from the culprit.
                entry.second_chance.add(piece)
                lone_waiting.append((entry, piece))
                run_next_lone()
                return
            result = [Reject(a.source or "?", a.line,
                             f"extraction failed: a worker process died on this article each time it "
                             f"was tried ({exc})", a.text[:500]) for a in entry.pieces[piece]]
        except Exception as exc:  # noqa: BLE001 - retries are spent; keep the articles as rejects
            # Not the articles' fault in particular (an extractor that cannot be imported, a
            # worker without clashmap): don't mark the partition written, so a rerun retries it.
            entry.failed = True
            result = [Reject(a.source or "?", a.line,
                             f"extraction failed on the cluster after retries: {type(exc).__name__}: {exc}",
                             a.text[:500]) for a in entry.pieces[piece]]
        finally:
            fut.release()  # the result is on the client now: let the workers free it
            if fut in lone_running:
                lone_running.discard(fut)
                run_next_lone()
        entry.results[piece] = result
        if on_partition_done and entry.done:
            on_partition_done(entry.pid, len(entry.batch))

    no_workers_since: list[float] = []

    def next_done() -> list:
        """Wait for at least one finished task. Waiting in short slices lets us notice a cluster
        with no workers left (every local worker's nanny gave up, or a remote cluster scaled to
        zero): after `no_workers_timeout` seconds of that, stop with an error, not hang."""
        while True:
            try:
                done, _ = wait(list(owner), timeout=2, return_when="FIRST_COMPLETED")
            except TimeoutError:  # distributed.TimeoutError is the builtin one
                if client.nthreads():
                    no_workers_since.clear()
                elif not no_workers_since:
                    no_workers_since.append(time.monotonic())
                elif time.monotonic() - no_workers_since[0] > no_workers_timeout:
                    raise RuntimeError(f"the Dask cluster has had no workers for {no_workers_timeout:.0f} s; "
                                       "stopping (what was written so far is kept: run again to resume)")
                continue
            return [f for f in owner if f in done]  # in submission order

    def write(entry: _Pending) -> None:
        results = [r for piece in entry.results for r in piece]
        good = [r for r in results if not isinstance(r, Reject)]
        for r in results:
            if isinstance(r, Reject):
                rejected(r)
        if entry.failed:
            report.failed_partitions.append(entry.pid)
        else:
            # Written even when every article was rejected, so a Parquet rerun skips it; a
            # partition that failed on the cluster is not written, so a rerun tries it again.
            writer.write_partition(entry.pid, good)
        report.partitions += 1
        report.articles += len(good)
        report.events += sum(len(evs) for _, evs in good)
        bar.advance(len(entry.batch))

    try:
        with bar:
            submit_more()
            while queue:
                for fut in next_done():
                    collect(fut)
                if ordered:
                    while queue and queue[0].done:  # the finished head of the queue, oldest first
                        write(queue.popleft())
                else:
                    for entry in [e for e in queue if e.done]:
                        queue.remove(entry)
                        write(entry)
                submit_more()
            if reject_buffer:
                writer.write_rejects(list(reject_buffer))
                reject_buffer.clear()
    except BaseException:
        # Ctrl-C or a writer error: cancel what is queued so a shared cluster is not left busy.
        if owner:
            client.cancel(list(owner))
        raise
    report.seconds = time.perf_counter() - started
    return report


@dataclass
class _Pending:
    """One partition on its way: sent as one piece, or one piece per article after it killed
    workers."""

    pid: str
    batch: list[Article]
    pieces: list[list[Article]]
    results: list[list | None]  # per piece; None until that task is back
    failed: bool = False  # a piece failed after its retries for a reason other than dying workers
    second_chance: set = field(default_factory=set)  # single-article pieces already retried once

    @property
    def done(self) -> bool:
        return all(r is not None for r in self.results)


class _Progress:
    """A rich progress bar by articles done (the total is unknown: input is read lazily)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._p = None
        self._task = None

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import (MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                       TimeElapsedColumn)

            self._p = Progress(SpinnerColumn(), TextColumn("extracting"), MofNCompleteColumn(),
                               TextColumn("articles"),
                               TextColumn("[progress.data.speed]{task.fields[rate]}"),
                               TimeElapsedColumn(), console=Console(stderr=True), transient=False)
            self._p.__enter__()
            self._task = self._p.add_task("extract", total=None, rate="")
            self._t0 = time.perf_counter()
            self._n = 0
        return self

    def advance(self, n: int) -> None:
        if self._p is not None:
            self._n += n
            dt = time.perf_counter() - self._t0
            self._p.update(self._task, advance=n, rate=f"{self._n / dt:.1f}/s" if dt else "")

    def __exit__(self, *exc):
        if self._p is not None:
            self._p.__exit__(*exc)


# --------------------------------------------------------------------------------------------
# Cluster connection


def open_client(cluster: str | None = "local", workers: int = DEFAULT_WORKERS,
                threads_per_worker: int = DEFAULT_THREADS_PER_WORKER, dashboard: str = ":0"):
    """A distributed.Client: a LocalCluster of worker *processes* for "local", else connect.

    Processes with one thread each, because extraction is CPU-bound pure Python and the GIL would
    serialise threads in one process. The dashboard takes a free port (":0"): the default 8787
    clashes with any other cluster on the machine (and dashboard_address=None does not turn it
    off in current distributed).
    """
    from distributed import Client, LocalCluster

    if cluster in (None, "", "local"):
        lc = LocalCluster(n_workers=workers, threads_per_worker=threads_per_worker, processes=True,
                          dashboard_address=dashboard)
        client = Client(lc)
        client._clashmap_owned_cluster = lc  # closed together with the client in close_client
        return client
    if not cluster.startswith(("tcp://", "tls://", "ucx://", "inproc://", "ws://", "wss://")):
        raise ValueError(f"--cluster must be 'local' or a scheduler address like tcp://HOST:8786, not {cluster!r}")
    return Client(cluster)


def close_client(client) -> None:
    lc = getattr(client, "_clashmap_owned_cluster", None)
    client.close()
    if lc is not None:
        lc.close()


def parse_out(out: str | None) -> Path | None:
    """`parquet:DIR` -> Path(DIR). Other schemes are an error naming the accepted form."""
    if not out:
        return None
    scheme, sep, rest = out.partition(":")
    if scheme != "parquet" or not sep or not rest:
        raise ValueError(f"--out must look like parquet:DIR, not {out!r}")
    return Path(rest)


# --------------------------------------------------------------------------------------------
# CLI glue (called from clashmap/cli/ingest.py)


def add_cluster_arguments(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("cluster (Dask)", "extract in parallel; see docs/cluster.md")
    g.add_argument("--cluster", metavar="local|tcp://HOST:8786", default=None,
                   help="run extraction on Dask: 'local' starts a cluster on this machine; an address "
                        "connects to a running scheduler")
    g.add_argument("--workers", type=int, default=DEFAULT_WORKERS, metavar="N",
                   help=f"worker processes for --cluster local (default {DEFAULT_WORKERS})")
    g.add_argument("--threads-per-worker", type=int, default=DEFAULT_THREADS_PER_WORKER, metavar="N",
                   help="threads per local worker (default 1: extraction is CPU-bound Python)")
    g.add_argument("--partition-size", type=int, default=DEFAULT_PARTITION_SIZE, metavar="N",
                   help=f"articles per task (default {DEFAULT_PARTITION_SIZE})")
    g.add_argument("--out", metavar="parquet:DIR", default=None,
                   help="write Parquet partitions to DIR instead of the database (implies --cluster local)")


def wants_cluster(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "cluster", None) or getattr(args, "out", None))


def _db_url(args: argparse.Namespace) -> str:
    # The same rule as the single-process command (a URL, a plain SQLite path, $CLASHMAP_DB).
    from clashmap.cli.ingest import db_url

    return db_url(getattr(args, "db", None))


def run_ingest(args: argparse.Namespace, paths: list[str]) -> int:
    """`clashmap ingest --cluster ... / --out parquet:DIR`. Returns the exit status: 0 done,
    1 a partition failed after its retries (its articles are kept as rejects; a rerun retries
    them) or nothing usable was read, 2 bad arguments or no cluster."""
    try:
        out_dir = parse_out(getattr(args, "out", None))
    except ValueError as exc:
        print(f"clashmap ingest: {exc}", file=sys.stderr)
        return 2
    size = getattr(args, "partition_size", DEFAULT_PARTITION_SIZE)
    workers = getattr(args, "workers", DEFAULT_WORKERS)
    threads = getattr(args, "threads_per_worker", DEFAULT_THREADS_PER_WORKER)
    if min(size, workers, threads) < 1:
        print("clashmap ingest: --partition-size, --workers and --threads-per-worker must be at least 1",
              file=sys.stderr)
        return 2
    cluster = getattr(args, "cluster", None) or "local"
    if cluster != "local" and workers != DEFAULT_WORKERS:
        print("clashmap ingest: --workers applies to --cluster local only; the running cluster "
              "decides its own workers", file=sys.stderr)
    progress = bool(getattr(args, "progress", True)) and not getattr(args, "quiet", False)

    from clashmap.sources import read_many

    if out_dir:
        writer, target = ParquetWriter(out_dir), f"parquet:{out_dir}"
    else:
        from clashmap.store import Store

        url = _db_url(args)
        writer, target = StoreWriter(Store(url)), url
    try:
        client = open_client(cluster, workers, threads)
    except (ValueError, OSError, RuntimeError) as exc:  # bad address, unreachable, workers won't start
        print(f"clashmap ingest: cannot start or reach the cluster {cluster!r}: {exc}", file=sys.stderr)
        writer.close()
        return 2
    if progress:
        print(f"Dask dashboard: {client.dashboard_link}", file=sys.stderr)
    try:
        report = cluster_ingest(read_many(paths, format=getattr(args, "format", None)), writer, client,
                                partition_size=size, progress=progress,
                                extractor=getattr(args, "extractor", None),
                                on_reject=lambda r: print(r, file=sys.stderr, flush=True))
    finally:
        close_client(client)
        writer.close()
    _print_report(report, writer, target)
    if report.failed_partitions:
        print(f"clashmap ingest: {len(report.failed_partitions)} partition(s) failed after retries; "
              "their articles are kept as rejects: run again to retry them", file=sys.stderr)
        return 1
    # As in the single-process command: nothing usable at all is a failure a script should notice.
    return 1 if report.rejects and not report.articles_read else 0


def _print_report(report: ClusterReport, writer, target: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"ingest on Dask -> {target}")
    table.add_column("", style="bold")
    table.add_column("count", justify="right")
    rows = [("articles read", report.articles_read), ("extracted", report.articles),
            ("already stored / written", report.skipped_articles + getattr(writer, "duplicates", 0)),
            ("repeated in the input", report.duplicates)]
    if isinstance(writer, StoreWriter):
        rows += [("new", writer.new), ("corrections", writer.replaced), ("events", writer.events),
                 ("merged with other reports", writer.merged)]
    else:
        rows += [("events", report.events), ("partitions written", report.partitions),
                 ("partitions skipped", report.skipped_partitions)]
    rows += [("rejects", report.rejects), ("seconds", f"{report.seconds:.1f}"),
             ("articles/second", f"{report.rate:.1f}")]
    for name, value in rows:
        table.add_row(name, str(value))
    Console().print(table)
