"""Where an outlet's articles are listed: RSS/Atom feeds (feedparser), sitemaps and sitemap indexes (with Google
News extensions), and the feeds a homepage links to.

Each returns ``Listed`` items (URL, title and date where the listing gives them) in the listing's order, bounded:
a sitemap index is followed two levels deep and at most ``MAX_SITEMAPS`` files, a listing gives at most
``MAX_ITEMS`` URLs, and every file is fetched by the same guarded, size-limited ``Fetcher``.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass
from urllib.parse import urljoin

from newsprism.errors import InputError
from newsprism.fetch.client import FEED_TYPES, PAGE_TYPES, SITEMAP_TYPES, Fetched, Fetcher

MAX_ITEMS = 50_000
MAX_SITEMAPS = 200
_FEED_LINK_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")


@dataclass(frozen=True, slots=True)
class Listed:
    """An article a feed or sitemap lists."""

    url: str
    title: str | None = None
    published: str | None = None  # as the listing gives it: feeds' RFC 822 or ISO, sitemaps' W3C datetime


def feed_items(fetcher: Fetcher, url: str, conditional: bool = True) -> tuple[list[Listed], Fetched]:
    """The entries of the RSS or Atom feed at ``url`` ([] when it is unchanged since it was last read), and the
    fetch itself, for ``Fetcher.remember`` once the entries are stored."""
    import feedparser

    got = fetcher.get(url, FEED_TYPES, conditional=conditional)
    if got.not_modified:
        return [], got
    parsed = feedparser.parse(got.content or b"", response_headers={"content-location": got.final_url})
    if not parsed.entries and parsed.get("bozo"):
        raise InputError(f"not a feed: {type(parsed.get('bozo_exception')).__name__}: {parsed.get('bozo_exception')}")
    out = []
    for e in parsed.entries[:MAX_ITEMS]:
        link = e.get("link")
        if isinstance(link, str) and link.strip():
            published = e.get("published") or e.get("updated")
            out.append(Listed(urljoin(got.final_url, link.strip()), e.get("title"), published))
    return out, got


def sitemap_items(fetcher: Fetcher, url: str, conditional: bool = False) -> list[Listed]:
    """The pages of the sitemap at ``url``, following a sitemap index two levels deep."""
    out: list[Listed] = []
    todo: list[tuple[str, int]] = [(url, 0)]
    seen: set[str] = set()
    while todo and len(seen) < MAX_SITEMAPS and len(out) < MAX_ITEMS:
        current, depth = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        got = fetcher.get(current, SITEMAP_TYPES, conditional=conditional)
        if got.not_modified:
            continue
        children, pages = _parse_sitemap(_unpacked(got.content or b"", fetcher.max_bytes))
        out.extend(pages[: MAX_ITEMS - len(out)])
        if depth < 2:
            todo.extend((urljoin(got.final_url, c), depth + 1) for c in children)
    return out


def _unpacked(data: bytes, max_bytes: int) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        out = fh.read(max_bytes + 1)
    if len(out) > max_bytes:
        raise InputError("too large: the unpacked sitemap is over the size limit")
    return out


def _parse_sitemap(data: bytes) -> tuple[list[str], list[Listed]]:
    """(child sitemaps, pages) of a sitemap or sitemap index; entities are never resolved, nothing is fetched."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not a sitemap: {exc}") from None
    if root is None:
        raise InputError("not a sitemap: no XML in it")
    children, pages = [], []
    for el in root.iter():
        tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
        if tag == "sitemap":
            loc = _child_text(el, "loc")
            if loc:
                children.append(loc)
        elif tag == "url":
            loc = _child_text(el, "loc")
            if loc:
                title = _child_text(el, "title")  # news:title
                published = _child_text(el, "publication_date") or _child_text(el, "lastmod")
                pages.append(Listed(loc, title, published))
    return children, pages


def _child_text(el: object, name: str) -> str | None:
    from lxml import etree

    for child in el.iter():  # type: ignore[attr-defined]
        if child is not el and isinstance(child.tag, str) and etree.QName(child).localname == name and child.text:
            return str(child.text).strip()
    return None


def sitemaps_of_site(fetcher: Fetcher, url: str) -> list[str]:
    """The sitemaps a site's robots.txt lists (``Sitemap:`` lines), else its /sitemap.xml."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    site = f"{parts.scheme}://{parts.netloc}"
    got = fetcher.get(site + "/robots.txt", ("text/plain", "text/html"), conditional=False)
    listed = [line.split(":", 1)[1].strip() for line in (got.content or b"").decode("utf-8", "replace").splitlines()
              if line.lower().startswith("sitemap:")]  # fmt: skip
    return [urljoin(site, u) for u in listed if u] or [site + "/sitemap.xml"]


def feeds_of_page(fetcher: Fetcher, url: str) -> list[str]:
    """The feeds a page (an outlet's homepage) links to: ``<link rel="alternate" type="application/rss+xml">``."""
    import lxml.html

    got = fetcher.get(url, PAGE_TYPES, conditional=False)
    text, _ = got.text(fetcher.max_bytes)
    try:
        doc = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml raises assorted errors on broken markup
        raise InputError(f"broken HTML: {exc}") from None
    found = []
    for link in doc.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().strip()
        href = link.get("href")
        if "alternate" in rel and kind in _FEED_LINK_TYPES and href:
            found.append(urljoin(got.final_url, href.strip()))
    return list(dict.fromkeys(found))
