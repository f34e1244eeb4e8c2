"""Following outlets from the command line: the options every fetching command shares, ``fetch`` (pages, feeds,
sitemaps, once) and ``watch`` (feeds polled on an interval, or once for cron)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import click

from newsprism.cli.options import report_failure
from newsprism.errors import InputError, UsageError
from newsprism.fetch.client import Fetcher
from newsprism.fetch.guard import Guard
from newsprism.ingest.sources import RawInput, fetch_input

if TYPE_CHECKING:
    from newsprism.storage import Store


def fetch_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--allow-private, --allow-host, --ignore-robots, --host-interval: how URLs are fetched."""
    f = click.option(
        "--host-interval",
        type=click.FloatRange(min=0),
        default=1.0,
        show_default=True,
        help="Seconds between two requests to one host (a robots.txt Crawl-delay is honoured when longer).",
    )(f)
    f = click.option("--ignore-robots", is_flag=True, help="Fetch what robots.txt disallows (it is honoured by default).")(f)
    f = click.option(
        "--allow-host",
        "allow_hosts",
        multiple=True,
        metavar="HOST[:PORT]",
        help="Fetch from this host even though its address is private (a server on your own network).",
    )(f)
    return click.option(
        "--allow-private", is_flag=True, help="Fetch from loopback, private and link-local addresses too (refused by default)."
    )(f)


def make_fetcher(store: Store | None, opts: dict[str, Any], max_bytes: int) -> Fetcher:
    return Fetcher(
        guard=Guard.of(bool(opts.get("allow_private")), opts.get("allow_hosts") or ()),
        max_bytes=max_bytes,
        robots=not opts.get("ignore_robots"),
        interval=float(opts.get("host_interval", 1.0)),
        state=store,
    )


def listed_pages(fetcher: Fetcher, feeds: tuple[str, ...], sitemaps: tuple[str, ...]) -> tuple[list[str], list[Any]]:
    """The page URLs that ``feeds`` and ``sitemaps`` list (a site root as ``--sitemap`` means the sitemaps its
    robots.txt names), and the feed fetches to remember once their pages are stored."""
    from newsprism.fetch.discover import feed_items, sitemap_items, sitemaps_of_site

    urls: list[str] = []
    fetched = []
    for feed in feeds:
        try:
            items, got = feed_items(fetcher, feed, conditional=False)
        except InputError as exc:
            report_failure(feed, exc.reason)
            continue
        urls += [i.url for i in items]
        fetched.append(got)
    for sitemap in sitemaps:
        try:
            roots = sitemaps_of_site(fetcher, sitemap) if urlsplit(sitemap).path in ("", "/") else [sitemap]
            for root in roots:
                urls += [i.url for i in sitemap_items(fetcher, root)]
        except InputError as exc:
            report_failure(sitemap, exc.reason)
    return list(dict.fromkeys(urls)), fetched


def pages(fetcher: Fetcher, urls: list[str], max_bytes: int) -> Iterator[RawInput]:
    """Each URL fetched when the analysis asks for the next one: memory holds a window, not a sitemap."""
    for url in urls:
        yield fetch_input(fetcher, url, max_bytes)


def feeds_of(fetcher: Fetcher, source: str) -> list[str]:
    """The feeds a ``watch`` source stands for: an outlet id or name (its feeds in the registry, else those its
    homepage links to), a feed URL, or a page URL (the feeds it links to)."""
    from newsprism.fetch.discover import feeds_of_page
    from newsprism.registry.outlets import default_outlets

    if not source.lower().startswith(("http://", "https://")):
        outlet = default_outlets().get(source) or default_outlets().by_name(source)
        if outlet is None:
            raise UsageError(f"{source!r} is neither a URL nor an outlet of the registry (newsprism outlets lists them)")
        if outlet.feeds:
            return list(outlet.feeds)
        if not outlet.hosts:
            raise UsageError(f"the registry knows no feed and no web address of {outlet.name}")
        source = f"https://{outlet.hosts[0]}/"
    got = fetcher.get(source, ("text/html", "application/xhtml+xml"), conditional=False) if _looks_like_page(source) else None
    if got is not None:
        return feeds_of_page(fetcher, source) or [source]
    return [source]


def _looks_like_page(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return path in ("", "/") or path.endswith((".html", ".htm", "/"))


def watch_loop(
    fetcher: Fetcher,
    store: Store,
    feeds: list[str],
    ingest_pages: Callable[[list[str]], Any],
    every: float,
    polls: int | None,
) -> int:
    """Poll ``feeds``: new entries are fetched and stored, then the feed's validators kept (so a kill in between
    reads it again: nothing lost, and duplicates are no-ops). Returns the number of polls made."""
    from newsprism.fetch.discover import feed_items

    n = 0
    while polls is None or n < polls:
        n += 1
        started = time.monotonic()
        new_total = 0
        for feed in feeds:
            try:
                items, got = feed_items(fetcher, feed, conditional=True)
            except InputError as exc:
                report_failure(feed, exc.reason)
                continue
            urls = [i.url for i in items]
            known = store.known_urls(urls) if urls else set()
            fresh = [u for u in urls if u not in known]
            if fresh:
                ingest_pages(fresh)
                new_total += len(fresh)
            fetcher.remember(got)
        click.echo(f"poll {n}: {len(feeds)} feeds, {new_total} new pages fetched", err=True)
        if polls is not None and n >= polls:
            break
        pause = max(0.0, every - (time.monotonic() - started))
        try:
            time.sleep(pause)
        except KeyboardInterrupt:
            click.echo("\nstopped: what was fetched is stored; run the same command to go on.", err=True)
            sys.exit(130)
    return n
