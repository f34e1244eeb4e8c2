from __future__ import annotations

import codecs

import pytest

from newsprism import InputError
from newsprism.ingest.decode import decode_bytes

GERMAN = "Der Präsident äußerte sich über Größe und Maß der Straße – „so“ sagte er.\n" * 3


@pytest.mark.parametrize(
    "data",
    [
        GERMAN.encode("utf-8"),
        codecs.BOM_UTF8 + GERMAN.encode("utf-8"),
        GERMAN.encode("utf-16"),
        GERMAN.encode("utf-32"),
    ],
)
def test_unicode_encodings(data):
    assert decode_bytes(data) == GERMAN


def test_legacy_encoding_falls_back_to_charset_detection():
    text = "Der Präsident äußerte sich über Größe und Maß der Straße, sagte er am Dienstag in München.\n" * 5
    assert decode_bytes(text.encode("cp1252")) == text
    assert decode_bytes(text.encode("latin-1")) == text


def test_cyrillic_legacy_encoding():
    text = "Президент Беларуси заявил, что переговоры возможны только при участии всех сторон конфликта.\n" * 5
    assert decode_bytes(text.encode("cp1251")) == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t \n", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary: this is a PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary: this is a PNG"),
        (b"abc\x00def" * 10, "binary: the file contains NUL bytes"),
        (bytes(range(1, 32)) * 40, "binary: more than 5%"),
    ],
)
def test_bad_inputs_get_a_reason(data, reason):
    with pytest.raises(InputError) as err:
        decode_bytes(data)
    assert err.value.reason.startswith(reason)


def test_size_limit():
    with pytest.raises(InputError, match=r"too large: over the 100 bytes limit"):
        decode_bytes(b"x" * 101, max_bytes=100)


def test_text_is_not_normalized():
    raw = "Zeile\r\nmit NBSP\u00a0und e\u0301 und \ufb01\r\n"
    assert decode_bytes(raw.encode("utf-8")) == raw
