"""Parity of two newsprism databases (SQLite and PostgreSQL): the same articles and rows, the same hits for the
same queries, the same actor, outlet, narrative and story pages. Prints what differs; exit status 1 when anything
does.

    python benchmarks/parity.py --jsonl fang.jsonl --limit 4513 postgresql://user@127.0.0.1/newsprism
        ingests the records into a new SQLite file and into the (empty) PostgreSQL database, then compares
    python benchmarks/parity.py --sqlite news.db postgresql://…   compares two databases already filled

Search hits are compared as sets over all hits (up to 10,000): SQLite ranks by BM25, PostgreSQL by title and lede
first and ts_rank then, so the order of hits is each database's own; every other list is compared in order (story
pages with their scores to 9 places: the float sums of story scores may differ in their last bits).
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsprism.storage import Filters, Store, open_store

QUERIES = (
    "Impfung", "Corona", "Lockdown", "Regierung", "Merkel", "Drosten", "Maske*", "Impfpflicht", '"Robert Koch-Institut"',
    "Bill Gates", "Pandemie", "Virus", "Querdenker", "Demonstration", "Spahn", "Söder", "Test*", "Inzidenz",
    '"in der Pandemie"', "Putin",
)  # fmt: skip


def _rows(store: Store) -> dict[str, Any]:
    conn: Any = store
    out: dict[str, Any] = {}
    tables = {
        "articles": "SELECT id, source_sha256, source_url, language, title, published, published_start, outlet_id, "
        "outlet_name, n_chars, text, analysis FROM articles ORDER BY rowid",
        "mentions": "SELECT a.id, m.actor_id, m.start, m.end, m.text, m.kind, m.how FROM mentions m "
        "JOIN articles a ON a.rowid = m.article_rowid ORDER BY a.rowid, m.start, m.end, m.actor_id",
        "quotes": "SELECT a.id, q.idx, q.start, q.end, q.kind, q.speaker_id, q.speaker_name FROM quotes q "
        "JOIN articles a ON a.rowid = q.article_rowid ORDER BY a.rowid, q.idx",
        "findings": "SELECT a.id, f.layer, f.label, f.start, f.end, f.voice_kind, f.voice_id FROM findings f "
        "JOIN articles a ON a.rowid = f.article_rowid ORDER BY a.rowid, f.layer, f.start, f.end, f.label",
        "actors": "SELECT id, name, type, source FROM actors ORDER BY id",
        "seen": "SELECT sha256, article_id FROM seen_sources ORDER BY sha256",
        "versions": "SELECT a.id, b.id FROM article_versions v JOIN articles a ON a.rowid = v.article_rowid "
        "JOIN articles b ON b.rowid = v.version_of ORDER BY a.id",
        "story_members": "SELECT a.id, sa.story_id FROM story_articles sa JOIN articles a ON a.rowid = sa.article_rowid "
        "ORDER BY a.id",
    }
    for name, sql in tables.items():
        out[name] = [tuple(r) for r in conn._x(sql).fetchall()]
    return out


def _rounded(x: Any) -> Any:
    """``x`` with its floats rounded to 9 places (in lists, tuples, dicts and dataclasses)."""
    if isinstance(x, float):
        return round(x, 9)
    if isinstance(x, list | tuple):
        return type(x)(_rounded(v) for v in x)
    if isinstance(x, dict):
        return {k: _rounded(v) for k, v in x.items()}
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return dataclasses.replace(x, **{f.name: _rounded(getattr(x, f.name)) for f in dataclasses.fields(x) if f.init})
    return x


def compare(a: Store, b: Store, queries: Sequence[str] = QUERIES, actors: int = 20) -> list[str]:
    """What differs between two databases, one line each; empty when they agree."""
    diffs: list[str] = []

    def same(what: str, x: Any, y: Any) -> None:
        if x != y:
            n = len(x) if isinstance(x, list | tuple | set) else ""
            m = len(y) if isinstance(y, list | tuple | set) else ""
            diffs.append(f"{what}: differ ({n} vs {m})" if n != "" else f"{what}: {x!r} vs {y!r}")

    ra, rb = _rows(a), _rows(b)
    for table in ra:
        same(f"rows of {table}", ra[table], rb[table])
    for q in queries:
        same(f"search {q!r}", {h.id for h in a.search(q, limit=10_000)}, {h.id for h in b.search(q, limit=10_000)})
    same("failures", [(f.source, f.reason) for f in a.failures()], [(f.source, f.reason) for f in b.failures()])
    same("articles page", a.articles(limit=200), b.articles(limit=200))
    same("outlets", a.outlets(), b.outlets())
    same("narratives", a.narratives(), b.narratives())
    top = a.actors(limit=actors)
    same("actors", top, b.actors(limit=actors))
    for actor in top:
        same(f"actor {actor.id}", a.actor(actor.id), b.actor(actor.id))
        same(f"mentions of {actor.id}", a.actor_mentions(actor.id), b.actor_mentions(actor.id))
        same(f"quotes of {actor.id}", a.actor_quotes(actor.id), b.actor_quotes(actor.id))
        f = Filters(actor=actor.id)
        same(f"articles of {actor.id}", a.articles(f, limit=100), b.articles(f, limit=100))
    for outlet in a.outlets()[:10]:
        same(f"profile of {outlet.name}", a.outlet_profile(outlet.name), b.outlet_profile(outlet.name))
    stories = a.stories(limit=50)
    same("stories", stories, b.stories(limit=50))
    for s in stories[:20]:  # scores to 9 places: the stories' float sums may differ in their last bits
        same(f"story {s.id}", _rounded(a.story(s.id)), _rounded(b.story(s.id)))
    return diffs


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("postgresql", help="postgresql:// URL of the database to compare (empty, with --jsonl)")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--jsonl", help="JSON Lines records to ingest into both")
    src.add_argument("--fang", help="a FANG-COVID folder: its articles are ingested into both")
    src.add_argument("--sqlite", help="an SQLite database already filled")
    ap.add_argument("--limit", type=int, default=None, help="at most this many records (--fang)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    sqlite = args.sqlite
    if args.jsonl or args.fang:
        folder = Path(tempfile.mkdtemp(prefix="newsprism-parity-"))
        jsonl = args.jsonl
        if args.fang:
            sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
            from benchmarks.corpora import fang_records, write_jsonl

            jsonl = str(folder / "fang.jsonl")
            n = write_jsonl(fang_records(args.fang), Path(jsonl), args.limit)
            print(f"{n} FANG-COVID records", flush=True)
        sqlite = str(folder / "parity.db")
        for db in (sqlite, args.postgresql):
            t = time.perf_counter()
            cmd = [sys.executable, "-m", "newsprism", "ingest", jsonl, "--db", db, "--workers", str(args.workers), "-q"]
            subprocess.run(cmd, check=True)
            print(f"ingested into {db.split('@')[-1]} in {time.perf_counter() - t:.0f} s", flush=True)
    with open_store(sqlite) as a, open_store(args.postgresql) as b:
        print(f"SQLite {a.count()} articles, PostgreSQL {b.count()} articles")
        diffs = compare(a, b)
    for d in diffs:
        print("DIFFERS", d)
    print("parity: " + ("the same rows, hits and pages" if not diffs else f"{len(diffs)} differences"))
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
