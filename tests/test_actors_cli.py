"""`newsprism actors` and `newsprism actor` on a real database (SQLite and PostgreSQL): actors by mentions, queries in any script,
one actor's mentions and quotes in time order with their outlets."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsprism.cli.main import cli, example_paths


@pytest.fixture(scope="module")
def db(module_new_db):
    path = module_new_db("news")
    res = CliRunner().invoke(cli, ["ingest", "--db", path, *example_paths()])
    assert res.exit_code == 0, res.output
    return path


def _json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_actors_most_mentioned_first(db):
    res = CliRunner().invoke(cli, ["actors", "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    rows = _json_lines(res.output)
    counts = [r["mentions"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert rows[0]["id"] == "alexander-lukashenko" and rows[0]["articles"] == 2


@pytest.mark.parametrize("query", ["Lukasch", "Лукашенко", "Lukashenko", "Staatsoberhaupt"])
def test_a_query_in_any_script_finds_the_actor(db, query):
    res = CliRunner().invoke(cli, ["actors", query, "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    assert "alexander-lukashenko" in [r["id"] for r in _json_lines(res.output)]


def test_the_count_does_not_depend_on_the_query(db):
    full = {r["id"]: r["mentions"] for r in _json_lines(CliRunner().invoke(cli, ["actors", "--db", db, "--json"]).output)}
    some = _json_lines(CliRunner().invoke(cli, ["actors", "Staatsoberhaupt", "--db", db, "--json"]).output)
    assert some and all(r["mentions"] == full[r["id"]] for r in some)


def test_one_actor_in_time_order_with_quotes_by_and_about(db):
    res = CliRunner().invoke(cli, ["actor", "alexander-lukashenko", "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    published = [m["published"] or "" for m in data["mentions"]]
    assert published == sorted(published)
    assert {"das Staatsoberhaupt", "Lukaschenko"} <= {m["text"] for m in data["mentions"]}
    relations = [q["relation"] for q in data["quotes"]]
    assert relations.count("by") >= 10 and set(relations) <= {"by", "about"}
    assert all(q["speaker"] == "Alexander Lukaschenko" for q in data["quotes"] if q["relation"] == "by")
    text = CliRunner().invoke(cli, ["actor", "alexander-lukashenko", "--db", db]).output
    assert "BelTA" in text and "das Staatsoberhaupt" in text


def test_an_unknown_actor_gets_a_hint(db):
    res = CliRunner().invoke(cli, ["actor", "lukashenko", "--db", db])
    assert res.exit_code != 0
    assert "alexander-lukashenko" in str(res.exception) + res.output
