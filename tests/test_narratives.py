"""Narrative matching: repetition is found in German, English and Russian; rebuttals, denials and neutral reports
are not; imported data sets become catalogues whose narratives articles are matched to."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism import Document, default_pipeline
from newsprism.cli.main import cli
from newsprism.errors import UsageError
from newsprism.pipeline.narratives import NarrativeStage
from newsprism.pipeline.narratives.catalogue import bundled, read_catalogue
from newsprism.pipeline.narratives.imports import import_cases, read_propaganda_diary
from newsprism.pipeline.narratives.match import EMBED_CHARS, Matcher, windows

FILLER = (
    "Der Stadtrat tagte am Montag im Rathaus. Die Sitzung dauerte drei Stunden. "
    "Danach äußerten sich mehrere Abgeordnete zu den Haushaltsplänen für das kommende Jahr. "
)


@pytest.fixture(scope="module")
def reader():
    return default_pipeline(stages="quotes,metadata")


def narratives_of(reader, text: str, stage: NarrativeStage | None = None) -> list[tuple[str, str, str]]:
    doc = reader(Document(text))
    (stage or NarrativeStage([bundled()]))(doc)
    return [(n.label, n.attrs["stance"], doc.span_text(n)) for n in doc.layer("narratives")]


def test_a_new_phrasing_of_a_known_narrative_is_found(reader):
    text = FILLER + "„Die Bilder aus Butscha sind eine Inszenierung, um Russland zu beschuldigen“, sagte der Sprecher.\n"
    found = narratives_of(reader, text)
    assert [(n, s) for n, s, _ in found] == [("bucha-staged", "asserts")], found
    assert found[0][2].startswith("Die Bilder aus Butscha")


def test_a_rebuttal_of_the_narrative_is_not_a_repetition(reader):
    text = FILLER + "Die russische Propaganda behauptet fälschlich, das Massaker von Butscha sei eine Inszenierung gewesen.\n"
    assert narratives_of(reader, text) == []


def test_a_denial_of_the_narratives_claim_is_not_a_repetition(reader):
    text = FILLER + "Die Ermittler stellten klar: Die Tötungen in Butscha waren keine Inszenierung.\n"
    assert narratives_of(reader, text) == []


def test_neutral_news_about_the_same_place_is_not_flagged(reader):
    text = FILLER + "In Butscha wurde am Montag eine Gedenkstätte für die Opfer der Besatzung eröffnet. Hunderte kamen.\n"
    assert narratives_of(reader, text) == []


def test_english_and_russian_phrasings_are_matched_too(reader):
    en = (
        "The city council met on Monday. The meeting lasted three hours. "
        "A pro-Kremlin blogger wrote that the Bucha massacre was staged by Kyiv as a provocation against Moscow.\n"
    )
    assert [n for n, _, _ in narratives_of(reader, en)] == ["bucha-staged"]
    ru = (
        "Городской совет собрался в понедельник. Заседание длилось три часа. "
        "Ведущий заявил, что события в Буче — это постановка и провокация Киева против России.\n"
    )
    assert [n for n, _, _ in narratives_of(reader, ru)] == ["bucha-staged"]


def test_the_outlet_keeping_its_distance_marks_the_match_reported(reader):
    text = FILLER + "Der Sender behauptete, die Ukraine benutze Kindergärten und Schulen als Schutzschilde für ihre Soldaten.\n"
    found = narratives_of(reader, text)
    assert [(n, s) for n, s, _ in found] == [("human-shields", "reported")], found


def test_a_short_text_is_one_window(reader):
    doc = reader(Document("Kiew ist eine Marionette des Westens. Washington entscheidet alles.\n"))
    wins = windows(doc)
    assert len(wins) == 1 and wins[0].text.startswith("Kiew ist") and wins[0].text.endswith("alles.")


def test_a_long_sentence_is_embedded_from_its_beginning_cut_after_a_whole_word(reader):
    clause = "und die Regierung in Kiew folgte dabei stets den Anweisungen aus Washington, "
    sentence = "Der Putsch auf dem Maidan wurde vom Westen organisiert, " + clause * 8 + "so der Sender."
    doc = reader(Document(FILLER + sentence + "\n"))
    win = next(w for w in windows(doc) if doc.text[w.sentence.start : w.sentence.end] == sentence)
    assert len(sentence) > EMBED_CHARS >= len(win.text)
    assert win.text.startswith("Der Putsch auf dem Maidan")  # the subject and the claim, not the sentence's tail
    assert sentence[len(win.text)] == " "  # cut between words


def test_the_embedder_sees_only_what_the_cues_choose(reader):
    seen: list[str] = []

    def embed(texts):
        seen.extend(texts)
        from newsprism.embed import embed as real

        return real(texts)

    long_text = FILLER * 6 + "Die Ukraine ist ein Werkzeug in den Händen Washingtons, eine Marionette des Westens.\n"
    Matcher([bundled()], embed).match(reader(Document(long_text)))
    assert seen and all("Marionette" in s for s in seen)


# --- imports --------------------------------------------------------------------------------------------------------
CASES = {
    "Die Grenze ist eine Erfindung": [
        "Die Grenze zwischen beiden Ländern ist eine Erfindung der Kartografen.",
        "Eine Grenze hat es dort nie gegeben, sie wurde auf Landkarten erfunden.",
        "Die angebliche Grenze ist nur eine Linie, die Kartografen erfunden haben.",
        "Niemand kannte früher diese Grenze; die Kartografen haben sie erfunden.",
    ],
    "Der Hafen wird geschlossen": [
        "Der Hafen soll nächsten Monat für alle Schiffe geschlossen werden.",
        "Bald dürfen keine Schiffe mehr in den Hafen einlaufen, er wird geschlossen.",
        "Die Schließung des Hafens für die Schifffahrt steht unmittelbar bevor.",
        "Der Hafen wird für Frachtschiffe dichtgemacht, heißt es.",
    ],
    "Das Wasser ist vergiftet": [
        "Das Trinkwasser der Stadt ist mit Chemikalien vergiftet worden.",
        "Im Leitungswasser finden sich giftige Stoffe, das Wasser ist verseucht.",
        "Wer das Wasser aus der Leitung trinkt, vergiftet sich mit Chemikalien.",
        "Die Wasserwerke verschweigen, dass das Trinkwasser vergiftet ist.",
    ],
}


def _diary(path: Path) -> Path:
    rows = []
    for narrative, texts in CASES.items():
        for i, t in enumerate(texts):
            rows.append(
                {
                    "Narrative": narrative if i == 0 else "",  # the upstream layout: the narrative only on its first row
                    "Fakes": narrative,
                    "Disinfo_cases_de": t,
                    "Date": "01/02/2021",
                    "Countries": "Deutschland",
                    "Media": "Testblatt",
                    "Link": f"https://example.org/{abs(hash(t))}",
                    "Debunking": '<p>Das stimmt nicht, siehe <a href="https://example.org/check">Faktencheck</a>.</p>',
                }
            )
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_propaganda_diary_layout_is_read(tmp_path):
    cases = read_propaganda_diary(_diary(tmp_path / "dataDe.json"))
    assert len(cases) == 12 and {c.narrative for c in cases} == set(CASES)
    assert cases[0].sources == ["https://example.org/check"] and cases[0].debunk.startswith("Das stimmt nicht")


def test_an_imported_catalogue_is_used_by_later_analyses(tmp_path, monkeypatch, reader):
    monkeypatch.setenv("NEWSPRISM_HOME", str(tmp_path / "home"))
    target = import_cases("propaganda-diary", _diary(tmp_path / "dataDe.json"), "diary")
    cat = read_catalogue(target)
    assert cat.classifier is not None and len(cat) == 3
    assert {n.label for n in cat.narratives} == set(CASES)
    found = narratives_of(
        reader, "Die Behörden verschweigen, dass unser Trinkwasser mit Giftstoffen verseucht ist.\n", NarrativeStage([cat])
    )
    assert found and cat.get(found[0][0]).label == "Das Wasser ist vergiftet", found

    runner = CliRunner()
    listed = runner.invoke(cli, ["narratives", "list"])
    assert "diary" in listed.output and "Der Hafen wird geschlossen" in listed.output
    assert runner.invoke(cli, ["narratives", "remove", "diary"]).exit_code == 0
    assert not target.exists()


def test_euvsdisinfo_cases_are_each_their_own_narrative(tmp_path, monkeypatch, reader):
    monkeypatch.setenv("NEWSPRISM_HOME", str(tmp_path / "home"))
    path = tmp_path / "cases.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, ["title", "summary", "disproof"])
        w.writeheader()
        w.writerow(
            {
                "title": "The moon landing was filmed in a studio",
                "summary": "NASA staged the moon landing in a film studio.",
                "disproof": "Independent observatories tracked Apollo 11. https://example.org/apollo",
            }
        )
        w.writerow(
            {
                "title": "Vaccines contain microchips",
                "summary": "Vaccines are used to implant microchips.",
                "disproof": "No vaccine contains electronics. https://example.org/chips",
            }
        )
    cat = read_catalogue(import_cases("euvsdisinfo", path))
    assert [n.label for n in cat.narratives] == ["The moon landing was filmed in a studio", "Vaccines contain microchips"]
    assert cat.narratives[1].rebuttal["sources"] == ["https://example.org/chips"]
    text = "The council met on Monday and approved the budget. Activists claimed that the vaccines contain tiny microchips to track people.\n"
    found = narratives_of(reader, text, NarrativeStage([cat]))
    assert [cat.get(n).label for n, _, _ in found] == ["Vaccines contain microchips"], found


def test_importing_a_file_of_the_wrong_kind_says_so(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(UsageError, match="not a Propaganda Diary JSON file"):
        import_cases("propaganda-diary", bad)
    with pytest.raises(UsageError, match="unknown format"):
        import_cases("tass-archive", bad)


def test_a_passage_filed_under_two_narratives_accepts_both_and_nothing_else():
    from newsprism.evaluation.narratives import passage_narratives
    from newsprism.pipeline.narratives.imports import Case

    same = "Nach dem Maidan-Putsch schickte Kiew im April 2014 Truppen in den Donbass."
    cases = [
        Case("Maidan", same, key="https://example.org/a"),
        Case("Kein Aggressor", same.replace("schickte", "entsandte"), key="https://example.org/a"),
        Case("Nord Stream", "Die Gasleitung ist fertig gebaut.", key="https://example.org/a"),  # same article, other passage
        Case("Westen", same, key="https://example.org/b"),  # same words, another article
    ]
    found = passage_narratives(cases)  # the real embedder: a reworded passage stays the same passage
    assert found[0] == found[1] == {"Maidan", "Kein Aggressor"}
    assert found[2] == {"Nord Stream"} and found[3] == {"Westen"}
