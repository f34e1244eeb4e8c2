"""Ingest records sent to the API: the same path as ``newsprism ingest`` for JSON Lines records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsprism.ingest.decode import DEFAULT_MAX_BYTES
from newsprism.ingest.runner import analyze_inputs
from newsprism.ingest.sources import _jsonl_record
from newsprism.pipeline import default_pipeline
from newsprism.storage import Failure, open_store


def ingest_records(db: str | Path, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Analyse and store ``records`` in one transaction; each bad one gets its reason, the good ones are stored."""
    raws = [
        _jsonl_record(f"api[{i}]", json.dumps(r, ensure_ascii=False).encode("utf-8"), DEFAULT_MAX_BYTES)
        for i, r in enumerate(records)
    ]
    store = open_store(db)
    try:
        results: list[dict[str, Any]] = []
        new = dup = failed = 0
        for outcomes in analyze_inputs(raws, default_pipeline, workers=1, known=store.known_sources):
            docs = [o.doc for o in outcomes if o.status == "new" and o.doc is not None]
            fails = [Failure(o.source, o.reason or "", o.sha256) for o in outcomes if o.status == "failed"]
            store.write_batch(docs, fails)
            for o in outcomes:
                results.append(
                    {"source": o.source, "status": o.status, "id": o.doc.id if o.doc is not None else None, "reason": o.reason}
                )
                new += o.status == "new"
                dup += o.status == "duplicate"
                failed += o.status == "failed"
        return {"new": new, "duplicate": dup, "failed": failed, "results": results}
    finally:
        store.close()
