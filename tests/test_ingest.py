"""Ingest through the real command: files, folders, HTML, JSON Lines, stdin, bad input."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli.main import cli, example_paths
from newsprism.storage import open_store

ARTICLE = (
    "Neue Regeln für Exporte beschlossen\n\n"
    "Berlin (dpa) - Die Bundesregierung hat am Mittwoch neue Regeln für den Export von Rüstungsgütern beschlossen. "
    "„Wir schaffen Klarheit“, sagte die Ministerin.\n"
    "Kritiker halten die Änderungen für unzureichend und fordern ein eigenes Gesetz.\n"
)
HTML = """<!DOCTYPE html><html lang="de"><head><title>Neue Regeln für Exporte | Beispielzeitung</title>
<meta property="og:title" content="Neue Regeln für Exporte">
<meta property="article:published_time" content="2024-03-12T10:15:00+01:00">
<meta property="og:site_name" content="Der Spiegel"></head>
<body><nav><a href="/">Startseite</a> <a href="/politik">Politik</a></nav>
<article><h1>Neue Regeln für Exporte</h1>
<p>Die Bundesregierung hat am Mittwoch neue Regeln für den Export von Rüstungsgütern beschlossen, wie eine Sprecherin in Berlin mitteilte.</p>
<p>„Wir schaffen Klarheit“, sagte die Ministerin. Kritiker halten die Änderungen dagegen für unzureichend und fordern ein eigenes Gesetz.</p>
<p>Die Opposition kündigte an, das Thema in der kommenden Sitzungswoche erneut auf die Tagesordnung zu setzen.</p>
</article><footer>Impressum · Datenschutz</footer></body></html>"""


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "sub" / "page.html").write_text(HTML, encoding="utf-8")
    (d / "sub" / "legacy.txt").write_bytes(ARTICLE.replace("Exporte", "Ausfuhren").encode("cp1252"))
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (d / "huge.txt").write_text("Wort " * 30000, encoding="utf-8")
    (d / "undecodable.txt").write_bytes(b"\xff\xfe\xfd" + bytes(range(128, 256)) * 3 + b"\x00\x01")
    (d / "broken.html").write_text("<html><body><div><p>Nur</div> kaputt", encoding="utf-8")
    (d / "notes.md").write_text("ignored: not an article suffix", encoding="utf-8")
    return d


def test_folder_mixing_good_and_bad_files(new_db, tmp_path: Path, mixed_folder: Path):
    db = new_db("x")
    res = run("ingest", str(mixed_folder), "--db", str(db), "--workers", "1", "--max-bytes", "100000")
    assert res.exit_code == 1, res.output
    assert "3 new, 0 duplicate, 5 failed" in res.stdout
    reasons = {
        line.split(": ", 2)[1].rsplit("/", 1)[-1]: line.split(": ", 2)[2]
        for line in res.stderr.splitlines()
        if line.startswith("failed: ")
    }
    assert reasons["empty.txt"].startswith("empty")
    assert reasons["binary.txt"].startswith("binary")
    assert reasons["huge.txt"].startswith("too large")
    assert reasons["undecodable.txt"].startswith(("binary", "cannot decode"))
    assert reasons["broken.html"].startswith(("no article text", "broken HTML"))
    with open_store(db) as store:
        assert store.count() == 3
        assert {Path(f.source).name for f in store.failures()} == set(reasons)
        titles = {d.meta["title"] for d in store.iter_documents()}
    assert "Neue Regeln für Exporte" in titles and "Neue Regeln für Ausfuhren beschlossen" in titles


def test_second_run_is_a_no_op(new_db, tmp_path: Path, mixed_folder: Path):
    db = new_db("x")
    run("ingest", str(mixed_folder), "--db", str(db), "--workers", "1", "--max-bytes", "100000")
    res = run("ingest", str(mixed_folder), "--db", str(db), "--workers", "2", "--max-bytes", "100000")
    assert "0 new, 3 duplicate, 5 failed" in res.stdout
    with open_store(db) as store:
        assert store.count() == 3


def test_html_is_extracted_and_the_original_kept(new_db, tmp_path: Path):
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(HTML.encode("utf-8")))
    db = new_db("x")
    assert run("ingest", str(page), "--db", str(db)).exit_code == 0
    with open_store(db) as store:
        (doc,) = list(store.iter_documents())
        assert doc.source.kind == "html"
        assert store.raw_source(doc.id) == HTML.encode("utf-8")
    assert doc.meta["title"] == "Neue Regeln für Exporte"
    assert doc.meta["published"] == "2024-03-12"
    assert doc.meta["outlet"]["name"] == "Der Spiegel"
    assert "Startseite" not in doc.text and "Impressum" not in doc.text
    assert "„Wir schaffen Klarheit“" in doc.text


def test_jsonl_with_hints_and_bad_lines(new_db, tmp_path: Path):
    f = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"text": ARTICLE, "url": "https://www.belta.by/de/x", "published": "2025-08-08T14:20:00+03:00"}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"html": HTML, "outlet": "Tagesspiegel"}),
        json.dumps({"text": "   "}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = new_db("x")
    res = run("ingest", str(f), "--db", str(db))
    assert res.exit_code == 1
    assert "2 new, 0 duplicate, 3 failed" in res.stdout
    assert f"{f}:2: invalid JSON" in res.stderr
    with open_store(db) as store:
        docs = {d.source.kind: d for d in store.iter_documents()}
    assert docs["jsonl"].meta["outlet"]["name"] == "BelTA"
    assert docs["jsonl"].meta["published"] == "2025-08-08T14:20"
    assert docs["html"].meta["outlet"]["name"] == "Der Tagesspiegel"


def test_stdin_text_and_jsonl(tmp_path: Path):
    res = run("analyze", "-", "--json", input=ARTICLE)
    out = json.loads(res.stdout)
    assert out["source"]["path"] == "<stdin>" and out["metadata"]["title"] == "Neue Regeln für Exporte beschlossen"
    res = run(
        "analyze",
        "-",
        "--json",
        input=json.dumps({"text": ARTICLE}) + "\n" + json.dumps({"text": ARTICLE + "Noch ein Satz."}) + "\n",
    )
    assert len(res.stdout.splitlines()) == 2


def test_analyze_contract_keys_and_offsets():
    res = run("analyze", *example_paths(), "--json", "--workers", "2")
    objs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(objs) == 2
    for o in objs:
        assert list(o) == [
            "id",
            "source",
            "text",
            "language",
            "metadata",
            "boilerplate",
            "paragraphs",
            "sentences",
            "entities",
            "quotes",
            "dates",
            "claims",
            "narratives",
            "techniques",
        ]
        assert set(o["metadata"]) >= {
            "title",
            "published",
            "published_evidence",
            "captured",
            "outlet",
            "dateline",
            "section",
            "key_points",
        }
        assert {"path", "sha256"} <= set(o["source"])
        for key in ("boilerplate", "paragraphs", "sentences"):
            for s in o[key]:
                assert 0 <= s["start"] < s["end"] <= len(o["text"])
        roles = {p["role"] for p in o["paragraphs"]}
        assert roles <= {"title", "lede", "key_point", "subheading", "body"}


def test_missing_path_fails_with_reason(tmp_path: Path):
    res = run("analyze", str(tmp_path / "nope.txt"))
    assert res.exit_code == 1 and "does not exist" in res.stderr


def test_python_m_entry_point(tmp_path: Path):
    res = subprocess.run(
        [sys.executable, "-m", "newsprism", "show", "abcdef", "--db", str(tmp_path / "x.db")], capture_output=True, text=True
    )
    assert res.returncode == 2
    assert res.stderr.strip() == f"error: no article with id 'abcdef' in {tmp_path / 'x.db'}"


def test_the_same_text_with_more_metadata_enriches_the_stored_article(new_db, tmp_path: Path):
    db = new_db("e")
    plain = tmp_path / "plain.txt"
    plain.write_text(ARTICLE, encoding="utf-8")
    first = run("ingest", str(plain), "--db", str(db), "--workers", "1", "--no-stories")
    assert "1 new" in first.stdout
    richer = tmp_path / "richer.jsonl"
    record = {"text": ARTICLE, "url": "http://127.0.0.1/regeln", "published": "2024-03-12", "title": "Neue Regeln"}
    richer.write_text(json.dumps(record) + "\n", encoding="utf-8")
    second = run("ingest", str(richer), "--db", str(db), "--workers", "1", "--no-stories")
    assert "0 new, 1 duplicate (1 with more metadata: stored anew), 0 failed" in second.stdout, second.output
    poorer = tmp_path / "poorer.jsonl"
    poorer.write_text(json.dumps({"text": ARTICLE, "section": "Politik"}) + "\n", encoding="utf-8")
    third = run("ingest", str(poorer), "--db", str(db), "--workers", "1", "--no-stories")
    assert "0 new, 1 duplicate, 0 failed" in third.stdout  # lacks the URL and date: the stored copy stays
    with open_store(db) as store:
        [doc] = list(store.iter_documents())
        assert doc.source.url == "http://127.0.0.1/regeln" and doc.meta["published"] == "2024-03-12"
        assert store.check() == [] and store.search("Regeln")[0].id == doc.id


def test_an_updated_copy_is_linked_as_a_version_not_stored_as_unrelated(new_db, tmp_path: Path):
    body = " ".join(
        f"Die Regierung berät am Tag {i} über die Regeln für den Export von Gütern in das Ausland und deren Kontrolle."
        for i in range(12)
    )
    first = tmp_path / "v1.txt"
    first.write_text("Neue Regeln\n\n" + body + "\n", encoding="utf-8")
    second = tmp_path / "v2.txt"  # the same wire story, one sentence changed and one added
    second.write_text("Neue Regeln\n\n" + body.replace("am Tag 3", "am Tag drei") + " Ein Satz kam dazu.\n", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(
        "Wetter\n\n" + " ".join(f"Am Tag {i} regnet es im Norden, im Süden scheint die Sonne." for i in range(12)),
        encoding="utf-8",
    )
    db = new_db("v")
    res = run("ingest", str(first), str(second), str(other), "--db", str(db), "--workers", "1", "--no-stories")
    assert "3 new" in res.stdout
    with open_store(db) as store:
        ids = {Path(d.source.path or "").name: d.id for d in store.iter_documents()}
        [v1] = store.versions(ids["v2.txt"])
        assert v1["id"] == ids["v1.txt"] and v1["similarity"] is None
        [v2] = store.versions(ids["v1.txt"])
        assert v2["id"] == ids["v2.txt"] and v2["similarity"] >= 0.8
        assert store.versions(ids["other.txt"]) == [] and store.check() == []
    shown = run("show", ids["v1.txt"], "--db", str(db))
    assert f"version: {ids['v2.txt']}" in shown.stdout
