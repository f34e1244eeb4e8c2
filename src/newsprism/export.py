"""Export stored articles: JSON Lines (the full analysis contract), CSV and Parquet (one flat row each)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from newsprism.document import Document
from newsprism.errors import UsageError
from newsprism.output import ANALYSIS_LAYERS, contract

FORMATS = ("jsonl", "csv", "parquet")
FLAT_COLUMNS = (
    "id",
    "title",
    "published",
    "published_precision",
    "captured",
    "outlet",
    "outlet_id",
    "outlet_country",
    "outlet_state_affiliated",
    "section",
    "language",
    "dateline_place",
    "dateline_agency",
    "key_points",
    "source_path",
    "source_url",
    "source_sha256",
    *(f"n_{name}" for name in ANALYSIS_LAYERS),
    "text",
)


def flat_row(doc: Document) -> dict[str, Any]:
    """One article as a flat record (for spreadsheets and data frames)."""
    m = doc.meta
    outlet = m.get("outlet") or {}
    dateline = m.get("dateline") or {}
    row: dict[str, Any] = {
        "id": doc.id,
        "title": m.get("title"),
        "published": m.get("published"),
        "published_precision": m.get("published_precision"),
        "captured": m.get("captured"),
        "outlet": outlet.get("name"),
        "outlet_id": outlet.get("id"),
        "outlet_country": outlet.get("country"),
        "outlet_state_affiliated": outlet.get("state_affiliated"),
        "section": m.get("section"),
        "language": m.get("language"),
        "dateline_place": dateline.get("place"),
        "dateline_agency": dateline.get("agency"),
        "key_points": " | ".join(m.get("key_points") or []),
        "source_path": doc.source.path,
        "source_url": doc.source.url,
        "source_sha256": doc.source.sha256,
    }
    for name in ANALYSIS_LAYERS:
        row[f"n_{name}"] = len(doc.layer(name))
    row["text"] = doc.text
    return row


def write_jsonl(docs: Iterable[Document], out: IO[str]) -> int:
    n = 0
    for doc in docs:
        out.write(json.dumps(contract(doc), ensure_ascii=False) + "\n")
        n += 1
    return n


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text: nested values as JSON, a formula ("=HYPERLINK(…)") defused
    with a leading apostrophe, as OWASP advises against CSV injection. Scraped titles and texts are the attacker's."""
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(docs: Iterable[Document], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for doc in docs:
        writer.writerow({k: csv_cell(v) for k, v in flat_row(doc).items()})
        n += 1
    return n


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for doc in docs:
        row = flat_row(doc)
        row["analysis"] = json.dumps(contract(doc), ensure_ascii=False)
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(docs: Iterable[Document], path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("Parquet export needs pyarrow: pip install 'newsprism[parquet]'") from None
    schema = pa.schema(
        [
            (c, pa.bool_() if c == "outlet_state_affiliated" else pa.int64() if c.startswith("n_") else pa.string())
            for c in FLAT_COLUMNS
        ]
        + [("analysis", pa.string())]
    )
    n = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        for batch in _batches(docs, 500):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def export(docs: Iterable[Document], fmt: str, output: str | None) -> int:
    """Write ``docs`` in ``fmt`` to ``output`` (a path; stdout for jsonl/csv when None). Returns the count."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not output or output == "-":
            raise UsageError("Parquet is binary: give a file with --output")
        return write_parquet(docs, Path(output))
    writer = write_jsonl if fmt == "jsonl" else write_csv
    if not output or output == "-":
        return writer(docs, sys.stdout)
    with open(output, "w", encoding="utf-8", newline="" if fmt == "csv" else None) as fh:
        return writer(docs, fh)
