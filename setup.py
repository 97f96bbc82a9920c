"""Build step: compile the extraction stages to C with mypyc, when that is possible.

The project's metadata lives in pyproject.toml; this file only adds the compiled modules.
Extraction is per-mention Python work spread over every stage, so compiling the stages
(same source, same results) is what brings it past 200 articles a second on one core.
The compiled modules are an accelerator, never a requirement:

- CLASHMAP_COMPILE=0 at install time builds the pure-Python package;
- if mypyc is missing or a C compiler fails, the install goes on without them
  (every extension is optional) and clashmap runs the Python sources;
- at run time, clashmap.extract checks that each compiled module was built from the
  source beside it and runs the source when it was not (see clashmap/extract/__init__.py).
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
PACKAGE = HERE / "src" / "clashmap" / "extract"
# Pure computation over text: the stages that run for every article. pipeline.py (spaCy
# glue) and country.py (tiny) stay Python.
COMPILED = ["mentions", "sentences", "dates", "quantities", "places", "actors", "triggers",
            "attribution", "assemble"]
RECORD = "_compiled.json"  # source digests of the build, read by clashmap.extract


def _digests() -> dict[str, str]:
    return {name: hashlib.sha256((PACKAGE / f"{name}.py").read_bytes()).hexdigest() for name in COMPILED}


class BuildExtRecordingSources(build_ext):
    """build_ext that writes which sources the compiled modules were built from."""

    def run(self) -> None:
        super().run()
        built = [name for name in COMPILED
                 if Path(self.get_ext_fullpath(f"clashmap.extract.{name}")).exists()]
        target = Path(self.get_ext_fullpath("clashmap.extract.mentions")).parent / RECORD
        if built:
            target.write_text(json.dumps({"python": sys.implementation.cache_tag,
                                          "sources": _digests()}, indent=1) + "\n")
            return
        # A pure-Python build: compiled modules left in the tree by an earlier build
        # (an editable install builds in place) would shadow the sources, so they go.
        target.unlink(missing_ok=True)
        if self.inplace:
            for old in [*target.parent.glob("*.so"), *target.parent.glob("*.pyd"),
                        *target.parent.parent.parent.glob("clashmap_extract__mypyc.*")]:
                old.unlink()


def _extensions() -> list:
    if os.environ.get("CLASHMAP_COMPILE", "1") == "0":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("clashmap: mypyc is not installed; building the pure-Python package", file=sys.stderr)
        return []
    cwd = os.getcwd()
    os.chdir(HERE / "src")  # mypyc names modules by their path from here
    try:
        exts = mypycify(
            ["--ignore-missing-imports", "--disable-error-code", "annotation-unchecked"]
            + [f"clashmap/extract/{name}.py" for name in COMPILED],
            opt_level="3", group_name="clashmap_extract", target_dir=str(HERE / "build" / "mypyc"))
    except SystemExit:  # mypyc reports type errors by exiting
        print("clashmap: mypyc could not compile the extraction stages; building the "
              "pure-Python package", file=sys.stderr)
        return []
    finally:
        os.chdir(cwd)
    for ext in exts:
        ext.optional = True  # a failing C compiler leaves the pure-Python package
    return exts


setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildExtRecordingSources})
