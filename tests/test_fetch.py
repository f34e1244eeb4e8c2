"""Following outlets against a real HTTP server on 127.0.0.1 started here: pages, feeds, sitemaps, robots.txt,
redirects (one to a metadata-service address, refused before any connection), 304s, slow, endless and oversized
bodies; WARC files written with warcio; CSV, ZIP and tar dumps. No request leaves 127.0.0.1."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import threading
import time
import zipfile
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from newsprism import storage
from newsprism.cli.main import cli
from newsprism.errors import InputError
from newsprism.fetch import Fetcher, Guard, Refused
from newsprism.fetch.discover import feed_items, feeds_of_page, sitemap_items
from newsprism.storage import open_store

PARAGRAPHS = [
    "Die Bundesregierung hat am Mittwoch in Berlin neue Regeln für den Export von Rüstungsgütern beschlossen.",
    "„Wir schaffen damit Klarheit für die Unternehmen und für unsere Partner“, sagte die Ministerin am Abend.",
    "Kritiker aus der Opposition halten die Änderungen dagegen für unzureichend und fordern ein eigenes Gesetz.",
    "Die Verbände der Industrie begrüßten die Entscheidung und kündigten an, die neuen Vorgaben rasch umzusetzen.",
]


def article(n: int) -> bytes:
    body = "".join(f"<p>{p} (Meldung {n}, Absatz {i})</p>" for i, p in enumerate(PARAGRAPHS))
    return (
        f'<!DOCTYPE html><html lang="de"><head><title>Meldung {n} über neue Exportregeln</title>'
        f'<meta property="article:published_time" content="2025-03-{n % 28 + 1:02d}T10:00:00+01:00"></head>'
        f"<body><article><h1>Meldung {n} über neue Exportregeln</h1>{body}</article></body></html>"
    ).encode()


def rss(base: str, items: range) -> bytes:
    entries = "".join(
        f"<item><title>Meldung {n}</title><link>{base}/a/{n}.html</link><pubDate>Wed, 05 Mar 2025 10:00:00 GMT</pubDate></item>"
        for n in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>{entries}</channel></rss>'.encode()


class Site(BaseHTTPRequestHandler):
    """The outlet: what each path serves is written out here, and every hit is counted."""

    hits: ClassVar[Counter[str]] = Counter()
    feed_items: ClassVar[range] = range(1, 4)
    calls_503: ClassVar[int] = 0

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        Site.hits[path] += 1
        base = f"http://{self.headers['Host']}"
        if path == "/robots.txt":
            rules = f"User-agent: *\nDisallow: /private/\nSitemap: {base}/sitemap-index.xml\n"
            self.send(200, rules.encode(), "text/plain")
        elif path == "/feed.xml":
            if self.headers.get("If-None-Match") == '"v1"':
                Site.hits["304"] += 1
                self.send(304)
            else:
                self.send(200, rss(base, Site.feed_items), "application/rss+xml", ETag='"v1"')
        elif path.startswith(("/a/", "/private/")):
            n = int(path.rsplit("/", 1)[1].split(".")[0])
            self.send(200, article(n))
        elif path == "/home.html":
            self.send(
                200,
                b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>Start</body></html>',
            )
        elif path == "/redirect-private":
            # a private address that, were the rule broken, still leads only to this machine
            self.send(302, Location=f"http://localhost:{self.server.server_address[1]}/latest/meta-data/")
        elif path == "/redirect-ok":
            self.send(301, Location="/a/7.html")
        elif path == "/image.png":
            self.send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
        elif path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(100 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"<html>")
        elif path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(2000):  # bounded: 20 MB at most, the client stops long before
                    self.wfile.write(b"<p>" + b"x" * 10_000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(40):  # bounded: 20 s at most
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.5)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/flaky":
            Site.calls_503 += 1
            if Site.calls_503 == 1:
                self.send(503, b"busy", Retry_After="0")
            else:
                self.send(200, article(8))
        elif path == "/cp1251.html":
            text = (
                "<html><head><meta charset=windows-1251><title>Новости</title></head><body><article>"
                + (
                    "<p>Президент Белоруссии Александр Лукашенко заявил во вторник, что переговоры продолжатся. "
                    "«Мы сядем и спокойно договоримся», — сказал он журналистам в Минске.</p>" * 4
                )
                + "</article></body></html>"
            )
            self.send(200, text.encode("cp1251"), "text/html")
        elif path == "/sitemap-index.xml":
            xml = f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{base}/sitemap-1.xml.gz</loc></sitemap></sitemapindex>'
            self.send(200, xml.encode(), "application/xml")
        elif path == "/sitemap-1.xml.gz":
            xml = (
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                + "".join(
                    f"<url><loc>{base}/a/{n}.html</loc><news:news><news:publication_date>2025-03-0{n}</news:publication_date>"
                    f"<news:title>Meldung {n}</news:title></news:news></url>"
                    for n in (4, 5)
                )
                + "</urlset>"
            )
            self.send(200, gzip.compress(xml.encode()), "application/x-gzip")
        else:
            self.send(404, b"not here")


@pytest.fixture
def site():
    Site.hits = Counter()
    Site.feed_items = range(1, 4)
    Site.calls_503 = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host = f"127.0.0.1:{server.server_address[1]}"
    yield f"http://{host}", host
    server.shutdown()
    server.server_close()


def fetcher(host: str, **kw) -> Fetcher:
    return Fetcher(guard=Guard.of(hosts=[host]), interval=0, **kw)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# --- the address rule --------------------------------------------------------------------------------------------
def test_private_addresses_and_other_schemes_are_refused_by_default(site):
    base, _ = site
    with Fetcher(interval=0) as f, pytest.raises(Refused, match=r"this machine \(a loopback address\)"):
        f.get(base + "/a/1.html")
    for url in ("ftp://127.0.0.1/x", "file:///etc/passwd", "http:///nohost"):
        with pytest.raises(Refused):
            Guard().check(url)
    with pytest.raises(Refused, match="loopback"):  # a name is resolved first: its address decides
        Guard().check("http://localhost/")
    assert Site.hits == Counter()  # nothing was sent


def test_a_redirect_to_a_private_address_is_refused_before_connecting(site):
    base, host = site
    with fetcher(host) as f:
        with pytest.raises(Refused, match=r"localhost is this machine \(a loopback address"):
            f.get(base + "/redirect-private")
        ok = f.get(base + "/redirect-ok")
    assert Site.hits["/latest/meta-data/"] == 0
    assert ok.final_url == base + "/a/7.html" and ok.redirects == [base + "/a/7.html"]


# --- politeness and limits ---------------------------------------------------------------------------------------
def test_robots_txt_is_honoured_unless_told_otherwise(site):
    base, host = site
    with fetcher(host) as f, pytest.raises(InputError, match=r"robots\.txt"):
        f.get(base + "/private/1.html")
    with fetcher(host, robots=False) as f:
        assert f.get(base + "/private/1.html").status == 200


def test_oversized_endless_and_slow_bodies_stop_with_a_reason(site):
    base, host = site
    with fetcher(host, max_bytes=1024 * 1024) as f:
        with pytest.raises(InputError, match=r"announces 100\.0 MB, over the 1\.0 MB limit"):
            f.get(base + "/big")
        with pytest.raises(InputError, match=r"over the 1\.0 MB limit"):
            f.get(base + "/endless")
        with pytest.raises(InputError, match="not a page: the server says it is image/png"):
            f.get(base + "/image.png")
    with fetcher(host, timeout=1.0, retries=0) as f:
        started = time.monotonic()
        with pytest.raises(InputError, match="too slow"):
            f.get(base + "/slow")
        assert time.monotonic() - started < 10


def test_a_busy_server_is_retried_after_its_retry_after(site):
    base, host = site
    waits: list[float] = []
    with fetcher(host, sleep=waits.append) as f:
        assert f.get(base + "/flaky").status == 200
    assert waits == [0.0] and Site.hits["/flaky"] == 2


def test_one_request_per_host_per_interval(site):
    base, host = site
    waits: list[float] = []
    with Fetcher(guard=Guard.of(hosts=[host]), interval=2.0, sleep=waits.append) as f:
        f.get(base + "/a/1.html")
        f.get(base + "/a/2.html")
    # robots.txt, then two pages: each waits for the one before (the sleeps are not real, so the turns add up)
    assert len(waits) == 2 and 1.9 < waits[0] <= 2.0 and 3.9 < waits[1] <= 4.0


def test_the_charset_of_the_page_is_used_when_the_header_has_none(site):
    base, host = site
    with fetcher(host) as f:
        text, warnings = f.get(base + "/cp1251.html").text(10**6)
    assert "Лукашенко" in text and not warnings


# --- listings ----------------------------------------------------------------------------------------------------
def test_feeds_sitemaps_and_a_homepages_feed_links(site):
    base, host = site
    with fetcher(host) as f:
        items, _ = feed_items(f, base + "/feed.xml")
        assert [i.url for i in items] == [f"{base}/a/{n}.html" for n in (1, 2, 3)] and items[0].title == "Meldung 1"
        pages = sitemap_items(f, base + "/sitemap-index.xml")
        assert [(p.url, p.published, p.title) for p in pages] == [
            (f"{base}/a/{n}.html", f"2025-03-0{n}", f"Meldung {n}") for n in (4, 5)
        ]
        assert feeds_of_page(f, base + "/home.html") == [base + "/feed.xml"]


def test_fetch_stores_pages_with_their_urls_and_a_rerun_fetches_nothing_again(site, new_db):
    base, host = site
    db = new_db("f")
    args = ["--db", str(db), "--allow-host", host, "--host-interval", "0", "--workers", "1", "--no-stories"]
    res = run("fetch", "--feed", base + "/feed.xml", "--sitemap", base + "/", base + "/redirect-ok", *args)
    assert res.exit_code == 0, res.output
    assert "6 new, 0 duplicate, 0 failed" in res.stdout
    with open_store(db) as s:
        docs = {d.source.url: d for d in s.iter_documents()}
        assert set(docs) == {f"{base}/a/{n}.html" for n in (1, 2, 3, 4, 5, 7)}
        moved = docs[f"{base}/a/7.html"]
        assert moved.source.hints["requested_url"] == base + "/redirect-ok" and moved.source.hints["fetched_at"].endswith("Z")
        assert s.raw_source(moved.id) is not None  # the fetched HTML is kept beside the text
    pages_before = sum(v for k, v in Site.hits.items() if k.startswith("/a/"))
    again = run("fetch", "--feed", base + "/feed.xml", "--sitemap", base + "/", *args)
    assert again.exit_code == 0 and "0 new" in again.stdout
    assert sum(v for k, v in Site.hits.items() if k.startswith("/a/")) == pages_before  # listed pages not fetched again


def test_analyze_and_ingest_take_urls_and_records_with_only_a_url(site, tmp_path: Path):
    base, host = site
    res = run("analyze", base + "/a/1.html", "--allow-host", host, "--workers", "1", "--stages", "spine")
    assert res.exit_code == 0 and "Meldung 1" in res.stdout
    refused = run("analyze", base + "/a/1.html", "--workers", "1", "--stages", "spine")
    assert refused.exit_code == 1 and "loopback" in refused.stderr
    src = tmp_path / "urls.jsonl"
    src.write_text(json.dumps({"url": base + "/a/2.html", "outlet": "Testblatt"}) + "\n", encoding="utf-8")
    db = tmp_path / "u.db"
    res = run("ingest", str(src), "--db", str(db), "--allow-host", host, "--workers", "1", "--no-stories")
    assert res.exit_code == 0, res.output
    with open_store(db) as s:
        [doc] = list(s.iter_documents())
    assert doc.source.url == base + "/a/2.html" and doc.meta["outlet"]["name"] == "Testblatt"


def test_watch_polls_with_conditional_requests(site, new_db):
    base, host = site
    db = new_db("w")
    res = run("watch", base + "/home.html", "--polls", "2", "--every", "1", "--db", str(db), "--allow-host", host,
              "--host-interval", "0", "--workers", "1", "--no-stories")  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "poll 1: 1 feeds, 3 new" in res.stderr and "poll 2: 1 feeds, 0 new" in res.stderr
    assert Site.hits["304"] == 1  # the second poll cost a 304
    with open_store(db) as s:
        assert s.count() == 3


def test_watch_killed_mid_poll_loses_nothing_and_doubles_nothing(site, new_db):
    base, host = site
    Site.feed_items = range(1, 151)
    db = new_db("k")
    cmd = [sys.executable, "-m", "newsprism", "watch", base + "/feed.xml", "--once", "--db", str(db), "--allow-host", host,
           "--host-interval", "0.05", "--workers", "1", "--no-stories"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if storage.exists(db):
            with open_store(db) as s:
                if s.count() > 0:
                    break
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    with open_store(db) as s:
        partial = s.count()
        assert partial < 150 and s.check() == []
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    with open_store(db) as s:
        assert s.count() == 150 and s.check() == []
        urls = [d.source.url for d in s.iter_documents()]
    assert len(urls) == len(set(urls)) == 150


# --- archives and dumps ------------------------------------------------------------------------------------------
def write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n, status in ((1, "200 OK"), (2, "200 OK"), (3, "404 Not Found")):
            body = article(n)
            headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = writer.create_warc_record(f"http://127.0.0.1/archived/a/{n}.html", "response", payload=io.BytesIO(body),
                                            length=len(body), http_headers=headers)  # fmt: skip
            writer.write_record(rec)
        request = b"GET / HTTP/1.1\r\n\r\n"
        req = writer.create_warc_record(
            "http://127.0.0.1/archived/a/1.html", "request", payload=io.BytesIO(request), length=len(request)
        )
        writer.write_record(req)


def test_a_warc_file_gives_its_html_responses(tmp_path: Path):
    warc = tmp_path / "news.warc.gz"
    write_warc(warc)
    db = tmp_path / "w.db"
    res = run("ingest", str(warc), "--db", str(db), "--workers", "1", "--no-stories")
    assert res.exit_code == 0, res.output
    assert "2 new, 0 duplicate, 0 failed" in res.stdout
    with open_store(db) as s:
        docs = sorted(s.iter_documents(), key=lambda d: d.source.url or "")
    assert [d.source.url for d in docs] == ["http://127.0.0.1/archived/a/1.html", "http://127.0.0.1/archived/a/2.html"]
    assert docs[0].meta["title"] == "Meldung 1 über neue Exportregeln" and docs[0].source.hints["fetched_at"]


def _csv_bytes(rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


ROWS = [
    {
        "headline": f"Meldung {n}",
        "body": " ".join(PARAGRAPHS) + f" Meldung {n}.",
        "link": f"http://127.0.0.1/archived/{n}",
        "date": "2025-03-05",
    }
    for n in range(3)
]


def test_csv_with_a_column_mapping(tmp_path: Path):
    src = tmp_path / "dump.csv"
    src.write_bytes(_csv_bytes(ROWS))
    db = tmp_path / "c.db"
    res = run("ingest", str(src), "--db", str(db), "--columns", "text=body,title=headline,url=link,published=date",
              "--workers", "1", "--no-stories")  # fmt: skip
    assert res.exit_code == 0, res.output
    with open_store(db) as s:
        docs = list(s.iter_documents())
    assert len(docs) == 3 and {d.meta["title"] for d in docs} == {"Meldung 0", "Meldung 1", "Meldung 2"}
    assert {d.meta["published"] for d in docs} == {"2025-03-05"}
    wrong = run("ingest", str(src), "--db", str(db), "--columns", "text=nope", "--workers", "1", "--no-stories")
    assert wrong.exit_code == 1 and "no column for text=nope" in wrong.stderr


def test_zip_and_tar_archives_are_read_as_streams(tmp_path: Path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("x.txt", "Nested.")
    zpath = tmp_path / "dump.zip"
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("articles.csv", _csv_bytes([{"text": r["body"], "title": r["headline"]} for r in ROWS]))
        z.writestr("one.txt", "Ein Titel\n\n" + " ".join(reversed(PARAGRAPHS)))
        z.writestr("page.html", article(9))
        z.writestr("inner.zip", inner.getvalue())
    db = tmp_path / "z.db"
    res = run("ingest", str(zpath), "--db", str(db), "--workers", "1", "--no-stories")
    assert "5 new, 0 duplicate, 1 failed" in res.stdout, res.output
    assert "an archive inside an archive is not unpacked" in res.stderr
    tpath = tmp_path / "dump.tar.gz"
    with tarfile.open(tpath, "w:gz") as t:
        data = ("Zweiter Titel\n\n" + " ".join(PARAGRAPHS) + " Aus dem Tar-Archiv.").encode()
        info = tarfile.TarInfo("b/two.txt")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("b/passwd.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        t.addfile(link)
    res = run("ingest", str(tpath), "--db", str(db), "--workers", "1", "--no-stories")
    assert "1 new, 0 duplicate, 0 failed" in res.stdout, res.output  # the link is never followed


def test_the_api_fetches_url_records_under_the_same_rule(site, tmp_path: Path):
    import httpx

    from newsprism.web.app import create_app
    from newsprism.web.server import running

    base, _ = site
    db = tmp_path / "api.db"
    open_store(db).close()
    with running(create_app(db, token="t")) as api, httpx.Client(base_url=api, timeout=60) as c:
        r = c.post("/api/ingest", json={"url": base + "/a/1.html"}, headers={"Authorization": "Bearer t"})
    body = r.json()
    assert r.status_code == 200 and body["failed"] == 1
    assert "this machine (a loopback address)" in body["results"][0]["reason"]
    assert Site.hits == Counter()  # refused before anything was sent
