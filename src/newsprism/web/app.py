"""The HTTP API and the web UI (FastAPI, server-rendered Jinja2 pages, no script of our own).

Every page has a JSON twin under ``/api``: ``/articles/ID`` and ``/api/articles/ID``. Lists take ``limit`` and
``offset`` and, under ``/api``, ``format=json|csv|jsonl``. Errors under ``/api`` are JSON of one shape:
``{"error": {"status": 404, "message": "…"}}``, 5xx included. Writing (``POST /api/ingest``) needs the token in
``$NEWSPRISM_TOKEN`` (``Authorization: Bearer …``); reading needs none unless ``$NEWSPRISM_READ_TOKEN`` is set, and
then takes it as a bearer token or, in a browser, from the cookie that ``/login`` sets (never in a URL, where logs
and histories keep it). Every response carries a Content-Security-Policy that allows no script at all: scraped text
is data, never markup. No request takes the server down: bodies are limited before they are read (and before the
token is checked), numbers are bounded, searches have a length, term and time limit (``newsprism.settings``).
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import logging
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsprism.errors import NewsprismError, UsageError
from newsprism.export import csv_cell
from newsprism.lang import quoted
from newsprism.output import contract, plain
from newsprism.settings import settings
from newsprism.storage import Filters, Store, open_store, parse_day
from newsprism.web.highlight import highlight, speaker_colors, speaker_key
from newsprism.web.server import trim_memory

TOKEN_ENV = "NEWSPRISM_TOKEN"
READ_TOKEN_ENV = "NEWSPRISM_READ_TOKEN"
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
MAX_OFFSET = 1_000_000_000  # no list is longer; a larger offset is a mistake or an attack, not a page
MAX_ID = 2**62  # story ids are SQLite integers: anything larger cannot name one
SEARCH_PAGE_MAX = 100  # each hit is read for its snippet: a search page is bounded tighter than a list
TOKEN_COOKIE = "newsprism_token"
WEB = Path(str(resources.files("newsprism.web")))
log = logging.getLogger("newsprism.web")


def _public(row: dict[str, Any]) -> dict[str, Any]:
    """A row as the API shows it: a stored file's path without the server's folders (its name is enough to know
    it by, the rest says how the server's disk is laid out)."""
    src = row.get("source")
    if isinstance(src, dict) and isinstance(src.get("path"), str) and src["path"] != "<stdin>":
        row["source"] = {**src, "path": Path(src["path"]).name}
    return row


def bearer(request: Request) -> str:
    """The token of an ``Authorization: Bearer …`` header; any other scheme (or none) gives nothing."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def _same(given: str, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def _table(rows: Sequence[dict[str, Any]], fmt: str, name: str) -> Response:
    """A result list as JSON, CSV or JSON Lines (nested values become JSON in a CSV cell)."""
    if fmt == "json":
        return JSONResponse({"items": list(rows), "count": len(rows)})
    if fmt == "jsonl":
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        return Response(
            body, media_type="application/x-ndjson", headers={"Content-Disposition": f'attachment; filename="{name}.jsonl"'}
        )
    if fmt == "csv":
        buf = io.StringIO()
        keys = list(dict.fromkeys(k for r in rows for k in r))
        w = csv.DictWriter(buf, fieldnames=keys)
        w.writeheader()
        for r in rows:
            w.writerow({k: csv_cell(v) for k, v in r.items()})
        return Response(
            buf.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    raise HTTPException(400, f"format must be json, csv or jsonl, not {fmt!r}")


@dataclass
class Where:
    """Which articles a list shows: the query parameters every list takes."""

    outlet: str | None = None
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    until: str | None = None
    language: str | None = None
    actor: str | None = None  # an actor id: articles that mention them
    narrative: str | None = None  # a narrative id: articles that repeat it

    def filters(self) -> Filters:
        try:
            since, until = parse_day(self.since, "since"), parse_day(self.until, "until", end=True)
            return Filters(self.outlet or None, since, until, self.language or None, self.actor or None, self.narrative or None)
        except NewsprismError as e:
            raise HTTPException(400, str(e)) from e

    def params(self) -> dict[str, str | None]:
        return {
            "outlet": self.outlet,
            "since": self.since,
            "until": self.until,
            "language": self.language,
            "actor": self.actor,
            "narrative": self.narrative,
        }


def profile_heat(profile: Sequence[dict[str, Any]], months: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """An outlet's narratives and techniques as a table of months: per row (a narrative or technique), per month,
    the share of that month's articles that carry it, in steps 0–5 for the cell's shade."""
    columns = sorted({str(m) for m, _ in months} | {str(r["month"]) for r in profile if r["month"]})
    per_month = {str(m): n for m, n in months}
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for r in profile:
        row = rows.setdefault(
            (r["layer"], r["label"]),
            {"layer": r["layer"], "label": r["label"], "name": r["name"] or r["label"], "cells": {}, "total": 0},
        )
        share = r["articles"] / max(1, per_month.get(str(r["month"]), r["articles"]))
        row["cells"][str(r["month"])] = {"n": r["articles"], "own": r["own"], "step": min(5, 1 + int(share * 5))}
        row["total"] += r["articles"]
    ordered = sorted(rows.values(), key=lambda x: (x["layer"] != "narrative", -x["total"]))
    return {"months": columns, "rows": ordered}


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    from newsprism.web.ingest import close_pool

    close_pool()  # the kept ingest worker, if an ingest started one


def create_app(db: str | Path, token: str | None = None, read_token: str | None = None) -> FastAPI:
    """The app over the SQLite database ``db``. ``token`` (default ``$NEWSPRISM_TOKEN``) allows ingest;
    ``read_token`` (default ``$NEWSPRISM_READ_TOKEN``) is then needed for reading too."""
    cfg = settings()
    token = token if token is not None else cfg.token
    read_token = read_token if read_token is not None else cfg.read_token
    page_max = cfg.page_max
    db = str(db)
    open_store(db).close()  # create and migrate once, up front: a bad path fails at start, not at the first page
    app = FastAPI(
        lifespan=_lifespan,
        title="newsprism",
        summary="Who said what, when, about whom: articles, quotes, actors and outlets with provenance",
        version="0.1.0",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: offline and against the CSP; /docs is ours
        redoc_url=None,
    )
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(WEB / "templates")), autoescape=True)  # text is data
    env.filters["quoted"] = quoted  # a quote in its language's marks: „…“, “…”, «…»
    env.filters["filename"] = lambda p: Path(p).name  # a stored file without the server's folders
    templates = Jinja2Templates(env=env)
    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")

    @contextmanager
    def store() -> Iterator[Store]:
        s = open_store(db)
        try:
            yield s
        finally:
            s.close()

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/api"

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"nav": name.split(".")[0], **ctx}, status_code=status)

    def may_read(request: Request) -> bool:
        if not read_token or request.url.path.startswith(("/static/", "/api/ingest", "/login")):
            return True
        return _same(bearer(request) or request.cookies.get(TOKEN_COOKIE, ""), read_token)

    busy = {"requests": 0, "trimmed": 0.0}

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        """Limits and the reading token before anything is read; every response, errors and crashes included,
        with the security headers and (under /api) the JSON error shape."""
        busy["requests"] += 1
        try:
            return await guarded(request, call_next)
        finally:
            busy["requests"] -= 1
            if busy["requests"] == 0 and time.monotonic() - busy["trimmed"] > 1.0:  # idle: give freed memory back
                busy["trimmed"] = time.monotonic()
                trim_memory()

    async def guarded(request: Request, call_next: Any) -> Response:
        length = request.headers.get("content-length", "0")
        response: Response
        if not length.isdigit() or int(length) > cfg.request_max_bytes:
            response = error(request, 413, f"the request body is over the {cfg.request_max_bytes:,} byte limit")
        elif "token" in request.query_params:
            response = error(
                request,
                400,
                "a token does not go into a URL (logs and browser histories keep it): send 'Authorization: Bearer "
                "<token>', or sign in at /login",
            )
        elif not may_read(request):
            if is_api(request):
                msg = f"reading needs the token set in ${READ_TOKEN_ENV} ('Authorization: Bearer <token>')"
                response = JSONResponse({"error": {"status": 401, "message": msg}}, status_code=401)
            else:
                response = RedirectResponse("/login", status_code=303)
        else:
            try:
                response = await call_next(request)
            except Exception:
                log.exception("internal error on %s %s", request.method, request.url.path)
                response = error(
                    request, 500, "internal error: the request could not be answered (the server log has the details)"
                )
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def error(request: Request, status: int, message: str) -> Response:
        if is_api(request):
            return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
        try:
            return page(request, "error.html", status, code=status, message=message)
        except Exception:  # the error page itself failed: plain text, still with the headers the middleware adds
            return Response(f"Error {status}: {message}\n", status_code=status, media_type="text/plain; charset=utf-8")

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request) -> HTMLResponse:
        return page(request, "login.html", needed=bool(read_token))

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        """The reading token from the form, kept in an HttpOnly cookie for this site only."""
        from urllib.parse import parse_qs

        body = await request.body()
        given = (parse_qs(body.decode("utf-8", "replace")).get("token") or [""])[0]
        if read_token and not _same(given, read_token):
            return page(request, "login.html", 401, needed=True, wrong=True)
        response = RedirectResponse("/articles", status_code=303)
        if read_token:
            secure = request.url.scheme == "https"
            response.set_cookie(TOKEN_COOKIE, given, httponly=True, samesite="strict", secure=secure, path="/")
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        msgs = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return error(request, 422, msgs or "invalid request")

    @app.exception_handler(UsageError)
    async def usage_error(request: Request, exc: UsageError) -> Response:
        return error(request, 400, str(exc))

    # --- articles -------------------------------------------------------------------------------------------------
    def article_rows(f: Filters, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        with store() as s:
            return [_public(plain(h)) for h in s.articles(f, limit, offset)], s.count(f)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/articles")

    @app.get("/api/articles", tags=["articles"])
    def api_articles(
        where: Annotated[Where, Depends()],
        limit: int = Query(50, ge=1, le=page_max),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
        format: str = "json",
    ) -> Response:
        """Stored articles, newest first."""
        rows, total = article_rows(where.filters(), limit, offset)
        resp = _table(rows, format, "articles")
        resp.headers["X-Total-Count"] = str(total)
        return resp

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(
        request: Request,
        where: Annotated[Where, Depends()],
        limit: int = Query(50, ge=1, le=page_max),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> HTMLResponse:
        rows, total = article_rows(where.filters(), limit, offset)
        q = where.params()
        qs = {k: v for k, v in q.items() if v}  # the filters in force, for the export and pager links
        return page(request, "articles.html", rows=rows, total=total, limit=limit, offset=offset, q=q, qs=qs)

    def load(doc_id: str) -> Any:
        with store() as s:
            doc = s.get(doc_id)
        if doc is None:
            raise HTTPException(404, f"no article {doc_id!r}")
        return doc

    @app.get("/api/articles/{doc_id}", tags=["articles"])
    def api_article(doc_id: str) -> dict[str, Any]:
        """One article in the output contract: its text and every span."""
        out = _public(contract(load(doc_id)))
        with store() as s:
            out["versions"] = s.versions(doc_id)  # near-duplicates: updated copies, the same wire story changed
        return out

    @app.get("/articles/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, doc_id: str) -> HTMLResponse:
        doc = load(doc_id)
        colors = speaker_colors(doc)
        quotes = []
        for i, q in enumerate(doc.layer("quotes")):
            sp = q.attrs.get("speaker") or {}
            key = speaker_key(q.attrs)
            quotes.append(
                {
                    "i": i,
                    "kind": q.attrs.get("kind") or q.label,
                    "speaker": sp.get("name"),
                    "speaker_id": sp.get("id"),
                    "mention": sp.get("mention"),
                    "cue": (q.attrs.get("cue") or {}).get("text"),
                    "text": doc.span_text(q),
                    "start": q.start,
                    "end": q.end,
                    "color": f"sp{colors[key]}" if key in colors else "sp-none",
                    "nested": q.attrs.get("parent") is not None,
                }
            )
        actors: dict[str, dict[str, Any]] = {}
        for e in doc.layer("entities"):
            a = e.attrs.get("actor")
            if a:
                row = actors.setdefault(a["id"], {"id": a["id"], "name": a["name"], "type": e.label, "n": 0, "as": {}})
                row["n"] += 1
                row["as"][doc.span_text(e)] = None
        dates = [{"text": doc.span_text(d), **d.attrs} for d in doc.layer("dates")]
        findings = {
            layer: [
                {"text": doc.span_text(x), "label": x.label, "start": x.start, "end": x.end, **x.attrs} for x in doc.layer(layer)
            ]
            for layer in ("narratives", "techniques", "claims")
        }
        findings["claims"].sort(key=lambda c: -float(c.get("score") or 0))
        with store() as s:
            story_id = s.story_of(doc.id)
        return page(
            request,
            "article.html",
            doc=doc,
            meta=doc.meta,
            body=highlight(doc),
            quotes=quotes,
            actors=sorted(actors.values(), key=lambda r: -r["n"]),
            dates=dates,
            story_id=story_id,
            narratives=findings["narratives"],
            techniques=findings["techniques"],
            claims=findings["claims"],
        )

    # --- search ---------------------------------------------------------------------------------------------------
    def search_rows(q: str, f: Filters, limit: int, offset: int) -> list[dict[str, Any]]:
        with store() as s:
            return [_public(plain(h)) for h in s.search(q, f, limit, offset)]

    @app.get("/api/search", tags=["search"])
    def api_search(
        where: Annotated[Where, Depends()],
        q: str = Query(..., min_length=1, description='words (stemmed), "a phrase", prefix*'),
        limit: int = Query(20, ge=1, le=min(page_max, SEARCH_PAGE_MAX)),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
        format: str = "json",
    ) -> Response:
        """Full-text search with German, English and Russian stemming; each hit with a sentence and its offsets."""
        return _table(search_rows(q, where.filters(), limit, offset), format, "search")

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        where: Annotated[Where, Depends()],
        q: str = "",
        limit: int = Query(20, ge=1, le=min(page_max, SEARCH_PAGE_MAX)),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> HTMLResponse:
        f = where.filters()
        rows = search_rows(q, f, limit, offset) if q.strip() else []
        outlets, actors, narratives = facets()
        params = {"q": q, **where.params()}
        return page(
            request,
            "search.html",
            rows=rows,
            q=params,
            outlets=outlets,
            actors=actors,
            narratives=narratives,
            limit=limit,
            offset=offset,
        )

    facet_cache: dict[int, tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]] = {}

    def facets() -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
        """The outlets, the 40 most mentioned actors and the narratives found, for the search form: aggregates over
        every stored article, so they are computed again only when the number of articles changes (articles are
        only ever added)."""
        with store() as s:
            n = s.count()
            if n not in facet_cache:
                facet_cache.clear()
                facet_cache[n] = (
                    [o.name for o in s.outlets()],
                    [(a.id, a.name) for a in s.actors(None, None, 40)],
                    [(x.id, x.label) for x in s.narratives(None, 60)],
                )
        return facet_cache[n]

    # --- actors ---------------------------------------------------------------------------------------------------
    def actor_rows(query: str | None, f: Filters, limit: int) -> list[dict[str, Any]]:
        ids: list[str] = []
        if query:
            from newsprism.registry.actors import load_actors

            ids = [a.id for a in load_actors().matching(query)]
        with store() as s:
            return [plain(a) for a in s.actors(query, f, limit, ids)]

    @app.get("/api/actors", tags=["actors"])
    def api_actors(
        where: Annotated[Where, Depends()],
        q: str | None = None,
        limit: int = Query(50, ge=1, le=page_max),
        format: str = "json",
    ) -> Response:
        """People, organisations, places and things in the stored articles, most mentioned first."""
        return _table(actor_rows(q, where.filters(), limit), format, "actors")

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, q: str | None = None, limit: int = Query(100, ge=1, le=page_max)) -> HTMLResponse:
        return page(request, "actors.html", rows=actor_rows(q, Filters(), limit), q=q or "")

    def actor_data(actor_id: str, f: Filters) -> dict[str, Any]:
        with store() as s:
            found = s.actor(actor_id)
            if found is None:
                raise HTTPException(404, f"no actor {actor_id!r} in the stored articles")
            return {
                "actor": plain(found),
                "mentions": [plain(m) for m in s.actor_mentions(actor_id, f)],
                "quotes": [plain(q) for q in s.actor_quotes(actor_id, f)],
            }

    @app.get("/api/actors/{actor_id}", tags=["actors"])
    def api_actor(actor_id: str, where: Annotated[Where, Depends()]) -> dict[str, Any]:
        """One actor: every mention, and every quote by and about them, in time order with outlets."""
        return actor_data(actor_id, where.filters())

    @app.get("/api/actors/{actor_id}/quotes", tags=["actors"])
    def api_actor_quotes(actor_id: str, format: str = "json") -> Response:
        """The actor's quotes (by and about) as a list, for export."""
        return _table(actor_data(actor_id, Filters())["quotes"], format, f"quotes-{actor_id}")

    @app.get("/actors/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(
        request: Request,
        actor_id: str,
        where: Annotated[Where, Depends()],
        limit: int = Query(50, ge=1, le=page_max),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> HTMLResponse:
        data = actor_data(actor_id, where.filters())
        timeline: dict[str, dict[str, Any]] = {}  # one entry per article, in time order
        for item, is_quote in [(m, False) for m in data["mentions"]] + [(q, True) for q in data["quotes"]]:
            keys = ("article", "title", "published", "outlet")
            row = timeline.setdefault(item["article"], {**{k: item[k] for k in keys}, "as": {}, "quotes": []})
            if is_quote:
                row["quotes"].append(item)
            else:
                row["as"][item["text"]] = None
        outlets: dict[str, int] = {}
        for row in timeline.values():
            outlets[row["outlet"] or "—"] = outlets.get(row["outlet"] or "—", 0) + 1
        rows = sorted(timeline.values(), key=lambda r: (r["published"] or "", r["article"]))
        q = where.params()
        return page(
            request,
            "actor.html",
            a=data["actor"],
            timeline=rows[offset : offset + limit],
            total=len(rows),
            limit=limit,
            offset=offset,
            q=q,
            outlets=outlets,
            n_quotes=len(data["quotes"]),
        )

    # --- stories --------------------------------------------------------------------------------------------------
    @app.get("/api/stories", tags=["stories"])
    def api_stories(
        where: Annotated[Where, Depends()],
        limit: int = Query(50, ge=1, le=page_max),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
        format: str = "json",
    ) -> Response:
        """Stories (articles about the same event), those told by the most outlets first."""
        with store() as s:
            rows = [plain(x) for x in s.stories(where.filters(), limit, offset)]
        return _table(rows, format, "stories")

    def story_data(story_id: int) -> dict[str, Any]:
        with store() as s:
            found = s.story(story_id)
            if found is None:
                raise HTTPException(404, f"no story {story_id}")
            summary, hits = found
            docs = [d for d in (s.get(h.id) for h in hits) if d is not None]
        columns: list[dict[str, Any]] = []
        for d in docs:
            quotes = []
            for q in d.layer("quotes"):
                sp = q.attrs.get("speaker") or {}
                quotes.append(
                    {
                        "speaker": sp.get("name"),
                        "speaker_id": sp.get("id"),
                        "kind": q.attrs.get("kind") or q.label,
                        "text": d.span_text(q),
                        "start": q.start,
                    }
                )
            actors: dict[str, dict[str, Any]] = {}
            for e in d.layer("entities"):
                a = e.attrs.get("actor")
                if a:
                    actors.setdefault(a["id"], {"id": a["id"], "name": a["name"], "type": e.label, "n": 0})["n"] += 1
            columns.append(
                {
                    "id": d.id,
                    "title": d.meta.get("title"),
                    "published": d.meta.get("published"),
                    "outlet": (d.meta.get("outlet") or {}).get("name"),
                    "language": d.meta.get("language"),
                    "quotes": quotes,
                    "actors": sorted(actors.values(), key=lambda r: -r["n"]),
                    "claims": len(d.layer("claims")),
                    "narratives": [n.attrs.get("label") or n.label for n in d.layer("narratives")],
                }
            )
        speakers: dict[str, dict[str, int]] = {}  # who is quoted by which outlet
        for col in columns:
            for quote in col["quotes"]:
                key = quote["speaker"] or "speaker unknown"
                row = speakers.setdefault(key, {})
                row[col["id"]] = row.get(col["id"], 0) + 1
        return {"story": plain(summary), "articles": columns, "speakers": speakers}

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: Annotated[int, PathParam(ge=0, le=MAX_ID)]) -> dict[str, Any]:
        """One story: its articles side by side, with the quotes, actors and narratives each one carries."""
        return story_data(story_id)

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(
        request: Request,
        where: Annotated[Where, Depends()],
        limit: int = Query(50, ge=1, le=page_max),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> HTMLResponse:
        with store() as s:
            rows = [plain(x) for x in s.stories(where.filters(), limit, offset)]
        q = where.params()
        return page(request, "stories.html", rows=rows, q=q, limit=limit, offset=offset)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: Annotated[int, PathParam(ge=0, le=MAX_ID)]) -> HTMLResponse:
        data = story_data(story_id)
        shown = data["articles"][:8]  # side by side: the first eight, the rest listed below
        speakers = sorted(data["speakers"].items(), key=lambda kv: -sum(kv[1].values()))
        return page(request, "story.html", s=data["story"], columns=shown, rest=data["articles"][8:], speakers=speakers)

    # --- outlets --------------------------------------------------------------------------------------------------
    @app.get("/api/outlets", tags=["outlets"])
    def api_outlets(format: str = "json") -> Response:
        """Outlets of the stored articles with their country, state affiliation and articles per month."""
        with store() as s:
            return _table([plain(o) for o in s.outlets()], format, "outlets")

    def outlet_data(outlet_id: str) -> dict[str, Any]:
        with store() as s:
            found = [o for o in s.outlets() if outlet_id in (o.id, o.name)]
            if not found:
                raise HTTPException(404, f"no outlet {outlet_id!r} in the stored articles")
            o = found[0]
            recent = [plain(h) for h in s.articles(Filters(outlet=o.id or o.name), 20, 0)]
            speakers = [plain(a) for a in s.actors(None, Filters(outlet=o.id or o.name), 15)]
            profile = [plain(r) for r in s.outlet_profile(o.id or o.name)]
        return {"outlet": plain(o), "recent": recent, "actors": speakers, "profile": profile}

    @app.get("/api/outlets/{outlet_id}", tags=["outlets"])
    def api_outlet(outlet_id: str) -> dict[str, Any]:
        """One outlet: its profile, articles per month, recent articles and the actors it names most."""
        return outlet_data(outlet_id)

    @app.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
    def outlets_page(request: Request) -> HTMLResponse:
        with store() as s:
            rows = [plain(o) for o in s.outlets()]
        return page(request, "outlets.html", rows=rows)

    @app.get("/outlets/{outlet_id}", response_class=HTMLResponse, include_in_schema=False)
    def outlet_page(request: Request, outlet_id: str) -> HTMLResponse:
        data = outlet_data(outlet_id)
        months = data["outlet"]["by_month"]
        peak = max((n for _, n in months), default=1)
        return page(request, "outlet.html", **data, months=months, peak=peak, heat=profile_heat(data["profile"], months))

    # --- narratives -----------------------------------------------------------------------------------------------
    @app.get("/api/narratives", tags=["narratives"])
    def api_narratives(
        where: Annotated[Where, Depends()], limit: int = Query(100, ge=1, le=page_max), format: str = "json"
    ) -> Response:
        """The narratives the stored articles repeat, the most widespread first, with the outlets that repeat them."""
        with store() as s:
            return _table([plain(x) for x in s.narratives(where.filters(), limit)], format, "narratives")

    @app.get("/narratives", response_class=HTMLResponse, include_in_schema=False)
    def narratives_page(
        request: Request, where: Annotated[Where, Depends()], limit: int = Query(100, ge=1, le=page_max)
    ) -> HTMLResponse:
        from newsprism.pipeline.narratives.catalogue import load_catalogues

        with store() as s:
            rows = [plain(x) for x in s.narratives(where.filters(), limit)]
        known = {n.id: n for c in load_catalogues() for n in c.narratives}
        for r in rows:
            n = known.get(r["id"])
            r["description"] = n.description if n else ""
            r["rebuttal"] = n.rebuttal if n else {}
        return page(request, "narratives.html", rows=rows, q=where.params())

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page(request: Request) -> HTMLResponse:
        schema = app.openapi()
        ops = [
            {
                "method": m.upper(),
                "path": p,
                "summary": op.get("summary"),
                "doc": op.get("description") or "",
                "params": op.get("parameters", []),
            }
            for p, item in schema["paths"].items()
            for m, op in item.items()
        ]
        return page(request, "docs.html", ops=ops)

    # --- ingest ---------------------------------------------------------------------------------------------------
    ingest_body = {
        "required": True,
        "content": {
            "application/json": {"schema": {"oneOf": [{"type": "object"}, {"type": "array", "items": {"type": "object"}}]}}
        },
    }

    @app.post("/api/ingest", tags=["ingest"], openapi_extra={"requestBody": ingest_body})
    async def api_ingest(request: Request) -> dict[str, Any]:
        """Analyse and store articles: one record or a list, each with ``text`` or ``html`` and optionally ``url``,
        ``title``, ``published``, ``outlet`` (the JSON Lines format of ``newsprism ingest``). Needs the token, which
        is checked before the body is read; the body is read up to the size limit and no further."""
        if not token:
            raise HTTPException(403, f"ingest is switched off: start the server with ${TOKEN_ENV} set")
        if not _same(bearer(request), token):
            raise HTTPException(401, "ingest needs 'Authorization: Bearer <token>' with the token in $" + TOKEN_ENV)
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > cfg.request_max_bytes:
                raise HTTPException(413, f"the request body is over the {cfg.request_max_bytes:,} byte limit")
        try:
            records = json.loads(body)
        except (ValueError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise HTTPException(400, f"the body is not JSON: {reason}") from None
        if not isinstance(records, (dict, list)):
            raise HTTPException(422, "the body must be one JSON object (a record) or a list of them")
        from newsprism.web.ingest import ingest_records

        recs = records if isinstance(records, list) else [records]
        if len(recs) > 1000:
            raise HTTPException(413, "at most 1000 records per request")
        return await run_in_threadpool(ingest_records, db, recs)

    return app
