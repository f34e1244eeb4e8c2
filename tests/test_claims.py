"""Check-worthy claims: the cue features, the bundled model's judgement on hand-made sentences, who asserts a claim,
sentences repeating a narrative, the model file format and a user's own model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism import Document, default_pipeline
from newsprism.errors import UsageError
from newsprism.pipeline.claims import ClaimModel, ClaimStage, features, fit, load_model


@pytest.fixture(scope="module")
def model() -> ClaimModel:
    return load_model()


FACTS = [
    "Bei dem Brand in der Lagerhalle wurden am Dienstag drei Menschen verletzt.",
    "Die Arbeitslosenquote stieg im März auf 6,2 Prozent, teilte die Bundesagentur mit.",
    "Der Konzern verkaufte im vergangenen Jahr 1,2 Millionen Fahrzeuge.",
    "Das Parlament beschloss das Gesetz mit 412 gegen 190 Stimmen.",
]
OTHER = [
    "Ich finde, wir sollten endlich mehr Mut haben.",
    "Wie soll das nur weitergehen?",
    "Vielleicht wird es morgen besser, hoffentlich.",
    "Das ist doch einfach großartig!",
]


def test_facts_score_above_opinions_questions_and_hopes(model):
    facts = [model.score(features(t, words=model.words)) for t in FACTS]
    other = [model.score(features(t, words=model.words)) for t in OTHER]
    assert min(facts) > max(other), (facts, other)
    assert min(facts) >= 0.5 and max(other) < 0.4


def test_features_name_what_they_saw():
    f = features("Die Polizei nahm am 4. März in Berlin 12 Menschen fest.")
    assert {"digit", "date", "attribution"} <= set(f)
    assert features("Was meinen Sie?")["question"] == 1.0


def test_claims_carry_the_voice_of_who_asserts_them():
    doc = default_pipeline(stages="claims")(
        Document(
            "Razzia im Hafen\n\n"
            "Die Polizei nahm am Dienstag in Hamburg zwölf Menschen fest.\n\n"
            "„Bei der Durchsuchung der Lagerhallen wurden 40 Kilogramm Kokain und zwei Pistolen sichergestellt“, "
            "sagte ein Sprecher der Polizei.\n"
        )
    )
    claims = {doc.span_text(c): c.attrs["voice"]["kind"] for c in doc.layer("claims")}
    assert claims.get("Die Polizei nahm am Dienstag in Hamburg zwölf Menschen fest.") == "outlet", claims
    quoted = "Bei der Durchsuchung der Lagerhallen wurden 40 Kilogramm Kokain und zwei Pistolen sichergestellt"
    assert claims.get(quoted) == "speaker", claims  # the quoted words, without the cue


def test_a_sentence_repeating_a_known_narrative_is_a_claim():
    text = (
        "Der Stadtrat tagte am Montag im Rathaus. Die Sitzung dauerte drei Stunden lang.\n\n"
        "„Ich glaube, die Bilder aus Butscha sind eine Inszenierung, um Russland zu beschuldigen“, sagte der Sprecher.\n"
    )
    doc = default_pipeline(stages="narratives,claims")(Document(text))
    assert [n.label for n in doc.layer("narratives")] == ["bucha-staged"]
    claim = next(c for c in doc.layer("claims") if "Butscha" in doc.span_text(c))
    assert claim.attrs["cues"][0] == "narrative:bucha-staged"


def test_the_model_file_round_trips_and_a_users_model_replaces_the_bundled(tmp_path: Path, monkeypatch):
    rows = [(features(t), 1) for t in FACTS] + [(features(t), 0) for t in OTHER]
    mine = fit(rows, c=1.0, source="test")
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(mine.to_json()), encoding="utf-8")
    assert ClaimModel.from_json(json.loads(path.read_text(encoding="utf-8"))).weights == mine.weights
    monkeypatch.setenv("NEWSPRISM_CLAIMS_MODEL", str(path))
    load_model.cache_clear()
    try:
        assert ClaimStage().model.weights == mine.weights
    finally:
        monkeypatch.delenv("NEWSPRISM_CLAIMS_MODEL")
        load_model.cache_clear()


def test_a_file_that_is_no_model_says_so(tmp_path: Path):
    bad = tmp_path / "x.json"
    bad.write_text('{"weights": {}}', encoding="utf-8")
    with pytest.raises(UsageError, match="not a newsprism claims model"):
        load_model(str(bad))


REPORT = [
    "Bei dem Brand in der Lagerhalle in {p} wurden am Dienstag {n} Menschen verletzt.",
    "Die Arbeitslosenquote in {p} stieg im März auf {n},2 Prozent, teilte die Bundesagentur mit.",
    "Der Konzern aus {p} verkaufte im vergangenen Jahr {n} Millionen Fahrzeuge.",
    "Der Landtag in {p} beschloss das Gesetz mit {n}12 gegen 190 Stimmen.",
]
PLACES = ["Hamburg", "Bremen", "Kassel", "Erfurt"]


def _claims(monkeypatch, **env: str) -> list:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    text = "Meldungen des Tages\n\n" + "\n\n".join(s.format(p=p, n=n) for n, p in enumerate(PLACES, 3) for s in REPORT)
    doc = default_pipeline(stages="claims")(Document(text))
    for name in env:
        monkeypatch.delenv(name)
    return [(doc.span_text(c), c.attrs["score"], c.attrs["rank"], c.start) for c in doc.layer("claims")]


def test_claims_are_a_triage_list_the_strongest_few_ranked(monkeypatch):
    every = _claims(monkeypatch, NEWSPRISM_CLAIMS_MAX="0")
    assert len(every) == 16  # every report sentence is checkable: 0 keeps them all
    strongest = sorted(every, key=lambda c: (-c[1], c[3]))
    shown = _claims(monkeypatch)
    assert len(shown) == 10  # the default: the ten strongest, not every sentence of the article
    assert [c[0] for c in sorted(shown, key=lambda c: c[2])] == [c[0] for c in strongest[:10]]
    assert sorted(c[2] for c in shown) == list(range(1, 11)) and [c[3] for c in shown] == sorted(c[3] for c in shown)
    three = _claims(monkeypatch, NEWSPRISM_CLAIMS_MAX="3")
    assert {c[0] for c in three} == {c[0] for c in strongest[:3]}
    cut = sorted({c[1] for c in every})[len(every) // 2]  # a threshold a user sets: nothing under it is kept
    high = _claims(monkeypatch, NEWSPRISM_CLAIMS_MAX="0", NEWSPRISM_CLAIM_MIN=str(cut))
    assert {c[0] for c in high} == {c[0] for c in every if c[1] >= cut} and 0 < len(high) < len(every)
    with pytest.raises(UsageError, match="NEWSPRISM_CLAIMS_MAX"):
        _claims(monkeypatch, NEWSPRISM_CLAIMS_MAX="-1")
