"""``newsprism batch``: a backfill over JSON Lines, CSV and Parquet inputs on this machine's processes and on Ray
(local mode, a real Ray cluster of one machine, in its own process): Parquet parts with tidy tables and failures as
rows with their reasons, the same rows from both engines, resumable by content hash, and a database as the target."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsprism.storage import open_store

from .test_stories import KRAMATORSK, LATER

RECORDS = [*KRAMATORSK, LATER]


def _inputs(folder: Path) -> list[str]:
    jsonl = folder / "a.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS[:3]) + "{broken\n", encoding="utf-8")
    table = pa.Table.from_pylist([{"body": r["text"], "headline": r["title"], "date": r["published"]} for r in RECORDS[3:]])
    pq.write_table(table, folder / "b.parquet")
    (folder / "c.csv").write_text("text,title\n,empty\n", encoding="utf-8")  # a row without text: a failure
    return [str(jsonl), str(folder / "b.parquet"), str(folder / "c.csv")]


def _batch(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "newsprism", "batch", *args, "--workers", "2"]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900)


def _rows(out: Path, table: str = "") -> list[dict]:
    rows = [r for p in sorted(out.glob(f"part-*{'.' + table if table else ''}.parquet")) for r in pq.read_table(p).to_pylist()]
    if not table:
        rows = [r for r in rows if "source_sha256" in r]
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


def test_batch_on_local_processes_and_on_ray_gives_the_same_rows_and_resumes(tmp_path):
    paths = _inputs(tmp_path)
    local, ray = tmp_path / "local", tmp_path / "ray"
    res = _batch(*paths, "--output", str(local), "--columns", "text=body,title=headline,published=date")
    assert res.returncode == 1, res.stderr  # two inputs failed, and say why
    assert "5 new, 0 done already, 2 failed" in res.stdout
    articles = _rows(local)
    assert sorted(r["title"] for r in articles) == sorted(r["title"] for r in RECORDS)
    quotes, mentions = _rows(local, "quotes"), _rows(local, "mentions")
    assert mentions and {m["article_id"] for m in mentions} <= {a["id"] for a in articles}
    failures = _rows(local, "failures")
    assert len(failures) == 2 and all(f["reason"] for f in failures)
    assert any("invalid JSON" in f["reason"] for f in failures)

    res = _batch(*paths, "--output", str(ray), "--engine", "ray", "--columns", "text=body,title=headline,published=date")
    assert res.returncode == 1, res.stderr[-3000:]
    assert "5 new, 0 done already, 2 failed" in res.stdout
    assert _rows(ray) == articles
    assert _rows(ray, "quotes") == quotes and _rows(ray, "mentions") == mentions
    assert [f["reason"] for f in _rows(ray, "failures")] == [f["reason"] for f in failures]

    again = _batch(*paths, "--output", str(ray), "--engine", "ray", "--columns", "text=body,title=headline,published=date")
    assert again.returncode == 0 and "0 new, 7 done already, 0 failed" in again.stdout  # resumed: nothing twice
    assert _rows(ray) == articles


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_batch_into_a_database(tmp_path, new_db, engine):
    paths = _inputs(tmp_path)
    db = new_db("batch")
    res = _batch(*paths, "--db", db, "--engine", engine, "--columns", "text=body,title=headline,published=date")
    assert res.returncode == 1, res.stderr[-3000:]
    with open_store(db) as s:
        assert s.count() == 5 and len(s.failures()) == 2 and not s.check()
        assert [h.title for h in s.search("Kramatorsk")]
    res = _batch(*paths, "--db", db, "--engine", engine, "--columns", "text=body,title=headline,published=date")
    assert "0 new, 5 done already" in res.stdout


def test_batch_needs_somewhere_to_write(tmp_path):
    res = _batch(*_inputs(tmp_path))
    assert res.returncode == 2 and "--output DIR" in res.stderr
