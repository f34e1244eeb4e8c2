"""Run the pipeline over many inputs on all cores, with memory bounded by a window of inputs.

The main process finds inputs and (for ingest) skips those already stored; worker processes
read, decode and analyse. Results come back in input order, a window at a time, so that a
caller can write each window in one transaction.

No input takes the batch down: an analysis over the time limit is abandoned with a reason (an alarm in the
worker; a worker stuck in native code past the limit is killed and replaced); a worker that dies (killed, out of
memory) is replaced and its unfinished inputs are run again, and an input that kills a worker on its own gets a
reason. Workers watch the main process and exit when it is gone, so a killed ingest leaves no processes behind.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from types import FrameType
from typing import Any

from newsprism.document import Document
from newsprism.errors import InputError
from newsprism.ingest.decode import DEFAULT_MAX_BYTES
from newsprism.ingest.sources import RawInput, load_document, source_hash
from newsprism.pipeline.base import Pipeline
from newsprism.storage.base import BatchResult, Failure, Store
from newsprism.storage.stemming import SearchFields, search_fields


@dataclass(slots=True)
class Outcome:
    """What became of one input: ``status`` is new, duplicate or failed (with ``reason``)."""

    source: str
    sha256: str
    status: str
    doc: Document | None = None
    reason: str | None = None
    search: SearchFields | None = None  # the full-text index's fields, computed in the worker (``for_store``)


PipelineFactory = Callable[[], Pipeline]

_worker_pipeline: Pipeline | None = None
_worker_max_bytes = DEFAULT_MAX_BYTES
_worker_for_store = False
_worker_time_limit = 0.0
WATCH_SECONDS = 1.0  # how often a worker looks whether the main process is still there
GRACE_SECONDS = 30.0  # past the time limit, how long a worker stuck in native code gets before it is killed


class AnalysisTimeout(BaseException):
    """Raised in a worker by the alarm when an input's analysis runs over the time limit. A BaseException, so that
    no ``except Exception`` in a stage or library swallows it."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise AnalysisTimeout


def _process_state(pid: int) -> tuple[str, str] | None:
    """(state, start time) of a process from /proc, or None when it is gone; ("", "") where there is no /proc."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # someone else's process under this pid: /proc tells whether it is still ours
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return fields[0].decode(), fields[19].decode()
    except (OSError, IndexError):
        return ("", "") if not os.path.isdir("/proc") else None


def _watch_parent(parent: int) -> None:
    """Exit this worker as soon as the main process is gone (kill -9 leaves it no chance to shut the pool down):
    a pid that no longer exists, is a zombie, or was reused by a process started later."""
    first = _process_state(parent)
    while True:
        time.sleep(WATCH_SECONDS)
        now = _process_state(parent)
        if now is None or now[0] in ("Z", "X") or (first is not None and now[1] != first[1]):
            os._exit(70)


def _init_worker(
    factory: PipelineFactory,
    max_bytes: int,
    in_pool: bool = True,
    for_store: bool = False,
    time_limit: float = 0.0,
    parent: int = 0,
) -> None:
    global _worker_pipeline, _worker_max_bytes, _worker_for_store, _worker_time_limit
    if in_pool:  # Ctrl-C is the main process's to handle: it stops cleanly and says how to resume
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # one thread per worker for the embedder's OpenMP: the workers already fill the cores, and more threads
        # than cores halve the throughput
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        if parent:
            threading.Thread(target=_watch_parent, args=(parent,), name="newsprism-watch-parent", daemon=True).start()
    _worker_pipeline = factory()
    _worker_max_bytes = max_bytes
    _worker_for_store = for_store
    _worker_time_limit = time_limit
    if time_limit:
        _warm_up(_worker_pipeline)


WARM_UP = (
    "Berlin (dpa) - „Wir prüfen das“, sagte die Ministerin am Mittwoch.",
    'LONDON (Reuters) - "We will look at it," the minister said on Wednesday.',
    "МОСКВА, 3 марта (ТАСС). «Мы это изучим», — заявил министр во вторник.",
)


def _warm_up(pipeline: Pipeline) -> None:
    """Run the pipeline once per language before the first input, so that loading models and dictionaries (seconds,
    once per worker) is not counted against an input's time limit."""
    for text in WARM_UP:
        try:
            pipeline(Document(text))
        except Exception:  # a pipeline that cannot read these will say so on the real inputs
            return


def _analyze_one(item: tuple[RawInput, str, bytes | None]) -> tuple[str, str, dict[str, Any] | None, str | None]:
    raw, sha, data = item
    assert _worker_pipeline is not None
    alarm = _worker_time_limit > 0 and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, _on_alarm) if alarm else None
    try:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, _worker_time_limit)
        doc = load_document(raw, _worker_max_bytes, data)
        doc = _worker_pipeline(doc)
        packed = _pack(doc)
        if _worker_for_store:  # the stems for the search index, here in parallel rather than in the writer
            packed["_search"] = tuple(search_fields(doc))
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
        return raw.source, sha, packed, None
    except AnalysisTimeout:
        return raw.source, sha, None, _timeout_reason(_worker_time_limit)
    except InputError as exc:
        return raw.source, sha, None, exc.reason
    except RecursionError:
        return raw.source, sha, None, "too deeply nested to analyse (the structure of this input is pathological)"
    except MemoryError:
        return raw.source, sha, None, "out of memory while analysing this input"
    except Exception as exc:  # a bug in a stage: report it for this document and go on with the batch
        return raw.source, sha, None, f"internal error in analysis: {type(exc).__name__}: {exc}"
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _timeout_reason(limit: float) -> str:
    return f"too slow: the analysis took over the {limit:g} s limit and was abandoned (raise it with --time-limit)"


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
    time_limit: float = 0.0,
    pool: WorkerPool | None = None,
) -> Iterator[list[Outcome]]:
    """Yield outcomes a window at a time, in input order. ``known`` names source hashes to skip as duplicates;
    ``time_limit`` (seconds, 0 for none) bounds one input's analysis. A kept ``pool`` (see ``worker_pool``) is
    used instead of starting one, and left running; it brings its own pipeline, limits and time limit."""
    workers = workers or default_workers()
    it = iter(raws)
    kept = pool is not None
    if pool is None and workers > 1:
        pool = worker_pool(factory, workers, max_bytes=max_bytes, for_store=for_store, time_limit=time_limit)
    elif pool is None:
        _init_worker(factory, max_bytes, in_pool=False, for_store=for_store, time_limit=time_limit)
    finished = False
    try:
        while chunk := list(islice(it, window)):
            yield _run_window(chunk, pool, known, max_bytes)
        finished = True
    finally:
        if pool is not None and not kept:
            pool.shutdown(wait=finished)


def store_window(store: Store, window: Sequence[Outcome]) -> BatchResult:
    """Write one window of outcomes in one batch: its new documents, with the search fields their workers
    computed, and its failures with their reasons."""
    docs = [o.doc for o in window if o.doc is not None]
    fails = [Failure(o.source, o.reason or "", o.sha256) for o in window if o.status == "failed"]
    return store.write_batch(docs, fails, {o.sha256: o.search for o in window if o.search is not None})


def worker_pool(
    factory: PipelineFactory, workers: int, *, max_bytes: int, for_store: bool = False, time_limit: float = 0.0
) -> WorkerPool:
    """Worker processes for ``analyze_inputs(pool=…)``: each builds ``factory``'s pipeline once; an input over
    ``time_limit`` is abandoned with its reason and a worker that dies or sticks is replaced. Also for a caller
    that is not the main thread (a web server's), where a time limit needs a process of its own."""
    return WorkerPool(workers, (factory, max_bytes, True, for_store, time_limit, os.getpid()), time_limit)


Item = tuple[RawInput, str, bytes | None]
Result = tuple[str, str, dict[str, Any] | None, str | None]


class WorkerPool:
    """Worker processes that survive their workers: a dead or stuck worker is replaced and its inputs retried."""

    def __init__(self, workers: int, initargs: tuple[Any, ...], time_limit: float) -> None:
        self.workers = workers
        self.initargs = initargs
        self.time_limit = time_limit
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # forkserver, not fork: a parent that has run the embedder holds OpenMP threads, and a forked child calling
        # into it again can hang; forkserver children start from a clean interpreter
        ctx = multiprocessing.get_context("forkserver")
        return ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker, initargs=self.initargs)

    def _restart(self) -> None:
        self.shutdown(wait=False)
        self.executor = self._start()

    def shutdown(self, wait: bool) -> None:
        """Stop the pool; without ``wait`` (an interrupt, a dead or stuck worker) its workers are killed too."""
        procs = list((getattr(self.executor, "_processes", None) or {}).values())
        self.executor.shutdown(wait=wait, cancel_futures=True)
        if not wait:
            for proc in procs:
                if proc.is_alive():
                    proc.kill()

    def run(self, items: list[Item]) -> list[Result]:
        """Analyse ``items``. Those whose worker died are run once more together; those lost again, and those that
        were running when the pool stalled past the time limit, are run one at a time, so that only an input that
        kills or stalls a worker by itself fails, with its reason."""
        results: dict[int, Result] = {}
        lost, suspects = self._attempt(dict(enumerate(items)), results)
        if lost:
            lost, more = self._attempt(lost, results)
            suspects.update(more)
        for i, item in {**lost, **suspects}.items():
            died, stalled = self._attempt({i: item}, results)
            if died or stalled:
                raw, sha, _ = item
                reason = _lost_reason() if died else _timeout_reason(self.time_limit) + " (stuck in native code)"
                results[i] = (raw.source, sha, None, reason)
        return [results[i] for i in range(len(items))]

    def _attempt(self, todo: dict[int, Item], results: dict[int, Result]) -> tuple[dict[int, Item], dict[int, Item]]:
        """Run ``todo`` in the pool, filling ``results``. Returns the inputs that did not finish because a worker
        died, and those that were running when nothing had finished for the time limit and its grace (one of
        them is stuck past the alarm, in native code); either way the pool is replaced."""
        futures: dict[Future[Result], int] = {self.executor.submit(_analyze_one, item): i for i, item in todo.items()}
        lost: dict[int, Item] = {}
        pending = set(futures)
        hard_limit = self.time_limit + GRACE_SECONDS if self.time_limit else None
        while pending:
            done, pending = wait(pending, timeout=hard_limit, return_when=FIRST_COMPLETED)
            if not done:
                suspects = {futures[f]: todo[futures[f]] for f in pending if f.running()}
                lost.update({futures[f]: todo[futures[f]] for f in pending if not f.running()})
                self._restart()
                return lost, suspects
            for f in done:
                try:
                    results[futures[f]] = f.result()
                except BrokenProcessPool:
                    lost[futures[f]] = todo[futures[f]]
        if lost:
            self._restart()
        return lost, {}


def _lost_reason() -> str:
    return "not analysed: the worker analysing it died (killed, or out of memory) on this input alone, after a retry"


def _run_window(
    chunk: list[RawInput], pool: WorkerPool | None, known: Callable[[list[str]], set[str]] | None, max_bytes: int
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
    results = pool.run(items) if pool is not None else [_analyze_one(item) for item in items]
    for (i, _), (source, sha, packed, reason) in zip(todo, results, strict=True):
        if packed:
            search = packed.pop("_search", None)
            fields = SearchFields(*search) if search else None
            out[i] = Outcome(source, sha, "new", _unpack(packed), search=fields)
        else:
            out[i] = Outcome(source, sha, "failed", reason=reason)
    return [o for o in out if o is not None]
