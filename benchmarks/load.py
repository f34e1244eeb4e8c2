"""Load benchmark: many clients at once against `newsprism serve` on 127.0.0.1, the same mix of article pages,
searches and lists; 5xx count, latency percentiles, and the server's memory before, at the end, and after.

    python benchmarks/load.py --db FILE [--clients 30] [--seconds 60] [--baseline-src /path/to/old/src]
    python benchmarks/load.py --fang ../shared/data/corpus-de/fang-covid   # ingests it into a temporary database

The server runs as its own process (`python -m newsprism serve`), so its resident memory is its own. With
``--baseline-src`` the same load runs first against the code in that folder (a checkout of an older commit,
``git worktree add /tmp/old HEAD~1``), then against this one, and both are printed side by side. Every request
goes to 127.0.0.1; each client stops by itself at the deadline.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = ["Impfung", "Merkel", "Corona Maßnahmen", '"Robert Koch-Institut"', "Lockdown*", "Minsk", "Regierung", "Kritik"]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: Path, src: Path, env_extra: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(src), **env_extra}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsprism", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(base + "/api/articles?limit=1", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    sys.exit(f"the server over {db} did not start")


def _paths(base: str) -> list[str]:
    """The mix: article pages and their JSON, searches (page and API), lists of articles, actors and stories."""
    items = httpx.get(base + "/api/articles", params={"limit": 200}, timeout=60).json()["items"]
    ids = [a["id"] for a in items]
    mix = []
    for i in ids[:40]:
        mix += [f"/articles/{i}", f"/api/articles/{i}"]
    for w in WORDS:
        mix += [f"/search?q={w}", f"/api/search?q={w}&limit=20"]
    mix += ["/articles", "/api/articles?limit=50&offset=50", "/actors", "/api/actors?limit=50", "/stories", "/outlets"]
    return mix


def _load(base: str, clients: int, seconds: float, seed: int) -> tuple[list[float], int, int]:
    mix = _paths(base)
    latencies: list[float] = []
    errors = [0, 0]  # 5xx, failed connections
    lock = threading.Lock()
    stop = time.time() + seconds

    def client(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        with httpx.Client(base_url=base, timeout=30) as c:
            while time.time() < stop:
                path = rng.choice(mix)
                t0 = time.perf_counter()
                try:
                    status = c.get(path).status_code
                except httpx.HTTPError:
                    status = -1
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    latencies.append(ms)
                    if status >= 500:
                        errors[0] += 1
                    elif status < 0:
                        errors[1] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors[0], errors[1]


def _run(label: str, db: Path, src: Path, clients: int, seconds: float, env: dict[str, str]) -> dict[str, float | str]:
    proc, base = _serve(db, src, env)
    try:
        with httpx.Client(base_url=base, timeout=60) as c:  # every page once: what loads on first use is the start
            for path in _paths(base):
                c.get(path)
        start = _rss_mb(proc.pid)
        lat, five, broken = _load(base, clients, seconds, seed=7)
        end = _rss_mb(proc.pid)
        time.sleep(5)
        after = _rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    q = statistics.quantiles(lat, n=100)
    return {
        "code": label,
        "requests": len(lat),
        "per s": len(lat) / seconds,
        "5xx": five,
        "failed": broken,
        "p50 ms": q[49],
        "p95 ms": q[94],
        "p99 ms": q[98],
        "RSS start MB": start,
        "RSS end MB": end,
        "RSS +5 s MB": after,
        "growth %": 100 * (after - start) / start if start else 0.0,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, help="a newsprism database to serve")
    ap.add_argument("--fang", type=Path, help="or: ingest ../shared/data/corpus-de/fang-covid into a temporary one")
    ap.add_argument("--clients", type=int, default=30)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--baseline-src", type=Path, help="the src folder of older code to measure first, for comparison")
    ap.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server processes (repeatable)")
    args = ap.parse_args()
    env = dict(e.split("=", 1) for e in args.env)
    db = args.db
    if db is None:
        if args.fang is None:
            sys.exit("give --db FILE or --fang PATH")
        from benchmarks.corpora import fang_records, write_jsonl
        from benchmarks.web import _ingest
        from newsprism.cli.main import example_paths

        tmp = Path(tempfile.mkdtemp(prefix="newsprism-load-"))
        db = tmp / "load.db"
        corpus = tmp / "fang.jsonl"
        write_jsonl(fang_records(args.fang), corpus)
        _ingest(db, [str(corpus), *example_paths()], 2)
    runs = []
    if args.baseline_src:
        runs.append(_run("baseline", db, args.baseline_src.resolve(), args.clients, args.seconds, env))
    runs.append(_run("this", db, ROOT / "src", args.clients, args.seconds, env))
    print(f"{args.clients} clients for {args.seconds:g} s against 127.0.0.1, database {db}")
    keys = list(runs[0])
    print("  ".join(f"{k:>12}" for k in keys))
    for r in runs:
        print("  ".join(f"{v:>12.1f}" if isinstance(v, float) else f"{v!s:>12}" for v in r.values()))


if __name__ == "__main__":
    main()
