"""The compiled extraction stages run only when they were built from the sources beside them.

These run Python in a subprocess (the choice is made once, at import). Where the install is
pure Python (no C compiler, CLASHMAP_COMPILE=0) the tests that need compiled modules skip;
.ci/run installs with the compiler, so there they run.
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import clashmap.extract
from clashmap.extract import compiled

PACKAGE = Path(clashmap.extract.__file__).resolve().parent
STAGES = ["mentions", "sentences", "dates", "quantities", "places", "actors", "triggers",
          "attribution", "assemble"]
PROBE = ("import json, clashmap.extract as e, clashmap.extract.assemble as a, clashmap.extract.places as p;"
         "from clashmap.extract import compiled;"
         "print(json.dumps({'state': compiled.status(), 'assemble': a.__file__, 'places': p.__file__}))")


def probe(env_extra=None, pythonpath=None):
    env = dict(os.environ)
    env.pop("CLASHMAP_PURE_PYTHON", None)
    env.update(env_extra or {})
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env,
                          timeout=120, cwd=pythonpath or None)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), done.stderr


def needs_compiled():
    if compiled.status()["mode"] != "compiled" and not compiled._compiled_modules():
        pytest.skip("pure-Python install: no compiled stages to check")


def test_status_says_which_code_runs_and_matches_the_modules_loaded():
    out, _ = probe()
    mode = out["state"]["mode"]
    assert mode in ("compiled", "python")
    for name in ("assemble", "places"):
        assert out[name].endswith(".py") == (mode == "python"), out


@pytest.mark.skipif(os.environ.get("CLASHMAP_EXPECT_COMPILED") != "1",
                    reason="only where the test script saw a C compiler (CLASHMAP_EXPECT_COMPILED=1)")
def test_the_install_compiled_the_stages_where_it_could():
    """scripts/test.sh sets CLASHMAP_EXPECT_COMPILED=1 when a C compiler is there: the install
    must then have compiled the stages. (A type error mypyc rejects makes setup.py fall back
    to pure Python with one line in pip's log; this makes such a fallback fail the suite.)"""
    out, err = probe()
    assert out["state"]["mode"] == "compiled", (out, err)


def test_every_stage_is_compiled_when_the_build_is_current():
    needs_compiled()
    out, err = probe()
    assert out["state"] == {"mode": "compiled", "reason": f"{len(STAGES)} stages compiled with mypyc"}, err
    record = json.loads((PACKAGE / "_compiled.json").read_text())
    assert sorted(record["sources"]) == sorted(STAGES)


def test_pure_python_when_asked():
    out, err = probe({"CLASHMAP_PURE_PYTHON": "1"})
    assert out["state"]["mode"] == "python"
    assert out["assemble"].endswith("assemble.py") and out["places"].endswith("places.py")
    assert "running the extraction stages" not in err  # asked for: nothing to warn about


def copy_of_the_package(tmp_path: Path) -> Path:
    """src/clashmap and the compiled group library beside it, copied to tmp_path."""
    src = PACKAGE.parent.parent
    shutil.copytree(src / "clashmap", tmp_path / "clashmap",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for lib in src.glob("clashmap_extract__mypyc*"):
        shutil.copy2(lib, tmp_path / lib.name)
    return tmp_path


def test_an_edited_source_runs_from_source_with_a_warning(tmp_path):
    needs_compiled()
    root = copy_of_the_package(tmp_path)
    before, _ = probe(pythonpath=root)
    assert before["state"]["mode"] == "compiled"
    assert not before["assemble"].endswith(".py")
    places = root / "clashmap" / "extract" / "places.py"
    places.write_text(places.read_text(encoding="utf-8") + "\n# edited after the build\n", encoding="utf-8")
    after, err = probe(pythonpath=root)
    assert after["state"]["mode"] == "python"
    assert "places" in after["state"]["reason"] and "pip install -e ." in after["state"]["reason"]
    # all or nothing: the unchanged stages run from source too
    assert after["assemble"].endswith("assemble.py") and after["places"].endswith("places.py")
    assert err.count("running the extraction stages from their Python sources") == 1


def test_compiled_modules_without_their_record_are_not_trusted(tmp_path):
    needs_compiled()
    root = copy_of_the_package(tmp_path)
    (root / "clashmap" / "extract" / "_compiled.json").unlink()
    out, err = probe(pythonpath=root)
    assert out["state"]["mode"] == "python" and "_compiled.json" in out["state"]["reason"]
    assert out["assemble"].endswith("assemble.py")


def test_a_build_for_another_python_is_not_trusted(tmp_path):
    needs_compiled()
    root = copy_of_the_package(tmp_path)
    record_path = root / "clashmap" / "extract" / "_compiled.json"
    record = json.loads(record_path.read_text())
    record["python"] = "cpython-39"
    record_path.write_text(json.dumps(record))
    out, _ = probe(pythonpath=root)
    assert out["state"]["mode"] == "python" and "cpython-39" in out["state"]["reason"]
