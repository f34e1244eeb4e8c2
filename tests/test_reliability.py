"""Reliability in the manner of SQLite's own test suite, at this project's size: kill -9 at seeded random points, a
killed main process, a killed worker, a full disk, two writers at once. Each must end in a consistent database
(``newsprism check`` finds nothing) and a re-run that finishes with nothing lost or doubled."""

from __future__ import annotations

import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsprism.storage import open_store
from tests.test_interrupt import SENTENCES, _finish, _wait_for_rows, corpus

N = 600


def ingest(db: Path, src: Path, *extra: str, preexec=None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsprism", "ingest", str(src), "--db", str(db), "--workers", "2", "--quiet", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=preexec,
    )


def consistent(db: Path) -> int:
    with open_store(db) as s:
        assert s.integrity_ok()
        assert s.check() == []
        return s.count()


def session_processes(sid: int) -> list[int]:
    """Processes still alive (not zombies) in the session the ingest started."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] not in ("Z", "X"):  # field 6 of stat, the session id
            alive.append(int(entry.name))
    return alive


def test_kill_9_at_seeded_random_points_then_a_rerun_finishes(tmp_path: Path):
    src, db = tmp_path / "c.jsonl", tmp_path / "c.db"
    corpus(src, N)
    rng = random.Random(20)
    for _ in range(3):
        proc = ingest(db, src, "--no-stories")
        _wait_for_rows(db, proc)
        time.sleep(rng.uniform(0.0, 1.5))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        _finish(proc, 300)
        assert consistent(db) <= N
    again = ingest(db, src)
    out, err = _finish(again, 900)
    assert again.returncode == 0, err
    assert "0 failed" in out
    assert consistent(db) == N


def test_a_killed_main_process_leaves_no_workers_behind(tmp_path: Path):
    src, db = tmp_path / "c.jsonl", tmp_path / "c.db"
    corpus(src, 2000)
    proc = ingest(db, src, "--no-stories")
    _wait_for_rows(db, proc)
    assert len(session_processes(proc.pid)) >= 3  # the main process, the forkserver, the workers
    os.kill(proc.pid, signal.SIGKILL)  # the main process only, as the OOM killer or a crash would
    proc.wait()
    deadline = time.time() + 20
    while session_processes(proc.pid) and time.time() < deadline:
        time.sleep(0.2)
    left = session_processes(proc.pid)
    if left:
        os.killpg(proc.pid, signal.SIGKILL)
    assert not left, f"orphaned processes: {left}"
    proc.communicate()
    consistent(db)


def test_a_killed_worker_is_replaced_and_nothing_is_lost(tmp_path: Path):
    src, db = tmp_path / "c.jsonl", tmp_path / "c.db"
    corpus(src, N)
    proc = ingest(db, src, "--no-stories")
    _wait_for_rows(db, proc)
    workers = [
        p for p in session_processes(proc.pid) if p != proc.pid and b"forkserver" in Path(f"/proc/{p}/cmdline").read_bytes()
    ]
    assert workers
    os.kill(max(workers), signal.SIGKILL)  # the youngest: a worker, not the forkserver
    out, err = _finish(proc, 600)
    assert proc.returncode == 0, err
    assert f"{N} new, 0 duplicate, 0 failed" in out
    assert consistent(db) == N


def test_a_full_disk_stops_the_run_with_a_reason_and_a_rerun_finishes(tmp_path: Path):
    src, db = tmp_path / "c.jsonl", tmp_path / "c.db"
    corpus(src, N)
    scratch = tmp_path / "scratch.db"  # how large the whole corpus makes a database, measured here
    _finish(ingest(scratch, src, "--no-stories"), 600)
    limit = scratch.stat().st_size // 2  # the database may grow to half of that: the run stops halfway

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = ingest(db, src, "--no-stories", preexec=small_disk)
    out, err = _finish(proc, 600)
    assert proc.returncode == 2, (out, err)
    assert "cannot write to" in err and "run the same command again" in err and "Traceback" not in err
    partial = consistent(db)
    assert 0 < partial < N
    again = ingest(db, src, "--no-stories")
    out, err = _finish(again, 600)
    assert again.returncode == 0, err
    assert f"{N - partial} new, {partial} duplicate, 0 failed" in out
    assert consistent(db) == N


def test_two_ingests_at_once_keep_stories_consistent(tmp_path: Path):
    a, b, db = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.db"
    corpus(a, 300)
    corpus(b, 400)  # the first 300 are the same articles: overlapping inputs
    first, second = ingest(db, a), ingest(db, b)
    for proc in (first, second):
        _, err = _finish(proc, 900)
        assert proc.returncode == 0, err
    assert consistent(db) == 400
    with open_store(db) as s:
        sizes = {st.id: st.articles for st in s.stories(limit=10_000)}
        assert sum(sizes.values()) == 400 and all(n > 0 for n in sizes.values())


class _FailingConnection:
    """The store's connection, with an I/O error injected at the ``fail_at``-th statement of the writer."""

    def __init__(self, conn: sqlite3.Connection, fail_at: int) -> None:
        self._conn, self._left = conn, fail_at

    def _tick(self) -> None:
        self._left -= 1
        if self._left == 0:
            raise sqlite3.OperationalError("disk I/O error")

    def execute(self, *args):
        self._tick()
        return self._conn.execute(*args)

    def executemany(self, *args):
        self._tick()
        return self._conn.executemany(*args)

    def __getattr__(self, name: str):
        return getattr(self._conn, name)


def test_io_errors_injected_in_the_writer_lose_only_their_batch(tmp_path: Path, pipeline):
    from newsprism.document import Document
    from newsprism.errors import StorageError

    docs = [pipeline(Document(f"Meldung {i}\n\n" + " ".join(SENTENCES) + f" Absatz {i}.")) for i in range(12)]
    db = tmp_path / "io.db"
    rng = random.Random(5)
    stored = failed = 0
    with open_store(db) as s:
        real = s.conn
        for trial in range(15):
            batch = docs[(trial % 4) * 3 : (trial % 4) * 3 + 3]
            s.conn = _FailingConnection(real, rng.randint(1, 40))  # type: ignore[assignment]
            try:
                s.write_batch(batch, [])
            except StorageError as exc:
                assert "nothing of this batch was stored" in str(exc)
                failed += 1
            finally:
                s.conn = real
            assert s.check() == [] and s.integrity_ok()
            assert s.count() >= stored  # what was stored before stays stored
            stored = s.count()
        s.write_batch(docs, [])
        assert s.count() == 12 and s.check() == []
    assert failed >= 8  # most trials did hit their error: the injection is real
