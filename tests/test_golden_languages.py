"""Golden tests of English and Russian quotes on real news: the shared development articles (5 English, 5 Russian,
SemEval-2025 Task 10) and the PolNeAR test split (84 English political news articles, never used to tune the rules).
Skipped without ../shared; floors in tests/quality_floors.json — a ratchet."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsprism.cli.main import cli

from .conftest import shared_path
from .floors import check_floor


def _eval(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["eval", "quotes", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_enru_dev_quote_floors(language):
    t = _eval(str(shared_path("quotes-enru-dev", language)))
    assert t["articles"] == 5
    check_floor(f"enru_dev_{language}_quote_f1", t["f1"])
    check_floor(f"enru_dev_{language}_speaker_accuracy", t["speaker_accuracy"])


def test_polnear_test_split_quote_floors():
    t = _eval(str(shared_path("quotes-en", "polnear")), "--split", "test")
    assert t["articles"] == 84
    check_floor("polnear_test_quote_precision", t["precision"])
    check_floor("polnear_test_quote_f1", t["f1"])
    check_floor("polnear_test_speaker_accuracy", t["speaker_accuracy"])
