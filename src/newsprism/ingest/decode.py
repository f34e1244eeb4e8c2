"""Bytes to text, or a clear reason why not.

UTF-8 (with or without BOM) first; UTF-16/32 by their BOM, or UTF-16 by its pattern of zero bytes when it has none;
UTF-8 with a few broken sequences stays UTF-8 (each broken sequence becomes U+FFFD, and a warning says so);
anything else is handed to charset-normalizer, with a warning naming the encoding it chose. The decoded text is
never normalized: offsets index it as it is.
"""

from __future__ import annotations

import codecs

from newsprism.errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MB = 1024 * 1024

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


def amount(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB // 10 else f"{n:,} bytes"


def too_large(max_bytes: int, size: int | None = None, what: str = "") -> InputError:
    """The one wording of 'over the size limit', with the real size when it is known (a file's, not a stream's)."""
    has = f"{amount(size)}{what}, " if size is not None else f"{what.strip()} " if what else ""
    return InputError(f"too large: {has}over the {amount(max_bytes)} limit (raise it with --max-bytes)")


def _check_size(data: bytes, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise too_large(max_bytes)


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f\v") or ch == "\ufffd")
    return bad / len(sample)


def decode_bytes(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode a text file's bytes; raises ``InputError`` with a one-line reason when it is not text."""
    return decode_text(data, max_bytes)[0]


def decode_declared(data: bytes, charset: str | None, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, list[str]]:
    """Bytes whose charset an HTTP header or a meta tag declares (a fetched page, a WARC record): decoded with it;
    when there is none, or it is wrong, as files are decoded — a wrong one with a warning."""
    if charset:
        try:
            return data.decode(charset), []
        except (LookupError, UnicodeDecodeError):
            text, warnings = decode_text(data, max_bytes)
            return text, [f"the page declares {charset} but is not: " + "; ".join(warnings or ["read as UTF-8"])]
    return decode_text(data, max_bytes)


def decode_text(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, list[str]]:
    """The text of ``data`` and warnings about how it was decoded (a guessed encoding, replaced bytes)."""
    _check_size(data, max_bytes)
    if not data.strip():
        raise InputError("empty: the file has no text")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc)), []
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"cannot decode: starts with a {enc} byte-order mark but is not {enc} ({exc.reason} at byte {exc.start})"
                ) from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary: this is {what}, not text")
    if b"\x00" in data[:65536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError("binary: the file contains NUL bytes and is not UTF-16 either, so it is not text")
        return _checked(utf16[0]), [f"decoded as {utf16[1]}: no byte-order mark, told by its zero bytes"]
    try:
        return _checked(data.decode("utf-8")), []
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, broken = mostly
        return _checked(text), [
            f"decoded as UTF-8 with {broken} invalid byte sequence{'s' if broken != 1 else ''} replaced by U+FFFD"
        ]
    text, encoding = _legacy(data)
    return _checked(text), [f"decoded as {encoding}: not UTF-8, the encoding is a guess from the bytes"]


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark: its zero bytes (the high byte of every ASCII character, spaces and
    punctuation included) all sit at one parity, which a binary file's do not; and it decodes to printable text."""
    if len(data) % 2 or len(data) < 4:
        return None
    sample = data[:65536]
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    pairs = len(sample) // 2
    if zeros_odd >= 0.05 * pairs and zeros_even <= 0.01 * zeros_odd:
        encoding = "utf-16-le"
    elif zeros_even >= 0.05 * pairs and zeros_odd <= 0.01 * zeros_even:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    letters = sum(1 for ch in text[:20000] if ch.isalpha() or ch.isspace())
    return (text, encoding.upper()) if letters >= 0.6 * min(len(text), 20000) else None


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few broken sequences (a truncated copy, one bad paste): the text and how many were replaced.
    Only when the valid multi-byte sequences far outnumber the broken ones, so that a legacy 8-bit text (where
    every non-ASCII byte is 'broken') still goes to the encoding detector."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if 0 < broken <= max(3, len(data) // 10000) and multibyte >= 5 * broken:
        return text, broken
    return None


def _legacy(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise InputError("cannot decode: not UTF-8, and no known encoding fits the bytes")
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"cannot decode: not UTF-8, and {best.encoding} fails too ({exc})") from None


def _checked(text: str) -> str:
    if not text.strip():
        raise InputError("empty: the file has no text")
    if _control_ratio(text) > 0.05:
        raise InputError("binary: more than 5% of the characters are control codes, so it is not text")
    return text
