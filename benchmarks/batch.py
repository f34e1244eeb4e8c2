"""Backfill benchmark: ``newsprism batch`` over the same FANG-COVID articles on Ray (local mode) with 1 and 2 workers
and on this machine's worker processes (the ``ingest`` pool) with the same 2, in one run: articles/s, Ray's
speedup from 1 to 2 workers, and its overhead against the plain multiprocess run. Every run writes Parquet parts
into a fresh folder, and the runs must give the same article rows.

    python benchmarks/batch.py ../shared/data/corpus-de/fang-covid [--articles 2000] [--stages all]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import fang_records, write_jsonl


def _run(jsonl: Path, out: Path, engine: str, workers: int, stages: str) -> float:
    cmd = [sys.executable, "-m", "newsprism", "batch", str(jsonl), "--output", str(out), "--engine", engine,
           "--workers", str(workers), "--stages", stages]  # fmt: skip
    t = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True)
    took = time.perf_counter() - t
    if res.returncode not in (0, 1):
        sys.exit(f"{engine} x{workers} failed: {res.stderr[-2000:]}")
    return took


def _ids(out: Path) -> list[str]:
    import pyarrow.parquet as pq

    return sorted(
        i
        for p in sorted(out.glob("part-*.parquet"))
        if p.name.count(".") == 1
        for i in pq.read_table(p, columns=["id"]).column(0).to_pylist()
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("fang")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--stages", default="all")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="newsprism-batch-"))
    try:
        jsonl = tmp / "fang.jsonl"
        n = write_jsonl(fang_records(args.fang), jsonl, args.articles)
        print(f"{n} FANG-COVID articles, stages {args.stages}; each run from a cold start (Ray's start-up included)")
        runs = [("local", 2), ("ray", 1), ("ray", 2)]
        took, ids = {}, {}
        for engine, workers in runs:
            out = tmp / f"{engine}{workers}"
            took[engine, workers] = _run(jsonl, out, engine, workers, args.stages)
            ids[engine, workers] = _ids(out)
            print(
                f"  {engine:5} x{workers}: {took[engine, workers]:7.1f} s  {n / took[engine, workers]:6.1f} articles/s",
                flush=True,
            )
        same = len({tuple(v) for v in ids.values()}) == 1
        print(f"Ray speedup 1 → 2 workers: {took['ray', 1] / took['ray', 2]:.2f}x")
        print(f"Ray overhead against the multiprocess pool, 2 workers: {took['ray', 2] / took['local', 2] - 1:+.0%}")
        print(f"the same {len(ids['local', 2])} articles from every run: {'yes' if same else 'NO'}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
