"""Load test for `clashmap serve` while `clashmap ingest` writes the same SQLite store.

    python bench/load_web.py                             # 3,000 requests, 8 clients, <= 120 s
    python bench/load_web.py --requests 5000 --clients 16 --seconds 300 --articles 20000
    python bench/load_web.py --url http://127.0.0.1:8000 --db sqlite:///clashmap.db --no-ingest

Starts the real server (`python -m clashmap serve`) on 127.0.0.1 and a real ingest of a
generated seed-format file (bench/load_ingest.py's generator) into the same SQLite file, then
sends a fixed number of requests from a few client threads, stopping early at the time limit.
Requests mix what the web page and API users do: the event list with and without filters,
text search, weekly stats, single events (ids taken from earlier answers), event pages and the
map page. Reports latency p50/p95/p99 per endpoint and overall, error counts by kind, and how
far the ingest got meanwhile.

Bounded and local by design: a fixed request count and time limit, and only loopback addresses
(the script refuses any other host), so it cannot become a load generator against someone else.
"""
from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

# Each request kind, with a weight: how often the mix asks for it.
KINDS = [
    ("events", 30), ("events_shan", 10), ("events_battles_2023", 10), ("search", 10),
    ("stats", 10), ("event", 15), ("event_page", 5), ("map_page", 5), ("missing_event", 5),
]


def require_loopback(host: str) -> None:
    """Refuse anything but this machine: every address the name resolves to must be loopback."""
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as exc:
        raise SystemExit(f"cannot resolve {host!r}: {exc}") from None
    for info in infos:
        addr = ipaddress.ip_address(info[4][0].split("%")[0])
        if not addr.is_loopback:
            raise SystemExit(f"refusing {host!r} ({addr}): this load generator only targets loopback")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list (p in 0..100)."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


class Client(threading.Thread):
    """One keep-alive HTTP connection sending requests until the shared budget is spent."""

    def __init__(self, host: str, port: int, budget: "Budget", ids: list[str], seed: int,
                 timeout: float):
        super().__init__(daemon=True)
        self.host, self.port, self.budget, self.ids = host, port, budget, ids
        self.rng = random.Random(seed)
        self.timeout = timeout
        self.results: list[tuple[str, float, str]] = []  # (kind, seconds, outcome)
        self.conn: http.client.HTTPConnection | None = None

    def path_for(self, kind: str) -> str:
        if kind == "events":
            return "/api/events?" + urlencode({"limit": self.rng.choice([50, 100, 500])})
        if kind == "events_shan":
            return "/api/events?" + urlencode({"admin1": "Shan", "limit": 100})
        if kind == "events_battles_2023":
            return "/api/events?" + urlencode({"event_type": "Battles", "date_from": "2023-01-01",
                                               "date_to": "2023-12-31", "limit": 100})
        if kind == "search":
            return "/api/events?" + urlencode({"q": self.rng.choice(["airstrike", "Muse", "PDF",
                                                                     "ရွာ", "shell"]), "limit": 50})
        if kind == "stats":
            return "/api/stats" + self.rng.choice(["", "?country=MMR", "?admin1=Sagaing"])
        if kind in ("event", "event_page"):
            ids = self.ids
            if not ids:
                return "/api/events?limit=20"  # nothing seen yet: what a first visitor would load
            eid = ids[self.rng.randrange(len(ids))]
            return f"/api/events/{eid}" if kind == "event" else f"/events/{eid}"
        if kind == "map_page":
            return "/"
        if kind == "missing_event":
            return f"/api/events/no-such-{self.rng.randrange(10**9)}"
        raise ValueError(kind)

    def request(self, path: str) -> tuple[int, bytes]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self.conn.request("GET", path, headers={"Accept": "application/json, text/html"})
            resp = self.conn.getresponse()
            return resp.status, resp.read()
        except Exception:
            self.conn.close()
            self.conn = None  # reconnect next time, as a browser would
            raise

    def run(self) -> None:
        kinds, weights = zip(*KINDS)
        while self.budget.take():
            kind = self.rng.choices(kinds, weights)[0]
            path = self.path_for(kind)
            t0 = time.perf_counter()
            try:
                status, body = self.request(path)
                elapsed = time.perf_counter() - t0
            except socket.timeout:
                self.results.append((kind, time.perf_counter() - t0, "timeout"))
                continue
            except (OSError, http.client.HTTPException) as exc:
                self.results.append((kind, time.perf_counter() - t0, f"connection: {type(exc).__name__}"))
                continue
            expected = 404 if kind == "missing_event" else 200
            if status != expected:
                self.results.append((kind, elapsed, f"HTTP {status}"))
                continue
            if path.startswith("/api/events?"):
                try:
                    found = [e["event_id"] for e in json.loads(body)["events"]]
                except (ValueError, KeyError, TypeError):
                    self.results.append((kind, elapsed, "bad JSON"))
                    continue
                if found and len(self.ids) < 5000:
                    self.ids.extend(found[:20])
            self.results.append((kind, elapsed, "ok"))
        if self.conn is not None:
            self.conn.close()


class Budget:
    """A fixed number of requests and a deadline, shared by the client threads."""

    def __init__(self, requests: int, seconds: float):
        self.left = requests
        self.deadline = time.monotonic() + seconds
        self.lock = threading.Lock()

    def take(self) -> bool:
        with self.lock:
            if self.left <= 0 or time.monotonic() > self.deadline:
                return False
            self.left -= 1
            return True


def wait_ready(host: str, port: int, seconds: float, proc: subprocess.Popen | None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"the server exited ({proc.returncode}) before answering")
        try:
            conn = http.client.HTTPConnection(host, port, timeout=2)
            conn.request("GET", "/api/stats")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"no answer from http://{host}:{port}/ within {seconds:.0f} s")


def count_articles(db: str) -> int:
    from clashmap.store import Store

    with Store(db, migrate=False) as store:
        return store.counts()["articles"]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--requests", type=int, default=3000, help="requests in all (default 3000)")
    p.add_argument("--clients", type=int, default=8, help="concurrent connections (default 8)")
    p.add_argument("--seconds", type=float, default=120, help="stop sending after this (default 120)")
    p.add_argument("--timeout", type=float, default=30, help="seconds one request may take")
    p.add_argument("--articles", type=int, default=20000, help="articles the concurrent ingest writes")
    p.add_argument("--extractor", metavar="MODULE:FUNCTION", help="ingest --extractor")
    p.add_argument("--warmup", type=float, default=180,
                   help="at most this many seconds of ingest before the load starts (default 180)")
    p.add_argument("--min-articles", type=int, default=300,
                   help="start the load once the ingest has stored this many (default 300)")
    p.add_argument("--db", help="store URL (default: a fresh temporary SQLite file)")
    p.add_argument("--url", help="a running server on loopback (default: start one)")
    p.add_argument("--no-ingest", action="store_true", help="no concurrent ingest")
    args = p.parse_args(argv)
    if args.requests < 1 or args.clients < 1 or args.seconds <= 0:
        p.error("--requests, --clients and --seconds must be positive")

    from clashmap.store import Store

    tmp = tempfile.TemporaryDirectory(prefix="clashmap-loadweb-")
    children: list[subprocess.Popen] = []
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
    try:
        db = args.db or f"sqlite:///{tmp.name}/web.db"
        # Create the schema once, here: a server and an ingest migrating one new file at the
        # same moment would race.
        Store(db).close()

        if args.url:
            u = urlsplit(args.url)
            host, port, server = u.hostname or "", u.port or 80, None
            require_loopback(host)
        else:
            host, port = "127.0.0.1", free_port()
            server_log = open(Path(tmp.name) / "serve.log", "wb")
            server = subprocess.Popen(
                [sys.executable, "-m", "clashmap", "serve", "--db", db, "--host", host,
                 "--port", str(port)], stdout=server_log, stderr=subprocess.STDOUT, env=env)
            children.append(server)
        wait_ready(host, port, 60, server)

        ingest = None
        if not args.no_ingest:
            from load_ingest import generate

            src = Path(tmp.name) / "web-load.seed.txt"
            good, bad = generate(src, args.articles, 0.01, seed=23)
            cmd = [sys.executable, "-m", "clashmap", "ingest", str(src), "--db", db, "-q"]
            if args.extractor:
                cmd += ["--extractor", args.extractor]
            ingest_log = open(Path(tmp.name) / "ingest.log", "wb")
            ingest = subprocess.Popen(cmd, stdout=ingest_log, stderr=subprocess.STDOUT, env=env)
            children.append(ingest)
            # Load a store that has data in it and is being written: wait for the first
            # articles (the spaCy pipeline takes a while to load) rather than a fixed time.
            until = time.monotonic() + args.warmup
            while (time.monotonic() < until and ingest.poll() is None
                   and count_articles(db) < args.min_articles):
                time.sleep(1)
        before = count_articles(db)

        budget = Budget(args.requests, args.seconds)
        ids: list[str] = []
        clients = [Client(host, port, budget, ids, seed=i, timeout=args.timeout)
                   for i in range(args.clients)]
        t0 = time.perf_counter()
        for c in clients:
            c.start()
        for c in clients:
            c.join(args.seconds + args.timeout + 10)
        wall = time.perf_counter() - t0
        after = count_articles(db)
        ingest_state = ("not run" if ingest is None else
                        f"exit {ingest.returncode}" if ingest.poll() is not None else "still running")

        results = [r for c in clients for r in c.results]
        report(results, wall, args, before, after, ingest_state)
        if server is not None and server.poll() is not None:
            print(f"FAIL: the server died (exit {server.returncode}); log: "
                  + (Path(tmp.name) / "serve.log").read_text(errors="replace")[-1500:])
            return 1
        errors = sum(1 for r in results if r[2] != "ok")
        return 1 if errors else 0
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
                try:
                    child.wait(10)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        tmp.cleanup()


def report(results, wall, args, before, after, ingest_state) -> None:
    ok = [r for r in results if r[2] == "ok"]
    print(f"{len(results)} requests ({args.clients} clients) in {wall:.1f} s: "
          f"{len(results) / wall:.0f} req/s; {len(ok)} ok, {len(results) - len(ok)} errors")
    print(f"concurrent ingest: {before:,} -> {after:,} articles stored during the load "
          f"({ingest_state})")
    print(f"{'endpoint':22s} {'n':>6s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} {'max ms':>8s} {'err':>5s}")
    kinds = [k for k, _ in KINDS] + ["all"]
    for kind in kinds:
        rows = [r for r in results if kind == "all" or r[0] == kind]
        if not rows:
            continue
        lat = sorted(r[1] * 1000 for r in rows if r[2] == "ok")
        err = sum(1 for r in rows if r[2] != "ok")
        print(f"{kind:22s} {len(rows):6d} {percentile(lat, 50):8.1f} {percentile(lat, 95):8.1f} "
              f"{percentile(lat, 99):8.1f} {(lat[-1] if lat else float('nan')):8.1f} {err:5d}")
    by_error: dict[str, int] = {}
    for r in results:
        if r[2] != "ok":
            by_error[f"{r[0]}: {r[2]}"] = by_error.get(f"{r[0]}: {r[2]}", 0) + 1
    for name, n in sorted(by_error.items(), key=lambda kv: -kv[1]):
        print(f"  error {name}: {n}")


if __name__ == "__main__":
    sys.exit(main())
