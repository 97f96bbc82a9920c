"""Ingest: read input files, extract events, resolve and store them, one article at a time.

Each article is its own transaction, so a crash (or Ctrl-C, or SIGKILL) loses nothing that was
committed, and running the same command again resumes: an article already stored (same content
hash) is skipped before extraction, the expensive step.
"""
from __future__ import annotations

import importlib
import os
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable

from clashmap.model import Article, Event, Reject
from clashmap.store import Store

Extractor = Callable[[Article], list[Event]]


@dataclass
class Summary:
    articles_read: int = 0
    new: int = 0
    duplicates: int = 0  # already stored (same content hash): skipped
    replaced: int = 0  # corrections of a stored article (same url, new text)
    events: int = 0  # events extracted from the stored articles
    merged: int = 0  # of those, how many joined an event that another article reported
    rejects: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def load_extractor(spec: str | None) -> Extractor:
    """The default spaCy pipeline, or another function named "package.module:function"."""
    if not spec:
        from clashmap.extract.pipeline import extract_article

        return extract_article
    module, _, name = spec.partition(":")
    if not name:
        raise ValueError(f"extractor must be given as module:function, not {spec!r}")
    return getattr(importlib.import_module(module), name)


def _line_counts(paths: Iterable[str | os.PathLike]) -> dict[str, int]:
    """Lines per input file, so a progress bar can advance by line while readers stream."""
    counts: dict[str, int] = {}
    for p in paths:
        p = Path(p)
        files = [p] if not p.is_dir() else [
            Path(root) / f for root, dirs, names in os.walk(p) for f in names if not f.startswith(".")]
        for f in files:
            n, last = 0, b"\n"
            try:
                with open(f, "rb") as fh:
                    for chunk in iter(lambda: fh.read(1 << 20), b""):
                        n, last = n + chunk.count(b"\n"), chunk[-1:]
            except OSError:
                pass
            counts[str(f)] = n + (last != b"\n")  # a last line without its newline still counts
    return counts


class _Progress:
    """A rich progress bar on stderr, advanced by input line (records report their line)."""

    def __init__(self, paths: list, enabled: bool):
        self.bar = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.lines = _line_counts(paths)
        self.current: str | None = None
        self.finished = 0
        self.console = Console(stderr=True)
        self.bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("lines"),
                            TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
                            console=self.console, transient=False)
        self.task = self.bar.add_task("ingest", total=sum(self.lines.values()) or None, counts="")
        self.bar.start()

    def update(self, record: Article | Reject, summary: Summary) -> None:
        if self.bar is None:
            return
        if record.source != self.current:
            if self.current is not None:
                self.finished += self.lines.get(self.current, 0)
            self.current = record.source
        at = self.finished + min(record.line or 0, self.lines.get(record.source or "", 0))
        self.bar.update(self.task, completed=at, counts=(
            f"{summary.new} new · {summary.duplicates} known · {summary.events} events · {summary.rejects} rejects"))

    def print(self, message: str) -> None:
        if self.bar is not None:
            # soft_wrap: a reject is one `path:line: reason` line, whatever the terminal width
            self.bar.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            print(message, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=self.bar.tasks[0].total)
            self.bar.stop()


def ingest(paths: Iterable[str | os.PathLike], store: Store, format: str | None = None, progress: bool = True,
           extract: Extractor | None = None, on_reject: Callable[[Reject], None] | None = None,
           **reader_options) -> Summary:
    """Read, extract, resolve and store every article under `paths`; returns counts.

    Rejects (records that cannot become articles, and articles the extractor fails on) are
    stored and passed to `on_reject`; with progress on and no callback they are printed to
    stderr as `path:line: reason`. An article whose extraction fails is not stored, so the next
    run tries it again.
    """
    from clashmap.sources import read_many

    paths = [str(p) for p in paths]
    extract = extract or load_extractor(None)
    summary = Summary()
    started = time.perf_counter()
    bar = _Progress(paths, progress)

    def rejected(reject: Reject) -> None:
        summary.rejects += 1
        store.add_reject(reject)
        if on_reject is not None:
            on_reject(reject)
        elif progress:
            bar.print(str(reject))

    try:
        for record in read_many(paths, format=format, **reader_options):
            if isinstance(record, Reject):
                rejected(record)
            else:
                summary.articles_read += 1
                if store.has_article(record.id):
                    summary.duplicates += 1
                else:
                    try:
                        events = extract(record)
                    except Exception as exc:  # one bad article must not stop the batch
                        rejected(Reject(record.source or "?", record.line,
                                        f"extraction failed: {type(exc).__name__}: {exc}", record.text[:500]))
                        bar.update(record, summary)
                        continue
                    result = store.add_article(record, events)
                    if result.status == "duplicate":
                        summary.duplicates += 1  # stored by a concurrent ingest meanwhile
                    else:
                        summary.new += result.status == "new"
                        summary.replaced += result.status == "replaced"
                        summary.events += len(result.event_ids)
                        summary.merged += result.merged
            bar.update(record, summary)
    finally:
        bar.close()
        summary.seconds = round(time.perf_counter() - started, 3)
    return summary
