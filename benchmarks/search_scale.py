"""Search latency at scale, PostgreSQL against SQLite, on the same synthesised articles.

    python benchmarks/search_scale.py ../shared/data/corpus-de/fang-covid postgresql://user@127.0.0.1/empty_db \
        [--base 1000] [--articles 100000]

How the articles are made: ``--base`` FANG-COVID articles are analysed once (``newsprism ingest`` into a scratch
SQLite file); each copy of one of them gets a paragraph of its own appended (a copy number and one of 200 rare
words, so the text, its id and its search terms differ), another of 40 outlets and a publication date shifted by
its copy number, and keeps the original's analysis (whose offsets still index the text: the paragraph comes last).
The copies are written through each backend's own writer, 500 to a batch, until there are ``--articles``, with
version linking off (``storage.versions.signature`` gives nothing): every copy is by construction a near-duplicate
of the other copies of its original, which no real corpus is, and linking them would measure that. Then 20
queries (words, names, a prefix, phrases, a rare word) are run 5 times each, a filter on every second run, and the
median (p50) and p95 latency are printed for each backend, with the write rate. PostgreSQL is measured twice on
the same database: as it searches (matches ordered by title and lede, the best 1,000 of them by the whole text)
and as it searched before (every match ranked by its whole text), with how often the two give the same top 20.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import fang_records, write_jsonl
from benchmarks.parity import QUERIES
from newsprism.document import Document
from newsprism.storage import Filters, open_store, postgres, versions

RARE = [f"zyklotron{i}" for i in range(200)]


def _copies(base: list[Document], total: int) -> Iterator[Document]:
    rng = random.Random(3)
    k = 0
    while k < total:
        for doc in base:
            if k >= total:
                return
            k += 1
            extra = f"\n\nKopie {k}: {RARE[k % len(RARE)]}."
            meta = dict(doc.meta)
            meta["outlet"] = {"id": f"outlet-{k % 40}", "name": f"Outlet {k % 40}"}
            if meta.get("published"):
                day = 1 + (k + rng.randrange(28)) % 28
                meta["published"] = f"{str(meta['published'])[:7]}-{day:02d}"
            d = doc.to_dict()
            d.update(id=None, text=doc.text + extra, meta=meta, source={**d["source"], "sha256": f"copy-{k}"})
            yield Document.from_dict(d)


def _fill(db: str, base: list[Document], total: int) -> float:
    t = time.perf_counter()
    batch: list[Document] = []
    with open_store(db) as store:
        for copy in _copies(base, total):
            batch.append(copy)
            if len(batch) == 500:
                store.write_batch(batch, [])
                batch = []
        if batch:
            store.write_batch(batch, [])
        n = store.count()
    return n / (time.perf_counter() - t)


def _latency(db: str) -> tuple[float, float, int, dict[tuple[str, int], list[str]]]:
    times = []
    hits = 0
    tops: dict[tuple[str, int], list[str]] = {}
    with open_store(db) as store:
        for q in [*QUERIES, RARE[7]]:
            store.search(q, limit=20)  # warm
            for i in range(5):
                f = Filters(outlet="Outlet 3") if i % 2 else None
                t = time.perf_counter()
                found = store.search(q, f, limit=20)
                times.append((time.perf_counter() - t) * 1000)
                hits += len(found)
                tops[(q, i % 2)] = [h.id for h in found]
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)], hits, tops


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("fang")
    ap.add_argument("postgresql", help="an empty PostgreSQL database")
    ap.add_argument("--base", type=int, default=1000)
    ap.add_argument("--articles", type=int, default=100_000)
    args = ap.parse_args()
    versions.signature = lambda text: None  # see above: copies are not to be linked as versions of each other
    tmp = Path(tempfile.mkdtemp(prefix="newsprism-search-"))
    try:
        jsonl, scratch = tmp / "base.jsonl", tmp / "base.db"
        write_jsonl(fang_records(args.fang), jsonl, args.base)
        subprocess.run([sys.executable, "-m", "newsprism", "ingest", str(jsonl), "--db", str(scratch), "-q", "--no-stories"],
                       check=True, capture_output=True)  # fmt: skip
        with open_store(scratch) as s:
            base = list(s.iter_documents())
        print(f"{len(base)} analysed FANG-COVID articles, copied into {args.articles} articles per backend")
        for name, db in (("SQLite", str(tmp / "scale.db")), ("PostgreSQL", args.postgresql)):
            rate = _fill(db, base, args.articles)
            p50, p95, hits, tops = _latency(db)
            print(
                f"  {name:10} written {rate:6.0f} articles/s; search p50 {p50:6.1f} ms, p95 {p95:6.1f} ms ({hits} hits)",
                flush=True,
            )
        # the code before: every match ranked by its whole text (no first stage by title and lede)
        postgres._CANDIDATES = 10**12
        p50, p95, hits, whole = _latency(args.postgresql)
        same = sum(tops[k] == whole[k] for k in tops)
        shared = statistics.mean(len(set(tops[k]) & set(whole[k])) / len(whole[k]) for k in tops if whole[k])
        print(
            f"  {'PostgreSQL, every match ranked by its whole text (the code before)':10}: search p50 {p50:6.1f} ms, "
            f"p95 {p95:6.1f} ms ({hits} hits); the same top 20 in {same} of {len(tops)} searches, in the same order; "
            f"{shared:.1%} of the top 20 shared on average",
            flush=True,
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
