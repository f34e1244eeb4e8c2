from __future__ import annotations

import pytest

from newsprism import Document, Span, SpanError
from newsprism.document import Source, content_id


def test_span_text_is_text_slice():
    doc = Document("Er sagte: „Ja.“")
    s = doc.add("quotes", 11, 14, "direct", speaker="Er")
    assert doc.span_text(s) == "Ja."
    assert doc.layer("quotes") == [s]
    assert doc.layer("missing") == []


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 2), (0, 100)])
def test_span_outside_text_is_refused(start, end):
    doc = Document("kurz")
    with pytest.raises(SpanError, match="outside the text"):
        doc.add("x", start, end)


def test_text_cannot_be_reassigned():
    doc = Document("fest")
    with pytest.raises(AttributeError):
        doc.text = "anders"  # type: ignore[misc]


def test_json_round_trip_keeps_everything():
    doc = Document("Alpha beta.\nGamma.", source=Source(path="a.txt", sha256="ab", hints={"title": "T"}))
    doc.add("paragraphs", 0, 11, "title")
    doc.add("quotes", 6, 10, "direct", speaker={"name": "X", "start": 0, "end": 5}, parent=None)
    doc.meta["published"] = "2025-03"
    again = Document.from_dict(doc.to_dict())
    assert again.to_dict() == doc.to_dict()
    assert again.layer("quotes")[0].attrs["speaker"]["name"] == "X"


def test_unknown_schema_is_refused():
    data = Document("x").to_dict()
    data["schema"] = "other/9"
    with pytest.raises(ValueError, match="unknown document schema"):
        Document.from_dict(data)


def test_content_id_ignores_spacing_and_unicode_form_only():
    assert content_id("Selenskyj  sagte\n") == content_id("Selenskyj sagte")
    assert content_id("Caf\u00e9") == content_id("Cafe\u0301")
    assert content_id("Selenskyj sagte") != content_id("Selenskyj sagt")


def test_span_relations():
    a, b = Span(0, 10), Span(2, 5)
    assert a.contains(b) and not b.contains(a)
    assert a.overlaps(b) and not Span(0, 2).overlaps(Span(2, 4))
    assert len(a) == 10
