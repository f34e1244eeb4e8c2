"""Golden tests of quote extraction: the two examples scored against their gold, the ``eval quotes`` command, and
the WikiNews dev set (skipped without ../shared). Floors are in tests/quality_floors.json — a ratchet."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli.main import cli, example_paths
from newsprism.evaluation.quotes import Report, predictions, score_article

from .conftest import GOLDEN, shared_path
from .floors import check_floor


def _report(examples) -> Report:
    return Report([score_article(name, gold, predictions(doc)) for name, (doc, gold) in sorted(examples.items())])


@pytest.mark.parametrize("name", ["000", "002"])
def test_each_example_reaches_the_issue_bar(examples, name):
    doc, gold = examples[name]
    res = score_article(name, gold, predictions(doc))
    missed = [g["text"][:60] for g in res.missed]
    assert res.f1 >= 0.90, f"F1 {res.f1:.3f}; missed {missed}; spurious {[p.text[:60] for p in res.spurious]}"
    assert res.speaker_total and res.speaker_ok / res.speaker_total >= 0.90, [
        (g["text"][:40], g["speaker"], p.speaker) for g, p in res.wrong_speaker
    ]


def test_examples_quote_floors(examples):
    t = _report(examples).totals()
    check_floor("examples_quote_f1", t["f1"])
    check_floor("examples_quote_recall", t["recall"])
    check_floor("examples_speaker_accuracy", t["speaker_accuracy"])


def test_examples_nested_quotes_point_to_their_parent(examples):
    doc, _ = examples["002"]
    quotes = doc.layer("quotes")
    nested = [q for q in quotes if q.attrs["parent"] is not None]
    assert len(nested) >= 5
    for q in nested:
        parent = quotes[q.attrs["parent"]]
        assert parent.start <= q.start and q.end <= parent.end, doc.span_text(q)


def test_examples_speakers_named_by_role_resolve_to_the_person(examples):
    doc, _ = examples["002"]
    by_mention = {(q.attrs["speaker"] or {}).get("mention"): (q.attrs["speaker"] or {}).get("name") for q in doc.layer("quotes")}
    assert by_mention.get("das Staatsoberhaupt") == "Alexander Lukaschenko"
    assert by_mention.get("der Staatschef") == "Alexander Lukaschenko"


def test_examples_scare_quotes_are_not_speech(examples):
    doc, gold = examples["002"]
    scare = {doc.span_text(s) for s in doc.layer("scare_quotes")}
    assert set(gold["scare_quotes"]) <= scare
    assert not {doc.span_text(q) for q in doc.layer("quotes")} & set(gold["scare_quotes"])


def _gold_folder(tmp_path: Path) -> Path:
    for path in example_paths():
        name = Path(path).name
        shutil.copy(path, tmp_path / name)
        shutil.copy(GOLDEN / name.replace(".txt", ".gold.json"), tmp_path / name.replace(".txt", ".gold.json"))
    return tmp_path


def test_eval_quotes_command_prints_the_report(tmp_path, examples):
    folder = _gold_folder(tmp_path)
    result = CliRunner().invoke(cli, ["eval", "quotes", str(folder), "--worst", "2"])
    assert result.exit_code == 0, result.output
    t = _report(examples).totals()
    assert f"F1 {t['f1']:.3f}" in result.output
    assert f"speaker accuracy {t['speaker_accuracy']:.3f}" in result.output
    for kind in ("direct", "indirect", "mixed"):
        assert f"\n  {kind} " in result.output
    assert "worst 2 articles:" in result.output

    as_json = CliRunner().invoke(cli, ["eval", "quotes", str(folder), "--json"])
    assert json.loads(as_json.output) == t


def test_eval_quotes_command_without_gold_files_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "quotes", str(tmp_path)])
    assert result.exit_code != 0
    assert "no *.gold.json" in str(result.exception) + result.output


def test_eval_counts_optional_gold_quotes_neither_way():
    gold = {
        "quotes": [
            {"text": "Wir kommen morgen wieder", "kind": "direct", "speaker": "Anna Berger"},
            {"text": "ein schöner Tag", "kind": "direct", "speaker": "Anna Berger", "optional": True},
        ],
        "aliases": {"Anna Berger": ["Berger"]},
    }
    from newsprism.evaluation.quotes import Predicted

    found = [Predicted("Wir kommen morgen wieder", "direct", "Berger"), Predicted("ein schöner Tag", "direct", None)]
    res = score_article("x", gold, found)
    assert (res.tp, res.fp, res.fn, res.speaker_ok, res.speaker_total) == (1, 0, 0, 1, 1)
    res = score_article("x", gold, [*found[:1], Predicted("ganz etwas anderes", "direct", None)])
    assert (res.tp, res.fp, res.fn) == (1, 1, 0)


def test_wikinews_quote_floors():
    folder = shared_path("quotes-de-wikinews")
    result = CliRunner().invoke(cli, ["eval", "quotes", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    t = json.loads(result.output)
    assert t["articles"] == 700 and t["gold_required"] == 2417
    check_floor("wikinews_quote_f1", t["f1"])
    check_floor("wikinews_speaker_accuracy", t["speaker_accuracy"])


def test_quotes_stage_reads_a_thousand_fang_articles_without_failing(pipeline):
    from benchmarks.corpora import fang_records

    from newsprism import Document

    folder = shared_path("corpus-de", "fang-covid")
    n = found = 0
    for record in fang_records(folder):
        doc = pipeline(Document(record["text"]))  # a stage error raises here
        found += len(doc.layer("quotes"))
        n += 1
        if n == 1000:
            break
    assert n == 1000 and found > 1000
