"""Quote attribution on hand-made German sentences: each construction the stage claims to handle."""

from __future__ import annotations

import pytest

from newsprism import Document
from newsprism.pipeline.quotes.marks import pair_quotes


def quotes(pipeline, text: str) -> list[tuple[str, str, str | None]]:
    doc = pipeline(Document(text))
    out = []
    for q in doc.layer("quotes"):
        sp = q.attrs.get("speaker") or {}
        out.append((q.label, doc.span_text(q), sp.get("name")))
    return out


def one(pipeline, text: str) -> tuple[str, str, str | None]:
    found = quotes(pipeline, text)
    assert len(found) == 1, found
    return found[0]


INTRO = "Die Regierung in Berlin hat am Dienstag über neue Regeln für den Export von Waffen beraten.\n\n"


@pytest.mark.parametrize(
    ("sentence", "kind", "content", "speaker"),
    [
        ("„Wir schaffen Klarheit“, sagte Ministerin Anna Berger.", "direct", "Wir schaffen Klarheit", "Anna Berger"),
        ("Ministerin Anna Berger sagte: „Wir schaffen Klarheit.“", "direct", "Wir schaffen Klarheit.", "Anna Berger"),
        ("»Wir schaffen Klarheit«, sagte Ministerin Anna Berger.", "direct", "Wir schaffen Klarheit", "Anna Berger"),
        ("«Wir schaffen Klarheit», sagte Ministerin Anna Berger.", "direct", "Wir schaffen Klarheit", "Anna Berger"),
        ('"Wir schaffen Klarheit", sagte Ministerin Anna Berger.', "direct", "Wir schaffen Klarheit", "Anna Berger"),
        ("„Wir schaffen Klarheit“, so Ministerin Anna Berger.", "direct", "Wir schaffen Klarheit", "Anna Berger"),
        (
            "Ministerin Anna Berger betonte, dass die Regeln streng seien.",
            "indirect",
            "dass die Regeln streng seien",
            "Anna Berger",
        ),
        ("Ministerin Anna Berger sagte, die Regeln seien streng.", "indirect", "die Regeln seien streng", "Anna Berger"),
        ("Die Regeln seien streng, sagte Ministerin Anna Berger.", "indirect", "Die Regeln seien streng", "Anna Berger"),
        ("Laut Ministerin Anna Berger sind die Regeln streng.", "indirect", "sind die Regeln streng", "Anna Berger"),
        ("Ministerin Anna Berger zufolge sind die Regeln streng.", "indirect", "sind die Regeln streng", "Anna Berger"),
        ("Nach Angaben des Ministeriums sind die Regeln streng.", "indirect", "sind die Regeln streng", "Ministeriums"),
        ("Wie Ministerin Anna Berger mitteilte, sind die Regeln streng.", "indirect", "sind die Regeln streng", "Anna Berger"),
        (
            "Ministerin Anna Berger fügte hinzu, dass die Regeln streng seien.",
            "indirect",
            "dass die Regeln streng seien",
            "Anna Berger",
        ),
        (
            "Ministerin Anna Berger wies darauf hin, dass die Regeln streng seien.",
            "indirect",
            "dass die Regeln streng seien",
            "Anna Berger",
        ),
        (
            "Ministerin Anna Berger kündigte an, die Regeln zu verschärfen.",
            "indirect",
            "die Regeln zu verschärfen",
            "Anna Berger",
        ),
        ("Daraufhin antwortete Ministerin Anna Berger: „Das prüfen wir.“", "direct", "Das prüfen wir.", "Anna Berger"),
        (
            "Ein Sprecher des Ministeriums, Paul Weber, sagte, die Regeln seien streng.",
            "indirect",
            "die Regeln seien streng",
            "Paul Weber",
        ),
        ("Die Regeln sind streng. Das teilte das Ministerium mit.", "indirect", "Die Regeln sind streng", "Ministerium"),
    ],
)
def test_constructions(pipeline, sentence, kind, content, speaker):
    k, text, name = one(pipeline, INTRO + sentence)
    assert (k, text, name) == (kind, content, speaker)


def test_short_name_resolves_to_the_full_name_and_pronoun_to_the_last_speaker(pipeline):
    text = (
        INTRO
        + "Ministerin Anna Berger nahm dazu Stellung. „Wir schaffen Klarheit“, sagte Berger. Außerdem sagte sie, die Regeln seien streng."
    )
    found = quotes(pipeline, text)
    assert [f[2] for f in found] == ["Anna Berger", "Anna Berger"]


def test_konjunktiv_continues_the_last_speaker(pipeline):
    text = INTRO + "Ministerin Anna Berger sagte, die Regeln seien streng. Zudem werde es Ausnahmen geben."
    found = quotes(pipeline, text)
    assert found[1] == ("indirect", "Zudem werde es Ausnahmen geben", "Anna Berger")


def test_a_cueless_quote_continues_the_last_speaker(pipeline):
    text = INTRO + "„Wir schaffen Klarheit“, sagte Ministerin Anna Berger. „Es gibt keine Ausnahmen mehr.“"
    found = quotes(pipeline, text)
    assert found[1] == ("direct", "Es gibt keine Ausnahmen mehr.", "Anna Berger")


def test_role_noun_points_back_to_the_named_person(pipeline):
    text = INTRO + "Der russische Präsident Wladimir Putin sprach in Moskau. „Wir wollen Frieden“, sagte der Präsident."
    assert one(pipeline, text)[2] == "Wladimir Putin"


def test_misspelt_name_resolves_to_the_usual_spelling(pipeline):
    text = INTRO + (
        "Wolodymyr Selenskyj reiste nach Paris. Selenskyj traf Macron, Selenskyj sprach mit Scholz. "
        "Dort sprach Wolodymyr Selensyj zu Reportern. „Wir brauchen Hilfe“, sagte Selensyj."
    )
    assert one(pipeline, text)[2] == "Wolodymyr Selenskyj"


def test_nested_quote_with_ich_and_dialogue_turns(pipeline):
    text = INTRO + (
        "„Ich sagte zu ihm: ‚Das werde ich nicht tun.‘ - ‚Warum nicht?‘ - ‚Weil es falsch ist.‘“, erklärte Ministerin Anna Berger."
    )
    doc = pipeline(Document(text))
    qs = doc.layer("quotes")
    outer = next(q for q in qs if q.attrs["parent"] is None)
    inner = [q for q in qs if q.attrs["parent"] is not None]
    assert outer.attrs["speaker"]["name"] == "Anna Berger"
    assert [doc.span_text(q) for q in inner] == ["Das werde ich nicht tun.", "Warum nicht?", "Weil es falsch ist."]
    speakers = [(q.attrs["speaker"] or {}).get("name") for q in inner]
    assert speakers[0] == "Anna Berger" and speakers[2] == "Anna Berger" and speakers[1] != "Anna Berger"


def test_mixed_quote_keeps_its_fragment_as_a_child(pipeline):
    text = INTRO + "Ministerin Anna Berger sagte, die Regeln seien „streng, aber gerecht“."
    doc = pipeline(Document(text))
    kinds = [(q.label, doc.span_text(q), q.attrs["parent"]) for q in doc.layer("quotes")]
    assert kinds == [("mixed", "die Regeln seien „streng, aber gerecht“", None), ("direct", "streng, aber gerecht", 0)]


def test_scare_quotes_and_titles_are_not_speech(pipeline):
    text = (
        INTRO
        + "Das Schiff „Gorch Fock“ lief aus. Kritiker nennen das Gesetz einen „Papiertiger“ der Regierung, meinte die Zeitung „Bild“."
    )
    doc = pipeline(Document(text))
    scare = [doc.span_text(s) for s in doc.layer("scare_quotes")]
    assert "Gorch Fock" in scare and "Bild" in scare
    assert not any(doc.span_text(q) in ("Gorch Fock", "Bild") for q in doc.layer("quotes"))


def test_cancelled_is_not_said(pipeline):
    assert (
        quotes(pipeline, INTRO + "Die Ministerin sagte die Reise nach Paris kurzfristig ab, weil das Wetter schlecht war.") == []
    )


def test_purpose_clause_is_not_reported_content(pipeline):
    assert quotes(pipeline, INTRO + "Die Ministerin reiste nach Paris, um dort mit Kollegen zu sprechen.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("„Ja“, sagte er.", ["Ja"]),
        ("„Er sagte: ‚Nein.‘ Dann ging er.“", ["Er sagte: ‚Nein.‘ Dann ging er.", "Nein."]),
        ("„Erst das. „Dann das“, sagte er.", ["Erst das.", "Dann das"]),
        ("„Frage?“ Antwort folgt.“", ["Frage?", "Antwort folgt."]),
        ("Er nannte das »absurd« und ging.", ["absurd"]),
        ("Das ist Kohl's Haus und geht's gut.", []),
        ("„Lohnverzicht ”. Danach", ["Lohnverzicht"]),
    ],
)
def test_quote_marks(text, expected):
    assert [text[q.start : q.end] for q in pair_quotes(text, 0, len(text))] == expected
