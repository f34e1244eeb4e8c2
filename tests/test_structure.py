"""Structure rules on hand-made pages of kinds the examples do not show."""

from __future__ import annotations

from newsprism import Document
from newsprism.document import Source


def roles(pipeline, text: str, **hints) -> list[tuple[str, str]]:
    doc = pipeline(Document(text, source=Source(hints=hints)))
    out = [(p.label, doc.span_text(p)) for p in doc.layer("paragraphs")]
    out += [("boilerplate:" + b.attrs["kind"], doc.span_text(b)) for b in doc.layer("boilerplate")]
    return sorted(out, key=lambda x: doc.text.find(x[1]))


BODY1 = (
    "Die Bundesregierung hat am Mittwoch neue Regeln für den Export von Rüstungsgütern beschlossen, wie ein Sprecher mitteilte."
)
BODY2 = "Kritiker halten die Änderungen für unzureichend und fordern ein eigenes Gesetz, das Ausnahmen klar begrenzt."
BODY3 = "Die Opposition kündigte an, das Thema in der kommenden Sitzungswoche erneut auf die Tagesordnung zu setzen."


def test_navigation_title_date_body_footer(pipeline):
    text = f"Startseite\nPolitik\nAusland\nRegierung beschließt neue Exportregeln\n12.03.2024, 10:15 Uhr\n\n{BODY1}\n{BODY2}\n\nTeilen\nNewsletter\nMehr zum Thema\n"
    r = roles(pipeline, text)
    assert ("title", "Regierung beschließt neue Exportregeln") in r
    assert ("boilerplate:nav", "Startseite") in r and ("boilerplate:nav", "Ausland") in r
    assert ("boilerplate:date", "12.03.2024, 10:15 Uhr") in r
    assert ("lede", BODY1) in r and ("body", BODY2) in r
    assert {k for k, v in r if v in ("Teilen", "Newsletter", "Mehr zum Thema")} == {"boilerplate:footer"}
    doc = pipeline(Document(text))
    assert doc.meta["published"] == "2024-03-12T10:15"
    assert doc.meta["section"] == "Ausland"


def test_key_point_box_on_its_own_line_with_bullets(pipeline):
    text = f"Neue Exportregeln beschlossen\n\nDas Wichtigste in Kürze\n• Die Regierung ändert die Regeln.\n• Kritiker sind unzufrieden.\n\n{BODY1}\n{BODY2}\n"
    doc = pipeline(Document(text))
    assert doc.meta["key_points"] == ["Die Regierung ändert die Regeln.", "Kritiker sind unzufrieden."]
    assert [doc.span_text(b) for b in doc.layer("boilerplate")] == ["Das Wichtigste in Kürze"]


def test_summary_heading_late_in_the_article_is_no_key_point_box(pipeline):
    text = f"Neue Exportregeln beschlossen\n\n{BODY1}\n{BODY2}\nZusammenfassung\n{BODY3}\n"
    doc = pipeline(Document(text))
    assert doc.meta["key_points"] == []
    assert "subheading" in [p.label for p in doc.layer("paragraphs")]


def test_in_kuerze_in_running_text_is_no_label(pipeline):
    text = f"Neue Exportregeln beschlossen\n\nIn Kürze will die Regierung weitere Regeln vorlegen, wie das Ministerium am Abend mitteilte.\n{BODY2}\n"
    doc = pipeline(Document(text))
    assert doc.meta["key_points"] == [] and not doc.layer("boilerplate")


def test_subheadings_between_paragraphs(pipeline):
    text = f"Titel der Meldung hier\n\n{BODY1}\nWas die Kritiker sagen\n{BODY2}\nWie geht es weiter?\n{BODY3}\n"
    r = roles(pipeline, text)
    assert ("subheading", "Was die Kritiker sagen") in r
    assert ("subheading", "Wie geht es weiter?") in r


def test_given_title_not_in_text_keeps_every_line(pipeline):
    text = f"Zu den Forderungen nach neuen Regeln hat sich die Ministerin bislang nicht geäußert\n{BODY1}\n{BODY2}\n"
    doc = pipeline(Document(text, source=Source(hints={"title": "Eine ganz andere Überschrift"})))
    assert not doc.layer("boilerplate")
    assert doc.meta["title"] == "Eine ganz andere Überschrift"
    assert "title" not in [p.label for p in doc.layer("paragraphs")]


def test_short_title_above_its_date(pipeline):
    doc = pipeline(Document(f"Weltnichtrauchertag 2006\n31.5.2006\n\n{BODY1} {BODY2}"))
    assert doc.meta["title"] == "Weltnichtrauchertag 2006"
    assert doc.meta["published"] == "2006-05-31"


def test_bylines_photo_credits_and_social_buttons_are_furniture(pipeline):
    text = f"Titel der Meldung hier\nVon Max Mustermann\n\n{BODY1}\nFoto: dpa\n{BODY2}\nFacebook | Twitter | E-Mail\n© 2024 Der Spiegel\n"
    doc = pipeline(Document(text))
    marked = {doc.span_text(b) for b in doc.layer("boilerplate")}
    assert marked == {"Von Max Mustermann", "Foto: dpa", "Facebook | Twitter | E-Mail", "© 2024 Der Spiegel"}
    assert doc.meta["outlet"]["name"] == "Der Spiegel" and doc.meta["outlet"]["source"] == "copyright"


def test_text_without_any_paragraph_is_kept(pipeline):
    doc = pipeline(Document("nur\nein paar\nWörter"))
    assert [p.label for p in doc.layer("paragraphs")] == ["body", "body", "body"]


def test_datelines_of_several_agencies(pipeline):
    cases = {
        "Berlin (dpa) - ": ("Berlin", "dpa", None),
        "KYIV, Aug 8 (Reuters) - ": ("Kyiv", "Reuters", "2025-08-08"),
        "MOSKAU, 3. März (TASS) – ": ("Moskau", "TASS", "2025-03-03"),
        "Wien/Kiew (APA/dpa) - ": ("Wien/Kiew", "APA", None),
    }
    for prefix, (place, agency, date) in cases.items():
        text = f"Eine Überschrift für die Meldung\n08.08.2025\n\n{prefix}{BODY1}\n{BODY2}\n"
        if date and "Mär" in prefix:
            text = text.replace("08.08.2025", "03.03.2025")
        dl = pipeline(Document(text)).meta["dateline"]
        assert (dl["place"], dl["agency"]) == (place, agency), prefix
        if date:
            assert dl["date"] == date, prefix
