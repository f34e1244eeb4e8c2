"""Run the pipeline over many inputs on all cores, with memory bounded by a window of inputs.

The main process finds inputs and (for ingest) skips those already stored; worker processes
read, decode and analyse. Results come back in input order, a window at a time, so that a
caller can write each window in one transaction.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import Any

from newsprism.document import Document
from newsprism.errors import InputError
from newsprism.ingest.decode import DEFAULT_MAX_BYTES
from newsprism.ingest.sources import RawInput, load_document, source_hash
from newsprism.pipeline.base import Pipeline
from newsprism.storage.sqlite import prepare_for_store


@dataclass(slots=True)
class Outcome:
    """What became of one input: ``status`` is new, duplicate or failed (with ``reason``)."""

    source: str
    sha256: str
    status: str
    doc: Document | None = None
    reason: str | None = None


PipelineFactory = Callable[[], Pipeline]

_worker_pipeline: Pipeline | None = None
_worker_max_bytes = DEFAULT_MAX_BYTES
_worker_for_store = False


def _init_worker(factory: PipelineFactory, max_bytes: int, in_pool: bool = True, for_store: bool = False) -> None:
    global _worker_pipeline, _worker_max_bytes, _worker_for_store
    if in_pool:  # Ctrl-C is the main process's to handle: it stops cleanly and says how to resume
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # one thread per worker for the embedder's OpenMP: the workers already fill the cores, and more threads
        # than cores halve the throughput
        os.environ.setdefault("OMP_NUM_THREADS", "1")
    _worker_pipeline = factory()
    _worker_max_bytes = max_bytes
    _worker_for_store = for_store


def _analyze_one(item: tuple[RawInput, str, bytes | None]) -> tuple[str, str, dict[str, Any] | None, str | None]:
    raw, sha, data = item
    assert _worker_pipeline is not None
    try:
        doc = load_document(raw, _worker_max_bytes, data)
        doc = _worker_pipeline(doc)
        if _worker_for_store:  # the stems for the search index, here in parallel rather than in the writer
            prepare_for_store(doc)
        return raw.source, sha, _pack(doc), None
    except InputError as exc:
        return raw.source, sha, None, exc.reason
    except Exception as exc:  # a bug in a stage: report it for this document and go on with the batch
        return raw.source, sha, None, f"internal error in analysis: {type(exc).__name__}: {exc}"


def _pack(doc: Document) -> dict[str, Any]:
    d = doc.to_dict()
    d["_raw"] = doc.source.raw
    return d


def _unpack(d: dict[str, Any]) -> Document:
    raw = d.pop("_raw", None)
    doc = Document.from_dict(d)
    doc.source.raw = raw
    return doc


def default_workers() -> int:
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1), 8))


def analyze_inputs(
    raws: Iterable[RawInput],
    factory: PipelineFactory,
    *,
    workers: int = 0,
    window: int = 256,
    max_bytes: int = DEFAULT_MAX_BYTES,
    known: Callable[[list[str]], set[str]] | None = None,
    for_store: bool = False,
) -> Iterator[list[Outcome]]:
    """Yield outcomes a window at a time, in input order. ``known`` names source hashes to skip as duplicates."""
    workers = workers or default_workers()
    it = iter(raws)
    executor: Executor | None = None
    if workers > 1:
        # forkserver, not fork: a parent that has run the embedder holds OpenMP threads, and a forked child calling
        # into it again can hang; forkserver children start from a clean interpreter
        ctx = multiprocessing.get_context("forkserver")
        executor = ProcessPoolExecutor(
            workers, mp_context=ctx, initializer=_init_worker, initargs=(factory, max_bytes, True, for_store)
        )
    else:
        _init_worker(factory, max_bytes, in_pool=False, for_store=for_store)
    finished = False
    try:
        while chunk := list(islice(it, window)):
            yield _run_window(chunk, executor, known, max_bytes, workers)
        finished = True
    finally:
        if executor is not None:
            executor.shutdown(wait=finished, cancel_futures=True)


def _run_window(
    chunk: list[RawInput], executor: Executor | None, known: Callable[[list[str]], set[str]] | None, max_bytes: int, workers: int
) -> list[Outcome]:
    out: list[Outcome | None] = [None] * len(chunk)
    hashed: list[tuple[int, tuple[RawInput, str, bytes | None]]] = []
    for i, raw in enumerate(chunk):
        if raw.error:
            out[i] = Outcome(raw.source, raw.sha256, "failed", reason=raw.error)
            continue
        try:
            sha, data = source_hash(raw, max_bytes)
        except InputError as exc:
            out[i] = Outcome(raw.source, "", "failed", reason=exc.reason)
            continue
        hashed.append((i, (raw, sha, data)))
    seen = known([item[1] for _, item in hashed]) if known else set()
    todo = []
    for i, item in hashed:
        if item[1] in seen:
            out[i] = Outcome(item[0].source, item[1], "duplicate")
        else:
            todo.append((i, item))
    items = [item for _, item in todo]
    if executor is not None:
        results = list(executor.map(_analyze_one, items, chunksize=max(1, len(items) // (workers * 4))))
    else:
        results = [_analyze_one(item) for item in items]
    for (i, _), (source, sha, packed, reason) in zip(todo, results, strict=True):
        out[i] = Outcome(source, sha, "new", _unpack(packed)) if packed else Outcome(source, sha, "failed", reason=reason)
    return [o for o in out if o is not None]
