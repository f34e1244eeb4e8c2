"""Archives and dumps as streams of inputs: WARC files (warcio: gzip members, Common Crawl News response records),
CSV with a column mapping, and ZIP and tar archives of any readable format (tar read as a stream).

Memory stays flat in the archive's size: records, rows and members are read one at a time, each up to the size
limit, and what is over it is skipped with a reason. Each item's ``source`` says where in the archive it was
(``news.warc.gz#1234`` is the record at byte 1234; ``dump.zip/articles.csv:17`` the row on line 17).
"""

from __future__ import annotations

import csv
import io
import tarfile
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any, cast

from newsprism.errors import InputError, UsageError
from newsprism.ingest.decode import decode_declared, too_large

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
CSV_SUFFIXES = (".csv", ".csv.gz", ".tsv", ".tsv.gz")
PARQUET_SUFFIXES = (".parquet",)
ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
COLUMN_FIELDS = ("text", "html", "title", "url", "published", "outlet", "section", "language", "author")


def kind_of(name: str) -> str | None:
    low = name.lower()
    for kind, suffixes in (
        ("warc", WARC_SUFFIXES),
        ("tar", TAR_SUFFIXES),
        ("zip", ZIP_SUFFIXES),
        ("csv", CSV_SUFFIXES),
        ("parquet", PARQUET_SUFFIXES),
    ):
        if low.endswith(suffixes):
            return kind
    return None


def parse_columns(spec: str | None) -> dict[str, str]:
    """``text=body,title=headline,url=link`` → {"text": "body", …}: which CSV column holds which field."""
    if not spec:
        return {}
    out = {}
    for part in spec.split(","):
        key, sep, column = part.partition("=")
        key, column = key.strip(), column.strip()
        if not sep or not column or key not in COLUMN_FIELDS:
            raise UsageError(f"--columns: {part.strip()!r} is not FIELD=COLUMN with FIELD one of {', '.join(COLUMN_FIELDS)}")
        out[key] = column
    return out


# --- WARC --------------------------------------------------------------------------------------------------------
def warc_records(stream: IO[bytes], name: str, max_bytes: int) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    """(source, record, error) for each HTML response of a WARC stream: the record has ``html``, ``url`` and
    ``fetched_at`` (the WARC-Date), as a JSON Lines record would."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        records = ArchiveIterator(stream, arc2warc=True)
        for rec in records:
            if rec.rec_type != "response" or rec.http_headers is None:
                continue
            status = rec.http_headers.get_statuscode()
            ctype = (rec.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
            if status != "200" or (ctype and not ctype.startswith(HTML_TYPES)):
                continue  # redirects, errors, images: not articles
            body = rec.content_stream().read(max_bytes + 1)  # first: asking for the offset reads the record through
            source = f"{name}#{records.get_record_offset()}"
            if len(body) > max_bytes:
                yield source, None, too_large(max_bytes, what="a record of").reason
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI")
            try:
                html = _html_text(body, rec.http_headers.get_header("Content-Type") or "", max_bytes)
            except InputError as exc:
                yield source, None, exc.reason
                continue
            yield source, {"html": html, "url": url, "fetched_at": rec.rec_headers.get_header("WARC-Date")}, None
    except ArchiveLoadFailed as exc:
        yield name, None, f"not a WARC file: {exc}"
    except (OSError, EOFError, ValueError) as exc:
        yield name, None, f"cannot read the WARC file: {exc}"


def _html_text(body: bytes, content_type: str, max_bytes: int) -> str:
    charset = None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return decode_declared(body, charset, max_bytes)[0]


# --- CSV ---------------------------------------------------------------------------------------------------------
def csv_records(
    stream: IO[bytes], name: str, columns: Mapping[str, str], max_bytes: int
) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    """(source, record, error) per row; ``columns`` maps fields to column names (default: columns named like the
    fields). The field size limit is the input size limit, so one huge cell is a reason, not a crash."""
    csv.field_size_limit(max_bytes)
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
    try:
        yield from _csv_rows(text, name, columns)
    finally:
        text.detach()  # the stream is the caller's to close


def _csv_rows(
    text: io.TextIOWrapper, name: str, columns: Mapping[str, str]
) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    delimiter = "\t" if ".tsv" in name.lower() else ","
    reader = csv.DictReader(text, delimiter=delimiter)
    try:
        header = reader.fieldnames or []
    except (csv.Error, UnicodeDecodeError) as exc:
        yield name, None, f"not a CSV file: {exc}"
        return
    mapping, problem = _column_mapping(list(header), columns)
    if problem:
        yield name, None, f"invalid CSV: {problem}"
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            yield f"{name}:{reader.line_num}", None, f"invalid CSV row: {exc}"
            return  # the rest of the file cannot be trusted to be aligned
        source = f"{name}:{reader.line_num}"
        record = {f: row[c] for f, c in mapping.items() if row.get(c) not in (None, "")}
        yield source, record, None


def _column_mapping(header: list[str], columns: Mapping[str, str]) -> tuple[dict[str, str], str | None]:
    """Which column holds which field (default: the columns named like the fields), or what is missing."""
    mapping = {f: columns.get(f, f) for f in COLUMN_FIELDS if columns.get(f, f) in header}
    missing = [f"{f}={c}" for f, c in columns.items() if c not in header]
    if missing or not ({"text", "html"} & mapping.keys()):
        want = ", ".join(missing) if missing else "a text or html column (map one with --columns text=COLUMN)"
        return mapping, f"no column for {want}; the columns are {', '.join(header[:20])}"
    return mapping, None


# --- Parquet -----------------------------------------------------------------------------------------------------
def parquet_records(
    path: Path, name: str, columns: Mapping[str, str], max_bytes: int
) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    """(source, record, error) per row of a Parquet file, read a row group's batch at a time; columns as for CSV.
    A value that is not a string (a timestamp) becomes its ISO or plain text; a cell over the size limit is a
    reason for its row."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        yield name, None, "Parquet input needs pyarrow: pip install 'newsprism[parquet]'"
        return
    try:
        pf = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        yield name, None, f"not a Parquet file: {exc}"
        return
    mapping, problem = _column_mapping(list(pf.schema_arrow.names), columns)
    if problem:
        yield name, None, f"invalid Parquet: {problem}"
        return
    n = 0
    try:
        for batch in pf.iter_batches(batch_size=256, columns=sorted(set(mapping.values()))):
            for row in batch.to_pylist():
                n += 1
                record = {f: _cell(row[c]) for f, c in mapping.items() if row.get(c) not in (None, "")}
                if sum(len(v) for v in record.values()) > max_bytes:
                    yield f"{name}:{n}", None, f"too large: the row is over the {max_bytes:,}-byte limit"
                else:
                    yield f"{name}:{n}", record, None
    except (OSError, pa.ArrowException) as exc:
        yield f"{name}:{n + 1}", None, f"cannot read the Parquet file further: {exc}"


def _cell(value: Any) -> str:
    if isinstance(value, str):
        return value
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


# --- ZIP and tar -------------------------------------------------------------------------------------------------
def zip_members(path: Path, max_bytes: int) -> Iterator[tuple[str, IO[bytes] | None, str | None]]:
    """(member name, stream, error) of each file in a ZIP; a member whose stated size is over the limit, or that is
    encrypted, gets a reason; streams are read lazily, one at a time."""
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                if info.flag_bits & 0x1:
                    yield info.filename, None, "refused: an encrypted archive member"
                    continue
                if info.file_size > max_bytes and kind_of(info.filename) not in ("warc", "csv"):
                    yield info.filename, None, too_large(max_bytes, info.file_size).reason
                    continue
                with zf.open(info) as fh:
                    yield (
                        info.filename,
                        cast(IO[bytes], io.BufferedReader(_Bounded(fh, max(max_bytes, info.file_size) + 1))),
                        None,
                    )
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        yield "", None, f"not a readable ZIP archive: {exc}"


def tar_members(path: Path, max_bytes: int) -> Iterator[tuple[str, IO[bytes] | None, str | None]]:
    """(member name, stream, error) of each regular file of a tar archive, read as a stream (``r|*``)."""
    try:
        with tarfile.open(path, mode="r|*") as tf:
            for member in tf:
                if not member.isfile():
                    continue  # links, devices, folders: never followed out of the archive
                if member.size > max_bytes and kind_of(member.name) not in ("warc", "csv"):
                    yield member.name, None, too_large(max_bytes, member.size).reason
                    continue
                fh = tf.extractfile(member)
                if fh is not None:
                    yield member.name, fh, None
    except (tarfile.TarError, OSError, EOFError) as exc:
        yield "", None, f"not a readable tar archive: {exc}"


class _Bounded(io.RawIOBase):
    """A member stream that stops at a byte budget: a ZIP that lies about its sizes cannot inflate forever."""

    def __init__(self, fh: IO[bytes], budget: int) -> None:
        self.fh, self.left = fh, budget

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self.left <= 0:
            raise InputError("too large: the archive member unpacks to more than its stated size")
        data = self.fh.read(min(len(b), self.left))
        self.left -= len(data)
        b[: len(data)] = data
        return len(data)
