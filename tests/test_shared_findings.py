"""Narratives, techniques and claims on the shared dev data (skipped without ../shared): the Propaganda Diary
cross-validation of imported narratives, the bundled catalogue on its cases and on neutral news, techniques on
neutral and on alternative-media news, and claim detection on GermEval. Floors in tests/quality_floors.json."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism import Document
from newsprism.evaluation.claims import cross_validate as claims_cv
from newsprism.evaluation.claims import germeval2021, read_annotated
from newsprism.evaluation.narratives import bundled_on_cases, cross_validate, false_alarms, reader
from newsprism.pipeline.claims import load_model
from newsprism.pipeline.techniques import TechniqueStage

from .conftest import ROOT, shared_path
from .floors import check_floor

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("language, file", [("ru", "dataRu.json"), ("en", "dataEng.json")])
def test_a_german_catalogue_reads_the_same_cases_in_russian_and_english(language, file):
    folder = shared_path("narratives", "propaganda-diary")
    r = cross_validate(folder / "dataDe.json", folds=5, cases_path=folder / file)
    assert r["cases"] > 300  # the cases whose link pairs one to one with the German file's
    check_floor(f"propaganda_diary_{language}_top1_cv", r["top1_accuracy"])


def test_imported_propaganda_diary_narratives_top1_by_cross_validation():
    r = cross_validate(shared_path("narratives", "propaganda-diary", "dataDe.json"), folds=5)
    check_floor("propaganda_diary_top1_cv", r["top1_accuracy"])
    check_floor("propaganda_diary_top1_passage_cv", r["top1_passage_accuracy"])
    assert r["cases_sharing_their_passage"] == 49  # the data set's rows that no single label can all be right for


def test_the_bundled_catalogue_recognises_diary_cases_of_its_narratives():
    r = bundled_on_cases(shared_path("narratives", "propaganda-diary", "dataDe.json"))
    check_floor("propaganda_diary_bundled_recall", r["recall"])


def test_neutral_news_is_not_flagged():
    files = sorted(shared_path("quotes-de-wikinews").glob("*.txt"))[1::2]  # the half calibration never saw
    r = false_alarms(files)
    check_floor("wikinews_narrative_flagged_share_max", r["flagged_share"], higher_is_better=False)


def _techniques_in_outlet_voice(paths: list[Path]) -> float:
    read, stage = reader(), TechniqueStage()
    found = 0
    for p in paths:
        doc = stage(read(Document(p.read_text(encoding="utf-8"))))
        found += sum(1 for t in doc.layer("techniques") if t.attrs["voice"]["kind"] == "outlet")
    return found / len(paths)


def test_neutral_news_uses_few_techniques_in_its_own_voice():
    per_article = _techniques_in_outlet_voice(sorted(shared_path("quotes-de-wikinews").glob("*.txt")))
    check_floor("wikinews_outlet_techniques_per_article_max", per_article, higher_is_better=False)


def test_claims_on_the_projects_annotation_by_cross_validation():
    rows = read_annotated(ROOT / "training" / "claims-germeval2014.tsv", shared_path("ner-de"))
    check_floor("claims_annotated_cv_macro_f1", claims_cv(rows, 5, words=True, c=1.0)["macro_f1"])


def test_claims_on_germeval2021_held_out():
    r = germeval2021(shared_path("claims-de", "germeval2021", "GermEval21_TrainData.csv"), load_model())
    fitted, bundled = r["fitted"], r["model"]
    assert isinstance(fitted, dict) and isinstance(bundled, dict)
    check_floor("germeval2021_fitted_macro_f1", fitted["macro_f1"])
    check_floor("germeval2021_bundled_macro_f1", bundled["macro_f1"])
