"""Stories with the shipped embedder: one event told in German, English and Russian is one story, an unrelated
article of the same day is not, a later article joins the stored story (incremental), and RUWA headlines are
clustered with the measured precision (skipped without ../shared)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsprism.cli.main import cli
from newsprism.evaluation.stories import evaluate_ruwa
from newsprism.storage import open_store

from .conftest import shared_path
from .floors import check_floor

KRAMATORSK = [
    {"title": "Raketenangriff auf Bahnhof in Kramatorsk: Dutzende Tote", "outlet": "dpa", "published": "2022-04-08",
     "text": "Raketenangriff auf Bahnhof in Kramatorsk: Dutzende Tote\n\nKIEW, 8. April (dpa) - Bei einem Raketenangriff auf den Bahnhof der ostukrainischen Stadt Kramatorsk sind nach ukrainischen Angaben mindestens 50 Menschen getötet worden. Tausende warteten dort auf ihre Evakuierung."},
    {"title": "Missile strike on Kramatorsk railway station kills dozens", "outlet": "Reuters", "published": "2022-04-08",
     "text": "Missile strike on Kramatorsk railway station kills dozens\n\nKYIV, April 8 (Reuters) - A missile strike on the railway station in the eastern Ukrainian city of Kramatorsk killed at least 50 people, Ukrainian officials said. Thousands were waiting there to be evacuated."},
    {"title": "Ракетный удар по вокзалу Краматорска: десятки погибших", "outlet": "TASS", "published": "2022-04-08",
     "text": "Ракетный удар по вокзалу Краматорска: десятки погибших\n\nКИЕВ, 8 апреля (ТАСС) - В результате ракетного удара по железнодорожному вокзалу Краматорска погибли по меньшей мере 50 человек, сообщили украинские власти. Тысячи людей ждали там эвакуации."},
    {"title": "Bundestag beschließt Haushalt für 2023", "outlet": "dpa", "published": "2022-04-08",
     "text": "Bundestag beschließt Haushalt für 2023\n\nBERLIN, 8. April (dpa) - Der Bundestag hat den Haushalt für das kommende Jahr beschlossen. Finanzminister Christian Lindner sprach von einem soliden Etat, die Opposition kritisierte neue Schulden."},
]  # fmt: skip
LATER = {
    "title": "Evakuierung aus Kramatorsk geht nach Angriff weiter", "outlet": "AFP", "published": "2022-04-09",
    "text": "Evakuierung aus Kramatorsk geht nach Angriff weiter\n\nKRAMATORSK, 9. April (AFP) - Einen Tag nach dem verheerenden Raketenangriff auf den Bahnhof von Kramatorsk gehen die Evakuierungen aus der Region weiter. Die Behörden riefen die Bewohner erneut zur Flucht auf.",
}  # fmt: skip


def _jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def db(tmp_path_factory, module_new_db):
    folder = tmp_path_factory.mktemp("stories")
    db = module_new_db("s")
    res = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--workers", "1", _jsonl(folder / "a.jsonl", KRAMATORSK)])
    assert res.exit_code == 0, res.output
    return db


def _story_of(db, title):
    with open_store(db) as s:
        doc = next(d for d in s.iter_documents() if d.meta.get("title") == title)
        return s.story_of(doc.id)


def test_one_event_in_three_languages_is_one_story(db):
    ids = {r["outlet"]: _story_of(db, r["title"]) for r in KRAMATORSK}
    assert ids["dpa"] is not None
    assert _story_of(db, KRAMATORSK[0]["title"]) == _story_of(db, KRAMATORSK[1]["title"]) == _story_of(db, KRAMATORSK[2]["title"])
    assert _story_of(db, KRAMATORSK[3]["title"]) != _story_of(db, KRAMATORSK[0]["title"])


def test_a_later_article_joins_the_stored_story(db, tmp_path):
    before = _story_of(db, KRAMATORSK[0]["title"])
    res = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--workers", "1", _jsonl(tmp_path / "b.jsonl", [LATER])])
    assert res.exit_code == 0, res.output
    assert _story_of(db, LATER["title"]) == before
    res = CliRunner().invoke(cli, ["stories", "--db", str(db), "--json"])
    top = json.loads(res.output.splitlines()[0])
    assert top["id"] == before and top["articles"] == 4 and set(top["outlets"]) == {"dpa", "Reuters", "TASS", "AFP"}
    shown = CliRunner().invoke(cli, ["story", str(before), "--db", str(db)]).output
    assert "Kramatorsk" in shown and "TASS" in shown


def test_ingest_without_stories_and_update_later(tmp_path, new_db):
    db = new_db("n")
    res = CliRunner().invoke(
        cli, ["ingest", "--db", str(db), "--workers", "1", "--no-stories", _jsonl(tmp_path / "a.jsonl", KRAMATORSK[:2])]
    )
    assert res.exit_code == 0
    with open_store(db) as s:
        assert len(s.unclustered()) == 2
    res = CliRunner().invoke(cli, ["stories", "--update", "--db", str(db), "--json"])
    assert res.exit_code == 0 and "2 articles placed" in res.output
    with open_store(db) as s:
        assert not s.unclustered()


def test_unknown_story_is_a_clear_error(db):
    res = CliRunner().invoke(cli, ["story", "99999", "--db", str(db)])
    assert res.exit_code != 0 and "no story 99999" in str(res.exception) + res.output


def test_ruwa_story_precision():
    folder = shared_path("headlines-en", "ruwa")
    s = evaluate_ruwa(folder, limit=1500)  # the first 1,500 in date order: about 40 s of embedding
    assert s.articles > 100
    check_floor("ruwa_story_pair_precision", s.precision)
    check_floor("ruwa_story_recall_within_a_day", s.recall_within_a_day)
