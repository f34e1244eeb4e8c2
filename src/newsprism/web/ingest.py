"""Ingest records sent to the API: the same path as ``newsprism ingest`` for JSON Lines records; a record that gives
only a ``url`` is fetched under the same rules as ``newsprism fetch`` (public addresses only, robots.txt).

The analysis runs in a kept worker process, not in the server: a server thread cannot be interrupted, so only a
process of its own gives each input the time limit (``$NEWSPRISM_ANALYSIS_SECONDS``) — an input over it is
abandoned with its reason and the worker replaced — and the server does not hold the pipeline's models. Requests
are analysed one at a time (the database has one writer anyway)."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from newsprism.fetch.client import Fetcher
from newsprism.ingest.runner import WorkerPool, analyze_inputs, store_window, worker_pool
from newsprism.ingest.sources import _jsonl_record, with_pages
from newsprism.pipeline import default_pipeline
from newsprism.settings import settings
from newsprism.storage import open_store


def _line(record: Any) -> bytes:
    """A record as the JSON Lines line it would be in a file (its hash makes re-sending it a no-op). Text that is
    not Unicode (a lone surrogate) is kept escaped, so that the record gets its reason instead of breaking."""
    try:
        return json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(record).encode("ascii")


_lock = threading.Lock()
_kept: dict[tuple[int, float], WorkerPool] = {}


def _pool(max_bytes: int, time_limit: float) -> WorkerPool:
    """The kept worker for these limits (started at the first ingest; a change of the settings starts a new one)."""
    key = (max_bytes, time_limit)
    if key not in _kept:
        close_pool()
        _kept[key] = worker_pool(default_pipeline, 1, max_bytes=max_bytes, for_store=True, time_limit=time_limit)
    return _kept[key]


def close_pool() -> None:
    """Stop the kept worker, if one was started (the app's shutdown)."""
    while _kept:
        _kept.popitem()[1].shutdown(wait=True)


def ingest_records(db: str | Path, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Analyse and store ``records`` in one transaction; each bad one gets its reason, the good ones are stored."""
    with _lock:
        return _ingest(db, records)


def _ingest(db: str | Path, records: list[dict[str, Any]]) -> dict[str, Any]:
    cfg = settings()
    max_bytes = cfg.max_bytes
    pool = _pool(max_bytes, cfg.analysis_seconds)
    store = open_store(db)
    fetcher = Fetcher(max_bytes=max_bytes, state=store)  # the default rule: public addresses only, robots.txt honoured
    raws = with_pages([_jsonl_record(f"api[{i}]", _line(r), max_bytes) for i, r in enumerate(records)], fetcher, max_bytes)
    try:
        results: list[dict[str, Any]] = []
        new = dup = failed = 0
        for outcomes in analyze_inputs(raws, default_pipeline, pool=pool, known=store.known_sources):
            refused = {f.sha256: f.reason for f in store_window(store, outcomes).refused}
            for o in outcomes:
                if o.status == "new" and o.sha256 in refused:
                    o.status, o.reason, o.doc = "failed", refused[o.sha256], None
                results.append(
                    {"source": o.source, "status": o.status, "id": o.doc.id if o.doc is not None else None, "reason": o.reason}
                )
                new += o.status == "new"
                dup += o.status == "duplicate"
                failed += o.status == "failed"
        return {"new": new, "duplicate": dup, "failed": failed, "results": results}
    finally:
        fetcher.close()
        store.close()
