"""Golden tests of narratives, techniques and claims on the two examples: 002 (BelTA) repeats the narratives and
uses the techniques its gold lists, with the right evidence and in the right voice; 000 repeats none and uses none.
Floors in tests/quality_floors.json — a ratchet."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsprism.cli.main import cli
from newsprism.evaluation.findings import score_document

from .conftest import GOLDEN
from .floors import check_floor


@pytest.mark.parametrize("name", ["000", "002"])
def test_gold_narratives_and_techniques_are_found_with_their_evidence(examples, name):
    doc, gold = examples[name]
    s = score_document(doc, gold, name)
    for layer in ("narratives", "techniques"):
        assert s[layer]["found"] == s[layer]["gold"], [m for m in s["missed"] if m["layer"] == layer]


def test_the_independent_article_repeats_no_narrative_and_uses_no_technique(examples):
    doc, _ = examples["000"]
    assert [(n.label, doc.span_text(n)) for n in doc.layer("narratives")] == []
    assert [(t.label, doc.span_text(t)) for t in doc.layer("techniques")] == []


def test_the_state_outlet_adds_no_technique_the_gold_lacks(examples):
    doc, gold = examples["002"]
    assert score_document(doc, gold)["techniques"]["extra"] == 0
    assert {n.label for n in doc.layer("narratives")} == {g["id"] for g in gold["narratives"]}


def test_voices_the_speakers_words_and_the_outlets_own(examples):
    doc, _ = examples["002"]
    voice = {t.label: t.attrs["voice"] for t in doc.layer("techniques")}
    assert voice["Name_Calling-Labeling"]["kind"] == "speaker" and voice["Name_Calling-Labeling"]["id"] == "alexander-lukashenko"
    assert voice["Loaded_Language"] == {"kind": "outlet", "name": "BelTA", "id": "belta", "quote": None}
    shields = next(n for n in doc.layer("narratives") if n.label == "human-shields")
    assert shields.attrs["voice"]["id"] == "vladimir-putin"  # Lukashenko quoting Putin: the quote inside is Putin's


def test_every_narrative_carries_its_rebuttal_and_a_calibrated_score(examples):
    doc, _ = examples["002"]
    for n in doc.layer("narratives"):
        assert n.attrs["rebuttal"]["text"] and n.attrs["rebuttal"]["sources"]
        assert 0.5 <= n.attrs["score"] <= 1.0 and n.attrs["stance"] == "asserts"


def test_examples_findings_floors(examples):
    totals = {"narratives": [0, 0], "techniques": [0, 0], "claims": [0, 0]}
    for name, (doc, gold) in examples.items():
        s = score_document(doc, gold, name)
        for layer, t in totals.items():
            t[0] += s[layer]["found"]
            t[1] += s[layer]["gold"]
    check_floor("examples_narrative_recall", totals["narratives"][0] / totals["narratives"][1])
    check_floor("examples_technique_recall", totals["techniques"][0] / totals["techniques"][1])
    check_floor("examples_claim_recall", totals["claims"][0] / totals["claims"][1])


def test_eval_findings_command(tmp_path):
    import json
    import shutil
    from pathlib import Path

    from newsprism.cli.main import example_paths

    for path in example_paths():
        shutil.copy(path, tmp_path)
        shutil.copy(GOLDEN / Path(path).name.replace(".txt", ".gold.json"), tmp_path)
    res = CliRunner().invoke(cli, ["eval", "findings", str(tmp_path), "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["articles"] == 2
    assert report["narratives"]["recall"] == 1.0 and report["techniques"]["recall"] == 1.0
