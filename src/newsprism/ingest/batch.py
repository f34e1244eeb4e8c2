"""Corpus-scale backfills (``newsprism batch``): the same pipeline over JSON Lines, WARC, CSV or Parquet inputs, on
this machine's processes (``--engine local``) or on Ray (``--engine ray``: local mode, or a cluster by address),
writing Parquet parts and/or a database.

The inputs are read and hashed in this process a window at a time; the window's new inputs are analysed by the
engine (``pool.run``: the multiprocess pool of ``ingest``, or Ray Data's actors); the results are written as one
part: ``part-00001.parquet`` (one row per article), its tidy tables (``part-00001.quotes.parquet``, mentions, dates,
claims, findings) and ``part-00001.failures.parquet`` (one row per input that failed, with its reason). A part's
files appear together (written into a temporary folder, then moved, the articles' file last), so a killed run
leaves whole parts; running the same command again skips every input already in a part or in the database (by the
source hash) and goes on. Stories are not placed by a backfill: ``newsprism stories --update`` does it afterwards.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from newsprism.errors import UsageError
from newsprism.ingest.runner import Item, Outcome, PipelineFactory, Result, analyze_inputs, store_window, worker_pool
from newsprism.ingest.sources import RawInput
from newsprism.storage.base import Store

FAILURE_COLUMNS = ("source", "sha256", "reason")


class Pool(Protocol):
    def run(self, items: list[Item]) -> list[Result]: ...

    def shutdown(self, wait: bool = True) -> None: ...


@dataclass(slots=True)
class BatchReport:
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    parts: list[str] = field(default_factory=list)
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (source, reason) of the first failures


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("batch output needs pyarrow: pip install 'newsprism[parquet]'") from None
    return pa, pq


def parts_of(output: Path) -> list[Path]:
    """The articles' files of the whole parts in ``output``, in order."""
    return sorted(p for p in output.glob("part-*.parquet") if p.name.count(".") == 1)


def done_hashes(output: Path) -> set[str]:
    """Source hashes of the inputs the parts in ``output`` hold already: stored articles and failures. Files of a part
    without its articles' file (a run killed while moving them) are removed: that part is done again."""
    _, pq = _pyarrow()
    whole = {p.name.removesuffix(".parquet") for p in parts_of(output)}
    for p in output.glob("part-*.*.parquet"):
        if p.name.split(".", 1)[0] not in whole:
            p.unlink()
    found: set[str] = set()
    for part in sorted(whole):
        found.update(h for h in pq.read_table(output / f"{part}.parquet", columns=["source_sha256"]).column(0).to_pylist() if h)
        fails = output / f"{part}.failures.parquet"
        if fails.exists():  # an input that failed before it could be hashed (a broken line) is known by its source
            for row in pq.read_table(fails, columns=["source", "sha256"]).to_pylist():
                found.add(row["sha256"] or "source:" + row["source"])
    return found


def write_part(output: Path, number: int, window: list[Outcome]) -> str:
    """One window's articles, tidy tables and failures as part ``number``; returns the part's name."""
    from newsprism.export import write_parquet

    pa, pq = _pyarrow()
    name = f"part-{number:05d}"
    tmp = output / f".{name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    write_parquet([o.doc for o in window if o.doc is not None], tmp / f"{name}.parquet")
    failed = [{"source": o.source, "sha256": o.sha256, "reason": o.reason} for o in window if o.status == "failed"]
    schema = pa.schema([(c, pa.string()) for c in FAILURE_COLUMNS])
    pq.write_table(pa.Table.from_pylist(failed, schema=schema), tmp / f"{name}.failures.parquet", compression="zstd")
    for f in sorted(tmp.iterdir(), key=lambda p: p.name == f"{name}.parquet"):  # the articles' file last
        f.replace(output / f.name)
    tmp.rmdir()
    return name


def run_batch(
    raws: Iterable[RawInput],
    factory: PipelineFactory,
    *,
    pool: Pool | None,
    workers: int,
    output: Path | None,
    store: Store | None,
    window: int,
    max_bytes: int,
    time_limit: float,
) -> Iterator[BatchReport]:
    """Analyse ``raws`` a window at a time on ``pool`` (None: this machine's worker processes) and write each window
    to ``output`` and/or ``store``; yields the running report after each window."""
    if output is None and store is None:
        raise UsageError("give --output DIR (Parquet) and/or --db (a database) for the results")
    done: set[str] = set()
    number = 0
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        done = done_hashes(output)
        parts = parts_of(output)
        number = int(parts[-1].name[5:10]) if parts else 0

    def known(hashes: list[str]) -> set[str]:
        seen = {h for h in hashes if h in done}
        if store is not None:
            seen |= store.known_sources([h for h in hashes if h not in seen])
        return seen

    own = pool is None
    used: Any = pool or worker_pool(factory, workers, max_bytes=max_bytes, for_store=store is not None, time_limit=time_limit)
    report = BatchReport()
    finished = False
    try:
        for outcomes in analyze_inputs(raws, factory, window=window, max_bytes=max_bytes, known=known, pool=used):
            outcomes = [_seen_failure(o) if not o.sha256 and "source:" + o.source in done else o for o in outcomes]
            if store is not None:
                result = store_window(store, outcomes)
                refused = {f.sha256: f.reason for f in result.refused}
                outcomes = [Outcome(o.source, o.sha256, "failed", reason=refused[o.sha256]) if o.sha256 in refused else o
                            for o in outcomes]  # fmt: skip
            if output is not None and any(o.status != "duplicate" for o in outcomes):
                number += 1
                report.parts.append(write_part(output, number, outcomes))
            for o in outcomes:
                done.add(o.sha256 or "source:" + o.source)
                report.new += o.status == "new"
                report.duplicate += o.status == "duplicate"
                report.failed += o.status == "failed"
                if o.status == "failed" and len(report.reasons) < 20:
                    report.reasons.append((o.source, o.reason or ""))
            yield report
        finished = True
    finally:
        if own:
            used.shutdown(wait=finished)


def _seen_failure(o: Outcome) -> Outcome:
    return Outcome(o.source, o.sha256, "duplicate")
