"""Load test for `clashmap ingest`: a large seed-format file with broken records mixed in.

    python bench/load_ingest.py                          # 100,000 articles, 1% broken, spaCy extractor
    python bench/load_ingest.py --articles 5000 --keep /tmp/load.db
    python bench/load_ingest.py --extractor bench.load_ingest:no_events   # reader + store only

Generates one file in the seed format (`date YYYY-MM-DD text`, one article a line) whose good
articles are all distinct, plus --broken (default 1%) records of the kinds real feeds produce:
a line with no `date` header, an impossible date, a header with no text, bytes that are not
UTF-8, and a line of binary junk. Then runs the real command, `python -m clashmap ingest`, in a
child process on a fresh SQLite file, and reports stored/rejected counts, seconds, articles per
second and the child's peak RSS. Finally it checks the promise of the design:

- every good article is stored exactly once (by its content hash, independently computed here);
- every broken record is kept as a reject, at its own line, and nothing else is rejected;
- a second run over the same file stores nothing new and adds no rejects (idempotent).

Exit status 0 when every check holds, 1 otherwise.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TOWNS = [("Muse", "Shan"), ("Lashio", "Shan"), ("Kutkai", "Shan"), ("Hsipaw", "Shan"),
         ("Monywa", "Sagaing"), ("Kani", "Sagaing"), ("Depayin", "Sagaing"), ("Myaung", "Sagaing"),
         ("Pauk", "Magway"), ("Gangaw", "Magway"), ("Hpakant", "Kachin"), ("Bhamo", "Kachin"),
         ("Demoso", "Kayah"), ("Loikaw", "Kayah"), ("Hpapun", "Kayin"), ("Myawaddy", "Kayin"),
         ("Pauktaw", "Rakhine"), ("Minbya", "Rakhine"), ("Falam", "Chin"), ("Mindat", "Chin")]
ACTORS = ["the Arakan Army", "the TNLA", "the KIA", "local PDF fighters", "the MNDAA",
          "the Karenni Nationalities Defense Force", "the Chin National Army", "the KNLA"]
TEMPLATES = [
    "A junta airstrike on a village in {town} Township in {region} on {day} killed {n} civilians "
    "and wounded {m} others, residents told reporters. Report number {i}.",
    "{actor} said its fighters clashed with regime troops near {town} in {region} for {n} hours "
    "on {day}, and that {m} soldiers were killed. The claim could not be independently verified. "
    "Report number {i}.",
    "Junta troops shelled {town} Township on {day}, destroying {n} houses and forcing about {m}00 "
    "residents to flee, according to a local aid group in {region}. Report number {i}.",
    "Soldiers arrested {n} young men in a raid on a ward of {town} in {region} on {day}, "
    "relatives said; {actor} condemned the arrests. Report number {i}.",
    "{actor} said it captured a police outpost in {town} Township after {n} days of fighting "
    "with regime forces in {region}, seizing {m} weapons. Report number {i}.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# The broken kinds, each a function of (rng, index) returning the raw bytes of one line.
BROKEN_KINDS = {
    "no header": lambda rng, i: f"Fighting continued near Lashio overnight, record {i}.".encode(),
    "impossible date": lambda rng, i: f"date 2023-02-{30 + i % 2} Troops shelled Kani, record {i}.".encode(),
    "header without text": lambda rng, i: b"date 2023-07-26",
    # Valid UTF-8 (Burmese) then a stray byte: neither UTF-8 nor, with the multibyte text in it,
    # a cp1252 line (a lone \xff would be, and the readers rightly take cp1252 text).
    "corrupt UTF-8": lambda rng, i: f"date 2023-07-26 Clashes in မူဆယ်, record {i} ".encode() + b"\xff\xfe",
    "binary junk": lambda rng, i: bytes([1, 2, 3, 27, 8, 127]) * 8 + str(i).encode(),
}


def no_events(article):
    """An extractor that finds nothing: measures reading, hashing and storing without spaCy."""
    return []


def generate(path: Path, articles: int, broken_share: float, seed: int = 11):
    """Write the file; return ({line: text} of good articles, {line: kind} of broken records)."""
    from clashmap.model import content_hash  # noqa: F401 - the ids are checked with it later

    rng = random.Random(seed)
    n_broken = round(articles * broken_share)
    total = articles + n_broken
    broken_lines = set(rng.sample(range(1, total + 1), n_broken))
    kinds = list(BROKEN_KINDS)
    good: dict[int, str] = {}
    bad: dict[int, str] = {}
    start = date(2021, 2, 1)
    i = 0
    with open(path, "wb") as fh:
        for line in range(1, total + 1):
            if line in broken_lines:
                kind = kinds[len(bad) % len(kinds)]
                bad[line] = kind
                fh.write(BROKEN_KINDS[kind](rng, line) + b"\n")
                continue
            i += 1
            town, region = rng.choice(TOWNS)
            day = start + timedelta(days=rng.randrange(0, 1200))
            text = rng.choice(TEMPLATES).format(
                town=town, region=region, actor=rng.choice(ACTORS), n=rng.randint(2, 40),
                m=rng.randint(2, 9), day=WEEKDAYS[(day.weekday() - 1) % 7], i=i)
            text = text[0].upper() + text[1:]
            if i % 10 == 0:  # some Burmese, as in real reports (and so the file is not ASCII)
                text += " ရွာသားများ ထွက်ပြေးရသည်။"
            good[line] = text
            fh.write(f"date {day.isoformat()} {text}\n".encode())
    return good, bad


def run_ingest(path: Path, db: str, extractor: str | None, limit_s: float) -> dict:
    """Run `python -m clashmap ingest` as a child; its wall time, exit code and peak RSS."""
    cmd = [sys.executable, "-m", "clashmap", "ingest", str(path), "--db", db, "-q"]
    if extractor:
        cmd += ["--extractor", extractor]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        deadline = time.monotonic() + limit_s
        while True:
            # os.wait4 gives this child's own rusage (peak RSS), not the sum over all children.
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.2)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - t0
        err.seek(0)
        out.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        stdout = out.read().decode("utf-8", "replace")
    return {"rc": proc.returncode, "seconds": seconds, "peak_rss_mib": usage.ru_maxrss / 1024,
            "timed_out": time.monotonic() > deadline, "stderr": stderr, "stdout": stdout}


def stored(db: str) -> tuple[dict[str, int], list[tuple[int | None, str]]]:
    """(article id -> line, [(line, reason)] of rejects) as the store holds them."""
    from sqlalchemy import select

    from clashmap.store import Store
    from clashmap.store.schema import ArticleRow, RejectRow

    A, R = ArticleRow.__table__, RejectRow.__table__
    with Store(db) as store, store.engine.connect() as conn:
        ids = {r.id: r.line for r in conn.execute(select(A.c.id, A.c.line))}
        rejects = [(r.line, r.reason) for r in conn.execute(select(R.c.line, R.c.reason))]
    return ids, rejects


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=100_000, help="good articles (default 100,000)")
    p.add_argument("--broken", type=float, default=0.01, help="share of broken records (default 0.01)")
    p.add_argument("--extractor", metavar="MODULE:FUNCTION",
                   help="passed to ingest --extractor (default: the spaCy pipeline)")
    p.add_argument("--keep", metavar="DB_FILE", help="keep the SQLite store here (default: a temp file)")
    p.add_argument("--limit", type=float, default=4 * 3600, help="seconds before the ingest is killed")
    p.add_argument("--no-rerun", action="store_true", help="skip the idempotency rerun")
    args = p.parse_args(argv)

    from clashmap.model import content_hash

    with tempfile.TemporaryDirectory(prefix="clashmap-load-") as tmp:
        src = Path(tmp) / "load.seed.txt"
        db_file = Path(args.keep) if args.keep else Path(tmp) / "load.db"
        if db_file.exists():
            db_file.unlink()
        db = f"sqlite:///{db_file}"
        t0 = time.perf_counter()
        good, bad = generate(src, args.articles, args.broken)
        print(f"generated {len(good):,} articles + {len(bad):,} broken records "
              f"({src.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s", flush=True)

        first = run_ingest(src, db, args.extractor, args.limit)
        ids, rejects = stored(db)
        print(f"ingest: exit {first['rc']}{' (killed at --limit)' if first['timed_out'] else ''}, "
              f"{first['seconds']:.1f} s, {len(good) / first['seconds']:.0f} articles/s, "
              f"peak RSS {first['peak_rss_mib']:.0f} MiB", flush=True)
        print(f"stored {len(ids):,} articles, {len(rejects):,} rejects", flush=True)

        problems = []
        if first["rc"] != 0:
            problems.append(f"ingest exited {first['rc']}: {first['stderr'][-500:]}")
        expected = {content_hash(text): line for line, text in good.items()}
        missing = [line for h, line in expected.items() if h not in ids]
        extra = [h for h in ids if h not in expected]
        moved = [h for h, line in expected.items() if h in ids and ids[h] != line]
        if missing:
            problems.append(f"{len(missing)} good articles not stored (lines {missing[:5]}...)")
        if extra:
            problems.append(f"{len(extra)} stored articles that are not good ones")
        if moved:
            problems.append(f"{len(moved)} stored with the wrong line number")
        reject_lines: dict[int | None, list[str]] = {}
        for line, reason in rejects:
            reject_lines.setdefault(line, []).append(reason)
        for line, kind in bad.items():
            if line not in reject_lines:
                problems.append(f"broken record at line {line} ({kind}) not kept as a reject")
        unexpected = {ln: rs for ln, rs in reject_lines.items() if ln not in bad}
        if unexpected:
            sample = list(unexpected.items())[:3]
            problems.append(f"{len(unexpected)} rejects at lines that were good: {sample}")
        dup = {ln: rs for ln, rs in reject_lines.items() if len(rs) > 1}
        if dup:
            problems.append(f"{len(dup)} records rejected more than once")
        by_kind: dict[str, int] = {}
        for line, kind in bad.items():
            by_kind[kind] = by_kind.get(kind, 0) + (line in reject_lines)
        print("rejects by kind: " + ", ".join(f"{k} {v}/{list(bad.values()).count(k)}"
                                               for k, v in by_kind.items()))

        if not args.no_rerun and not first["timed_out"]:
            second = run_ingest(src, db, args.extractor, args.limit)
            ids2, rejects2 = stored(db)
            print(f"rerun: exit {second['rc']}, {second['seconds']:.1f} s, stored "
                  f"{len(ids2) - len(ids):+,} articles, {len(rejects2) - len(rejects):+,} rejects",
                  flush=True)
            if len(ids2) != len(ids) or len(rejects2) != len(rejects):
                problems.append("the rerun changed the store (not idempotent)")

        for prob in problems[:20]:
            print(f"FAIL: {prob}")
        print("OK: every good article stored once, every broken record kept as a reject"
              if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
