from __future__ import annotations

import csv
import json
import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism import Document, StorageError, UsageError
from newsprism.cli.main import cli, example_paths
from newsprism.document import Source
from newsprism.storage import Failure, Filters, open_store
from newsprism.storage.migrations import MIGRATIONS, applied
from newsprism.storage.sqlite import fts_query, published_range


def make(pipeline, text: str, **hints) -> Document:
    return pipeline(Document(text, source=Source(path=f"{abs(hash(text))}.txt", sha256=str(abs(hash(text))), hints=hints)))


BODY = "Die Regierung hat am Mittwoch über {} beraten, wie ein Sprecher mitteilte. Kritiker fordern mehr Tempo bei den {}."


@pytest.fixture
def store(pipeline, new_db):
    s = open_store(new_db("store"))
    docs = [
        make(
            pipeline,
            BODY.format("die Impfungen", "Impfungen"),
            title="Impfstart verzögert sich",
            published="2021-01-05",
            outlet="compact-online",
        ),
        make(
            pipeline,
            BODY.format("eine Impfpflicht", "Masken"),
            title="Debatte über Pflicht",
            published="2021-03",
            outlet="Kopp Report",
        ),
        make(
            pipeline,
            BODY.format("den Haushalt", "Finanzen"),
            title="Haushalt beschlossen",
            published="2020-11-20T10:00",
            outlet="dpa",
        ),
        make(
            pipeline,
            "The government discussed vaccinations on Wednesday, a spokesman said. Critics want more speed.",
            title="Vaccination debate",
            published="2021-02-01",
        ),
    ]
    s.write_batch(docs, [Failure("bad.txt", "empty: the file has no text")])
    yield s
    s.close()


def test_migrations_are_named_and_applied_once(tmp_path: Path):
    db = tmp_path / "m.db"
    open_store(db).close()
    conn = sqlite3.connect(db)
    assert applied(conn) == [name for name, _ in MIGRATIONS]
    conn.close()
    open_store(db).close()  # reopening applies nothing twice and does not fail


def test_not_a_database(tmp_path: Path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError, match="cannot open the database"):
        open_store(bad)


def test_same_article_twice_is_a_no_op(store, pipeline):
    doc = make(pipeline, BODY.format("die Impfungen", "Impfungen"), title="Impfstart verzögert sich")
    again = Document(doc.text + "\n", source=Source(path="other.txt", sha256="other"))  # same text, other whitespace
    result = store.write_batch([pipeline(again)], [])
    assert (result.new, result.duplicate) == (0, 1)
    assert store.count() == 4
    assert store.known_sources(["other", "nope"]) == {"other"}


def test_stemmed_search_finds_inflections(store):
    titles = {h.title for h in store.search("Impfung")}
    assert titles == {"Impfstart verzögert sich"}  # "Impfungen" in the text, not "Impfpflicht"
    assert {h.title for h in store.search("impf*")} == {"Impfstart verzögert sich", "Debatte über Pflicht"}
    assert {h.title for h in store.search("vaccination")} == {"Vaccination debate"}
    hit = store.search("Impfungen")[0]
    doc = store.get(hit.id)
    assert doc.text[hit.snippet["start"] : hit.snippet["end"]] == hit.snippet["text"]
    assert "Impfungen" in hit.snippet["text"]


def test_a_word_with_combining_marks_is_one_word_on_both_backends(pipeline, store):
    # "So\u0308der" (o + combining diaeresis, as some pages encode it) is "Söder", not "So" and "der"
    store.write_batch([make(pipeline, "Ministerpräsident So\u0308der sprach am Montag in Nürnberg über den_Plan.")], [])
    hits = store.search("Söder")
    assert len(hits) == 1 and hits[0].snippet["text"].startswith("Ministerpräsident So\u0308der sprach")
    assert store.search('"So der"') == []  # not split at the mark
    assert len(store.search("plan")) == 1  # the underscore separates words, as SQLite's tokenizer reads them


def test_phrase_search(store):
    assert [h.title for h in store.search('"über eine Impfpflicht"')] == ["Debatte über Pflicht"]
    assert store.search('"Impfpflicht über"') == []


def test_filters(store):
    assert {h.title for h in store.search("Regierung", Filters(outlet="compact"))} == {"Impfstart verzögert sich"}
    assert {h.title for h in store.search("Regierung", Filters(outlet="Kopp Report"))} == {"Debatte über Pflicht"}
    # month precision "2021-03" overlaps a range that starts mid-month
    assert {h.title for h in store.search("Regierung", Filters(since=date(2021, 3, 15)))} == {"Debatte über Pflicht"}
    assert {h.title for h in store.search("Regierung", Filters(until=date(2020, 12, 31)))} == {"Haushalt beschlossen"}
    assert store.count(Filters(language="en")) == 1


def test_empty_query_is_a_usage_error(store):
    with pytest.raises(UsageError, match="no words"):
        store.search("  ,, ")


def test_get_by_prefix_and_round_trip(store):
    doc = next(store.iter_documents())
    assert store.get(doc.id[:8]).to_dict() == doc.to_dict()
    assert store.get("zzzzzzzz") is None


def test_failures_are_stored_and_cleared_on_success(store, pipeline):
    assert [f.source for f in store.failures()] == ["bad.txt"]
    fixed = Document(BODY.format("Reparaturen", "Reparaturen"), source=Source(path="bad.txt", sha256="fixed"))
    store.write_batch([pipeline(fixed)], [])
    assert store.failures() == []


def test_integrity(store):
    assert store.integrity_ok()


def test_published_range():
    assert published_range("2025-03") == ("2025-03-01", "2025-03-31")
    assert published_range("2024-02") == ("2024-02-01", "2024-02-29")
    assert published_range("2025-08-08T14:20") == ("2025-08-08", "2025-08-08")
    assert published_range(None) == (None, None)


def test_fts_query_quotes_everything():
    q, words = fts_query('Verhandlungen "Minsk talks" NEAR/ OR', ("de",))
    assert '{title_stem body_stem} : ("verhandl")' in q and '{title body} : "minsk talks"' in q
    assert words == ["verhandlungen", "minsk", "talks", "near", "or"]


def _export(db: Path, fmt: str, out: Path) -> None:
    res = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", fmt, "--output", str(out)], catch_exceptions=False)
    assert res.exit_code == 0, res.output


def test_export_round_trips(tmp_path: Path):
    db1, db2 = tmp_path / "a.db", tmp_path / "b.db"
    runner = CliRunner()
    runner.invoke(cli, ["ingest", *example_paths(), "--db", str(db1), "--workers", "1"], catch_exceptions=False)
    _export(db1, "jsonl", tmp_path / "a.jsonl")
    res = runner.invoke(cli, ["ingest", str(tmp_path / "a.jsonl"), "--db", str(db2), "--workers", "1"], catch_exceptions=False)
    assert "2 new" in res.stdout
    _export(db2, "jsonl", tmp_path / "b.jsonl")
    a = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    b = [json.loads(x) for x in (tmp_path / "b.jsonl").read_text(encoding="utf-8").splitlines()]
    for x in a + b:
        x["source"].pop("sha256"), x["source"].pop("kind")
    assert a == b and len(a) == 2

    _export(db1, "csv", tmp_path / "a.csv")
    with open(tmp_path / "a.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["text"] for r in rows] == [x["text"] for x in a]
    assert [r["published"] for r in rows] == ["2025-03", "2025-08-08T14:20"]

    pq = pytest.importorskip("pyarrow.parquet")
    _export(db1, "parquet", tmp_path / "a.parquet")
    table = pq.read_table(tmp_path / "a.parquet").to_pylist()
    assert [r["id"] for r in table] == [x["id"] for x in a]
    assert [json.loads(r["analysis"]) for r in table] == [
        json.loads(x) for x in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert table[1]["outlet_state_affiliated"] is True

    # the tidy tables: one row per item of the contract, with its article's keys and its offsets
    contracts = {x["id"]: x for x in a}
    tidy = {
        t: pq.read_table(tmp_path / f"a.{t}.parquet").to_pylist() for t in ("quotes", "mentions", "dates", "claims", "findings")
    }
    layers = {"quotes": ["quotes"], "mentions": ["entities"], "dates": ["dates"], "claims": ["claims"]}
    layers["findings"] = ["narratives", "techniques"]
    for table_name, rows in tidy.items():
        assert len(rows) == sum(len(x[layer]) for x in a for layer in layers[table_name]), table_name
        for r in rows:
            doc = contracts[r["article_id"]]
            assert doc["text"][r["start"] : r["end"]] == r["text"]
            assert r["outlet_id"] == (doc["metadata"].get("outlet") or {}).get("id")
    quotes = [r for r in tidy["quotes"] if r["speaker_id"] == "alexander-lukashenko"]
    assert quotes
    first = contracts[quotes[0]["article_id"]]["quotes"][quotes[0]["quote"]]
    assert (first["start"], first["speaker"]["id"]) == (quotes[0]["start"], "alexander-lukashenko")
    mentions = tidy["mentions"]
    assert {"alexander-lukashenko"} <= {r["actor_id"] for r in mentions} and {r["type"] for r in mentions} >= {"PER", "LOC"}
    layers_seen = {r["layer"] for r in tidy["findings"]}
    assert layers_seen == {"narrative", "technique"}, layers_seen
    # the join a user makes, quotes per speaker and outlet, with no JSON parsed
    q = pq.read_table(tmp_path / "a.quotes.parquet", filters=[("speaker_id", "=", "alexander-lukashenko")])
    joined = q.join(pq.read_table(tmp_path / "a.parquet", columns=["id", "outlet"]), "article_id", "id")
    by_outlet = Counter(
        (x["metadata"].get("outlet") or {}).get("name")
        for x in a
        for quote in x["quotes"]
        if (quote["speaker"] or {}).get("id") == "alexander-lukashenko"
    )
    counted = joined.group_by("outlet").aggregate([("quote", "count")]).to_pylist()
    assert {r["outlet"]: r["quote_count"] for r in counted} == by_outlet and by_outlet["BelTA"] > 0


def test_search_finds_an_actor_in_every_script_the_registry_knows(pipeline):
    s = open_store(":memory:")
    ru = make(
        pipeline,
        "Президент России Владимир Путин провел переговоры с Александром Лукашенко. Встреча Путина и Лукашенко прошла в Минске.",
        title="Путин и Лукашенко встретились в Минске",
        language="ru",
    )
    en = make(pipeline, "Lukashenko met the Russian president in Minsk on Tuesday.", title="Talks in Minsk", language="en")
    s.write_batch([ru, en], [])
    assert {h.title for h in s.search("Putin")} == {"Путин и Лукашенко встретились в Минске"}
    assert {h.title for h in s.search("Lukaschenko")} == {"Путин и Лукашенко встретились в Минске", "Talks in Minsk"}
    hit = s.search("Putin")[0]
    assert hit.snippet is not None and "Путин" in hit.snippet["text"]
    assert s.search("Impfung") == []  # a word that names no actor is searched as it is
