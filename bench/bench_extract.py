#!/usr/bin/env python3
"""Extraction speed and memory: articles/second on one core, and peak RSS.

    python bench/bench_extract.py                 # 1,000 articles of ~500 words, default pipeline
    python bench/bench_extract.py --n 2000 --model en_core_web_sm   # with a statistical model in front
    CLASHMAP_PURE_PYTHON=1 python bench/bench_extract.py     # the stages from their Python sources
    python bench/bench_extract.py --from ../shared/bench/dev  # texts made of real articles

Articles are built from the bundled sample reports (our own text), shuffled sentence by sentence
into ~500-word articles with their own dates, so the work resembles real input.

The articles are extracted --repeat times (3); the speed printed is the best pass, in CPU time,
with the median pass beside it: other work on a shared machine only slows a pass down.
"""
from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import sys
import time
from datetime import date, timedelta

from clashmap.extract import compiled
from clashmap.extract.pipeline import Extractor, build_nlp
from clashmap.model import Article


def sample_sentences() -> list[str]:
    from importlib import resources

    text = resources.files("clashmap.samples").joinpath("articles.txt").read_text(encoding="utf-8")
    sentences = []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("date "):
            continue
        body = line[16:]
        sentences.extend(s.strip() + "." for s in body.split(". ") if len(s.split()) > 4)
    return sentences


def make_articles(n: int, words: int = 500, seed: int = 7) -> list[Article]:
    return joined_articles(sample_sentences(), n, words, " ", seed, suffix=" (report {i})")


def articles_from(path: str, n: int, words: int = 500, seed: int = 7) -> list[Article]:
    """n texts of ~`words` words from the articles clashmap reads at `path` (any input format):
    shuffled articles joined back to back, the last one cut after the sentence that makes the
    text long enough (a real lead, not a fragment). Real news runs longer sentences and more
    names than the sample sentences: this measures that text."""
    from clashmap import sources

    pool = [r.text for r in sources.read(path) if isinstance(r, Article)]
    if not pool:
        raise SystemExit(f"{path}: no articles read")
    return joined_articles(pool, n, words, "\n\n", seed, cut=True)


# where a sentence ends: after . ! or ? (and a closing quote), before a capital or a digit
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")


def joined_articles(pool: list[str], n: int, words: int, sep: str, seed: int, suffix: str = "",
                    cut: bool = False) -> list[Article]:
    """n articles, each of pieces drawn at random from `pool` and joined with `sep` until it
    has `words` words or more (`suffix`, formatted with the article's number, ends it), dated
    a day apart. With `cut`, the piece that reaches `words` keeps only its sentences up to
    the one that does (so a text overshoots by part of a sentence, not by half an article)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        parts: list[str] = []
        count = 0
        while count < words:
            piece = rng.choice(pool)
            size = len(piece.split())
            if cut and count + size > words:
                end = len(piece)
                for m in _SENTENCE_END.finditer(piece):
                    if count + len(piece[:m.start()].split()) >= words:
                        end = m.start()
                        break
                parts.append(piece[:end])
                count += len(piece[:end].split())
                break
            parts.append(piece)
            count += size
        out.append(Article(text=sep.join(parts) + suffix.format(i=i), date=date(2023, 1, 1) + timedelta(days=i % 700)))
    return out


def libpython_in(maps: str) -> str | None:
    """The libpython shared library named in a /proc/<pid>/maps text, or None."""
    for line in maps.splitlines():
        fields = line.split()
        path = fields[-1] if fields else ""
        if "/libpython" in path and ".so" in path:
            return path
    return None


def interpreter() -> str:
    """This interpreter, and whether it runs from a libpython shared library. How Python was
    built moves these figures: on the machine the documented figures come from, pyenv's
    default build of 3.11 (a shared library, no profile-guided or link-time optimisation) ran
    this benchmark about 15% slower than Debian's python3.11 (built with both, linked into its
    executable), the stages compiled alike. Compare builds of clashmap on one interpreter."""
    where = f"{sys.version.split()[0]} ({sys.executable})"
    try:
        with open("/proc/self/maps", encoding="utf-8") as f:
            shared = libpython_in(f.read())
    except OSError:  # not Linux: no cheap way to tell
        return where
    if shared:
        return f"{where}, from the shared library {shared}"
    return f"{where}, linked into its executable"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--words", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3, metavar="R",
                    help="extract every article R times and report the best pass (default 3)")
    ap.add_argument("--model", help="an installed spaCy model to put in front (e.g. en_core_web_sm)")
    ap.add_argument("--stages", action="store_true", help="also print CPU ms per article for each pipeline stage")
    ap.add_argument("--from", dest="source", metavar="PATH",
                    help="build the texts from the articles at PATH (a file or folder clashmap reads) "
                         "instead of the bundled sample sentences")
    a = ap.parse_args()
    if a.repeat < 1 or a.n < 1:
        ap.error("--n and --repeat must be at least 1")
    arts = articles_from(a.source, a.n, a.words) if a.source else make_articles(a.n, a.words)
    t0 = time.perf_counter()
    ex = Extractor(build_nlp(base=a.model) if a.model else None)
    ex.extract(arts[0])  # loads the gazetteer and the dictionaries
    load = time.perf_counter() - t0
    # Each pass extracts every article; the best pass is the figure (as timeit takes the
    # best run: on a shared machine, other work only ever slows a pass down), the median
    # beside it shows the spread.
    passes = []
    for _ in range(a.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        events = sum(len(ex.extract(x)) for x in arts)
        passes.append((time.process_time() - c0, time.perf_counter() - t0))
    cpu, secs = min(passes)
    median_cpu = statistics.median(p[0] for p in passes)
    words = sum(len(x.text.split()) for x in arts)
    print(f"pipeline        : {'blank en + rules' if not a.model else a.model + ' + rules'}")
    stages = compiled.status()  # compiled with mypyc at install, or the Python sources
    print(f"stages          : {stages['mode']} ({stages['reason']})")
    print(f"python          : {interpreter()}")
    print(f"articles        : {a.n} (~{words // a.n} words each, from "
          f"{a.source or 'the bundled sample sentences'})")
    print(f"start-up        : {load:.2f} s")
    # CPU time is what one core spends; on a shared machine wall time also counts waiting
    print(f"extract (CPU)   : {cpu:.2f} s  ->  {a.n / cpu:.0f} articles/s on one core"
          f"  (best of {a.repeat} pass{'es' if a.repeat > 1 else ''}; median {a.n / median_cpu:.0f}/s)")
    print(f"extract (wall)  : {secs:.2f} s  ->  {a.n / secs:.0f} articles/s  (the same pass)")
    print(f"events          : {events} ({events / a.n:.1f} per article)")
    print(f"peak RSS        : {peak_rss_mb():.0f} MB")
    if a.stages:
        for name, ms in stage_times(ex, arts).items():
            print(f"  {name:22s}: {ms:.2f} ms/article (CPU)")


def stage_times(ex: Extractor, arts: list[Article]) -> dict[str, float]:
    """CPU ms per article spent in each stage: the tokenizer, each component, assembly."""
    from clashmap.extract.assemble import assemble

    spent: dict[str, float] = {}

    def timed(name, fn, *args):
        c = time.process_time()
        out = fn(*args)
        spent[name] = spent.get(name, 0.0) + time.process_time() - c
        return out

    for art in arts:
        doc = timed("tokenizer", ex.new_doc, art)
        for name, proc in ex.nlp.pipeline:
            doc = timed(name.removeprefix("clashmap_"), proc, doc)
        timed("assemble", assemble, doc, art)
    return {name: 1000 * s / len(arts) for name, s in spent.items()}


if __name__ == "__main__":
    main()
