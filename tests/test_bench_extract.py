"""The extraction benchmark runs and prints its figures (the figures themselves are not asserted:
speed lives in the benchmark, not in tests)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_extract_prints_speed_memory_and_each_stage():
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_extract.py"), "--n", "4", "--stages"],
                         capture_output=True, text=True, timeout=300, check=True).stdout
    assert "articles/s on one core  (best of 3 passes; median" in out and "peak RSS" in out, out
    assert "stages          : compiled" in out or "stages          : python" in out, out
    assert f"python          : {sys.version.split()[0]} ({sys.executable})" in out, out
    for stage in ("tokenizer", "sentences", "dates", "quantities", "places", "actors", "triggers",
                  "attribution", "assemble"):
        assert f"  {stage}" in out, out


def test_bench_extract_runs_the_python_sources_when_asked():
    import os

    env = {**os.environ, "CLASHMAP_PURE_PYTHON": "1"}
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_extract.py"), "--n", "2"],
                         capture_output=True, text=True, timeout=300, check=True, env=env).stdout
    assert "stages          : python (CLASHMAP_PURE_PYTHON=1)" in out, out


def test_bench_extract_builds_its_texts_from_articles_it_is_given(tmp_path):
    report = "date 2024-03-02 Troops shelled Example village in Hpakant Township on Friday, killing two civilians."
    (tmp_path / "reports.txt").write_text(report + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_extract.py"), "--n", "3", "--words", "40",
                          "--from", str(tmp_path)], capture_output=True, text=True, timeout=300, check=True).stdout
    assert f"from {tmp_path}" in out and "articles/s on one core" in out, out
    assert "articles        : 3 (~48 words each" in out, out  # three reports of 16 words a text
    empty = tmp_path / "empty"
    empty.mkdir()
    failed = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_extract.py"), "--n", "2", "--from", str(empty)],
                            capture_output=True, text=True, timeout=300)
    assert failed.returncode != 0 and "no articles read" in failed.stderr


def test_texts_from_articles_end_at_a_sentence_once_long_enough():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "bench" / "bench_extract.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    article = ("Troops shelled the village on Friday. Two civilians were killed, residents said. "
               "“We fled,” one said. The army did not comment.")  # 21 words, four sentences
    texts = bench.joined_articles([article], 3, 30, "\n\n", seed=1, cut=True)
    for t in texts:
        first, second = t.text.split("\n\n")
        assert first == article
        # the second copy is cut after the sentence that takes the text past 30 words
        assert second == "Troops shelled the village on Friday. Two civilians were killed, residents said.", second
    whole = bench.joined_articles([article], 1, 30, "\n\n", seed=1)[0].text
    assert whole == article + "\n\n" + article  # without cut, whole pieces


def test_instruction_count_script_explains_itself_and_rejects_unknown_options():
    script = ROOT / "bench" / "instructions.sh"
    helped = subprocess.run(["bash", str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert helped.returncode == 0 and "instructions per article" in helped.stdout.lower(), helped
    wrong = subprocess.run(["bash", str(script), "--frmo", "x"], capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 2 and "unknown option: --frmo" in wrong.stderr, wrong


def test_the_benchmark_says_whether_python_runs_from_a_shared_library():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "bench" / "bench_extract.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    shared = ("55d0c7a00000-55d0c7a01000 r--p 00000000 08:01 1234 /opt/py/bin/python3.11\n"
              "7f1e2a000000-7f1e2a200000 r-xp 00100000 08:01 5678 /opt/py/lib/libpython3.11.so.1.0\n"
              "7ffd1c000000-7ffd1c021000 rw-p 00000000 00:00 0 [stack]\n")
    assert bench.libpython_in(shared) == "/opt/py/lib/libpython3.11.so.1.0"
    static = shared.replace("/opt/py/lib/libpython3.11.so.1.0", "/usr/lib/x86_64-linux-gnu/libm.so.6")
    assert bench.libpython_in(static) is None
    assert bench.libpython_in("") is None
    # and the line it prints names this interpreter
    line = bench.interpreter()
    assert line.startswith(f"{sys.version.split()[0]} ({sys.executable})"), line
