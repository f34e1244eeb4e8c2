"""Where articles come from: files, folders (recursive), JSON Lines, stdin — and how each becomes a Document.

``iter_inputs`` only finds work (cheap, lazy, picklable items); ``load_document`` does the reading,
decoding and HTML extraction, so it can run in worker processes. Every failure is an
``InputError`` with a one-line reason, and never stops the other inputs.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.document import Document, Source
from newsprism.errors import InputError
from newsprism.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes
from newsprism.ingest.html import extract_html, looks_like_html

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass(slots=True)
class RawInput:
    """One unit of work: a file to read, or a record (a JSON Lines line or stdin text) already read."""

    source: str
    path: str | None = None
    record: dict[str, Any] | None = None
    data: bytes | None = None
    error: str | None = None  # known bad before reading (a malformed JSON line)
    sha256: str = field(default="")


def _suffixes(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        else:
            with open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        raise InputError(f"cannot read: {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}") from None
    return data


def iter_inputs(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawInput]:
    """Every input under ``paths`` in a stable order; ``-`` reads stdin (JSON Lines or one text)."""
    for p in paths:
        if p == "-":
            yield from _stdin(max_bytes)
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in f.relative_to(path).parts)
                if f.is_file() and not hidden and _suffixes(f) in KNOWN_SUFFIXES:
                    yield from _file(f, max_bytes)
        elif path.exists():
            yield from _file(path, max_bytes)
        else:
            yield RawInput(source=str(path), error="does not exist")


def _file(path: Path, max_bytes: int) -> Iterator[RawInput]:
    if _suffixes(path) in JSONL_SUFFIXES:
        yield from _jsonl(path, max_bytes)
    else:
        yield RawInput(source=str(path), path=str(path))


def _jsonl(path: Path, max_bytes: int) -> Iterator[RawInput]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    yield _jsonl_record(f"{path}:{n}", line, max_bytes)
    except (OSError, EOFError) as exc:
        yield RawInput(source=str(path), error=f"cannot read: {exc}")


def _jsonl_record(source: str, line: bytes, max_bytes: int) -> RawInput:
    if len(line) > max_bytes:
        return RawInput(source=source, error=f"too large: {len(line) / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit")
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return RawInput(source=source, error=f"invalid JSON: {exc}")
    if not isinstance(record, dict):
        return RawInput(source=source, error="invalid record: a line must hold a JSON object with 'text' or 'html'")
    return RawInput(source=source, record=record, sha256=hashlib.sha256(line.strip()).hexdigest())


def _stdin(max_bytes: int) -> Iterator[RawInput]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    lines = [ln for ln in data.splitlines() if ln.strip()]
    if lines and all(ln.lstrip().startswith(b"{") for ln in lines[:3]):
        for n, line in enumerate(lines, 1):
            yield _jsonl_record(f"<stdin>:{n}", line, max_bytes)
    else:
        yield RawInput(source="<stdin>", data=data)


def source_hash(raw: RawInput, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, bytes | None]:
    """The sha256 of the raw input (what makes re-running a finished input a no-op) and its bytes."""
    if raw.sha256:
        return raw.sha256, None
    data = raw.data if raw.data is not None else _read_bytes(Path(raw.path or ""), max_bytes)
    return hashlib.sha256(data).hexdigest(), data


def load_document(raw: RawInput, max_bytes: int = DEFAULT_MAX_BYTES, data: bytes | None = None) -> Document:
    """Read, decode and (for HTML) extract one input; ``InputError`` says why it cannot be."""
    if raw.error:
        raise InputError(raw.error, raw.source)
    try:
        if raw.record is not None:
            return _from_record(raw)
        if data is None:
            data = raw.data if raw.data is not None else _read_bytes(Path(raw.path or ""), max_bytes)
        sha = raw.sha256 or hashlib.sha256(data).hexdigest()
        text = decode_bytes(data, max_bytes)
        if looks_like_html(data, raw.path or ""):
            body, hints = extract_html(text, None)
            src = Source(path=raw.path, url=hints.pop("url", None), sha256=sha, kind="html", raw=data, hints=hints)
            return Document(body, source=src)
        kind = "stdin" if raw.path is None else "text"
        return Document(text, source=Source(path=raw.path, sha256=sha, kind=kind))
    except InputError as exc:
        raise InputError(exc.reason, raw.source) from None


_HINT_KEYS = ("title", "published", "outlet", "section", "language", "author")


def _from_record(raw: RawInput) -> Document:
    rec = raw.record or {}
    if _is_export(rec):
        src = rec.get("source") or {}
        given: dict[str, Any] = src["given"] if isinstance(src.get("given"), dict) else {}
        return Document(
            rec["text"], source=Source(path=src.get("path"), url=src.get("url"), sha256=raw.sha256, kind="jsonl", hints=given)
        )
    hints = {k: rec[k] for k in _HINT_KEYS if rec.get(k) not in (None, "")}
    url = rec.get("url") or None
    if isinstance(rec.get("html"), str) and rec["html"].strip():
        body, page_hints = extract_html(rec["html"], url)
        url = url or page_hints.pop("url", None)
        merged = {**page_hints, **hints}
        return Document(
            body, source=Source(url=url, sha256=raw.sha256, kind="html", raw=rec["html"].encode("utf-8"), hints=merged)
        )
    text = rec.get("text")
    if not isinstance(text, str):
        raise InputError("invalid record: no 'text' or 'html' string")
    if not text.strip():
        raise InputError("empty: the record's text is blank")
    return Document(
        text, source=Source(url=url, path=rec.get("path"), sha256=raw.sha256, kind="jsonl", hints=_clean_hints(hints))
    )


def _is_export(rec: Mapping[str, Any]) -> bool:
    """A line of newsprism's own export: re-analysing its text reproduces everything else."""
    return isinstance(rec.get("text"), str) and isinstance(rec.get("metadata"), dict) and "id" in rec


def _clean_hints(hints: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in hints.items():
        out[k] = v.strip() if isinstance(v, str) else v
    return out
