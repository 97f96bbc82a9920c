"""Inputs that crashed a reader under bench/fuzz_readers.py, replayed on every run, plus the fuzz
seed corpus through every reader. The contract is the fuzzer's own `check_records`: reading
never raises and yields only well-formed Articles and Rejects, at least one per file."""
from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest

from clashmap.model import Article, Reject
from clashmap.sources import FORMATS

ROOT = Path(__file__).resolve().parents[1]
FUZZ = ROOT / "tests" / "data" / "fuzz"


def _fuzz_module():
    spec = importlib.util.spec_from_file_location("fuzz_readers", ROOT / "bench" / "fuzz_readers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fuzz = _fuzz_module()

CRASH_NOTES = sorted((FUZZ / "crashes").glob("*.json"))
CORPUS = sorted(p for p in (FUZZ / "corpus").iterdir() if p.is_file())


@pytest.mark.parametrize("note", CRASH_NOTES, ids=[p.stem for p in CRASH_NOTES])
def test_saved_crash_no_longer_crashes(note, tmp_path):
    d = json.loads(note.read_text("utf-8"))
    data = (note.parent / d["data"]).read_bytes()
    fuzz.read_and_check(data, d["format"], d["suffix"], tmp_path, d.get("options") or {})


@pytest.mark.parametrize("fmt", [*FORMATS, "auto"])
@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_file_through_every_reader(path, fmt, tmp_path):
    # Forcing the wrong reader on a file must give Rejects, never an exception.
    suffix = "".join(path.suffixes) if fmt == "auto" else ".in"
    fuzz.read_and_check(path.read_bytes(), fmt, suffix, tmp_path)


def test_corpus_has_every_kind_of_input():
    from clashmap.sources.detect import detect

    kinds = {detect(p) for p in CORPUS}
    assert kinds >= set(FORMATS), f"the seed corpus lacks {set(FORMATS) - kinds}"


def test_check_records_catches_broken_output(tmp_path):
    # The contract checker must be able to fail, or the replays above prove nothing.
    path = str(tmp_path / "x.txt")
    good = Article(text="Troops shelled Kani.", date=date(2023, 7, 1), source=path, line=1)
    fuzz.check_records([good, Reject(path, 2, "no date")], path)
    bad_cases = [
        [],                                                  # input silently lost
        ["text"],                                            # not an Article/Reject
        [Reject(path, 1, "")],                               # no reason
        [Reject("other.txt", 1, "no date")],                 # names another file
        [Article(text="x", date=None, source=path)],         # undated article
        [Article(text="ok", date=date(2023, 1, 1), source=path, id="forged")],
        # (an id given, since hashing the text is what fails)
        [Article(text="\ud800 lone surrogate", date=date(2023, 1, 1), source=path, id="x")],
        [Article(text="ok", date=date(2023, 1, 1), source=path, line=0)],
    ]
    for records in bad_cases:
        with pytest.raises((AssertionError, UnicodeEncodeError)):
            fuzz.check_records(records, path)
