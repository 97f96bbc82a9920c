"""Fuzz every input reader (clashmap.sources) with Hypothesis at a high budget.

    python bench/fuzz_readers.py                     # 1500 inputs per reader, all readers
    python bench/fuzz_readers.py --examples 5000 --readers csv jsonl --seconds 600

Inputs are drawn two ways: mutations of our own seed corpus (tests/data/fuzz/corpus/: byte
insertions of tokens that break parsers, deletions, duplications, splices, truncations) and
structured garbage per format (random JSON values a line, random CSV cells, `date ...` lines,
raw bytes). Each input is written to a real file and read through the public
`clashmap.sources.read(path, format=...)`, forced to each reader and also with detection ("auto").

The contract checked (see `check_records`): reading never raises, never hangs, yields only
Articles and Rejects, at least one of them for any file (bad input is never silently lost), and
each one is well formed. Any violation is a crash: its smallest input (Hypothesis shrinks it) is
saved under tests/data/fuzz/crashes/ with a .json note, where tests/test_fuzz_regressions.py
replays it on every test run. The search then goes on for *other* crashes (known signatures
are skipped) until the budget is spent.

Exit status: 0 when no crash was found, 1 otherwise.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import sys
import tempfile
import time
import traceback
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "fuzz" / "corpus"
CRASHES = ROOT / "tests" / "data" / "fuzz" / "crashes"

# Seconds one read may take before it counts as a hang (inputs are at most a few KiB).
HANG_SECONDS = 10

# Byte strings that have broken parsers before: quoting, line ends, encodings, markup, numbers.
TOKENS = [
    b'"', b"'", b",", b";", b"\t", b"\n", b"\r", b"\r\n", b"\x00", b"\xff", b"\xfe", b"\x85",
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xe1\x80", b"\xed\xa0\x80", "\u2028".encode(),
    "\u202e".encode(), "ဗိုလ်".encode(), b"<", b">", b"</", b"]]>", b"<![CDATA[", b"<!--", b"-->",
    b"&", b"&amp;", b"&#0;", b"&#x110000;", b"&#xD800;", b"&nosuch;", b"<html>", b"<body>",
    b"<article>", b"<rss version='2.0'><channel><item>", b"<feed xmlns='http://www.w3.org/2005/Atom'>",
    b"<entry>", b"</item>", b"<?xml version='1.0' encoding='utf-16'?>",
    b"<!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>", b"&b;",
    b"<script>", b"<time datetime='", b"{", b"}", b"[", b"]", b":", b"\\", b"\\u0000",
    b"\\ud800", b'"date": ', b'"text": ', b"null", b"true", b"1e999", b"-1e999", b"NaN",
    b"Infinity", b"-0", b"99999999999999999999999", b"date ", b"Date\t", b"2023-02-30",
    b"9999-12-31", b"0001-01-01", b"0000-00-00", b"2023-07-26T25:61:61Z", b"Tue, 99 Foo 2023",
    b"1690000000", b"  " * 64, b"x" * 300,
]

# Which reader a file name implies, for the detection path.
SUFFIXES = [".txt", ".md", "", ".jsonl", ".json", ".ndjson", ".csv", ".tsv", ".rss", ".atom",
            ".xml", ".html", ".htm"]


def check_records(records: list, path: str) -> None:
    """The readers' contract for one file; raises AssertionError naming what broke."""
    from clashmap.model import Article, Reject, content_hash

    assert records, "no Article and no Reject for a file: input silently lost"
    for rec in records:
        assert isinstance(rec, (Article, Reject)), f"yielded {type(rec).__name__}"
        if isinstance(rec, Reject):
            assert isinstance(rec.reason, str) and rec.reason.strip(), "Reject without a reason"
            assert isinstance(rec.source, str) and rec.source.startswith(path), \
                f"Reject names {rec.source!r}, not the file"
            assert rec.line is None or (isinstance(rec.line, int) and rec.line >= 1), \
                f"Reject line {rec.line!r}"
            json.dumps(rec.to_dict())  # a reject must be storable
        else:
            assert isinstance(rec.text, str) and rec.text.strip(), "Article with empty text"
            assert isinstance(rec.date, date), f"Article date {rec.date!r}"
            assert rec.id == content_hash(rec.text), "Article id is not the content hash"
            assert rec.source == path, f"Article source {rec.source!r}"
            assert rec.line is None or (isinstance(rec.line, int) and rec.line >= 1), \
                f"Article line {rec.line!r}"
            for name in ("outlet", "url", "title"):
                value = getattr(rec, name)
                assert value is None or isinstance(value, str), f"Article {name} {value!r}"
            # Storable as UTF-8 (the store and every export write UTF-8): no lone surrogates.
            rec.text.encode("utf-8")
            json.dumps(rec.to_dict(), ensure_ascii=False).encode("utf-8")


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang(f"read took more than {HANG_SECONDS} s")


def read_and_check(data: bytes, fmt: str, suffix: str, workdir: Path,
                   options: dict | None = None) -> int:
    """Write `data` to a file, read it with clashmap.sources (fmt "auto": detection), check the
    contract. Returns how many records came out."""
    from clashmap.sources import read

    path = workdir / f"input{suffix}"
    path.write_bytes(data)
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        records = list(read(path, format=None if fmt == "auto" else fmt, **(options or {})))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    check_records(records, str(path))
    return len(records)


def signature(exc: BaseException) -> str:
    """Same bug, same signature: the exception type and the innermost clashmap frame."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "clashmap" in f.filename and "fuzz_readers" not in f.filename]
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else \
        (f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?")
    message = str(exc).split("\n")[0][:80] if isinstance(exc, AssertionError) else ""
    return f"{type(exc).__name__} at {where}" + (f" ({message})" if message else "")


# ---------------------------------------------------------------- input strategies

def _corpus() -> list[tuple[str, bytes]]:
    files = sorted(p for p in CORPUS.iterdir() if p.is_file()) if CORPUS.is_dir() else []
    return [(p.name, p.read_bytes()) for p in files] or [("empty", b"date 2023-01-01 x\n")]


@st.composite
def mutated(draw, corpus):
    _, data = draw(st.sampled_from(corpus))
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["insert", "insert", "delete", "flip", "dup", "splice", "truncate"]))
        pos = draw(st.integers(0, len(data)))
        if op == "insert":
            data[pos:pos] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=4))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 32))]
        elif op == "flip" and pos < len(data):
            data[pos] = draw(st.integers(0, 255))
        elif op == "dup":
            n = draw(st.integers(1, 64))
            data[pos:pos] = data[pos:pos + n] * draw(st.integers(1, 20))
        elif op == "splice":
            _, other = draw(st.sampled_from(corpus))
            start = draw(st.integers(0, len(other)))
            data[pos:pos] = other[start:start + draw(st.integers(1, 200))]
        elif op == "truncate":
            del data[pos:]
    return bytes(data)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["date", "text", "title", "url", "outlet", "body", "published", "source",
                         "content", "x"]) | st.text(max_size=8), inner, max_size=6),
    max_leaves=12)


@st.composite
def structured(draw):
    kind = draw(st.sampled_from(["jsonl", "csv", "seed", "markup", "raw"]))
    if kind == "jsonl":
        lines = draw(st.lists(_json_values, min_size=1, max_size=6))
        text = "\n".join(json.dumps(v, ensure_ascii=draw(st.booleans())) for v in lines)
        return text.encode("utf-8", "surrogatepass")
    if kind == "csv":
        delim = draw(st.sampled_from([",", ";", "\t", "|"]))
        header = draw(st.lists(st.sampled_from(["date", "text", "title", "url", "outlet", "x", ""]),
                               min_size=1, max_size=5))
        rows = draw(st.lists(st.lists(st.text(max_size=30), max_size=6), max_size=5))
        lines = [delim.join(header)] + [delim.join(r) for r in rows]
        return "\n".join(lines).encode("utf-8", "surrogatepass")
    if kind == "seed":
        lines = draw(st.lists(st.tuples(
            st.sampled_from(["date ", "Date\t", "  date ", "date", "data "]),
            st.sampled_from(["2023-07-26", "2023-02-30", "2023-7-6", "26-07-2023", "", "9" * 30]),
            st.text(max_size=60)), min_size=1, max_size=6))
        return "\n".join(f"{a}{b} {c}" for a, b, c in lines).encode("utf-8", "surrogatepass")
    if kind == "markup":
        parts = draw(st.lists(st.sampled_from(TOKENS) | st.text(max_size=20).map(str.encode),
                              min_size=1, max_size=30))
        return b"".join(parts)
    return draw(st.binary(max_size=2000))


def inputs(corpus):
    return st.one_of(mutated(corpus), structured())


# ---------------------------------------------------------------- the search

def fuzz_reader(fmt: str, examples: int, deadline: float, known: dict[str, dict],
                workdir: Path) -> tuple[int, list[dict]]:
    """Search one reader until the budget is spent; returns (inputs tried, new crashes)."""
    corpus = _corpus()
    tried = 0
    found: list[dict] = []
    last_failing: dict[str, dict] = {}

    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), print_blob=False,
              phases=[Phase.generate, Phase.shrink])
    @given(data=inputs(corpus), suffix=st.sampled_from(SUFFIXES),
           small=st.booleans())
    def one(data, suffix, small):
        nonlocal tried
        if time.monotonic() > deadline:
            return
        tried += 1
        options = {"max_chars": 200} if small else {}
        try:
            read_and_check(data, fmt, suffix if fmt == "auto" else ".in", workdir, options)
        except Exception as exc:  # noqa: BLE001 - every exception is a finding
            sig = f"[{fmt}] {signature(exc)}"
            if sig in known:
                return  # already saved: keep looking for a different one
            # Remember the input: the last one seen for a signature is the shrunk one.
            last_failing[sig] = {"data": data, "suffix": suffix if fmt == "auto" else ".in",
                                 "options": options, "error": f"{type(exc).__name__}: {exc}"[:500]}
            raise

    while time.monotonic() < deadline:
        before = set(last_failing)
        try:
            one()
            break  # a whole run without a new crash: this reader is done
        except Exception:  # noqa: BLE001
            new = [s for s in last_failing if s not in known]
            if not new and set(last_failing) == before:
                break  # failed for a reason we cannot attribute (flaky); stop rather than loop
            for sig in new:
                crash = dict(last_failing[sig], signature=sig, format=fmt)
                known[sig] = crash
                found.append(crash)
    return tried, found


def save_crash(crash: dict) -> Path:
    CRASHES.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(crash["data"]).hexdigest()[:12]
    stem = f"{crash['format']}-{digest}"
    data_path = CRASHES / f"{stem}{crash['suffix']}.bin"
    data_path.write_bytes(crash["data"])
    note = {"format": crash["format"], "suffix": crash["suffix"], "options": crash["options"],
            "data": data_path.name, "signature": crash["signature"], "error": crash["error"],
            "found": time.strftime("%Y-%m-%d")}
    (CRASHES / f"{stem}.json").write_text(json.dumps(note, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    return data_path


def known_crashes() -> dict[str, dict]:
    """Signatures already saved, so a rerun looks for new bugs, not the same ones."""
    known = {}
    for note in sorted(CRASHES.glob("*.json")) if CRASHES.is_dir() else []:
        try:
            d = json.loads(note.read_text("utf-8"))
            known[d["signature"]] = d
        except (ValueError, KeyError):
            continue
    return known


def main(argv: list[str] | None = None) -> int:
    from clashmap.sources import FORMATS

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--readers", nargs="*", default=[*FORMATS, "auto"],
                   help=f"readers to fuzz (default: {' '.join(FORMATS)} auto)")
    p.add_argument("--examples", type=int, default=1500, help="inputs per reader (default 1500)")
    p.add_argument("--seconds", type=float, default=900, help="overall time limit (default 900)")
    p.add_argument("--no-save", action="store_true", help="report crashes, do not save them")
    p.add_argument("--include-known", action="store_true",
                   help="also report crashes already saved under tests/data/fuzz/crashes")
    args = p.parse_args(argv)

    known = {} if args.include_known else known_crashes()
    start = time.monotonic()
    deadline = start + args.seconds
    total_tried, all_found = 0, []
    with tempfile.TemporaryDirectory(prefix="clashmap-fuzz-") as tmp:
        for fmt in args.readers:
            t0 = time.monotonic()
            # Each reader gets an equal share of what is left, so one slow reader cannot
            # starve the rest.
            left = len(args.readers) - args.readers.index(fmt)
            share = time.monotonic() + (deadline - time.monotonic()) / left
            tried, found = fuzz_reader(fmt, args.examples, share, known, Path(tmp))
            total_tried += tried
            all_found += found
            print(f"{fmt:6s} {tried:6d} inputs {time.monotonic() - t0:6.1f} s  "
                  f"{len(found)} new crash{'es' if len(found) != 1 else ''}", flush=True)
            for crash in found:
                where = "" if args.no_save else f" -> {save_crash(crash).relative_to(ROOT)}"
                print(f"    CRASH {crash['signature']}{where}\n      {crash['error'][:200]}",
                      flush=True)
    print(f"total: {total_tried} inputs in {time.monotonic() - start:.0f} s, "
          f"{len(all_found)} new crash{'es' if len(all_found) != 1 else ''}"
          + (f" ({len(known) - len(all_found)} known before)" if known else ""))
    return 1 if all_found else 0


if __name__ == "__main__":
    sys.exit(main())
