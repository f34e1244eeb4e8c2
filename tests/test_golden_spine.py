"""Golden tests of the spine on the two example articles: structure and metadata exactly as the gold has them."""

from __future__ import annotations

import re

import pytest


def _gold_boilerplate_ranges(text: str, strings: list[str]) -> list[tuple[int, int]]:
    """Where the gold's boilerplate strings stand: whole lines, or the start of a line (inline labels)."""
    ranges = []
    for m in re.finditer(r"[^\n]+", text):
        line, start = m.group(0), m.start()
        lead = len(line) - len(line.lstrip())
        stripped = line.strip()
        for s in strings:
            if stripped == s or stripped.startswith(s + " "):
                ranges.append((start + lead, start + lead + len(s)))
    return ranges


def _covered(doc) -> set[int]:
    return {i for b in doc.layer("boilerplate") for i in range(b.start, b.end)}


@pytest.mark.parametrize("name", ["000", "002"])
def test_every_gold_boilerplate_line_is_marked_and_no_article_line(examples, name):
    doc, gold = examples[name]
    gold_ranges = _gold_boilerplate_ranges(doc.text, gold["boilerplate"])
    found = {doc.text[s:e] for s, e in gold_ranges}
    assert found == set(gold["boilerplate"]), "every gold boilerplate string is located in the text"
    covered = _covered(doc)
    for s, e in gold_ranges:
        assert set(range(s, e)) <= covered, f"not marked as boilerplate: {doc.text[s:e]!r}"
    gold_chars = {i for s, e in gold_ranges for i in range(s, e)}
    wrongly = sorted(i for i in covered - gold_chars if not doc.text[i].isspace())
    assert not wrongly, f"article text marked as boilerplate: {doc.text[wrongly[0] : wrongly[0] + 60]!r}"


@pytest.mark.parametrize("name", ["000", "002"])
def test_title(examples, name):
    doc, gold = examples[name]
    assert doc.meta["title"] == gold["title"]
    titles = [doc.span_text(p) for p in doc.layer("paragraphs") if p.label == "title"]
    assert titles == [gold["title"]]


@pytest.mark.parametrize("name", ["000", "002"])
def test_published_with_precision_and_evidence(examples, name):
    doc, gold = examples[name]
    assert doc.meta["published"] == gold["published"]["value"]
    assert doc.meta["published_precision"] == gold["published"]["precision"]
    ev = doc.meta["published_evidence"]
    assert doc.text[ev["start"] : ev["end"]] == gold["published"]["evidence"]


def test_capture_date_is_not_the_publication_date(examples):
    doc, _ = examples["002"]
    assert doc.meta["captured"] == "2025-08-12"
    assert doc.meta["published"] == "2025-08-08T14:20"


def test_outlet_and_dateline_of_002(examples):
    doc, gold = examples["002"]
    outlet = doc.meta["outlet"]
    assert (outlet["name"], outlet["country"], outlet["state_affiliated"]) == ("BelTA", "Belarus", True)
    ev = outlet["evidence"]
    assert doc.text[ev["start"] : ev["end"]].startswith(gold["outlet"]["evidence"])
    dl = doc.meta["dateline"]
    assert (dl["place"], dl["date"], dl["agency"]) == (
        gold["dateline"]["place"],
        gold["dateline"]["date"],
        gold["dateline"]["agency"],
    )
    assert doc.meta["section"] == gold["section"]


def test_outlet_of_000_is_not_invented(examples):
    doc, gold = examples["000"]
    assert gold["outlet"]["name"] is None
    assert doc.meta["outlet"] is None


def test_key_points_and_subheadings_of_000(examples):
    doc, gold = examples["000"]
    assert doc.meta["key_points"] == gold["key_points"]
    subs = [doc.span_text(p) for p in doc.layer("paragraphs") if p.label == "subheading"]
    assert subs == gold["subheadings"]


def test_002_has_no_key_points_or_subheadings(examples):
    doc, _ = examples["002"]
    assert doc.meta["key_points"] == []
    assert not [p for p in doc.layer("paragraphs") if p.label in ("subheading", "key_point")]


@pytest.mark.parametrize("name", ["000", "002"])
def test_language_and_lede(examples, name):
    doc, gold = examples[name]
    assert doc.meta["language"] == gold["language"]
    roles = [p.label for p in doc.layer("paragraphs")]
    assert roles.count("lede") == 1
    assert roles.index("lede") > roles.index("title")


def test_dateline_paragraph_is_the_lede_of_002(examples):
    doc, _ = examples["002"]
    lede = next(p for p in doc.layer("paragraphs") if p.label == "lede")
    assert doc.span_text(lede).startswith("MINSK, 8. August (BelTA) - ")
