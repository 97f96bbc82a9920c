"""Which code runs the extraction stages: the compiled modules or their Python sources.

setup.py compiles the stages with mypyc when it can (see its docstring) and writes
_compiled.json, the SHA-256 of each source it compiled. Python's import system prefers
a compiled module to the .py file beside it, so after an edit the old compiled module
would keep running, silently. Before any stage is imported, `choose()` checks the record:

- every compiled module there, built for this Python from the sources as they are now:
  the compiled modules run;
- anything else (a source edited since the build, a module missing, another Python), or
  CLASHMAP_PURE_PYTHON=1: every stage runs from its source, and a stale build says so
  once on stderr. All or nothing: a compiled module never mixes with a changed source.

`status()` tells which it is (bench/bench_extract.py prints it).
"""
from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

PACKAGE = "clashmap.extract"
HERE = Path(__file__).resolve().parent
RECORD = HERE / "_compiled.json"

_state: dict[str, str] = {"mode": "python", "reason": "not checked"}


def _compiled_modules() -> set[str]:
    """Names of the stage modules that have a compiled file beside their source."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    names = {p.name.split(".")[0] for p in HERE.iterdir() if p.name.endswith(suffixes)}
    return {name for name in names if (HERE / f"{name}.py").exists()}


class _SourceFirst:
    """A meta-path finder that loads the named stage modules from their .py files."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        if fullname.startswith(PACKAGE + ".") and fullname.rpartition(".")[2] in self.names:
            return importlib.util.spec_from_file_location(fullname, HERE / f"{fullname.rpartition('.')[2]}.py")
        return None


def _read_record() -> dict | None:
    try:
        return json.loads(RECORD.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def choose() -> dict[str, str]:
    """Decide once, before the stages are imported; returns the state `status()` reports."""
    if _state["reason"] != "not checked":
        return _state
    present = _compiled_modules()
    if not present:
        _state.update(mode="python", reason="no compiled modules (pure-Python install)")
        return _state
    record = _read_record()
    sources = record.get("sources", {}) if isinstance(record, dict) else {}
    if os.environ.get("CLASHMAP_PURE_PYTHON") == "1":
        reason = "CLASHMAP_PURE_PYTHON=1"
    elif record is None:
        reason = f"compiled modules without {RECORD.name}; reinstall (pip install -e .)"
    elif record.get("python") != sys.implementation.cache_tag:
        reason = f"compiled for {record.get('python')}, running {sys.implementation.cache_tag}"
    else:
        # the sources are read only here: each must be compiled and have its recorded digest
        stale = sorted(name for name in present | set(sources)
                       if name not in present or name not in sources or _digest(name) != sources[name])
        if not stale:
            _state.update(mode="compiled", reason=f"{len(present)} stages compiled with mypyc")
            return _state
        reason = ("sources changed since they were compiled (" + ", ".join(stale)
                  + "); reinstall (pip install -e .) to compile them again")
    sys.meta_path.insert(0, _SourceFirst(present | set(sources)))
    _state.update(mode="python", reason=reason)
    if reason != "CLASHMAP_PURE_PYTHON=1":
        print(f"clashmap: running the extraction stages from their Python sources: {reason}",
              file=sys.stderr)
    return _state


def _digest(name: str) -> str:
    try:
        return hashlib.sha256((HERE / f"{name}.py").read_bytes()).hexdigest()
    except OSError:
        return ""


def status() -> dict[str, str]:
    """{"mode": "compiled" | "python", "reason": why}."""
    return dict(choose())
