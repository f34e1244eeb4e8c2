"""Fetching benchmark: pages per second fetched, extracted and stored from a server on 127.0.0.1, and the quality of
the HTML extraction beside trafilatura's own, on the same pages, in one run.

    python benchmarks/fetch.py ../shared/data/web-pages [--pages 181] [--workers 2]

Throughput: the Scrapinghub benchmark's pages are served by a local HTTP server with a feed listing them;
`newsprism fetch --feed` fetches, extracts, analyses (spine stages, and all stages) and stores them with 2 workers;
beside it, trafilatura's own ``fetch_url`` + ``extract`` over the same URLs (no analysis, no storage).
Quality: on the Scrapinghub gold (181 English pages, full article bodies) token precision, recall and F1 of the
text newsprism stores (``ingest.html.extract_html``), of ``trafilatura.extract`` with its defaults and with
``favor_recall``; on the trafilatura evaluation set (990 pages, German-heavy) the share of must-have snippets found
and of must-not snippets kept out. Archives: peak memory (whole process tree) of `newsprism ingest` over a WARC
file of the same pages repeated N and 4N times (with a changed line each, so none is a duplicate), and a ZIP of
as many CSV rows: memory should stay flat in the archive's size. Every request goes to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsprism.errors import InputError
from newsprism.ingest.html import extract_html

ROOT = Path(__file__).resolve().parents[1]

TOKEN = re.compile(r"\w+", re.UNICODE)


def _pages(folder: Path, n: int) -> dict[str, bytes]:
    return {p.name.split(".")[0]: gzip.decompress(p.read_bytes()) for p in sorted((folder / "html").glob("*.html.gz"))[:n]}


def _serve(pages: dict[str, bytes]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            key = self.path.strip("/").removesuffix(".html")
            if self.path == "/robots.txt":
                body, ctype = b"User-agent: *\nAllow: /\n", "text/plain"
            elif self.path == "/feed.xml":
                base = f"http://{self.headers['Host']}"
                items = "".join(f"<item><link>{base}/{k}.html</link></item>" for k in pages)
                body, ctype = (
                    f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode(),
                    "application/rss+xml",
                )
            elif key in pages:
                body, ctype = pages[key], "text/html; charset=utf-8"
            else:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"127.0.0.1:{server.server_address[1]}"


def _throughput(host: str, n: int, workers: int, stages: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "newsprism", "fetch", "--feed", f"http://{host}/feed.xml", "--db", f"{tmp}/f.db",
               "--allow-host", host, "--host-interval", "0", "--workers", str(workers), "--stages", stages,
               "--no-stories", "--quiet"]  # fmt: skip
        t0 = time.perf_counter()
        res = subprocess.run(cmd, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
        elapsed = time.perf_counter() - t0
        if res.returncode not in (0, 1):
            sys.exit(res.stderr[-2000:])
        stored = int(re.search(r"(\d+) new", res.stdout).group(1)) if "new" in res.stdout else 0  # type: ignore[union-attr]
    return stored / elapsed


def _trafilatura_throughput(host: str, keys: list[str]) -> float:
    import trafilatura

    t0 = time.perf_counter()
    for k in keys:
        html = trafilatura.fetch_url(f"http://{host}/{k}.html")
        if html:
            trafilatura.extract(html)
    return len(keys) / (time.perf_counter() - t0)


def _prf(got: str, gold: str) -> tuple[float, float, float]:
    g, t = Counter(TOKEN.findall(gold.lower())), Counter(TOKEN.findall(got.lower()))
    common = sum((g & t).values())
    p = common / max(1, sum(t.values()))
    r = common / max(1, sum(g.values()))
    return p, r, 2 * p * r / max(1e-9, p + r)


def _ours(html: str, url: str | None) -> str:
    try:
        return extract_html(html, url)[0]
    except InputError:
        return ""


def _scrapinghub(folder: Path) -> dict[str, tuple[float, float, float]]:
    import trafilatura

    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    runs: dict[str, list[tuple[float, float, float]]] = {"newsprism": [], "trafilatura": [], "trafilatura recall": []}
    for key, item in gold.items():
        path = folder / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        body = item["articleBody"]
        runs["newsprism"].append(_prf(_ours(html, item.get("url")), body))
        runs["trafilatura"].append(_prf(trafilatura.extract(html, url=item.get("url")) or "", body))
        runs["trafilatura recall"].append(_prf(trafilatura.extract(html, url=item.get("url"), favor_recall=True) or "", body))
    return {k: tuple(sum(x[i] for x in v) / max(1, len(v)) for i in range(3)) for k, v in runs.items()}  # type: ignore[misc]


def _snippets(folder: Path) -> dict[str, tuple[float, float]]:
    import trafilatura

    gold = json.loads((folder / "gold" / "trafilatura_evaldata.json").read_text(encoding="utf-8"))
    found = {"newsprism": [0, 0, 0, 0], "trafilatura": [0, 0, 0, 0]}  # with found, with total, without kept out, total
    for url, item in gold.items():
        path = folder / "html" / f"{item['file']}.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        for name, text in (("newsprism", _ours(html, url)), ("trafilatura", trafilatura.extract(html, url=url) or "")):
            f = found[name]
            for s in item.get("with") or []:
                f[0] += s in text
                f[1] += 1
            for s in item.get("without") or []:
                f[2] += s not in text
                f[3] += 1
    return {k: (v[0] / max(1, v[1]), v[2] / max(1, v[3])) for k, v in found.items()}


def _archive_memory(pages: dict[str, bytes], copies: int, workers: int) -> list[tuple[str, int, float, float]]:
    """(kind, records, seconds, peak MB) of ingesting WARC and zipped-CSV archives of ``copies`` and 4× as many."""
    import csv
    import io
    import zipfile

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    sys.path.insert(0, str(ROOT))
    from benchmarks.procmem import run_measured

    out = []
    html = list(pages.values())
    with tempfile.TemporaryDirectory() as tmp:
        for n in (copies, 4 * copies):
            warc = Path(tmp) / f"n{n}.warc.gz"
            with open(warc, "wb") as fh:
                writer = WARCWriter(fh, gzip=True)
                for i in range(n):
                    body = html[i % len(html)].replace(b"</body>", f"<p>copy {i}</p></body>".encode())
                    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                    writer.write_record(writer.create_warc_record(f"https://x.example/{i}", "response", payload=io.BytesIO(body),
                                                                  length=len(body), http_headers=headers))  # fmt: skip
            zpath = Path(tmp) / f"n{n}.zip"
            buf = io.StringIO()
            w = csv.writer(buf)
            w.writerow(["text", "title"])
            for i in range(n):
                w.writerow(
                    [" ".join(["Die Regierung hat am Mittwoch neue Regeln beschlossen."] * 40) + f" Kopie {i}.", f"Titel {i}"]
                )
            with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("rows.csv", buf.getvalue())
            env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
            for kind, path in (("WARC", warc), ("zipped CSV", zpath)):
                cmd = [sys.executable, "-m", "newsprism", "ingest", str(path), "--db", f"{tmp}/{kind}{n}.db", "--stages", "spine",
                       "--workers", str(workers), "--no-stories", "--quiet"]  # fmt: skip
                seconds, peak, _ = run_measured(cmd, env=env)
                out.append((kind, n, seconds, peak))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("web_pages", type=Path, help="path to ../shared/data/web-pages")
    ap.add_argument("--pages", type=int, default=181)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    sh = args.web_pages / "scrapinghub-article-extraction"
    pages = _pages(sh, args.pages)
    server, host = _serve(pages)
    try:
        print(f"throughput, {len(pages)} pages from 127.0.0.1, {args.workers} workers (pages stored per second):")
        print(f"  newsprism fetch, spine stages   {_throughput(host, len(pages), args.workers, 'spine'):6.1f}")
        print(f"  newsprism fetch, all stages     {_throughput(host, len(pages), args.workers, 'all'):6.1f}")
        print(f"  trafilatura fetch_url + extract {_trafilatura_throughput(host, list(pages)):6.1f}  (no analysis, no storage)")
    finally:
        server.shutdown()
    print("\narchives, peak memory of the whole process tree (spine stages):")
    for kind, n, seconds, peak in _archive_memory(pages, 500, args.workers):
        print(f"  {kind:<11} {n:>5} records   {seconds:6.1f} s   {peak:6.0f} MB")
    print("\nScrapinghub gold, mean token precision / recall / F1 per page:")
    for name, (p, r, f) in _scrapinghub(sh).items():
        print(f"  {name:<20} {p:.3f} / {r:.3f} / {f:.3f}")
    print("\ntrafilatura evaluation set: must-have snippets found, must-not snippets kept out:")
    for name, (w, wo) in _snippets(args.web_pages / "trafilatura-htmldate-eval").items():
        print(f"  {name:<20} {w:.3f}   {wo:.3f}")


if __name__ == "__main__":
    main()
