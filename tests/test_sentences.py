from __future__ import annotations

import pytest

from newsprism.pipeline.sentences import split_sentences


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Er kam am 4. März nach Berlin. Dort blieb er.", ["Er kam am 4. März nach Berlin.", "Dort blieb er."]),
        ("Mit dessen Vize J.D. Vance stritt er. Danach ging er.", ["Mit dessen Vize J.D. Vance stritt er.", "Danach ging er."]),
        (
            "Das gilt z. B. für Dr. Müller und Prof. Schmidt. Gut so.",
            ["Das gilt z. B. für Dr. Müller und Prof. Schmidt.", "Gut so."],
        ),
        ("Er sagte: „Das ist gut.“ Dann ging er.", ["Er sagte: „Das ist gut.“", "Dann ging er."]),
        ("„Ist der Krieg zu Ende? Nein“, stellte er fest.", ["„Ist der Krieg zu Ende?", "Nein“, stellte er fest."]),
        ("„Was meinen Sie?!“, fragte er. „Nichts.“", ["„Was meinen Sie?!“, fragte er.", "„Nichts.“"]),
        ("„Wirklich?“ sagte er leise.", ["„Wirklich?“ sagte er leise."]),
        ("Der 2. Weltkrieg endete 1945. Das ist bekannt.", ["Der 2. Weltkrieg endete 1945.", "Das ist bekannt."]),
        ("2. Bundesliga: Jena schlägt Köln mit 3:2", ["2. Bundesliga: Jena schlägt Köln mit 3:2"]),
        ("Donald J. Trump sprach. Er war laut.", ["Donald J. Trump sprach.", "Er war laut."]),
        ("Es kostet ca. 3.5 Mio. Euro. Viel Geld.", ["Es kostet ca. 3.5 Mio. Euro.", "Viel Geld."]),
        ("Er rief an. - Als ich fragte, schwieg er.", ["Er rief an.", "- Als ich fragte, schwieg er."]),
        ("The U.S. Senate voted. Mr. Smith left.", ["The U.S. Senate voted.", "Mr. Smith left."]),
        ("Путин прибыл в г. Минск. Там его ждали.", ["Путин прибыл в г. Минск.", "Там его ждали."]),
        ("ohne Punkt am Ende", ["ohne Punkt am Ende"]),
    ],
)
def test_german_sentence_rules(text, expected):
    assert split(text) == expected


def test_offsets_index_the_text_and_skip_whitespace():
    text = "  Eins. \u00a0Zwei!  "
    spans = split_sentences(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == ["Eins.", "Zwei!"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Er ist 70 Jahre alt. Dann sprach er.", ["Er ist 70 Jahre alt.", "Dann sprach er."]),
        ("Das regelt Art. 5 GG. Auf seine Art. Das ist so.", ["Das regelt Art. 5 GG.", "Auf seine Art.", "Das ist so."]),
        ("Sein Sohn heißt Max. Er ist klein.", ["Sein Sohn heißt Max.", "Er ist klein."]),
    ],
)
def test_words_that_look_like_abbreviations(text, expected):
    assert split(text) == expected
