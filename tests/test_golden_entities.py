"""Golden tests of entities and dates: the two examples against their gold (every gold mention linked to its
canonical actor, role nouns included; every gold date right), the ``eval`` commands, the NER on held-out GermEval
sentences and the dates on WikiWarsDE (both skipped without ../shared). Floors: tests/quality_floors.json."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsprism.cli.main import cli
from newsprism.evaluation.dates import evaluate_timex
from newsprism.evaluation.entities import EntityReport, score_entities
from newsprism.evaluation.ner import held_out_sentences, score, score_mentions
from newsprism.pipeline.entities.gazetteer import default_gazetteer
from newsprism.pipeline.entities.ner import bundled_model
from newsprism.registry.actors import load_actors

from .conftest import shared_path
from .floors import check_floor
from .test_golden_quotes import _gold_folder


def _report(examples) -> EntityReport:
    return EntityReport([score_entities(name, gold, doc) for name, (doc, gold) in sorted(examples.items())])


@pytest.mark.parametrize("name", ["000", "002"])
def test_each_example_reaches_the_issue_bar(examples, name):
    doc, gold = examples[name]
    res = score_entities(name, gold, doc)
    assert res.linked / res.mentions >= 0.90, res.missed
    assert res.dates_right == res.dates, res.wrong_dates


def test_examples_entity_floors(examples):
    t = _report(examples).totals()
    assert t["gold_mentions"] >= 50 and t["gold_dates"] == 7
    check_floor("examples_entity_linked_share", t["linked_share"])
    check_floor("examples_dates_right_share", t["dates_right"] / t["gold_dates"])


def test_examples_role_nouns_and_capture_date(examples):
    doc, _ = examples["002"]
    ids = {doc.span_text(s): (s.attrs.get("actor") or {}).get("id") for s in doc.layer("entities")}
    assert ids["das Staatsoberhaupt"] == "alexander-lukashenko"
    assert ids["Wladimir Wladimirowitsch"] == "vladimir-putin"
    dates = {doc.span_text(d): d.attrs["value"] for d in doc.layer("dates")}
    assert dates["08 August 2025, 14:20"] == "2025-08-08T14:20"
    assert doc.meta["reference_date"] == "2025-08-08"  # the publication, not the capture date (12 August)


def test_examples_entities_and_dates_in_the_output_contract(examples):
    from newsprism.output import contract

    doc, _ = examples["002"]
    c = contract(doc)
    assert c["entities"] and c["dates"]
    for e in c["entities"]:
        assert {"text", "start", "end", "type", "id", "name"} <= e.keys()
        assert c["text"][e["start"] : e["end"]] == e["text"]
    for d in c["dates"]:
        assert {"text", "start", "end", "value", "precision"} <= d.keys()
        assert c["text"][d["start"] : d["end"]] == d["text"]
    role = next(e for e in c["entities"] if e["text"] == "das Staatsoberhaupt")
    assert (role["id"], role["name"], role["kind"]) == ("alexander-lukashenko", "Alexander Lukashenko", "role")
    assert c["metadata"]["reference_date"] == "2025-08-08"


def test_eval_entities_command(tmp_path):
    res = CliRunner().invoke(cli, ["eval", "entities", str(_gold_folder(tmp_path)), "--json"])
    assert res.exit_code == 0, res.output
    totals = json.loads(res.output)
    assert totals["gold_dates"] == 7 and totals["dates_right"] == 7
    assert totals["linked_share"] >= 0.9


def test_eval_commands_explain_bad_folders(tmp_path):
    for sub in ("entities", "ner", "dates", "stories"):
        res = CliRunner().invoke(cli, ["eval", sub, str(tmp_path)])
        assert res.exit_code != 0 and str(tmp_path) in str(res.exception) + res.output, (sub, res.output)


def test_ner_on_held_out_germeval():
    folder = shared_path("ner-de")
    sentences = held_out_sentences(folder)
    assert len(sentences) == 550
    s = score(bundled_model(), sentences, default_gazetteer())
    check_floor("germeval_heldout_ner_f1", s["all"])


def test_the_entity_stage_keeps_what_the_ner_finds_on_held_out_germeval():
    # the names the entity stage gives users (the NER, the registry's names, the one-word filters): its filters
    # must not cost more than they save
    sentences = held_out_sentences(shared_path("ner-de"))
    s = score_mentions(bundled_model(), sentences, load_actors())
    check_floor("germeval_heldout_mentions_f1", s["all"])
    check_floor("germeval_heldout_mentions_precision", s["all_p"])


def test_dates_on_wikiwars():
    folder = shared_path("dates-de", "wikiwarsde", "WikiWarsDE_20110412", "keyinline")
    from newsprism import default_pipeline

    s = evaluate_timex(folder, default_pipeline())
    assert s.documents == 22
    check_floor("wikiwars_year_dates_f1", s.f1)
