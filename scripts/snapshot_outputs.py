#!/usr/bin/env python3
"""Write every event the default extraction pipeline finds over a fixed corpus, as canonical
JSON, so that a change meant to keep the output (a speed-up, a refactor) can be checked with
`diff`: take a snapshot before, one after, and compare them byte for byte.

    python scripts/snapshot_outputs.py before.jsonl
    ... change the code ...
    python scripts/snapshot_outputs.py after.jsonl && diff before.jsonl after.jsonl

The corpus: the bench cases (dev and seed, under --bench-root, default ../shared/bench), the
bundled sample articles, our own short reports (bench/reports_of_our_own.txt), the articles
bench/bench_extract.py generates (--n of them), and variants of the bench cases that stress sentence splitting and dates (paragraph breaks between
sentences, odd spacing, no article date). One JSON line per article: its label and its events'
to_dict(), keys sorted.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bench_cases(bench_root: Path) -> list[tuple[str, str, date | None]]:
    """(label, text, date) for each case's article.txt: first line "date YYYY-MM-DD", then text."""
    out = []
    for split in ("dev", "seed"):
        for path in sorted((bench_root / split).glob("*/article.txt")):
            raw = path.read_text(encoding="utf-8").strip()
            m = re.match(r"date (\d{4}-\d{2}-\d{2})\s+(.*)", raw, re.DOTALL)
            if not m:
                print(f"skipped (no date line): {path}", file=sys.stderr)
                continue
            out.append((f"{split}/{path.parent.name}", m.group(2), date.fromisoformat(m.group(1))))
    return out


def sample_articles() -> list[tuple[str, str, date | None]]:
    from importlib import resources

    return dated_lines(resources.files("clashmap.samples").joinpath("articles.txt").read_text(encoding="utf-8"),
                       "sample")


def own_reports() -> list[tuple[str, str, date | None]]:
    """Short reports we wrote ourselves in the styles of the outlets (bench/reports_of_our_own.txt,
    one per line: "date YYYY-MM-DD text"): the patterns our rules were written for."""
    return dated_lines((ROOT / "bench" / "reports_of_our_own.txt").read_text(encoding="utf-8"), "own")


def dated_lines(text: str, prefix: str) -> list[tuple[str, str, date | None]]:
    """(label, text, date) for each line "date YYYY-MM-DD text"; the label is prefix/line number."""
    out = []
    for k, line in enumerate(text.splitlines()):
        m = re.match(r"date (\d{4}-\d{2}-\d{2})\s+(.*)", line.strip())
        if m:
            out.append((f"{prefix}/{k}", m.group(2), date.fromisoformat(m.group(1))))
    return out


def variants(cases: list[tuple[str, str, date | None]]) -> list[tuple[str, str, date | None]]:
    """The bench cases re-spaced: sentence splitting and clause windows must not depend on
    which whitespace separates the sentences."""
    out = []
    for label, text, day in cases:
        out.append((f"{label}#paragraphs", re.sub(r"([.!?][\"”’)]*) +", "\\1\n\n", text), day))
        out.append((f"{label}#lines", text.replace(". ", ".\n"), day))
        out.append((f"{label}#spaces", text.replace(" ", "  "), day))
        out.append((f"{label}#nodate", text, None))
    return out


def generated_articles(n: int) -> list[tuple[str, str, date | None]]:
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_extract import make_articles

    return [(f"generated/{k}", a.text, a.date) for k, a in enumerate(make_articles(n))]


def doc_record(doc) -> dict:
    """Sentence boundaries, the article's country and every mention, in order."""
    mentions = {kind: [[m.start, m.end, m.text, m.value] for m in found]
                for kind, found in sorted((doc._.mentions or {}).items())}
    return {"sentences": [[s.start_char, s.end_char] for s in doc.sents],
            "country": doc._.country, "mentions": mentions}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="the JSON-lines file to write")
    ap.add_argument("--bench-root", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--n", type=int, default=1000, help="generated articles (bench/bench_extract.py)")
    ap.add_argument("--mentions", action="store_true", help="also write sentences and mentions")
    a = ap.parse_args()

    from clashmap.extract.pipeline import Extractor
    from clashmap.model import Article

    cases = bench_cases(a.bench_root)
    if not cases:
        sys.exit(f"no bench cases under {a.bench_root}")
    corpus = cases + sample_articles() + own_reports() + variants(cases) + generated_articles(a.n)
    ex = Extractor()
    events = 0
    with a.out.open("w", encoding="utf-8") as f:
        for label, text, day in corpus:
            article = Article(text=text, date=day)
            found = [e.to_dict() for e in ex.extract(article)]
            events += len(found)
            record = {"article": label, "events": found}
            if a.mentions:
                record.update(doc_record(ex.doc(article)))
            f.write(json.dumps(record, sort_keys=True, ensure_ascii=False, default=str) + "\n")
    print(f"{len(corpus)} articles, {events} events -> {a.out}")


if __name__ == "__main__":
    main()
