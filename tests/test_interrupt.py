"""A killed or interrupted ingest leaves a consistent database, and running it again finishes the job."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsprism.storage import open_store

SENTENCES = [
    "Die Regierung hat am Mittwoch über neue Regeln beraten, wie ein Sprecher mitteilte.",
    "Kritiker fordern mehr Tempo und klare Vorgaben für die Behörden im ganzen Land.",
    "„Wir werden das prüfen“, sagte die Ministerin am Abend in Berlin.",
]


def corpus(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = (
                f"Meldung Nummer {i} des Tages\n\n"
                + " ".join(SENTENCES)
                + f" Das ist Absatz {i}.\n"
                + " ".join(reversed(SENTENCES)) * 3
            )
            fh.write(json.dumps({"text": text, "published": "2024-03-12"}) + "\n")


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def ingest(db: Path, src: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsprism", "ingest", str(src), "--db", str(db), "--workers", "2", "--quiet", "--no-stories"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so a kill can take the workers down too
        # Ctrl-C's default, whatever this test runner inherited: a shell starts a background job (`cmd &`, nohup)
        # with SIGINT ignored, and a Python started so keeps ignoring it — the ingest would never see the signal
        preexec_fn=_default_sigint,
    )


def _finish(proc: subprocess.Popen, timeout: float) -> tuple[str, str]:
    """Wait for ``proc``; a safety net, not a speed test: on a slow machine it is killed and its pipes closed."""
    try:
        return proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise


def _wait_for_rows(db: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with open_store(db) as s:
                    if s.count() > 0:
                        return
            except Exception:
                pass
        time.sleep(0.05)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_ingest_is_finished_by_running_it_again(tmp_path: Path, sig):
    src, db = tmp_path / "c.jsonl", tmp_path / "c.db"
    corpus(src, 3000)
    proc = ingest(db, src)
    _wait_for_rows(db, proc)
    assert proc.poll() is None, "the ingest ended before it could be interrupted; make the corpus larger"
    if sig == signal.SIGKILL:
        os.killpg(proc.pid, signal.SIGKILL)  # the whole tree at once, as a crash or OOM kill would
    else:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends: to the whole foreground process group
    _, err = _finish(proc, 300)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "run the same command again" in err
    with open_store(db) as s:
        partial = s.count()
        assert 0 < partial < 3000
        assert s.integrity_ok()
    again = ingest(db, src)
    out, err = _finish(again, 900)
    assert again.returncode == 0, err
    assert f"{3000 - partial} new, {partial} duplicate, 0 failed" in out
    with open_store(db) as s:
        assert s.count() == 3000
        assert s.integrity_ok()
