"""Spine benchmark: ingest and analyze throughput, peak memory and search latency on FANG-COVID.

    python benchmarks/spine.py ../shared/data/corpus-de/fang-covid [--workers 2] [--stages spine]

Prints articles/s, tokens/s and peak memory (whole process tree) for `newsprism ingest` and
`newsprism analyze`, memory at 1/4, 1/2 and all of the corpus (it should stay flat), the time of
a second ingest of the same corpus (all duplicates), putting the corpus into stories, and search latency.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import fang_records, write_jsonl
from benchmarks.procmem import run_measured
from newsprism.storage import open_store
from newsprism.text import tokens

QUERIES = [
    "Impfung",
    "Lockdown Maßnahmen",
    "Merkel",
    '"Robert Koch-Institut"',
    "Masken*",
    "Bill Gates Impfstoff",
    "Drosten",
    "Querdenker",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("fang", help="path to ../shared/data/corpus-de/fang-covid")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--stages", default="all", help="which stages: all, spine, or a comma-separated list (newsprism ingest --stages)"
    )
    args = ap.parse_args()
    exe = shutil.which("newsprism") or sys.exit("newsprism is not installed in this environment")
    tmp = Path(tempfile.mkdtemp(prefix="newsprism-bench-"))
    try:
        corpus = tmp / "fang.jsonl"
        n = write_jsonl(fang_records(args.fang), corpus)
        n_tokens = sum(sum(1 for _ in tokens(json.loads(line)["text"])) for line in corpus.open(encoding="utf-8"))
        print(f"corpus: {n} articles, {n_tokens / n:.0f} tokens per article, workers={args.workers}")
        w = ["--workers", str(args.workers), "--stages", args.stages]
        print(f"stages: {args.stages}")

        db = tmp / "bench.db"
        secs, mb, _ = run_measured([exe, "ingest", str(corpus), "--db", str(db), "--quiet", "--no-stories", *w])
        print(f"ingest:        {n / secs:7.0f} articles/s  {n_tokens / secs:9.0f} tokens/s  peak {mb:6.0f} MB  ({secs:.1f} s)")
        secs2, mb2, _ = run_measured([exe, "ingest", str(corpus), "--db", str(db), "--quiet", "--no-stories", *w])
        print(f"re-ingest:     {n / secs2:7.0f} articles/s (all duplicates)          peak {mb2:6.0f} MB  ({secs2:.1f} s)")
        secs3, mb3, _ = run_measured([exe, "stories", "--update", "--db", str(db), "--limit", "1"])
        print(
            f"stories:       {n / secs3:7.0f} articles/s put into stories (title and lede embedded)  peak {mb3:6.0f} MB  ({secs3:.1f} s)"
        )
        secs, mb, _ = run_measured([exe, "analyze", str(corpus), "--json", *w])
        print(f"analyze:       {n / secs:7.0f} articles/s  {n_tokens / secs:9.0f} tokens/s  peak {mb:6.0f} MB  ({secs:.1f} s)")

        for frac in (4, 2, 1):
            part = tmp / f"part{frac}.jsonl"
            m = write_jsonl(fang_records(args.fang), part, limit=n // frac)
            secs, mb, _ = run_measured(
                [exe, "ingest", str(part), "--db", str(tmp / f"part{frac}.db"), "--quiet", "--no-stories", *w]
            )
            print(f"memory flat?   {m:5d} articles → peak {mb:6.0f} MB")

        with open_store(db) as store:
            rows = store.count()
            times = []
            for _ in range(5):
                for q in QUERIES:
                    t0 = time.perf_counter()
                    store.search(q, limit=20)
                    times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        print(
            f"search:        {rows} articles stored; median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95)]:.1f} ms over {len(times)} queries"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
