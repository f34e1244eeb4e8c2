"""Web benchmark: how fast the web UI and the API answer over a database of the 4,513 FANG-COVID articles plus
the two examples, measured over real HTTP against `newsprism serve`'s app (uvicorn on a local port).

    python benchmarks/web.py ../shared/data/corpus-de/fang-covid [--db FILE] [--repeat 20]

Without ``--db`` the corpus is ingested into a temporary database first (2 workers). Prints median and 95th
percentile milliseconds per request for: the article view of example 002 (HTML, with every span highlighted) and
its JSON twin, an actor page, the article list, and search (HTML page and API) over several queries.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import fang_records, write_jsonl
from newsprism.cli.main import example_paths
from newsprism.web.app import create_app
from newsprism.web.server import running

ID_002 = "8e781e70ede3aa1d"
QUERIES = ["Impfung", "Merkel", "Corona Maßnahmen", '"Robert Koch-Institut"', "Lockdown*", "Verhandlungen Minsk"]


def _ingest(db: Path, paths: list[str], workers: int) -> None:
    from click.testing import CliRunner

    from newsprism.cli.main import cli

    res = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--quiet", "--workers", str(workers), *paths])
    if res.exit_code not in (0, 1):
        sys.exit(res.output)


def _time(client: httpx.Client, url: str, repeat: int) -> list[float]:
    client.get(url).raise_for_status()  # warm
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        client.get(url).raise_for_status()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("fang", type=Path, help="path to ../shared/data/corpus-de/fang-covid")
    ap.add_argument("--db", type=Path, help="reuse this database (ingesting into it what is missing)")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="newsprism-web-bench-"))
    db = args.db or tmp / "web.db"
    corpus = tmp / "fang.jsonl"
    n = write_jsonl(fang_records(args.fang), corpus)
    t0 = time.perf_counter()
    _ingest(db, [str(corpus), *example_paths()], args.workers)
    print(f"database: {db} ({n} FANG-COVID articles + 2 examples; ingest {time.perf_counter() - t0:.0f} s)")
    rows = []
    with running(create_app(db)) as base, httpx.Client(base_url=base, timeout=60) as c:
        rows.append(("article view of 002 (HTML)", _time(c, f"/articles/{ID_002}", args.repeat)))
        rows.append(("article 002 (JSON)", _time(c, f"/api/articles/{ID_002}", args.repeat)))
        biggest = c.get("/api/articles", params={"limit": 1000}).json()["items"]
        rows.append(
            ("article view, 10 newest FANG articles", [t for a in biggest[:10] for t in _time(c, f"/articles/{a['id']}", 2)])
        )
        rows.append(("actor page (Lukashenko)", _time(c, "/actors/alexander-lukashenko", args.repeat)))
        top = c.get("/api/actors", params={"limit": 1}).json()["items"][0]
        rows.append(
            (f"actor page, most named ({top['mentions']} mentions)", _time(c, f"/actors/{top['id']}", max(3, args.repeat // 4)))
        )
        per = c.get("/api/actors", params={"q": "Merkel"}).json()["items"]
        if per:
            rows.append(
                (
                    f"actor page, {per[0]['name']} ({per[0]['mentions']})",
                    _time(c, f"/actors/{per[0]['id']}", max(3, args.repeat // 4)),
                )
            )
        stories = c.get("/api/stories", params={"limit": 1}).json()["items"]
        if stories:
            st = stories[0]
            rows.append(
                (f"story page, top story ({st['articles']} articles)", _time(c, f"/stories/{st['id']}", max(3, args.repeat // 4)))
            )
        rows.append(("story list (50)", _time(c, "/stories", max(3, args.repeat // 4))))
        rows.append(("article list (50)", _time(c, "/articles", args.repeat)))
        rows.append(("narratives page", _time(c, "/narratives", max(3, args.repeat // 4))))
        biggest_outlet = c.get("/api/outlets").json()["items"][0]
        rows.append(
            (
                f"outlet page with its profile ({biggest_outlet['name']}, {biggest_outlet['articles']} articles)",
                _time(c, f"/outlets/{biggest_outlet['id'] or biggest_outlet['name']}", max(3, args.repeat // 4)),
            )
        )
        rows.append(("search page (HTML)", [t for q in QUERIES for t in _time(c, f"/search?q={q}", max(2, args.repeat // 4))]))
        rows.append(("search API (JSON)", [t for q in QUERIES for t in _time(c, f"/api/search?q={q}", max(2, args.repeat // 4))]))
    for name, ts in rows:
        ts.sort()
        print(
            f"{name:<46} median {statistics.median(ts):7.1f} ms   p95 {ts[min(len(ts) - 1, int(len(ts) * 0.95))]:7.1f} ms   ({len(ts)} requests)"
        )


if __name__ == "__main__":
    main()
