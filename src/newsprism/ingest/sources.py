"""Where articles come from: files, folders (recursive), JSON Lines, stdin, URLs, WARC files, CSV, ZIP and tar
archives — and how each becomes a Document.

``iter_inputs`` only finds work (cheap, lazy, picklable items); ``load_document`` does the reading,
decoding and HTML extraction, so it can run in worker processes. Every failure is an
``InputError`` with a one-line reason, and never stops the other inputs.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsprism.document import Document, Source
from newsprism.errors import InputError
from newsprism.ingest import archives
from newsprism.ingest.decode import DEFAULT_MAX_BYTES, decode_text, too_large
from newsprism.ingest.html import extract_html, looks_like_html

if TYPE_CHECKING:
    from newsprism.fetch.client import Fetcher

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = (
    TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | {".warc", ".arc", ".csv", ".tsv", ".zip", ".tar", ".tgz", ".parquet"}
)


@dataclass(slots=True)
class RawInput:
    """One unit of work: a file to read, or a record (a JSON Lines line or stdin text) already read."""

    source: str
    path: str | None = None
    record: dict[str, Any] | None = None
    data: bytes | None = None
    error: str | None = None  # known bad before reading (a malformed JSON line)
    sha256: str = field(default="")
    warnings: list[str] = field(default_factory=list)  # how reading it was less than sure (a fetched page's charset)


def _suffixes(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def shown(path: Path | str) -> str:
    """A path as it can be shown and stored: a file name that is not UTF-8 keeps its bytes as ``\\xff`` escapes."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise too_large(max_bytes, what=" unpacked")
        else:
            # O_NONBLOCK: a FIFO swapped in after the input was found must not hang the worker
            with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as fh:
                info = os.fstat(fh.fileno())
                if not stat.S_ISREG(info.st_mode):
                    raise InputError(f"refused: {_kind(info.st_mode)}, not a regular file")
                if info.st_size > max_bytes:
                    raise too_large(max_bytes, info.st_size)
                data = fh.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        raise InputError(f"cannot read: {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}") from None
    return data


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "a special file"


def _refusal(path: Path, root: Path | None) -> str | None:
    """Why ``path`` is not read: a special file, or (inside a folder) a symbolic link that leads out of it."""
    try:
        info = path.stat()
    except OSError as exc:
        return "a broken symbolic link" if path.is_symlink() else f"cannot read: {exc.strerror or exc}"
    if not stat.S_ISREG(info.st_mode):
        return f"refused: {_kind(info.st_mode)}, not a regular file"
    if root is not None and path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            return "refused: a symbolic link to a file outside the folder being read"
    return None


def iter_inputs(
    paths: Iterable[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    fetcher: Fetcher | None = None,
    columns: Mapping[str, str] | None = None,
) -> Iterator[RawInput]:
    """Every input under ``paths`` in a stable order; ``-`` reads stdin (JSON Lines or one text); an http(s) URL is
    fetched with ``fetcher``; ``columns`` maps fields to the columns of CSV files. A record that gives only a
    ``url`` (no text, no html) is fetched too, its other fields kept."""
    items = _inputs(paths, max_bytes, fetcher, columns)
    yield from items if fetcher is None else with_pages(items, fetcher, max_bytes)


def with_pages(raws: Iterable[RawInput], fetcher: Fetcher, max_bytes: int) -> Iterator[RawInput]:
    """``raws`` with each record that gives only a ``url`` replaced by its page, fetched, with its other fields."""
    for raw in raws:
        rec = raw.record
        if rec is not None and not rec.get("text") and not rec.get("html") and isinstance(rec.get("url"), str):
            page = fetch_input(fetcher, rec["url"], max_bytes)
            if page.record is not None:
                page = record_input(raw.source, {**{k: v for k, v in rec.items() if k in _HINT_KEYS}, **page.record})
            else:
                page.source = raw.source
            yield page
        else:
            yield raw


def _inputs(
    paths: Iterable[str], max_bytes: int, fetcher: Fetcher | None, columns: Mapping[str, str] | None
) -> Iterator[RawInput]:
    for p in paths:
        if p == "-":
            yield from _stdin(max_bytes)
            continue
        if p.lower().startswith(("http://", "https://")):
            if fetcher is None:
                yield RawInput(source=p, error="a URL: give it to a command that fetches (fetch, ingest, analyze)")
            else:
                yield fetch_input(fetcher, p, max_bytes)
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in f.relative_to(path).parts)
                if hidden or _suffixes(f) not in KNOWN_SUFFIXES or (f.is_dir() and not f.is_symlink()):
                    continue
                refused = _refusal(f, path)
                if refused:
                    yield RawInput(source=shown(f), error=refused)
                else:
                    yield from _file(f, max_bytes, columns or {})
        elif path.exists() or path.is_symlink():
            refused = _refusal(path, None)
            if refused:
                yield RawInput(source=shown(path), error=refused)
            else:
                yield from _file(path, max_bytes, columns or {})
        else:
            yield RawInput(source=shown(path), error="does not exist")


def _file(path: Path, max_bytes: int, columns: Mapping[str, str]) -> Iterator[RawInput]:
    kind = archives.kind_of(path.name)
    name = shown(path)
    if kind == "zip":
        for member, stream, error in archives.zip_members(path, max_bytes):
            yield from _member(f"{name}/{shown(member)}" if member else name, member, stream, error, max_bytes, columns)
    elif kind == "tar":
        for member, stream, error in archives.tar_members(path, max_bytes):
            yield from _member(f"{name}/{shown(member)}" if member else name, member, stream, error, max_bytes, columns)
    elif kind in ("warc", "csv"):
        try:
            with gzip.open(path, "rb") if kind == "csv" and path.name.lower().endswith(".gz") else open(path, "rb") as fh:
                yield from _records(kind, fh, name, max_bytes, columns)
        except (OSError, EOFError) as exc:
            yield RawInput(source=name, error=f"cannot read: {exc}")
    elif kind == "parquet":
        for source, record, error in archives.parquet_records(path, name, columns, max_bytes):
            yield RawInput(source=source, error=error) if error or record is None else record_input(source, record)
    elif _suffixes(path) in JSONL_SUFFIXES:
        yield from _jsonl(path, max_bytes)
    else:
        yield RawInput(source=name, path=str(path))


def _records(kind: str, fh: Any, name: str, max_bytes: int, columns: Mapping[str, str]) -> Iterator[RawInput]:
    rows = archives.warc_records(fh, name, max_bytes) if kind == "warc" else archives.csv_records(fh, name, columns, max_bytes)
    for source, record, error in rows:
        yield RawInput(source=source, error=error) if error or record is None else record_input(source, record)


def _member(
    source: str, member: str, stream: Any, error: str | None, max_bytes: int, columns: Mapping[str, str]
) -> Iterator[RawInput]:
    """One file of a ZIP or tar archive, by its name's kind; an archive inside an archive is not opened."""
    if error or stream is None:
        yield RawInput(source=source, error=error or "cannot read the archive member")
        return
    kind = archives.kind_of(member)
    try:
        if kind in ("zip", "tar"):
            yield RawInput(source=source, error="refused: an archive inside an archive is not unpacked")
        elif kind == "parquet":
            yield RawInput(source=source, error="not read: a Parquet file inside an archive (unpack it and give it as a file)")
        elif kind in ("warc", "csv"):
            yield from _records(
                kind, gzip.GzipFile(fileobj=stream) if member.lower().endswith(".csv.gz") else stream, source, max_bytes, columns
            )
        elif _suffixes(Path(member)) in JSONL_SUFFIXES:
            fh = gzip.GzipFile(fileobj=stream) if member.lower().endswith(".gz") else stream
            for n, line in _lines(fh, max_bytes):
                if line is None:
                    yield RawInput(source=f"{source}:{n}", error=too_large(max_bytes, what="a line of").reason)
                elif line.strip():
                    yield _jsonl_record(f"{source}:{n}", line, max_bytes)
        elif _suffixes(Path(member)) in TEXT_SUFFIXES | HTML_SUFFIXES:
            data = (gzip.GzipFile(fileobj=stream) if member.lower().endswith(".gz") else stream).read(max_bytes + 1)
            if len(data) > max_bytes:
                yield RawInput(source=source, error=too_large(max_bytes, what="unpacked").reason)
            else:
                yield RawInput(source=source, data=data, path=member)
    except InputError as exc:
        yield RawInput(source=source, error=exc.reason)
    except (OSError, EOFError) as exc:
        yield RawInput(source=source, error=f"cannot read the archive member: {exc}")


def record_input(source: str, record: dict[str, Any]) -> RawInput:
    """A record (a WARC response, a CSV row, a fetched page) as a JSON Lines record would be: checked, hashed."""
    problem = record_problem(record)
    if problem:
        return RawInput(source=source, error=f"invalid record: {problem}")
    line = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return RawInput(source=source, record=record, sha256=hashlib.sha256(line).hexdigest())


def fetch_input(fetcher: Fetcher, url: str, max_bytes: int) -> RawInput:
    """A URL fetched now: its page as a record with the URL it ended at, the one asked for, and the fetch time."""
    try:
        got = fetcher.get(url, conditional=False)
        text, warnings = got.text(max_bytes)
    except InputError as exc:
        return RawInput(source=url, error=exc.reason)
    record: dict[str, Any] = {"url": got.final_url, "fetched_at": got.fetched_at}
    if got.final_url != url:
        record["requested_url"] = url
    record["text" if got.content_type == "text/plain" else "html"] = text
    raw = record_input(url, record)
    raw.warnings = warnings
    return raw


def _lines(fh: Any, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """The lines of a binary stream, numbered; a line over ``max_bytes`` is skipped while streaming (``None``), so
    that memory stays at the limit however long the line is (a one-line gzip bomb)."""
    n = 0
    while line := fh.readline(max_bytes + 1):
        n += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield n, None
        else:
            yield n, line


def _jsonl(path: Path, max_bytes: int) -> Iterator[RawInput]:
    name = shown(path)
    try:
        with gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb") as fh:
            for n, line in _lines(fh, max_bytes):
                if line is None:
                    yield RawInput(source=f"{name}:{n}", error=too_large(max_bytes, what="a line of").reason)
                elif line.strip():
                    yield _jsonl_record(f"{name}:{n}", line, max_bytes)
    except (OSError, EOFError) as exc:
        yield RawInput(source=name, error=f"cannot read: {exc}")


def _jsonl_record(source: str, line: bytes, max_bytes: int) -> RawInput:
    if len(line) > max_bytes:
        return RawInput(source=source, error=too_large(max_bytes, len(line), " of JSON").reason)
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return RawInput(source=source, error=f"invalid JSON: {exc}")
    except RecursionError:
        return RawInput(source=source, error="invalid JSON: nested too deeply for a news record")
    if not isinstance(record, dict):
        return RawInput(source=source, error="invalid record: a line must hold a JSON object with 'text' or 'html'")
    problem = record_problem(record)
    if problem:
        return RawInput(source=source, error=f"invalid record: {problem}")
    return RawInput(source=source, record=record, sha256=hashlib.sha256(line.strip()).hexdigest())


_HINT_KEYS = ("title", "published", "outlet", "section", "language", "author", "fetched_at", "requested_url")
_STRING_FIELDS = ("text", "html", "url", "path", *_HINT_KEYS)  # every field a record gives that must be a string


def record_problem(record: Mapping[str, Any]) -> str | None:
    """What makes a record unusable, before it reaches a stage or the database: a field of the wrong type, text
    that is not Unicode (a lone surrogate from a ``\\ud800`` escape)."""
    for key in _STRING_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            return f"'{key}' must be a string, not {_json_type(value)}"
        bad = _surrogate_at(value)
        if bad is not None:
            return f"'{key}' holds a lone surrogate (\\u{ord(value[bad]):04x} at character {bad}), which is not text"
    return None


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {dict: "an object", list: "a list", int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _surrogate_at(text: str) -> int | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def _stdin(max_bytes: int) -> Iterator[RawInput]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield RawInput(source="<stdin>", error=too_large(max_bytes, what="standard input").reason)
        return
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
            doc = _from_record(raw)
            doc.source.warnings = [*raw.warnings, *doc.source.warnings]
            return doc
        if data is None:
            data = raw.data if raw.data is not None else _read_bytes(Path(raw.path or ""), max_bytes)
        sha = raw.sha256 or hashlib.sha256(data).hexdigest()
        text, warnings = decode_text(data, max_bytes)
        path = None if raw.path is None else raw.source
        if looks_like_html(data, raw.path or ""):
            body, hints = extract_html(text, None)
            url = hints.pop("url", None)
            src = Source(path=path, url=url, sha256=sha, kind="html", raw=data, hints=hints, warnings=warnings)
            return Document(body, source=src)
        kind = "stdin" if raw.path is None else "text"
        return Document(text, source=Source(path=path, sha256=sha, kind=kind, warnings=warnings))
    except InputError as exc:
        raise InputError(exc.reason, raw.source) from None


def _from_record(raw: RawInput) -> Document:
    rec = raw.record or {}
    if _is_export(rec):
        src: dict[str, Any] = rec["source"] if isinstance(rec.get("source"), dict) else {}
        given: dict[str, Any] = src["given"] if isinstance(src.get("given"), dict) else {}
        problem = record_problem(
            {**{k: v for k, v in given.items() if k in _HINT_KEYS}, "path": src.get("path"), "url": src.get("url")}
        )
        if problem:
            raise InputError(f"invalid record: in 'source': {problem}")
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
