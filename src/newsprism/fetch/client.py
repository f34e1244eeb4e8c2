"""Fetching pages, feeds and sitemaps politely and safely (httpx).

httpx rather than trafilatura's fetcher: newsprism must check every redirect hop against the address rule before
it connects (httpx lets redirects be followed by hand), stream a body and stop at the size limit whatever its
compression, bound the whole response in time (a server that drips one byte a second), and send conditional
requests; trafilatura's ``fetch_url`` follows redirects itself and offers none of these hooks.

One ``Fetcher`` per run: a connection pool, robots.txt per site (honoured unless ``robots=False``; its
Crawl-delay too), at most one request per ``interval`` seconds per host, retries with exponential backoff on
timeouts, 429 and 5xx (Retry-After honoured up to a cap), a user agent that says who is asking, and the ETag and
Last-Modified of earlier fetches (``state``) sent back so that an unchanged page costs a 304 and nothing else.
"""

from __future__ import annotations

import re
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

import httpx

from newsprism.errors import InputError
from newsprism.fetch.guard import Guard
from newsprism.ingest.decode import MB, amount, decode_declared

USER_AGENT = "newsprism/0.1 (+https://github.com/newsprism/newsprism; news analysis for research)"
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
    "application/json",
    "text/html",  # some sites serve feeds as text/html; feedparser decides
)
SITEMAP_TYPES = (
    "application/xml",
    "text/xml",
    "application/x-gzip",
    "application/gzip",
    "application/octet-stream",
    "text/plain",
)
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 30.0
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)


class FetchState(Protocol):
    """Where the validators of earlier fetches are kept (the store): what makes re-polling cost a 304."""

    def fetch_state(self, url: str) -> dict[str, Any] | None: ...

    def save_fetch_state(self, url: str, state: dict[str, Any]) -> None: ...


@dataclass(slots=True)
class Fetched:
    """One fetched URL: the body (None when unchanged since the last fetch), and where it came from in the end."""

    url: str
    final_url: str
    status: int
    content: bytes | None
    content_type: str
    charset: str | None
    fetched_at: str
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self, max_bytes: int) -> tuple[str, list[str]]:
        """The body as text: the charset of the header, else of the page's meta tag, else as files are decoded."""
        data = self.content or b""
        return decode_declared(data, self.charset or _meta_charset(data), max_bytes)


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


class Fetcher:
    """Fetches URLs under one guard, one rate limit per host, one robots.txt per site."""

    def __init__(
        self,
        *,
        guard: Guard | None = None,
        max_bytes: int = 20 * MB,
        timeout: float = 20.0,
        retries: int = 2,
        backoff: float = 1.0,
        interval: float = 1.0,
        robots: bool = True,
        user_agent: str = USER_AGENT,
        state: FetchState | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.guard = guard or Guard()
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.interval = interval
        self.robots = robots
        self.user_agent = user_agent
        self.state = state
        self.sleep = sleep
        self.client = httpx.Client(
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,  # by hand: every hop is checked against the guard first
            trust_env=False,  # no proxy from the environment: the guard must see where requests go
        )
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}  # host → the earliest time of its next request
        self._delay: dict[str, float] = {}  # host → its robots.txt Crawl-delay
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the one entry -----------------------------------------------------------------------------------------
    def get(self, url: str, types: tuple[str, ...] = PAGE_TYPES, conditional: bool = True) -> Fetched:
        """Fetch ``url`` (following redirects, each checked); ``InputError`` with a reason when it cannot be."""
        self.guard.check(url)
        if self.robots and not self._allowed(url):
            raise InputError("refused: robots.txt of the site disallows this URL for newsprism (--ignore-robots to override)")
        previous = self.state.fetch_state(url) if (conditional and self.state is not None) else None
        headers: dict[str, str] = {}
        if previous:
            if previous.get("etag"):
                headers["If-None-Match"] = previous["etag"]
            if previous.get("last_modified"):
                headers["If-Modified-Since"] = previous["last_modified"]
        current, redirects = url, []
        for _ in range(MAX_REDIRECTS + 1):
            response, body = self._request(current, headers)
            if response.status_code in (301, 302, 303, 307, 308) and response.headers.get("location"):
                target = urljoin(current, response.headers["location"])
                self.guard.check(target)  # before connecting: a redirect to a private address goes nowhere
                if self.robots and not self._allowed(target):
                    raise InputError(f"refused: robots.txt disallows the redirect target {target}")
                redirects.append(target)
                current = target
                headers = {}  # validators belong to the first URL
                continue
            break
        else:
            raise InputError(f"cannot fetch: more than {MAX_REDIRECTS} redirects")
        fetched = Fetched(
            url=url,
            final_url=current,
            status=response.status_code,
            content=body,
            content_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
            charset=response.charset_encoding,
            fetched_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            redirects=redirects,
        )
        if fetched.not_modified:
            return fetched
        if response.status_code >= 400:
            raise InputError(f"cannot fetch: HTTP {response.status_code} {response.reason_phrase}".rstrip())
        if response.status_code != 200:
            raise InputError(f"cannot fetch: HTTP {response.status_code}, not a page")
        if fetched.content_type and not fetched.content_type.startswith(types):
            raise InputError(f"not a page: the server says it is {fetched.content_type}")
        return fetched

    def remember(self, fetched: Fetched) -> None:
        """Keep ``fetched``'s validators for the next conditional request — once what it listed is stored, so that a
        run killed in between reads the listing again rather than skipping what it had not stored yet."""
        if self.state is not None and (fetched.etag or fetched.last_modified):
            state = {"etag": fetched.etag, "last_modified": fetched.last_modified}
            self.state.save_fetch_state(fetched.url, {**state, "final_url": fetched.final_url, "fetched_at": fetched.fetched_at})

    # --- requests ------------------------------------------------------------------------------------------------
    def _request(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes | None]:
        """One request, retried on timeouts, 429 and 5xx; the body read up to the size limit, in bounded time."""
        attempt = 0
        while True:
            self._wait_turn(url)
            try:
                with self.client.stream("GET", url, headers=headers) as response:
                    if response.status_code in (429, 502, 503, 504) and attempt < self.retries:
                        wait = self._retry_after(response)
                        wait = self.backoff * 2**attempt if wait is None else wait
                        attempt += 1
                        self.sleep(min(wait, MAX_RETRY_AFTER))
                        continue
                    if response.status_code != 200:
                        return response, None
                    return response, self._body(response)
            except httpx.TimeoutException:
                if attempt >= self.retries:
                    raise InputError(f"cannot fetch: no answer within {self.timeout:g} s, {attempt + 1} tries") from None
            except httpx.TransportError as exc:
                if attempt >= self.retries:
                    raise InputError(f"cannot fetch: {type(exc).__name__}: {exc}") from None
            attempt += 1
            self.sleep(self.backoff * 2 ** (attempt - 1))

    def _body(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise InputError(f"too large: the server announces {amount(int(declared))}, over the {amount(self.max_bytes)} limit")
        deadline = time.monotonic() + 3 * self.timeout  # a body that drips forever stops
        body = bytearray()
        for chunk in response.iter_bytes():  # decompressed: a gzip bomb stops at the limit too
            body += chunk
            if len(body) > self.max_bytes:
                raise InputError(f"too large: the body is over the {amount(self.max_bytes)} limit (unpacked)")
            if time.monotonic() > deadline:
                raise InputError(f"too slow: the body took over {3 * self.timeout:g} s")
        return bytes(body)

    @staticmethod
    def _retry_after(response: httpx.Response) -> float | None:
        value = response.headers.get("retry-after", "").strip()
        if value.isdigit():
            return float(value)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, (when - datetime.now(UTC)).total_seconds())

    def _wait_turn(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + max(self.interval, self._delay.get(host, 0.0))
        if start > now:
            self.sleep(start - now)

    # --- robots.txt ----------------------------------------------------------------------------------------------
    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            self._robots[site] = self._read_robots(site)
        rules = self._robots[site]
        return True if rules is None else rules.can_fetch(self.user_agent, url)

    def _read_robots(self, site: str) -> urllib.robotparser.RobotFileParser | None:
        """The site's rules; None (everything allowed) when it has none (4xx), as RFC 9309 says. A site whose
        robots.txt cannot be read (5xx, no answer) is treated as disallowing everything."""
        parser = urllib.robotparser.RobotFileParser()
        try:
            response, body = self._request(site + "/robots.txt", {})
        except InputError:
            parser.disallow_all = True  # type: ignore[attr-defined]  # set in __init__, not in typeshed
            return parser
        if 300 <= response.status_code < 500:  # none, or moved (http to https): no rules to honour
            return None
        if response.status_code != 200 or body is None:
            parser.disallow_all = True  # type: ignore[attr-defined]  # set in __init__, not in typeshed
            return parser
        parser.parse(body[: 512 * 1024].decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self.user_agent)
        if delay:
            self._delay[(urlsplit(site).hostname or "").lower()] = min(float(delay), 30.0)
        return parser
