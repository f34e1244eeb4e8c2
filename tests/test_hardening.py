"""Hostile input is normal input: each item of the hardening audit reproduced, with the clear reason it must get,
and the rest of the batch stored. Process-level faults (kill -9, a dead worker, a full disk) are in
test_reliability.py; hostile requests to the server at the end of this file."""

from __future__ import annotations

import gzip
import json
import os
import socket
import tracemalloc
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from newsprism.cli.main import cli
from newsprism.errors import UsageError
from newsprism.ingest.decode import decode_text
from newsprism.ingest.sources import iter_inputs, load_document
from newsprism.storage import open_store
from newsprism.text import terminal_safe

ARTICLE = (
    "Neue Regeln für Exporte beschlossen\n\n"
    "Berlin (dpa) - Die Bundesregierung hat am Mittwoch neue Regeln für den Export von Rüstungsgütern beschlossen. "
    "„Wir schaffen Klarheit“, sagte die Ministerin.\n"
)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def failed_lines(res) -> dict[str, str]:
    out = {}
    for line in res.stderr.splitlines():
        if line.startswith("failed: "):
            source, _, reason = line[len("failed: ") :].partition(": ")
            out[source] = reason
    return out


def record(i: int, **extra) -> dict:
    return {"text": ARTICLE.replace("Mittwoch", f"Mittwoch zum {i}. Mal"), **extra}


# --- 1, 3: JSON Lines records -----------------------------------------------------------------------------------
def test_deeply_nested_and_mistyped_records_get_reasons_and_the_rest_is_stored(tmp_path: Path):
    lines = [json.dumps(record(0))]
    lines.append('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}")  # 1: nested 100,000 levels
    lines.append(json.dumps(record(1, path=["x"])))  # 3: wrong types
    lines.append(json.dumps(record(2, section={"a": 1})))
    lines.append(json.dumps(record(3, title=123)))
    lines.append('{"text": "Ein Text \\ud800 mit einem halben Zeichen, lang genug für einen Artikel."}')  # lone surrogate
    lines.append(json.dumps(record(4)))
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "x.db"
    res = run("ingest", str(src), "--db", str(db), "--workers", "1", "--no-stories")
    assert res.exit_code == 1
    assert "2 new, 0 duplicate, 5 failed" in res.stdout
    reasons = failed_lines(res)
    assert reasons[f"{src}:2"] == "invalid JSON: nested too deeply for a news record"
    assert "'path' must be a string, not a list" in res.stderr
    assert "'section' must be a string, not an object" in res.stderr
    assert "'title' must be a string, not a number" in res.stderr
    assert "'text' holds a lone surrogate (\\ud800 at character 9)" in res.stderr
    with open_store(db) as s:
        assert s.count() == 2 and len(s.failures()) == 5 and not s.check()


# --- 2, 12: file names ------------------------------------------------------------------------------------------
def test_a_file_name_that_is_not_utf8_is_stored_with_its_bytes_escaped(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    bad = os.fsencode(folder) + b"/bad\xffname.txt"
    with open(bad, "wb") as fh:
        fh.write(ARTICLE.encode("utf-8"))
    (folder / "good.txt").write_text(ARTICLE.replace("Mittwoch", "Donnerstag"), encoding="utf-8")
    db = tmp_path / "x.db"
    res = run("ingest", str(folder), "--db", str(db), "--workers", "1", "--no-stories")
    assert res.exit_code == 0, res.output
    assert "2 new, 0 duplicate, 0 failed" in res.stdout
    with open_store(db) as s:
        paths = {d.source.path for d in s.iter_documents()}
    assert str(folder / "bad\\xffname.txt") in paths


def test_a_file_name_with_newlines_and_escapes_cannot_forge_lines_or_drive_the_terminal(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = "x\nfailed: forged.txt: fake\x1b[2J\u202e.txt"
    (folder / name).write_bytes(b"")
    res = run("ingest", str(folder), "--db", str(tmp_path / "x.db"), "--workers", "1", "--no-stories")
    lines = [line for line in res.stderr.splitlines() if line.startswith("failed: ")]
    assert len(lines) == 1 and "\x1b" not in res.stderr and "\u202e" not in res.stderr
    assert "x\\nfailed: forged.txt: fake\\x1b[2J\\u202e.txt" in lines[0] and lines[0].endswith("empty: the file has no text")
    assert terminal_safe("ok Łódź «Минск»") == "ok Łódź «Минск»"


# --- 4: time limit ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("workers", ["1", "2"])
def test_an_input_over_the_time_limit_is_abandoned_with_a_reason(tmp_path: Path, workers: str):
    folder = tmp_path / "in"
    folder.mkdir()
    sentence = "Der Minister sagte, die Lage sei ernst, und „wir handeln“, sagte er in Berlin. "
    (folder / "long.txt").write_text(sentence * 8000, encoding="utf-8")  # one line of 660,000 characters: 5 s
    (folder / "short.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "x.db"
    res = run("ingest", str(folder), "--db", str(db), "--workers", workers, "--time-limit", "1", "--no-stories")
    assert "1 new, 0 duplicate, 1 failed" in res.stdout, res.output
    reason = failed_lines(res)[str(folder / "long.txt")]
    assert reason.startswith("too slow: the analysis took over the 1 s limit and was abandoned")
    with open_store(db) as s:
        assert s.count() == 1


# --- 5: a gzip bomb of one line -------------------------------------------------------------------------------
def test_an_endless_jsonl_line_is_skipped_while_streaming_with_memory_flat(tmp_path: Path):
    src = tmp_path / "bomb.jsonl.gz"
    with gzip.open(src, "wb", compresslevel=1) as fh:
        fh.write(json.dumps(record(0)).encode() + b"\n")
        fh.write(b'{"text": "' + b"a" * (64 * 1024 * 1024) + b'"}\n')  # 64 MB unpacked, 64 kB packed
        fh.write(json.dumps(record(1)).encode() + b"\n")
    tracemalloc.start()
    items = list(iter_inputs([str(src)], max_bytes=1024 * 1024))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [i.error for i in items] == [None, "too large: a line of over the 1.0 MB limit (raise it with --max-bytes)", None]
    assert peak < 8 * 1024 * 1024  # the limit and its read-ahead, not the line
    assert [load_document(items[i]).text[:20] for i in (0, 2)] == [ARTICLE[:20]] * 2


def test_size_is_said_in_the_same_unit_as_the_limit(tmp_path: Path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(210 * 1024 * 1024)  # sparse: 210 MB that take no disk
    [raw] = list(iter_inputs([str(big)]))
    with pytest.raises(Exception) as err:
        load_document(raw)
    assert str(err.value).endswith("too large: 210.0 MB, over the 20.0 MB limit (raise it with --max-bytes)")


# --- 13: decoding ---------------------------------------------------------------------------------------------
def test_utf8_with_two_broken_sequences_stays_utf8_with_a_warning(tmp_path: Path):
    data = ("Ungültig und schön, Grüße aus Köln und Zürich. " * 3).encode() + b"\xff ok \xc3 " + "Straße".encode()
    text, warnings = decode_text(data)
    assert text.startswith("Ungültig") and text.count("\ufffd") == 2
    assert warnings == ["decoded as UTF-8 with 2 invalid byte sequences replaced by U+FFFD"]
    f = tmp_path / "in.txt"
    f.write_bytes(b"Titel\n\n" + data + ("Die Straße führt über die Brücke nach Süden. " * 20).encode())
    res = run("analyze", str(f), "--workers", "1", "--stages", "spine")
    assert res.exit_code == 0 and "warning: " in res.stderr and "2 invalid byte sequences replaced" in res.stderr


def test_utf16_without_bom_is_text_and_binary_is_still_binary():
    for enc in ("utf-16-le", "utf-16-be"):
        assert decode_text("Привет, мир. Hallo Welt.".encode(enc))[0] == "Привет, мир. Hallo Welt."
    with pytest.raises(Exception, match="binary"):
        decode_text(bytes(range(256)) * 40)


# --- 14: links and special files --------------------------------------------------------------------------------
def test_links_out_of_the_folder_and_special_files_are_refused(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE, encoding="utf-8")
    (folder / "leak.txt").symlink_to(secret)
    (folder / "inside.txt").write_text(ARTICLE.replace("Mittwoch", "Freitag"), encoding="utf-8")
    (folder / "alias.txt").symlink_to(folder / "inside.txt")  # a link within the folder is fine
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    db = tmp_path / "x.db"
    res = run("ingest", str(folder), str(fifo), "--db", str(db), "--workers", "1", "--no-stories")
    reasons = failed_lines(res)
    assert reasons[str(folder / "leak.txt")] == "refused: a symbolic link to a file outside the folder being read"
    assert reasons[str(fifo)] == "refused: a named pipe (FIFO), not a regular file"
    assert "1 new, 1 duplicate, 2 failed" in res.stdout


# --- also: given fields are trusted ----------------------------------------------------------------------------
def test_a_given_outlet_is_kept_over_the_dateline(pipeline):
    from newsprism.document import Document, Source

    doc = pipeline(Document(ARTICLE, source=Source(hints={"outlet": "Meine Lokalzeitung"})))
    assert doc.meta["outlet"]["name"] == "Meine Lokalzeitung" and doc.meta["outlet"]["source"] == "given"


# --- search limits ---------------------------------------------------------------------------------------------
def test_search_has_a_length_term_prefix_and_time_limit(tmp_path: Path, monkeypatch):
    from newsprism.document import Document

    with open_store(tmp_path / "s.db") as s:
        s.write_batch([Document(ARTICLE.replace("Mittwoch", f"Tag {i} Regelwerk{i}")) for i in range(300)], [])
        with pytest.raises(UsageError, match="at most 500 are searched"):
            s.search("Regel* " * 300)
        with pytest.raises(UsageError, match="at most 24 are searched together"):
            s.search(" ".join(f"Re{i}*" for i in range(30)))
        with pytest.raises(UsageError, match="too short to search"):
            s.search("R*")
        assert s.search("Regeln")
        monkeypatch.setenv("NEWSPRISM_SEARCH_SECONDS", "0.000001")
        with pytest.raises(UsageError, match="took over 1e-06 s and was stopped"):
            s.search("Re*")


# --- hostile requests ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def own_web(web, tmp_path_factory):
    """A server of its own over a copy of the shared web database: these tests write to it and break it."""
    import sqlite3

    from newsprism.web.app import create_app
    from newsprism.web.server import running

    _, shared_db = web
    if not str(shared_db).endswith(".db"):
        pytest.skip("these tests break a copy of the SQLite file; the web and API run over PostgreSQL in test_web.py")
    db = tmp_path_factory.mktemp("hardening") / "web.db"
    with sqlite3.connect(shared_db) as src, sqlite3.connect(db) as dst:  # the backup API: WAL pages included
        src.backup(dst)
    src.close()
    dst.close()
    with running(create_app(db, token="test-token")) as base:
        yield base, db


@pytest.fixture(scope="module")
def client(own_web):
    base, _ = own_web
    with httpx.Client(base_url=base, timeout=30) as c:
        yield c


def _has_headers(r: httpx.Response) -> bool:
    return "script-src 'none'" in r.headers.get("content-security-policy", "")


@pytest.mark.parametrize(
    "path",
    ["/api/articles?offset=9223372036854775808", "/api/stories/9223372036854775808", "/api/stories?offset=99999999999999999999",
     "/api/articles?limit=1001"],
)  # fmt: skip
def test_numbers_out_of_range_are_a_clear_4xx_in_the_error_shape(client, path):
    r = client.get(path)
    assert r.status_code == 422 and r.json()["error"]["status"] == 422 and _has_headers(r)
    assert client.get("/api/articles").status_code == 200  # the connection and the server are fine


def test_cli_numbers_out_of_range_are_a_usage_error(tmp_path: Path):
    res = CliRunner().invoke(cli, ["search", "x", "--db", str(tmp_path / "x.db"), "--offset", str(2**64)])
    assert res.exit_code == 2 and "--offset" in res.output and "Traceback" not in res.output


def test_an_internal_error_is_json_with_the_security_headers(own_web, client):
    _, db = own_web
    from newsprism.document import Document

    with open_store(db) as s:
        s.write_batch([Document("Ein Artikel, dessen gespeicherte Analyse danach kaputt ist. Zweiter Satz hier.")], [])
        doc_id = next(h.id for h in s.articles(limit=100) if h.title is None or "kaputt" in (h.title or ""))
        s.conn.execute("UPDATE articles SET analysis = ? WHERE id = ?", (b"\x00broken", doc_id))
    r = client.get(f"/api/articles/{doc_id}")
    assert r.status_code == 500 and r.json()["error"]["status"] == 500 and _has_headers(r)
    assert "Traceback" not in r.text
    page = client.get(f"/articles/{doc_id}")
    assert page.status_code == 500 and _has_headers(page)
    with open_store(db) as s:
        s.conn.execute("DELETE FROM articles_fts WHERE rowid = (SELECT rowid FROM articles WHERE id = ?)", (doc_id,))
        s.conn.execute("DELETE FROM articles WHERE id = ?", (doc_id,))


def test_a_huge_body_is_refused_before_it_is_read_or_the_token_checked(own_web):
    base, _ = own_web
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(
            b"POST /api/ingest HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200000000\r\n\r\n[{"
        )  # announces 200 MB, sends two bytes: the answer must not wait for the rest
        answer = ""
        while "}}" not in answer:  # the headers and the body may come in separate packets
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk.decode("latin-1")
    assert answer.startswith("HTTP/1.1 413") and "content-security-policy" in answer.lower() and '"status":413' in answer


def test_a_streamed_body_over_the_limit_stops_at_the_limit(own_web, monkeypatch):
    from newsprism.web.app import create_app
    from newsprism.web.server import running

    _, db = own_web
    monkeypatch.setenv("NEWSPRISM_REQUEST_MAX_BYTES", "100000")

    def chunks():
        for _ in range(1000):
            yield b" " * 10_000  # 10 MB, sent without a Content-Length

    with running(create_app(db, token="t")) as base, httpx.Client(base_url=base, timeout=30) as c:
        r = c.post("/api/ingest", content=chunks(), headers={"Authorization": "Bearer t"})
        assert r.status_code == 413 and "100,000 byte limit" in r.json()["error"]["message"]


def test_tokens_only_as_bearer_and_never_in_urls(own_web):
    from newsprism.web.app import create_app
    from newsprism.web.server import running

    _, db = own_web
    with running(create_app(db, token="w", read_token="r")) as base, httpx.Client(base_url=base, timeout=30) as c:
        assert c.get("/api/articles", headers={"Authorization": "r"}).status_code == 401  # no scheme: refused
        assert c.get("/api/articles", headers={"Authorization": "Basic r"}).status_code == 401
        assert c.get("/api/articles", headers={"Authorization": "Bearer r"}).status_code == 200
        r = c.get("/api/articles", params={"token": "r"})
        assert r.status_code == 400 and "does not go into a URL" in r.json()["error"]["message"]
        assert c.post("/api/ingest", json={"text": "x"}, headers={"Authorization": "w"}).status_code == 401
        page = c.get("/articles")
        assert page.status_code == 303 and page.headers["location"] == "/login"
        assert (
            c.post("/login", content="token=nope", headers={"Content-Type": "application/x-www-form-urlencoded"}).status_code
            == 401
        )
        ok = c.post("/login", content="token=r", headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert ok.status_code == 303 and "httponly" in ok.headers["set-cookie"].lower()
        assert c.get("/articles").status_code == 200  # the cookie, not a URL, carries the token now


def test_api_records_of_wrong_types_get_reasons_not_a_500(client):
    auth = {"Authorization": "Bearer test-token"}
    recs = [{"text": "Ein Text \ud800 kaputt, aber lang genug für einen Artikel."}, {"text": "Gut.", "title": 5}, 7]
    r = client.post("/api/ingest", content=json.dumps(recs), headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["failed"] == 3 and all(x["reason"] for x in body["results"])
    deep = client.post("/api/ingest", content="[" * 100_000 + "]" * 100_000, headers=auth)
    assert deep.status_code == 400 and "nested too deeply" in deep.json()["error"]["message"]


def test_api_ingest_abandons_an_input_over_the_time_limit_and_stays_up(client, monkeypatch):
    auth = {"Authorization": "Bearer test-token"}
    monkeypatch.setenv("NEWSPRISM_ANALYSIS_SECONDS", "1")
    sentence = "Der Minister sagte, die Lage sei ernst, und „wir handeln“, sagte er in Berlin. "
    recs = [{"text": sentence * 8000, "title": "Lang"}, {"text": ARTICLE + "\n\nZur API geschickt, mit Zeitlimit."}]
    r = client.post("/api/ingest", json=recs, headers=auth, timeout=120)
    assert r.status_code == 200, r.text
    slow, short = r.json()["results"]
    assert slow["status"] == "failed" and slow["reason"].startswith("too slow: the analysis took over the 1 s limit")
    assert short["status"] == "new" and client.get(f"/api/articles/{short['id']}").status_code == 200
    # the worker was replaced: the next request is analysed, and the server answers reads meanwhile
    again = client.post("/api/ingest", json={"text": ARTICLE + "\n\nNoch einmal, danach."}, headers=auth, timeout=120)
    assert again.json()["new"] == 1, again.text
    assert client.get("/api/articles", params={"limit": 1}).status_code == 200


def test_csv_cells_cannot_be_formulas_and_paths_are_not_shown(own_web, client, tmp_path: Path):
    _, db = own_web
    auth = {"Authorization": "Bearer test-token"}
    rec = {
        "text": '=HYPERLINK("http://127.0.0.1/x")\n\nEin Titel, der eine Formel ist. Zweiter Satz.',
        "path": "/srv/data/in/a.txt",
    }
    new = client.post("/api/ingest", json=rec, headers=auth).json()
    doc_id = new["results"][0]["id"]
    r = client.get("/api/articles", params={"format": "csv", "limit": 100})
    titles = [line for line in r.text.splitlines() if "HYPERLINK" in line]
    assert titles and all("'=HYPERLINK" in line and ",=HYPERLINK" not in line and '"=HYPERLINK' not in line for line in titles)
    assert client.get(f"/api/articles/{doc_id}").json()["source"]["path"] == "a.txt"
    out = tmp_path / "x.csv"
    res = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "csv", "--output", str(out)])
    assert res.exit_code == 0, res.output
    exported = [line for line in out.read_text(encoding="utf-8").splitlines() if "HYPERLINK" in line]
    assert exported and all("'=HYPERLINK" in line for line in exported)


# --- settings ---------------------------------------------------------------------------------------------------
def test_settings_are_read_when_used_and_a_bad_value_names_its_variable(monkeypatch):
    from newsprism.settings import Settings, settings

    assert settings({}) == Settings()
    assert settings({"NEWSPRISM_PAGE_MAX": "5", "NEWSPRISM_ANALYSIS_SECONDS": "0"}).page_max == 5
    with pytest.raises(UsageError, match=r"\$NEWSPRISM_MAX_BYTES='lots' cannot be used"):
        settings({"NEWSPRISM_MAX_BYTES": "lots"})
    with pytest.raises(UsageError, match="NEWSPRISM_SEARCH_SECONDS"):
        settings({"NEWSPRISM_SEARCH_SECONDS": "-1"})
    monkeypatch.setenv("NEWSPRISM_MAX_BYTES", "1234")
    assert settings().max_bytes == 1234  # not frozen at import
