"""`newsprism eval speakers`: a seeded sample of attributed quotes from a real database (SQLite and PostgreSQL), written
for a person to judge, and the precision of the judged file; bad files say what is wrong with which line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli.main import cli, example_paths
from newsprism.evaluation.speakers import COLUMNS, wilson

EXTRA = [
    "Die Ministerin Anna Berger stellte am Montag in Kassel den Haushalt vor. „Wir sparen nicht an der Bildung“, "
    "sagte Berger. Die Opposition kritisierte den Entwurf.",
    "Der Bürgermeister Jan Kurz eröffnete am Dienstag die neue Halle. „Das ist ein guter Tag für die Stadt“, sagte "
    "der Bürgermeister. Er kündigte an, dass weitere Projekte folgen würden.",
    "Die Gewerkschaft Verdi rief zum Streik auf. Ein Sprecher sagte, die Verhandlungen seien gescheitert. "
    "„Wir lassen uns nicht hinhalten“, sagte Verdi-Chef Frank Werneke.",
]


@pytest.fixture(scope="module")
def db(module_new_db, tmp_path_factory):
    path = module_new_db("audit")
    extra = tmp_path_factory.mktemp("in") / "extra.jsonl"
    extra.write_text("".join(json.dumps({"text": f"Meldung {i}\n\n{t}"}) + "\n" for i, t in enumerate(EXTRA)), "utf-8")
    res = CliRunner().invoke(cli, ["ingest", "--db", path, "--no-stories", *example_paths(), str(extra)])
    assert res.exit_code == 0, res.output
    return path


def _sample(db: str, out: Path, *args: str) -> list[dict[str, str]]:
    res = CliRunner().invoke(cli, ["eval", "speakers", "sample", "--db", db, "-o", str(out), *args])
    assert res.exit_code == 0, res.output
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert rows and list(rows[0]) == COLUMNS
    assert all(f"[{k}]" in res.output for k in range(1, len(rows) + 1))  # printed for a person to read too
    return rows


def test_a_sample_spreads_over_articles_and_the_seed_repeats_it(db, tmp_path):
    rows = _sample(db, tmp_path / "a.tsv", "-n", "4")
    assert len(rows) == 4 and len({r["article"] for r in rows}) == 4  # one quote per article by default
    assert all(r["speaker"] and r["how"] and r["quote"] and r["context"] and r["judgement"] == "" for r in rows)
    again = _sample(db, tmp_path / "b.tsv", "-n", "4")
    assert [(r["article"], r["start"]) for r in again] == [(r["article"], r["start"]) for r in rows]
    many = _sample(db, tmp_path / "c.tsv", "-n", "60", "--per-article", "30")
    assert len(many) > 5 and max(sum(r["article"] == a for r in many) for a in {r["article"] for r in many}) > 1
    assert len({(r["article"], r["start"]) for r in many}) == len(many)  # never the same quote twice


def _said(res) -> str:
    return str(res.exception) + res.output


def _judge(path: Path, marks: list[str]) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for row, mark in zip(rows, marks, strict=False):
        row["judgement"] = mark
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def test_a_judged_sample_gives_its_precision_by_how_the_speaker_was_chosen(db, tmp_path):
    path = tmp_path / "s.tsv"
    rows = _sample(db, path, "-n", "5")
    _judge(path, ["y", "n", "Y", "?", "yes"])
    res = CliRunner().invoke(cli, ["eval", "speakers", "score", str(path), "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert (report["judged"], report["right"], report["precision"], report["left_out"]) == (4, 3, 0.75, 1)
    low, high = report["interval95"]
    assert low < 0.75 < high
    assert sum(b["judged"] for b in report["by_how"].values()) == 4
    assert [w["start"] for w in report["wrong"]] == [int(rows[1]["start"])]
    text = CliRunner().invoke(cli, ["eval", "speakers", "score", str(path)]).output
    assert "3/4 right, precision 0.750" in text and "1 quotes left out" in text


def test_bad_judged_files_say_which_line(db, tmp_path):
    path = tmp_path / "s.tsv"
    _sample(db, path, "-n", "3")
    _judge(path, ["y", "vielleicht"])
    res = CliRunner().invoke(cli, ["eval", "speakers", "score", str(path)])
    assert res.exit_code != 0 and "line 3" in _said(res) and "vielleicht" in _said(res)
    _judge(path, ["", "", ""])
    res = CliRunner().invoke(cli, ["eval", "speakers", "score", str(path)])
    assert res.exit_code != 0 and "no quote is judged yet" in _said(res)
    other = tmp_path / "other.tsv"
    other.write_text("a\tb\n1\t2\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["eval", "speakers", "score", str(other)])
    assert res.exit_code != 0 and "not a speaker sample" in _said(res)


def test_an_empty_database_has_nothing_to_sample(new_db, tmp_path):
    empty = new_db("empty")
    res = CliRunner().invoke(cli, ["eval", "speakers", "sample", "--db", empty, "-o", str(tmp_path / "x.tsv")])
    assert res.exit_code != 0 and "no stored quote has a speaker" in _said(res)


def test_the_wilson_interval():
    assert wilson(0, 0) == (0.0, 0.0)
    low, high = wilson(180, 200)
    assert (round(low, 4), round(high, 4)) == (0.8506, 0.9343)
    assert wilson(10, 10)[1] == 1.0 and wilson(10, 10)[0] < 1.0
