"""Build step: compile the extraction stages to C with mypyc, when that is possible.

The project's metadata lives in pyproject.toml; this file only adds the compiled modules.
Extraction is per-mention Python work spread over every stage; compiled (same source,
same results) it runs about 1.4 times as fast (bench/bench_extract.py, docs/accuracy.md).
The compiled modules are an accelerator, never a requirement:

- CLASHMAP_COMPILE=0 at install time builds the pure-Python package;
- if mypyc is missing or a C compiler fails, the install goes on without them
  (every extension is optional) and clashmap runs the Python sources;
- at run time, clashmap.extract checks that each compiled module was built from the
  source beside it and runs the source when it was not (clashmap/extract/compiled.py).
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
        names = [f"clashmap.extract.{name}" for name in COMPILED] + ["clashmap_extract__mypyc"]
        built = [Path(self.get_ext_fullpath(name)) for name in names] if self.extensions else []
        target = Path(self.get_ext_fullpath("clashmap.extract.mentions")).parent / RECORD
        if built and all(path.exists() for path in built):
            target.write_text(json.dumps({"python": sys.implementation.cache_tag,
                                          "sources": _digests()}, indent=1) + "\n")
            return
        # A pure-Python build, or a compiler that failed on some module: whatever compiled
        # modules are there (from this build, or an earlier one: an editable install builds
        # in place) would shadow the sources, so they go. All stages compiled, or none.
        target.unlink(missing_ok=True)
        for name in names:
            Path(self.get_ext_fullpath(name)).unlink(missing_ok=True)
        if built:
            print("clashmap: some stages did not compile; installing the pure-Python stages",
                  file=sys.stderr)


def _pure_python(why: str) -> list:
    """No extensions. Compiled modules an earlier editable install left in the source tree
    go too: setuptools runs no build_ext without extensions, and they would shadow the
    sources (clashmap.extract.compiled would run the sources anyway, but warn each time)."""
    print(f"clashmap: {why}; building the pure-Python package", file=sys.stderr)
    for old in [PACKAGE / RECORD, *PACKAGE.glob("*.so"), *PACKAGE.glob("*.pyd"),
                *(HERE / "src").glob("clashmap_extract__mypyc.*")]:
        old.unlink(missing_ok=True)
    return []


# setuptools runs this file for metadata too (egg_info, dist_info): compile only to build
_BUILD_COMMANDS = {"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install", "bdist_egg"}


def _extensions() -> list:
    if not _BUILD_COMMANDS.intersection(sys.argv[1:]):
        return []
    if os.environ.get("CLASHMAP_COMPILE", "1") == "0":
        return _pure_python("CLASHMAP_COMPILE=0")
    try:
        from mypyc.build import mypycify
    except ImportError:
        return _pure_python("mypyc is not installed")
    cwd = os.getcwd()
    os.chdir(HERE / "src")  # mypyc names modules by their path from here
    try:
        exts = mypycify(
            ["--ignore-missing-imports", "--disable-error-code", "annotation-unchecked"]
            + [f"clashmap/extract/{name}.py" for name in COMPILED],
            opt_level="3", group_name="clashmap_extract", target_dir=str(HERE / "build" / "mypyc"))
    except SystemExit:  # mypyc reports type errors (printed above) by exiting
        return _pure_python("mypyc could not compile the extraction stages")
    finally:
        os.chdir(cwd)
    for ext in exts:
        ext.optional = True  # a failing C compiler leaves the pure-Python package
    return exts


setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildExtRecordingSources})
