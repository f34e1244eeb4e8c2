"""Persuasion techniques: the patterns on hand-made sentences, whose voice a technique is in, mention versus use,
users' rule files, and neutral news staying clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism import Document, default_pipeline
from newsprism.errors import UsageError
from newsprism.pipeline.techniques import TechniqueStage, load_lexicons


@pytest.fixture(scope="module")
def analyse():
    pipeline = default_pipeline(stages="techniques,entities")

    def run(text: str) -> list[tuple[str, str, str]]:
        doc = pipeline(Document(text))
        return [(t.label, doc.span_text(t), t.attrs["voice"]["kind"]) for t in doc.layer("techniques")]

    return run


def test_name_calling_in_a_quote_is_the_speakers(analyse):
    found = analyse("Berlin - „Die Kriegstreiber in Washington wollen keinen Frieden“, sagte der Abgeordnete am Montag.\n")
    assert ("Name_Calling-Labeling", "Die Kriegstreiber in Washington", "speaker") in found


def test_an_evaluative_adverb_on_a_speech_verb_is_the_outlets_loaded_language(analyse):
    found = analyse("„Die Sanktionen schaden vor allem Europa“, stellte der Minister treffend fest.\n")
    assert [(t, v) for t, _, v in found] == [("Loaded_Language", "outlet")]
    assert found[0][1] == "stellte der Minister treffend fest"


def test_the_same_adverb_without_a_speech_verb_is_no_technique(analyse):
    assert analyse("Der Minister hat das Gesetz treffend formuliert und im Bundestag eingebracht.\n") == []


def test_a_question_pointing_at_others_after_a_dismissed_accusation_is_whataboutism(analyse):
    text = (
        "„Man kann nicht behaupten, dass unsere Armee Dörfer zerstört. "
        "Und wer hat Belgrad bombardiert, Herr Scholz?“, sagte der Sprecher.\n"
    )
    found = analyse(text)
    assert any(t == "Whataboutism" and "Belgrad" in s and s.endswith("?") for t, s, _ in found), found


def test_an_ordinary_question_is_not_whataboutism(analyse):
    found = analyse("„Wann beginnt die Sitzung des Stadtrats?“, fragte die Reporterin den Bürgermeister.\n")
    assert not [t for t, _, _ in found if t == "Whataboutism"]


def test_doubt_and_hypocrisy_patterns(analyse):
    found = analyse(
        "„Bei dem Anschlag war doch nicht alles so, wie es berichtet wurde“, sagte er. "
        "„Der Westen misst mit zweierlei Maß“, fügte er hinzu.\n"
    )
    kinds = {t for t, _, _ in found}
    assert {"Doubt", "Appeal_to_Hypocrisy"} <= kinds, found


def test_a_word_in_quote_marks_of_its_own_is_mentioned_not_used(analyse):
    assert analyse("Die Demonstranten wurden als „Volksverräter“ beschimpft, berichtete die Polizei.\n") == []


def test_neutral_reporting_is_clean(analyse):
    text = (
        "Hamburg (dpa) - Der Senat hat am Dienstag einen Haushalt von 18 Milliarden Euro beschlossen. "
        "Die Opposition stimmte dagegen. Finanzsenator Peter Müller sagte, die Schulden sollten bis 2030 sinken.\n"
    )
    assert analyse(text) == []


def test_a_war_euphemism_in_the_outlets_voice_but_not_after_sogenannte(analyse):
    assert ("Exaggeration-Minimisation", "militärische Spezialoperation", "outlet") in analyse(
        "Die Truppen setzen die militärische Spezialoperation im Donbass fort.\n"
    )
    assert analyse("Russland setzt die sogenannte militärische Spezialoperation fort.\n") == []


def test_users_add_rules_in_a_file(tmp_path: Path):
    rules = tmp_path / "mine.yaml"
    rules.write_text(
        "lexicons:\n  slogan_de: Wir\\s+schaffen\\s+das\nrules:\n"
        "  - id: my-slogan\n    technique: Slogans\n    lang: de\n    pattern: '{slogan_de}'\n",
        encoding="utf-8",
    )
    stage = TechniqueStage(load_lexicons((rules,)))
    doc = default_pipeline(stages="quotes")(Document("Sie rief: Wir schaffen das! Dann ging sie.\n"))
    doc.meta["language"] = "de"
    stage(doc)
    assert [(t.label, doc.span_text(t)) for t in doc.layer("techniques")] == [("Slogans", "Wir schaffen das")]


def test_a_bad_user_rule_says_what_is_wrong(tmp_path: Path):
    rules = tmp_path / "bad.yaml"
    rules.write_text("rules:\n  - id: x\n    technique: Name_Calling-Labeling\n    pattern: '(unclosed'\n", encoding="utf-8")
    with pytest.raises(UsageError, match="not a regular expression"):
        load_lexicons((rules,))
    rules.write_text("rules:\n  - id: x\n    technique: Shouting\n    pattern: 'x'\n", encoding="utf-8")
    with pytest.raises(UsageError, match="technique out of"):
        load_lexicons((rules,))
