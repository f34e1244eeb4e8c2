from __future__ import annotations

import pytest

from newsprism.timex import find_dates, parse_iso


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("08 August 2025, 14:20", "2025-08-08T14:20", "minute"),
        ("flag Dienstag, 12 August 2025", "2025-08-12", "day"),
        ("am 27. Februar 2025 um 9:05 Uhr", "2025-02-27T09:05", "minute"),
        ("5.8.2005", "2005-08-05", "day"),
        ("08.08.2025 14:20", "2025-08-08T14:20", "minute"),
        ("2025-08-08T14:20", "2025-08-08T14:20", "minute"),
        ("im März 2025", "2025-03", "month"),
        ("August 8, 2025", "2025-08-08", "day"),
        ("8 августа 2025 года", "2025-08-08", "day"),
        ("Stand: 16.30 Uhr am 3.4.2020", "2020-04-03", "day"),
    ],
)
def test_absolute_dates(text, value, precision):
    found = [d for d in find_dates(text) if d.year]
    assert found, text
    assert found[-1].value() == value
    assert found[-1].precision == precision


def test_yearless_date_and_weekday():
    (d,) = find_dates("Dienstag, 4. März")
    assert (d.year, d.month, d.day, d.weekday) == (None, 3, 4, 1)
    assert d.value() is None and d.with_year(2025).value() == "2025-03-04"


@pytest.mark.parametrize("text", ["200 Kilometer", "75 Minuten dauerte", "mit 3:2 gewonnen", "Version 3.5.1", "Sie mag 3 Äpfel"])
def test_no_false_dates(text):
    assert find_dates(text) == []


def test_parse_iso_metadata_values():
    assert parse_iso("2021-03-5").value() == "2021-03-05"
    assert parse_iso("2021-02-11T13:55:35+01:00").value() == "2021-02-11T13:55"
    assert parse_iso("2025-03").value() == "2025-03"
    assert parse_iso("kein Datum") is None
