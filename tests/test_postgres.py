"""PostgreSQL as a team's database, on a real server on 127.0.0.1 (tests/backends.py): four writers of overlapping
inputs at once with a reader beside them — nothing lost, nothing doubled, no deadlock; an SQLite database copied
over by ``newsprism migrate --to`` has the same rows, hits and pages (benchmarks/parity.py compares them); a server
that cannot be reached is a clear error."""

from __future__ import annotations

import json
import multiprocessing as mp
import random
import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from benchmarks.parity import compare
from click.testing import CliRunner

from newsprism import Document, StorageError
from newsprism.cli.main import cli, example_paths
from newsprism.document import Source
from newsprism.storage import open_store

from .backends import need
from .conftest import DATA

CITIES = ["Minsk", "Kiew", "Berlin", "Warschau", "Riga", "Vilnius", "Moskau", "Prag"]
PEOPLE = ["Anna Schmidt", "Jan Kowalski", "Olga Petrowa", "Peter Novak", "Maria Weber", "Igor Belov"]


def _texts(n: int) -> list[str]:
    rng = random.Random(5)
    out = []
    for i in range(n):
        city, person = CITIES[i % len(CITIES)], PEOPLE[i % len(PEOPLE)]
        words = " ".join(rng.choice(["Busse", "Schulen", "Brücken", "Straßen", "Kliniken", "Parks"]) for _ in range(12))
        out.append(
            f"Meldung {i} aus {city}\n\n{city.upper()}, {i % 27 + 1}. März (dpa) - Die Bürgermeisterin {person} sagte am "
            f"Mittwoch: „Wir brauchen {i + 3} neue Busse für {city}.“ Die Opposition kritisierte den Plan {i} als zu "
            f"teuer. Geplant sind {words}. Der Stadtrat berät am {i % 20 + 1}. April."
        )
    return out


def _write(url: str, batches: list[list[dict[str, Any]]], seed: int) -> None:
    from newsprism.stories import update_stories

    rng = random.Random(seed)
    with open_store(url) as store:
        for batch in batches:
            store.write_batch([Document.from_dict(d) for d in batch], [])
            time.sleep(rng.uniform(0, 0.02))
        with store.story_lock():
            update_stories(store)


def test_four_writers_with_overlapping_inputs_and_a_reader(pipeline, postgres):
    url = need(postgres).new()
    docs = [pipeline(Document(t, source=Source(path=f"m{i}.txt", sha256=f"sha-{i}"))) for i, t in enumerate(_texts(40))]
    dicts = [d.to_dict() for d in docs]
    inputs = []
    for w in range(4):  # each writer: 25 of the 40, overlapping the others', in its own order, in batches of 3
        part = [dicts[(w * 10 + k) % 40] for k in range(25)]
        random.Random(w).shuffle(part)
        inputs.append([part[i : i + 3] for i in range(0, len(part), 3)])
    assert len({d["id"] for part in inputs for b in part for d in b}) == 40
    seen: list[int] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        try:
            with open_store(url) as r:
                while not done.is_set():
                    seen.append(r.count())
                    r.search("Bürgermeisterin")
                    r.articles(limit=10)
        except BaseException as exc:
            errors.append(exc)

    open_store(url).close()  # migrated once before the writers start
    reader = threading.Thread(target=read)
    reader.start()
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_write, args=(url, inputs[w], w)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(300)
    done.set()
    reader.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    assert not errors, errors
    assert seen and seen == sorted(seen), "the reader saw articles disappear"
    with open_store(url) as s:
        assert s.count() == 40
        assert not s.check(), "the database is inconsistent"
        for d in docs:
            stored = s._x("SELECT count(*) FROM quotes q JOIN articles a ON a.rowid = q.article_rowid WHERE a.id = ?", (d.id,))
            assert stored.fetchone()[0] == len(d.layer("quotes"))
            mentions = s._x(
                "SELECT count(*) FROM mentions m JOIN articles a ON a.rowid = m.article_rowid WHERE a.id = ?", (d.id,)
            )
            assert mentions.fetchone()[0] == sum(1 for e in d.layer("entities") if e.attrs.get("actor"))
            assert s.story_of(d.id) is not None
        assert s._x("SELECT count(*) FROM seen_sources").fetchone()[0] == 40
        assert sum(st.articles for st in s.stories(limit=1000)) == 40


def _records() -> list[dict[str, Any]]:
    """The bundled examples, a story told in three languages, and FANG-COVID articles when ../shared has them."""
    from .test_stories import KRAMATORSK, LATER

    out = [{"text": Path(p).read_text(encoding="utf-8"), "path": p} for p in example_paths()]
    out += [*KRAMATORSK, LATER]
    fang = DATA / "corpus-de" / "fang-covid"
    if fang.exists():
        from benchmarks.corpora import fang_records

        for i, r in enumerate(fang_records(fang)):
            if i % 50 == 0:
                out.append(r)
            if len(out) >= 60:
                break
    return out


def test_migrate_copies_an_sqlite_database_with_the_same_rows_hits_and_pages(tmp_path, postgres):
    url = need(postgres).new()
    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records()) + "{broken\n", encoding="utf-8")
    db = tmp_path / "team.db"
    res = CliRunner().invoke(cli, ["ingest", str(records), "--db", str(db), "--workers", "1", "-q"])
    assert res.exit_code == 1, res.output  # the broken line is a failure, stored as such
    res = CliRunner().invoke(cli, ["migrate", "--db", str(db), "--to", url], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    with open_store(db) as a, open_store(url) as b:
        assert a.count() == b.count() >= 7
        assert compare(a, b, queries=("Kramatorsk", "Lukaschenko", "Präsident*", '"der Präsident"', "Putin", "Corona")) == []
        assert b.failures() and not b.check()
    again = CliRunner().invoke(cli, ["migrate", "--db", str(db), "--to", url], catch_exceptions=False)
    assert again.exit_code == 0 and "0 new in the target" in again.output  # copying again adds nothing
    with open_store(url) as b, open_store(db) as a:
        assert a.count() == b.count()


def test_an_unreachable_server_is_a_clear_error():
    with pytest.raises(StorageError, match=re.escape("cannot connect to the database postgresql://newsprism:***@127.0.0.1:9/")):
        open_store("postgresql://newsprism:secret@127.0.0.1:9/news")
    res = CliRunner().invoke(cli, ["search", "Minsk", "--db", "postgresql://newsprism:secret@127.0.0.1:9/news"])
    assert res.exit_code != 0 and "secret" not in res.output


def _doc(i: int, title: str, body: str) -> Document:
    text = f"{title}\n\n{body}"
    return Document(text, source=Source(path=f"r{i}.txt", sha256=f"rank-{i}"), meta={"title": title, "language": "de"})


def test_search_ranks_title_and_lede_first_and_pages_without_loss_or_repeat(postgres, monkeypatch, spine_pipeline):
    from newsprism.storage import postgres as pg

    url = need(postgres).new()
    filler = " ".join(f"Satz {k} über den Haushalt der Stadt und die Busse." for k in range(30))
    docs = [_doc(0, "Haushalt beschlossen", filler + " Am Ende ging es auch um Brücken.")]  # "Brücken" far down
    docs += [_doc(i, f"Neue Brücken Nummer {i}", "Die Stadt plant Brücken. " + filler) for i in range(1, 8)]
    with open_store(url) as store:
        store.write_batch([spine_pipeline(d) for d in docs], [])
        everything = [h.id for h in store.search("Brücke", limit=50)]
        assert len(everything) == 8 and everything[-1] == docs[0].id  # the body-only match ranks last
        monkeypatch.setattr(pg, "_CANDIDATES", 3)  # pages beyond the first stage's candidates
        paged = [h.id for k in range(0, 8, 2) for h in store.search("Brücke", limit=2, offset=k)]
        assert sorted(paged) == sorted(everything) and len(set(paged)) == 8
        assert paged[:2] == everything[:2]


def test_search_entries_written_before_the_head_vector_are_reported_and_repaired(postgres, spine_pipeline):
    url = need(postgres).new()
    with open_store(url) as store:
        store.write_batch([spine_pipeline(_doc(i, f"Meldung {i} aus Minsk", "Die Busse fahren. " * 5)) for i in range(3)], [])
        before = [h.id for h in store.search("Minsk")]
        store._x("UPDATE article_search SET head = ''::tsvector")  # as migration 0002 leaves older entries
        [problem] = store.check()
        assert "3 articles' search entries have no title-and-lede vector" in problem.message
        assert {h.id for h in store.search("Minsk")} == set(before)  # still found
        store.check(repair=True)
        assert store.check() == [] and [h.id for h in store.search("Minsk")] == before
