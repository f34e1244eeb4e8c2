"""Bytes to text, or a clear reason why not.

UTF-8 (with or without BOM) first; UTF-16/32 by their BOM; anything else is handed to
charset-normalizer. The decoded text is never normalized: offsets index it as it is.
"""

from __future__ import annotations

import codecs

from newsprism.errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip data (name it .gz to have it unpacked)"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"RIFF", "audio or video"),
    (b"OggS", "audio"),
    (b"ID3", "an MP3 file"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _check_size(data: bytes, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise InputError(
            f"too large: {len(data) / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit (raise it with --max-bytes)"
        )


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f\v") or ch == "\ufffd")
    return bad / len(sample)


def decode_bytes(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode a text file's bytes; raises ``InputError`` with a one-line reason when it is not text."""
    _check_size(data, max_bytes)
    if not data.strip():
        raise InputError("empty: the file has no text")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc))
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"cannot decode: starts with a {enc} byte-order mark but is not {enc} ({exc.reason} at byte {exc.start})"
                ) from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary: this is {what}, not text")
    if b"\x00" in data[:65536]:
        raise InputError("binary: the file contains NUL bytes, so it is not text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _checked(_legacy(data))


def _legacy(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise InputError("cannot decode: not UTF-8, and no known encoding fits the bytes")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"cannot decode: not UTF-8, and {best.encoding} fails too ({exc})") from None


def _checked(text: str) -> str:
    if not text.strip():
        raise InputError("empty: the file has no text")
    if _control_ratio(text) > 0.05:
        raise InputError("binary: more than 5% of the characters are control codes, so it is not text")
    return text
