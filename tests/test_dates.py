"""Dates normalised against the article's reference date: absolute, weekday-with-date, relative, decades, seasons,
bare years; and the reference date chosen from the publication date or, failing that, from the article."""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism import Document, default_pipeline
from newsprism.pipeline.dates import DateFinder, _merge, find_all

REF = dt.date(2025, 3, 5)  # a Wednesday


def _dates(text: str, ref: dt.date = REF) -> dict[str, tuple[str, str]]:
    finder = DateFinder(text, ref)
    return {text[d.start : d.end]: (d.value, d.precision) for d in _merge(finder.absolute(), finder.relative(ref))}


@pytest.mark.parametrize(
    ("text", "expr", "value", "precision"),
    [
        ("Er kam am Dienstag nach Berlin.", "am Dienstag", "2025-03-04", "day"),
        ("Er kam am vergangenen Mittwoch.", "am vergangenen Mittwoch", "2025-03-05", "day"),
        ("Wir treffen uns am kommenden Montag.", "am kommenden Montag", "2025-03-10", "day"),
        ("Am Dienstagabend sprach er.", "Am Dienstagabend", "2025-03-04", "day"),
        ("Das sagte er gestern.", "gestern", "2025-03-04", "day"),
        ("Das sagte er vorgestern.", "vorgestern", "2025-03-03", "day"),
        ("Vergangene Woche war es kalt.", "Vergangene Woche", "2025-W09", "week"),
        ("Nächste Woche wird es warm.", "Nächste Woche", "2025-W11", "week"),
        ("Anfang März begann es.", "Anfang März", "2025-03", "month"),
        ("Im vergangenen Monat stiegen die Preise.", "Im vergangenen Monat", "2025-02", "month"),
        ("Im vergangenen Jahr stiegen die Preise.", "Im vergangenen Jahr", "2024", "year"),
        ("Vor zwei Jahren war das anders.", "Vor zwei Jahren", "2023", "year"),
        ("Vor drei Wochen war das anders.", "Vor drei Wochen", "2025-W07", "week"),
        ("In den 1990er Jahren war alles anders.", "In den 1990er Jahren", "199X", "decade"),
        ("In den Neunzigerjahren war alles anders.", "In den Neunzigerjahren", "199X", "decade"),
        ("Im Sommer 2024 kam die Flut.", "Im Sommer 2024", "2024-SU", "season"),
        ("Die Krim wurde 2014 annektiert.", "2014", "2014", "year"),
        ("Er ist seit 1994 Präsident.", "1994", "1994", "year"),
        ("Am 27. Februar unterzeichnete er.", "27. Februar", "2025-02-27", "day"),
        ("Am Dienstag (4. März) sprach er.", "Dienstag (4. März)", "2025-03-04", "day"),
        ("Am 4. Juli 1776 erklärten sie die Unabhängigkeit.", "4. Juli 1776", "1776-07-04", "day"),
        ("Im Dezember kommt er wieder.", "Im Dezember", "2024-12", "month"),
    ],
)
def test_expressions(text, expr, value, precision):
    found = _dates(text)
    assert found.get(expr) == (value, precision), found


@pytest.mark.parametrize(
    "text",
    [
        "Rund 1500 Soldaten sind dort.",
        "Die Front ist 2000 km lang.",
        "Er zahlte 1.999 Euro.",
        "Der Zug fährt um 20:15 Uhr.",
        "Das kostet 2025,50 Dollar.",
        "Er gab 1998 Menschen Geld.",
    ],
)
def test_counts_are_not_years(text):
    assert not _dates(text), _dates(text)


def test_the_reference_is_the_publication_day():
    doc = default_pipeline()(Document("Berlin, 4. März 2025 (dpa) - Der Kanzler sprach gestern im Bundestag.\n"))
    dates = {doc.span_text(d): d.attrs["value"] for d in doc.layer("dates")}
    assert dates["gestern"] == "2025-03-03"
    assert doc.meta["reference_date"] == "2025-03-04"


def test_a_page_dated_to_the_month_takes_its_latest_day():
    doc = Document("Am 3. März traf er ein. Am Dienstag (4. März) sprach er. Gestern reiste er ab.")
    doc.meta["published"] = "2025-03"
    found, ref = find_all(doc)
    assert ref == dt.date(2025, 3, 4)
    assert {doc.text[d.start : d.end]: d.value for d in found}["Gestern"] == "2025-03-03"


def test_without_any_reference_relative_dates_are_left_out():
    doc = Document("Gestern sprach er. Am Dienstag reiste er ab.")
    found, ref = find_all(doc)
    assert ref is None and found == []
