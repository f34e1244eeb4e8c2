"""Ray as the engine of ``newsprism batch --engine ray``: a window's inputs become a Ray Data dataset, analysed by
an actor pool (one actor per worker, each building the pipeline once, as an ``ingest`` worker does) with
``map_batches``; the results come back in input order. Without ``address`` Ray runs in local mode on this machine's
cores; with one (``auto``, ``ray://head:10001``) on a cluster whose nodes have newsprism installed.

An input whose analysis fails is a row with its reason (``runner._analyze_one`` catches it, and the per-input time
limit holds in the actor as in a worker); a window Ray itself cannot finish (a lost node, an actor killed) fails
its inputs with Ray's reason and the job goes on with the next window.
"""

from __future__ import annotations

import logging
import os
import pickle
from typing import Any

from newsprism.errors import UsageError
from newsprism.ingest import runner
from newsprism.ingest.runner import Item, PipelineFactory, Result


class _Analyzer:
    """One Ray Data actor: the pipeline built once, then batches of pickled inputs analysed."""

    def __init__(self, factory: PipelineFactory, max_bytes: int, time_limit: float, for_store: bool) -> None:
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        runner._init_worker(factory, max_bytes, in_pool=False, for_store=for_store, time_limit=time_limit)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        results = [pickle.dumps(runner._analyze_one(pickle.loads(b))) for b in batch["item"]]
        return {"i": batch["i"], "result": results}


class RayPool:
    """``run(items)`` as ``runner.WorkerPool`` has it, on Ray Data."""

    def __init__(
        self,
        factory: PipelineFactory,
        workers: int,
        *,
        max_bytes: int,
        time_limit: float,
        for_store: bool,
        address: str | None = None,
    ) -> None:
        try:
            import ray
        except ImportError:
            raise UsageError("--engine ray needs Ray: pip install 'newsprism[ray]'") from None
        self.ray = ray
        self.args = (factory, max_bytes, time_limit, for_store)
        self.workers = workers
        self.started = not ray.is_initialized()
        if self.started:
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": "ERROR"}
            if address:
                ray.init(address=address, **options)
            else:
                ray.init(num_cpus=workers, **options)
        logging.getLogger("ray.data").setLevel(logging.WARNING)  # the executor's INFO lines, once per window
        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False

    def run(self, items: list[Item]) -> list[Result]:
        if not items:
            return []
        rows = [{"i": i, "item": pickle.dumps(item)} for i, item in enumerate(items)]
        try:
            ds = self.ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows), self.workers * 4)))
            out = ds.map_batches(
                _Analyzer,
                fn_constructor_args=self.args,
                batch_size=4,
                compute=self.ray.data.ActorPoolStrategy(size=self.workers),
                num_cpus=1,
            ).take_all()
        except Exception as exc:  # Ray's own failure (a lost node, a killed actor): this window's inputs fail
            reason = f"not analysed: the Ray job failed on this window: {type(exc).__name__}: {str(exc)[:300]}"
            return [(raw.source, sha, None, reason) for raw, sha, _ in items]
        results: list[Result | None] = [None] * len(items)
        for r in out:
            results[int(r["i"])] = pickle.loads(r["result"])
        return [
            r if r is not None else (items[i][0].source, items[i][1], None, "not analysed: Ray returned no result for it")
            for i, r in enumerate(results)
        ]

    def shutdown(self, wait: bool = True) -> None:
        if self.started and self.ray.is_initialized():
            self.ray.shutdown()
