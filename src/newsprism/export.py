"""Export stored articles: JSON Lines (the full analysis contract), CSV and Parquet (one flat row each).

Parquet comes with tidy tables beside the articles' file: one row per quote, mention, date, claim and finding
(narrative or technique), each with its article's id, outlet, language and publication date, its offsets into the
article's text and its speaker's or actor's id, so that pandas, DuckDB and Spark join them without parsing JSON.
``out.parquet`` gets ``out.quotes.parquet``, ``out.mentions.parquet``, ``out.dates.parquet``, ``out.claims.parquet``
and ``out.findings.parquet``."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
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


# --- tidy tables: column name and type ("str", "int", "float", "bool"); every table starts with ARTICLE_KEYS ---
ARTICLE_KEYS = (("article_id", "str"), ("outlet_id", "str"), ("language", "str"), ("published", "str"))
SPAN_KEYS = (("start", "int"), ("end", "int"), ("text", "str"))
VOICE_KEYS = (("voice_kind", "str"), ("voice_name", "str"), ("voice_id", "str"), ("voice_quote", "int"))
TIDY_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "quotes": (
        *ARTICLE_KEYS,
        ("quote", "int"),
        *SPAN_KEYS,
        ("kind", "str"),
        ("speaker_name", "str"),
        ("speaker_id", "str"),
        ("speaker_actor", "str"),
        ("speaker_mention", "str"),
        ("speaker_start", "int"),
        ("speaker_end", "int"),
        ("cue", "str"),
        ("cue_start", "int"),
        ("cue_end", "int"),
        ("addressee_name", "str"),
        ("addressee_id", "str"),
        ("parent", "int"),
    ),
    "mentions": (
        *ARTICLE_KEYS,
        ("mention", "int"),
        *SPAN_KEYS,
        ("type", "str"),
        ("kind", "str"),
        ("actor_id", "str"),
        ("actor_name", "str"),
        ("role_title", "str"),
        ("role_of", "str"),
        ("how", "str"),
        ("in_registry", "bool"),
    ),
    "dates": (*ARTICLE_KEYS, *SPAN_KEYS, ("value", "str"), ("precision", "str"), ("relative", "bool")),
    "claims": (*ARTICLE_KEYS, *SPAN_KEYS, ("score", "float"), ("rank", "int"), ("cues", "str"), *VOICE_KEYS),
    "findings": (
        *ARTICLE_KEYS,
        *SPAN_KEYS,
        ("layer", "str"),
        ("finding", "str"),
        ("label", "str"),
        ("score", "float"),
        ("rule", "str"),
        ("catalogue", "str"),
        ("taxonomy", "str"),
        ("stance", "str"),
        *VOICE_KEYS,
    ),
}


def _voice(item: dict[str, Any]) -> dict[str, Any]:
    v = item.get("voice") or {}
    return {"voice_kind": v.get("kind"), "voice_name": v.get("name"), "voice_id": v.get("id"), "voice_quote": v.get("quote")}


def tidy_rows(analysis: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """One article's contract (``output.contract``) as rows of the tidy tables, in text order within each."""
    meta = analysis.get("metadata") or {}
    key = {
        "article_id": analysis["id"],
        "outlet_id": (meta.get("outlet") or {}).get("id"),
        "language": analysis.get("language"),
        "published": meta.get("published"),
    }

    def span(item: dict[str, Any]) -> dict[str, Any]:
        return {**key, "start": item["start"], "end": item["end"], "text": item.get("text")}

    quotes = []
    for i, q in enumerate(analysis.get("quotes") or []):
        sp, cue, to = q.get("speaker") or {}, q.get("cue") or {}, q.get("addressee") or {}
        quotes.append(
            {
                **span(q),
                "quote": i,
                "kind": q.get("kind"),
                "speaker_name": sp.get("name"),
                "speaker_id": sp.get("id"),
                "speaker_actor": sp.get("actor"),
                "speaker_mention": sp.get("mention"),
                "speaker_start": sp.get("start"),
                "speaker_end": sp.get("end"),
                "cue": cue.get("text"),
                "cue_start": cue.get("start"),
                "cue_end": cue.get("end"),
                "addressee_name": to.get("name"),
                "addressee_id": to.get("id"),
                "parent": q.get("parent"),
            }
        )
    mentions = [
        {
            **span(e),
            "mention": i,
            "type": e.get("type"),
            "kind": e.get("kind"),
            "actor_id": e.get("id"),
            "actor_name": e.get("name"),
            "role_title": (e.get("role") or {}).get("title"),
            "role_of": (e.get("role") or {}).get("of"),
            "how": e.get("how"),
            "in_registry": e.get("in_registry"),
        }
        for i, e in enumerate(analysis.get("entities") or [])
    ]
    dates = [
        {**span(d), "value": d.get("value"), "precision": d.get("precision"), "relative": d.get("relative")}
        for d in analysis.get("dates") or []
    ]
    claims = [
        {**span(c), "score": c.get("score"), "rank": c.get("rank"), "cues": " ".join(c.get("cues") or []), **_voice(c)}
        for c in analysis.get("claims") or []
    ]
    findings = [
        {
            **span(n),
            "layer": "narrative",
            "finding": n.get("id"),
            "label": n.get("label"),
            "score": n.get("score"),
            "rule": None,
            "catalogue": n.get("catalogue"),
            "taxonomy": n.get("taxonomy"),
            "stance": n.get("stance"),
            **_voice(n),
        }
        for n in analysis.get("narratives") or []
    ] + [
        {
            **span(t),
            "layer": "technique",
            "finding": t.get("technique"),
            "label": t.get("technique"),
            "score": t.get("confidence"),
            "rule": t.get("rule"),
            "catalogue": None,
            "taxonomy": None,
            "stance": None,
            **_voice(t),
        }
        for t in analysis.get("techniques") or []
    ]
    findings.sort(key=lambda r: (r["start"], r["end"], r["layer"]))
    return {"quotes": quotes, "mentions": mentions, "dates": dates, "claims": claims, "findings": findings}


def tidy_path(path: Path, table: str) -> Path:
    """``out.parquet`` → ``out.quotes.parquet``: where a tidy table goes beside the articles' file."""
    return path.with_name(f"{path.name.removesuffix('.parquet')}.{table}.parquet")


def write_parquet(docs: Iterable[Document], path: Path, size: int = 500) -> int:
    """The articles (one flat row each, with the whole contract as JSON in ``analysis``) to ``path``, and the tidy
    tables beside it, written in batches of ``size`` articles. Returns the number of articles."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("Parquet export needs pyarrow: pip install 'newsprism[parquet]'") from None
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    article_schema = pa.schema(
        [
            (c, pa.bool_() if c == "outlet_state_affiliated" else pa.int64() if c.startswith("n_") else pa.string())
            for c in FLAT_COLUMNS
        ]
        + [("analysis", pa.string())]
    )
    schemas = {name: pa.schema([(c, types[t]) for c, t in cols]) for name, cols in TIDY_COLUMNS.items()}
    n = 0
    writers = {name: pq.ParquetWriter(str(tidy_path(path, name)), sch, compression="zstd") for name, sch in schemas.items()}
    try:
        with pq.ParquetWriter(str(path), article_schema, compression="zstd") as writer:
            articles: list[dict[str, Any]] = []
            tidy: dict[str, list[dict[str, Any]]] = {name: [] for name in TIDY_COLUMNS}

            def flush() -> None:
                writer.write_table(pa.Table.from_pylist(articles, schema=article_schema))
                for name, rows in tidy.items():
                    writers[name].write_table(pa.Table.from_pylist(rows, schema=schemas[name]))
                    rows.clear()
                articles.clear()

            for doc in docs:
                analysis = contract(doc)
                articles.append({**flat_row(doc), "analysis": json.dumps(analysis, ensure_ascii=False)})
                for name, rows in tidy_rows(analysis).items():
                    tidy[name].extend(rows)
                n += 1
                if len(articles) >= size:
                    flush()
            if articles or not n:
                flush()
    finally:
        for w in writers.values():
            w.close()
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
