"""The spine's rules on data they were not written on (skipped without ../shared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.corpora import fang_records, write_jsonl
from click.testing import CliRunner

from newsprism import Document, InputError
from newsprism.cli.main import cli
from newsprism.document import Source
from newsprism.ingest.sources import RawInput, load_document
from newsprism.storage import open_store
from newsprism.text import match_key

from .conftest import shared_path
from .floors import check_floor


def test_wikinews_titles_and_dates(spine_pipeline):
    folder = shared_path("quotes-de-wikinews")
    n = titles = dates = 0
    for g in sorted(folder.glob("*.gold.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        doc = spine_pipeline(Document(g.with_name(g.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")))
        n += 1
        titles += doc.meta["title"] == gold["title"]
        dates += doc.meta["published"] == gold["published"]["value"]
    assert n == 700
    check_floor("wikinews_title_accuracy", titles / n)
    check_floor("wikinews_published_accuracy", dates / n)


def _page(base: Path, paths: dict, setname: str, url: str, file: str) -> Path | None:
    rel = paths.get(setname, {}).get(url)
    for c in ([base / rel] if rel else []) + [base / "html" / f"{file}.gz", base / "html" / file]:
        if c.exists():
            return c
    return None


def test_web_pages_dates_and_main_text(spine_pipeline):
    base = shared_path("web-pages", "trafilatura-htmldate-eval")
    paths = json.loads((base / "gold" / "paths.json").read_text())
    gold = json.loads((base / "gold" / "htmldate_eval_default.json").read_text())
    n = ok = 0
    for url, g in gold.items():
        f = _page(base, paths, "htmldate_eval_default", url, g["file"])
        if f is None:
            continue
        n += 1
        try:
            doc = spine_pipeline(load_document(RawInput(source=str(f), path=str(f))))
        except InputError:
            continue
        ok += (doc.meta["published"] or "")[:10] == g["date"]
    assert n >= 790
    check_floor("webpages_published_accuracy", ok / n)

    gold = json.loads((base / "gold" / "trafilatura_evaldata.json").read_text())
    tp = fp = fn = 0
    for url, g in gold.items():
        f = _page(base, paths, "trafilatura_evaldata", url, g["file"])
        if f is None:
            continue
        try:
            doc = spine_pipeline(load_document(RawInput(source=str(f), path=str(f))))
            body = match_key("\n".join(doc.span_text(p) for p in doc.layer("paragraphs")))
        except InputError:
            body = ""
        tp += sum(match_key(s) in body for s in g["with"])
        fn += sum(match_key(s) not in body for s in g["with"])
        fp += sum(match_key(s) in body for s in g["without"])
    p, r = tp / (tp + fp), tp / (tp + fn)
    check_floor("webpages_extraction_f1", 2 * p * r / (p + r))


def test_fang_article_bodies_keep_their_text(spine_pipeline):
    folder = shared_path("corpus-de", "fang-covid")
    total = marked = 0
    for rec in fang_records(folder):
        doc = spine_pipeline(Document(rec["text"], source=Source(hints={"title": rec["title"]})))
        total += len(rec["text"].strip())
        marked += sum(len(b) for b in doc.layer("boilerplate"))
    check_floor("fang_boilerplate_char_share_max", marked / total, higher_is_better=False)


@pytest.fixture(scope="module")
def fang_db(tmp_path_factory):
    folder = shared_path("corpus-de", "fang-covid")
    tmp = tmp_path_factory.mktemp("fang")
    corpus = tmp / "fang.jsonl"
    n = write_jsonl(fang_records(folder), corpus)
    db = tmp / "fang.db"
    runner = CliRunner()
    first = runner.invoke(
        cli, ["ingest", str(corpus), "--db", str(db), "--quiet", "--no-stories", "--stages", "spine"], catch_exceptions=False
    )
    second = runner.invoke(
        cli, ["ingest", str(corpus), "--db", str(db), "--quiet", "--no-stories", "--stages", "spine"], catch_exceptions=False
    )
    return n, db, first, second, tmp


def test_fang_ingest_twice_gives_the_same_rows(fang_db):
    n, db, first, second, _ = fang_db
    assert first.exit_code == 0 and second.exit_code == 0
    with open_store(db) as store:
        rows = store.count()
        assert store.integrity_ok()
    assert rows > 0.99 * n  # a few FANG articles are verbatim duplicates of others: one row each
    assert f"0 new, {n} duplicate, 0 failed" in second.stdout


def test_fang_stemmed_search(fang_db):
    _, db, _, _, _ = fang_db
    with open_store(db) as store:
        hits = store.search("Impfung", limit=200)
        texts = [store.get(h.id).text for h in hits]
    inflected = [t for t in texts if "Impfungen" in t and "Impfung " not in t and "Impfung." not in t and "Impfung," not in t]
    assert inflected, "a search for Impfung finds articles that only say Impfungen"


def test_fang_export_round_trips(fang_db):
    _, db, _, _, tmp = fang_db
    out = tmp / "export.jsonl"
    runner = CliRunner()
    runner.invoke(cli, ["export", "--db", str(db), "--output", str(out)], catch_exceptions=False)
    db2 = tmp / "again.db"
    res = runner.invoke(
        cli, ["ingest", str(out), "--db", str(db2), "--quiet", "--no-stories", "--stages", "spine"], catch_exceptions=False
    )
    assert res.exit_code == 0
    with open_store(db) as a, open_store(db2) as b:
        assert a.count() == b.count()
        ids_a = [d.id for d in a.iter_documents()]
        ids_b = [d.id for d in b.iter_documents()]
        assert ids_a == ids_b
        first = a.get(ids_a[0]).to_dict()
        again = b.get(ids_a[0]).to_dict()
        for d in (first, again):
            d.pop("source")
        assert first == again
