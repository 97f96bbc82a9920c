"""Articles/second for extraction + writing: single process (no Dask), then 1 and 2 Dask workers.

Not a test: speed depends on the machine and on whatever else runs on it. Usage:

    python bench/bench_cluster.py [--articles 5000] [--partition-size 200] [--workers 1 2]

Every mode does the same work on the same generated articles: partition, extract each article
with clashmap's real pipeline, write Parquet partitions into a fresh temporary directory. The
single-process mode runs that loop in this process, so the difference is what Dask costs and
buys. Cluster start-up (spawning worker processes, building the spaCy pipeline in each) is
timed separately from the run, because a long batch pays it once.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta

from clashmap.cluster import ParquetWriter, cluster_ingest, extract_partition, partition_id
from clashmap.model import Article

PLACES = ["Muse", "Lashio", "Kutkai", "Hpakant", "Myawaddy", "Demoso", "Kalay", "Pale",
          "Laukkaing", "Mindat", "Sittwe", "Hpapun", "Kyaukme", "Namhkam", "Tamu", "Falam"]
ACTORS = ["junta troops", "regime forces", "the Tatmadaw", "the KIA", "the TNLA", "a local PDF",
          "the Arakan Army", "the KNLA", "the MNDAA", "Karenni Army"]
DEEDS = ["attacked", "shelled", "clashed with", "launched an airstrike on", "raided", "ambushed"]


def generated_articles(n: int, seed: int = 2024) -> list[Article]:
    """n distinct reports of realistic length (4-8 sentences, ~120-250 words)."""
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    out = []
    for i in range(n):
        sents = []
        for _ in range(rng.randint(4, 8)):
            sents.append(
                f"{rng.choice(ACTORS).capitalize()} {rng.choice(DEEDS)} {rng.choice(ACTORS)} near "
                f"{rng.choice(PLACES)} Township on {rng.choice(['Monday', 'Tuesday', 'Friday'])}, "
                f"killing {rng.randint(0, 40)} people and injuring {rng.randint(0, 20)}, according "
                f"to {rng.choice(['residents', 'the NUG', 'a spokesperson', 'local media'])}.")
        out.append(Article(text=f"[{i}] " + " ".join(sents), date=start + timedelta(days=i % 700),
                           outlet="bench", source="bench", line=i + 1))
    return out


def run_single(articles: list[Article], size: int, out: str) -> float:
    writer = ParquetWriter(out)
    t0 = time.perf_counter()
    for i in range(0, len(articles), size):
        batch = articles[i:i + size]
        writer.write_partition(partition_id(batch), extract_partition(batch))
    return time.perf_counter() - t0


def run_dask(articles: list[Article], size: int, workers: int, out: str) -> tuple[float, float]:
    from distributed import Client, LocalCluster

    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=50)
    client = Client(cluster)
    # Build the pipeline in every worker now, so the run measures steady-state throughput.
    client.run(lambda: __import__("clashmap.extract.pipeline", fromlist=["x"]).default_extractor() and None)
    startup = time.perf_counter() - t0
    try:
        report = cluster_ingest(iter(articles), ParquetWriter(out), client, partition_size=size,
                                progress=False)
        assert report.articles == len(articles), report
        return startup, report.seconds
    finally:
        client.close()
        cluster.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--partition-size", type=int, default=200)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    a = ap.parse_args(argv)

    articles = generated_articles(a.articles)
    # Warm the in-process pipeline too, for the same reason as the workers.
    from clashmap.extract.pipeline import default_extractor
    default_extractor()

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        secs = run_single(articles, a.partition_size, os.path.join(tmp, "single"))
        rows.append(("single process (no Dask)", "-", secs))
        for w in a.workers:
            startup, secs = run_dask(articles, a.partition_size, w, os.path.join(tmp, f"w{w}"))
            rows.append((f"Dask LocalCluster, {w} worker{'s' if w > 1 else ''} x 1 thread", f"{startup:.1f}", secs))

    base = len(articles) / rows[0][2]
    print(f"\n{len(articles)} generated articles, partition size {a.partition_size}, "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}\n")
    print(f"{'mode':44} {'start-up s':>10} {'run s':>8} {'articles/s':>11} {'speed-up':>9}")
    for name, startup, secs in rows:
        rate = len(articles) / secs
        print(f"{name:44} {startup:>10} {secs:>8.2f} {rate:>11.1f} {rate / base:>8.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
