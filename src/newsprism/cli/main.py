"""The ``newsprism`` command: thin wrappers over the library; errors become one line and an exit status.

Exit status: 0 all went well; 1 some inputs failed (the others were done); 2 wrong usage or an
unusable database; 130 interrupted (run the same command again to finish).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

import click

from newsprism.cli.findings import describe_findings, register
from newsprism.cli.follow import fetch_options, listed_pages, make_fetcher, pages, watch_loop
from newsprism.cli.options import db_option, filter_options, filters_from, report_failure
from newsprism.document import Document
from newsprism.errors import NewsprismError, UsageError
from newsprism.ingest.archives import kind_of, parse_columns
from newsprism.ingest.decode import DEFAULT_MAX_BYTES
from newsprism.ingest.runner import Outcome, analyze_inputs, store_window
from newsprism.ingest.sources import RawInput, iter_inputs
from newsprism.lang import quoted
from newsprism.output import contract, plain
from newsprism.pipeline import STAGE_NAMES, Pipeline, default_pipeline, stage_selection
from newsprism.registry.actors import load_actors
from newsprism.registry.outlets import load_outlets
from newsprism.settings import settings
from newsprism.storage import Store, display, open_store
from newsprism.storage import exists as storage_exists
from newsprism.text import terminal_safe


def _pipeline_factory(outlets: tuple[str, ...], stages: str = "all") -> Callable[[], Pipeline]:
    load_outlets(outlets)  # fail early, in the main process, on a bad registry file or stage name
    stage_selection(stages)
    return partial(_build_pipeline, outlets, stages)


def _build_pipeline(outlets: tuple[str, ...], stages: str = "all") -> Pipeline:
    return default_pipeline(load_outlets(outlets) if outlets else None, stages)


def analysis_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--stages",
        default="all",
        show_default=True,
        help=f"Which stages to run: all, spine (structure, sentences, language, metadata) or a comma-separated list of "
        f"{', '.join(STAGE_NAMES)} (what they need is added).",
    )(f)
    f = click.option(
        "--outlets",
        "outlets",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Extra outlet registry YAML file (repeatable).",
    )(f)
    f = click.option(
        "--time-limit",
        type=click.FloatRange(min=0),
        default=lambda: settings().analysis_seconds,
        show_default="$NEWSPRISM_ANALYSIS_SECONDS or 120",
        help="Seconds one input's analysis may take; a slower one fails with a reason (0: no limit).",
    )(f)
    f = click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=lambda: settings().max_bytes,
        show_default=f"$NEWSPRISM_MAX_BYTES or {DEFAULT_MAX_BYTES}",
        help="Inputs larger than this fail with a reason.",
    )(f)
    return click.option("--workers", type=click.IntRange(min=0, max=256), default=0, help="Worker processes (0: one per core).")(
        f
    )


def report(o: Outcome) -> None:
    """An input's failure or warnings on stderr, one line each, safe for the terminal whatever the file is named."""
    if o.status == "failed":
        report_failure(o.source, o.reason or "unknown")
    for w in o.doc.source.warnings if o.doc is not None else ():
        click.echo(f"warning: {terminal_safe(o.source)}: {terminal_safe(w)}", err=True)


def columns_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--columns",
        metavar="FIELD=COLUMN,...",
        help="Which CSV column holds which field: text=body,title=headline,url=link,published=date (default: same names).",
    )(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(package_name="newsprism")
def cli() -> None:
    """newsprism: who said what, when, about whom — from raw news, every fact pointing at its source."""


# --- analyze ---------------------------------------------------------------------------------------------------
@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the analysis contract (JSON Lines when several articles).")
@analysis_options
@columns_option
@fetch_options
def analyze(
    paths: tuple[str, ...],
    as_json: bool,
    workers: int,
    max_bytes: int,
    time_limit: float,
    outlets: tuple[str, ...],
    stages: str,
    columns: str | None,
    **fetch_opts: Any,
) -> None:
    """Analyse articles without storing them. PATHS: files, folders, .jsonl files, URLs, WARC files, CSV, ZIP and
    tar archives, or - for stdin."""
    failed = 0
    factory = _pipeline_factory(outlets, stages)
    fetcher = make_fetcher(None, fetch_opts, max_bytes)
    raws = iter_inputs(paths, max_bytes, fetcher=fetcher, columns=parse_columns(columns))
    windows = analyze_inputs(raws, factory, workers=workers, max_bytes=max_bytes, time_limit=time_limit)
    for window in windows:
        for o in window:
            report(o)
            if o.doc is None:
                failed += 1
            elif as_json:
                click.echo(json.dumps(contract(o.doc), ensure_ascii=False))
            else:
                click.echo(describe(o.doc))
    if failed:
        sys.exit(1)


def describe(doc: Document) -> str:
    """A short human-readable account of what was found in an article."""
    m = doc.meta
    src = doc.source.path or doc.source.url or "<stdin>"
    lines = [
        click.style(f"{Path(src).name if doc.source.path else src}", bold=True)
        + f"  id {doc.id}  language {m.get('language') or '?'}"
    ]

    def row(label: str, value: Any) -> None:
        lines.append(f"  {label:<11}{value if value not in (None, '', []) else '—'}")

    row("title", m.get("title"))
    pub = m.get("published")
    if pub:
        ev = m.get("published_evidence")
        evid = f'  from "{doc.text[ev["start"] : ev["end"]]}"' if ev else ""
        pub = f"{pub} ({m.get('published_precision')}){evid}"
    row("published", pub)
    row("captured", m.get("captured"))
    o = m.get("outlet")
    if o:
        state = {True: "state-affiliated", False: "not state-affiliated", None: "affiliation unknown"}[o.get("state_affiliated")]
        row("outlet", f"{o.get('name')} ({o.get('country') or 'country unknown'}, {state}; from {o.get('source')})")
    else:
        row("outlet", None)
    d = m.get("dateline")
    row("dateline", d and f"{d.get('place')} / {d.get('date') or '?'} / {d.get('agency')}")
    row("section", m.get("section"))
    for i, kp in enumerate(m.get("key_points") or [], 1):
        row("key point" if i == 1 else "", f"{i}. {kp}")
    roles: dict[str, int] = {}
    for p in doc.layer("paragraphs"):
        roles[p.label] = roles.get(p.label, 0) + 1
    row(
        "structure",
        ", ".join(f"{n} {r}" for r, n in roles.items())
        + f"; {len(doc.layer('sentences'))} sentences; {len(doc.layer('boilerplate'))} boilerplate spans",
    )
    lines.extend(_describe_entities(doc))
    lines.extend(_describe_dates(doc))
    lines.extend(_describe_quotes(doc))
    lines.extend(describe_findings(doc))
    return "\n".join(lines) + "\n"


def _describe_entities(doc: Document, top: int = 6) -> list[str]:
    """ "actors 24 in 120 mentions" and the most mentioned, each with how the text names them."""
    by_actor: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for s in doc.layer("entities"):
        actor = s.attrs.get("actor")
        if actor:
            by_actor.setdefault(actor["id"], (actor, []))[1].append(doc.span_text(s))
    if not by_actor:
        return []
    ranked = sorted(by_actor.values(), key=lambda x: -len(x[1]))
    out = [f"  {'actors':<11}{len(by_actor)} in {sum(len(m) for _, m in ranked)} mentions; the most mentioned:"]
    for actor, mentions in ranked[:top]:
        names = ", ".join(quoted(m, doc.meta.get("language")) for m in dict.fromkeys(mentions))
        out.append(f"    {actor['name']} [{actor['type']} {actor['id']}] ×{len(mentions)}: {_cut(names, 110)}")
    return out


def _describe_dates(doc: Document) -> list[str]:
    dates = doc.layer("dates")
    if not dates:
        return []
    ref = doc.meta.get("reference_date")
    shown = "; ".join(f"{quoted(doc.span_text(d), doc.meta.get('language'))} {d.attrs['value']}" for d in dates)
    return [f"  {'dates':<11}{len(dates)} (read against {ref or 'no reference date'}): {_cut(shown, 150)}"]


def _cut(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _describe_quotes(doc: Document, width: int = 72) -> list[str]:
    """ "quotes 31: 18 direct, …" and one line per quote: kind, speaker (as the text names them), cue, the words."""
    quotes = doc.layer("quotes")
    kinds: dict[str, int] = {}
    for q in quotes:
        kinds[q.label] = kinds.get(q.label, 0) + 1
    nested = sum(1 for q in quotes if q.attrs.get("parent") is not None)
    scare = len(doc.layer("scare_quotes"))
    summary = ", ".join(f"{n} {k}" for k, n in kinds.items()) or "none"
    out = [f"  {'quotes':<11}{len(quotes)}: {summary} ({nested} nested); {scare} scare quotes or titles"]
    depth: list[int] = []
    for q in quotes:
        parent = q.attrs.get("parent")
        depth.append(depth[parent] + 1 if parent is not None and parent < len(depth) else 0)
        sp = q.attrs.get("speaker") or {}
        who = sp.get("name") or "?"
        if sp.get("mention") and sp["mention"] != who:
            who += f" ({sp['mention']})"
        cue_attr = q.attrs.get("cue") or {}
        cue = cue_attr.get("text")
        if cue and cue_attr.get("particle"):
            cue += " … " + cue_attr["particle"]["text"]
        words = " ".join(doc.span_text(q).split())
        words = words if len(words) <= width else words[: width - 1] + "…"
        out.append(
            f"    {'  ' * depth[-1]}[{q.label}] {who}{' · ' + cue if cue else ''}: {quoted(words, doc.meta.get('language'))}"
        )
    return out


# --- ingest ----------------------------------------------------------------------------------------------------
class _Tally:
    def __init__(self) -> None:
        self.new = self.duplicate = self.failed = self.enriched = 0
        self.reasons: list[tuple[str, str]] = []

    def add(self, outcomes: list[Outcome]) -> None:
        for o in outcomes:
            if o.status == "failed":
                self.failed += 1
                self.reasons.append((o.source, o.reason or "unknown"))


def _count_inputs(paths: tuple[str, ...]) -> int | None:
    """How many inputs, for the progress bar: only where counting is cheap (no stdin, URLs or archives)."""
    if any(p == "-" or p.lower().startswith(("http://", "https://")) or kind_of(p) for p in paths):
        return None
    if any(kind_of(str(f)) for p in paths if Path(p).is_dir() for f in Path(p).rglob("*")):
        return None
    return sum(1 for _ in iter_inputs(paths))


def store_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--stories/--no-stories", default=True, show_default=True, help="Put the new articles into stories (newsprism stories)."
    )(f)
    return click.option("--quiet", "-q", is_flag=True, help="No progress bar; only the summary.")(f)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@analysis_options
@store_options
@columns_option
@fetch_options
def ingest(
    paths: tuple[str, ...],
    db: str,
    workers: int,
    max_bytes: int,
    time_limit: float,
    outlets: tuple[str, ...],
    stages: str,
    quiet: bool,
    stories: bool,
    columns: str | None,
    **fetch_opts: Any,
) -> None:
    """Analyse articles and store them. PATHS: files, folders, .jsonl files, URLs, WARC files, CSV, ZIP and tar
    archives, or - for stdin.

    Storing an article again is a no-op; an interrupted run is finished by running it again.
    """
    with open_store(db) as store:
        total = None if quiet else _count_inputs(paths)
        with make_fetcher(store, fetch_opts, max_bytes) as fetcher:  # for URLs, and records that give only a url
            raws = iter_inputs(paths, max_bytes, fetcher=fetcher, columns=parse_columns(columns))
            run_ingest(raws, store, db, _pipeline_factory(outlets, stages), workers, max_bytes, time_limit, quiet, stories, total)


def run_ingest(
    raws: Iterable[RawInput],
    store: Store,
    db: str,
    factory: Callable[[], Pipeline],
    workers: int,
    max_bytes: int,
    time_limit: float,
    quiet: bool,
    stories: bool,
    total: int | None = None,
    exit_on_failure: bool = True,
    window_size: int = 256,
) -> _Tally:
    """Analyse ``raws`` and store them a window at a time, with a progress bar and the summary: what ingest, fetch and
    watch share. Ctrl-C stops after the window being written, and says how to finish."""
    tally = _Tally()
    started = time.perf_counter()
    outcomes = analyze_inputs(
        raws,
        factory,
        workers=workers,
        window=window_size,
        max_bytes=max_bytes,
        time_limit=time_limit,
        known=store.known_sources,
        for_store=True,
    )
    try:
        with click.progressbar(length=total or 0, label="ingesting", file=sys.stderr, hidden=quiet or not total) as bar:
            for window in outcomes:
                result = store_window(store, window)
                tally.new += result.new
                tally.enriched += result.enriched
                tally.duplicate += result.duplicate + sum(1 for o in window if o.status == "duplicate")
                tally.add(window)
                tally.failed += len(result.refused)
                tally.reasons.extend((f.source, f.reason) for f in result.refused)
                for o in window:
                    if o.doc is not None and o.doc.source.warnings:
                        report(o)
                bar.update(len(window))
        if stories:
            from newsprism.stories import update_stories

            placed, n_stories = update_stories(store)
            if placed and not quiet:
                click.echo(f"stories: {placed} articles placed; {n_stories} stories", err=True)
    except KeyboardInterrupt:
        click.echo(f"\ninterrupted: {tally.new} new articles are stored; run the same command again to finish.", err=True)
        store.close()
        sys.exit(130)
    elapsed = time.perf_counter() - started
    for source, reason in tally.reasons:
        report_failure(source, reason)
    done = tally.new + tally.duplicate + tally.failed
    enriched = f" ({tally.enriched} with more metadata: stored anew)" if tally.enriched else ""
    click.echo(
        f"{tally.new} new, {tally.duplicate} duplicate{enriched}, {tally.failed} failed — {done} inputs in {elapsed:.1f} s → {display(db)}"
    )
    if tally.failed and exit_on_failure:
        store.close()
        sys.exit(1)
    return tally


# --- fetching ----------------------------------------------------------------------------------------------------
FETCH_WINDOW = 16  # pages fetched, analysed and stored together: a killed run loses at most these, and refetches them


@cli.command()
@click.argument("urls", nargs=-1)
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="Fetch the pages an RSS/Atom feed lists (repeatable).")
@click.option(
    "--sitemap",
    "sitemaps",
    multiple=True,
    metavar="URL",
    help="Fetch the pages a sitemap lists; a site's root means the sitemaps its robots.txt names (repeatable).",
)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many pages from the feeds and sitemaps.")
@db_option
@analysis_options
@store_options
@fetch_options
def fetch(
    urls: tuple[str, ...],
    feeds: tuple[str, ...],
    sitemaps: tuple[str, ...],
    limit: int | None,
    db: str,
    workers: int,
    max_bytes: int,
    time_limit: float,
    outlets: tuple[str, ...],
    stages: str,
    quiet: bool,
    stories: bool,
    **fetch_opts: Any,
) -> None:
    """Fetch pages (URLS), and the pages that feeds and sitemaps list, analyse and store them.

    Fetching is polite and safe by default: robots.txt is honoured, one request per host per second, a clear user
    agent, and only public addresses (checked again after every redirect). Pages a feed or sitemap lists that are
    stored already are not fetched again."""
    if not (urls or feeds or sitemaps):
        raise UsageError("give URLs, --feed URL or --sitemap URL")
    with open_store(db) as store:
        with make_fetcher(store, fetch_opts, max_bytes) as fetcher:
            listed, fetched_feeds = listed_pages(fetcher, feeds, sitemaps)
            known = store.known_urls(listed) if listed else set()
            todo = [u for u in listed if u not in known][:limit]
            if listed and not quiet:
                click.echo(f"{len(listed)} pages listed, {len(listed) - len(todo)} stored already or over --limit", err=True)
            factory = _pipeline_factory(outlets, stages)
            tally = run_ingest(
                pages(fetcher, list(dict.fromkeys([*urls, *todo])), max_bytes),
                store, db, factory, workers, max_bytes, time_limit, quiet, stories, exit_on_failure=False, window_size=FETCH_WINDOW,
            )  # fmt: skip
            for got in fetched_feeds:
                fetcher.remember(got)
        store.close()
        if tally.failed:
            sys.exit(1)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--every", type=click.FloatRange(min=1), default=900.0, show_default=True, help="Seconds between polls.")
@click.option("--once", is_flag=True, help="Poll once and stop (for cron).")
@click.option("--polls", type=click.IntRange(min=1), help="Stop after this many polls.")
@db_option
@analysis_options
@click.option("--stories/--no-stories", default=True, show_default=True, help="Put new articles into stories.")
@fetch_options
def watch(
    sources: tuple[str, ...],
    every: float,
    once: bool,
    polls: int | None,
    db: str,
    workers: int,
    max_bytes: int,
    time_limit: float,
    outlets: tuple[str, ...],
    stages: str,
    stories: bool,
    **fetch_opts: Any,
) -> None:
    """Follow outlets: poll their feeds, fetch and store what is new. SOURCES: outlet ids or names of the registry
    (their feeds), feed URLs, or homepages (the feeds they link to).

    A feed that has not changed costs one conditional request (304). After a kill, running the same command again
    goes on where it stopped: nothing is lost, nothing doubled."""
    from newsprism.cli.follow import feeds_of

    with open_store(db) as store:
        factory = _pipeline_factory(outlets, stages)
        with make_fetcher(store, fetch_opts, max_bytes) as fetcher:
            feeds = list(dict.fromkeys(f for s in sources for f in feeds_of(fetcher, s)))
            click.echo(f"watching {len(feeds)} feeds: {', '.join(feeds[:5])}{' …' if len(feeds) > 5 else ''}", err=True)

            def ingest_pages(urls: list[str]) -> None:
                run_ingest(pages(fetcher, urls, max_bytes), store, db, factory, workers, max_bytes, time_limit, True, stories,
                           exit_on_failure=False, window_size=FETCH_WINDOW)  # fmt: skip

            watch_loop(fetcher, store, feeds, ingest_pages, every, 1 if once else polls)
        store.close()

    # --- search, show, export, failures ----------------------------------------------------------------------------


@cli.command()
@click.argument("query")
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True, help="How many results.")
@click.option("--offset", type=click.IntRange(0, 1_000_000_000), default=0, help="Skip this many results (paging).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
def search(
    query: str,
    db: str,
    outlet: str | None,
    since: str | None,
    until: str | None,
    language: str | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """Full-text search (German, English and Russian stems: "Impfung" finds "Impfungen")."""
    with open_store(db) as store:
        hits = store.search(query, filters_from(outlet, since, until, language), limit=limit, offset=offset)
    for h in hits:
        if as_json:
            click.echo(
                json.dumps(
                    h.__dict__ if not hasattr(h, "__slots__") else {k: getattr(h, k) for k in h.__slots__}, ensure_ascii=False
                )
            )
            continue
        click.echo(click.style(h.id, fg="yellow") + f"  {h.published or '—':<16} {h.outlet or '—':<16} {h.title or '(no title)'}")
        if h.snippet:
            click.echo(f"    …{h.snippet['text'][:200]}… [{h.snippet['start']}:{h.snippet['end']}]")
    if not as_json:
        click.echo(f"{len(hits)} result{'s' if len(hits) != 1 else ''}", err=True)


@cli.command()
@click.argument("doc_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the analysis contract.")
def show(doc_id: str, db: str, as_json: bool) -> None:
    """Show one stored article (an id or its first 6+ characters)."""
    with open_store(db) as store:
        doc = store.get(doc_id)
        others = store.versions(doc.id) if doc is not None else []
    if doc is None:
        raise UsageError(f"no article with id {doc_id!r} in {display(db)}")
    if as_json:
        click.echo(json.dumps({**contract(doc), "versions": others}, ensure_ascii=False, indent=1))
        return
    click.echo(describe(doc))
    for v in others:
        sim = f"{v['similarity']:.2f} alike" if v["similarity"] is not None else "the first version"
        click.echo(f"  version: {v['id']}  {v['published'] or '—'}  {v['outlet'] or '—'}  {v['title'] or ''}  ({sim})")


@cli.command()
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True, help="Output format."
)
@click.option("--output", "-o", help="Output file (stdout when absent; required for parquet).")
@filter_options
def export(
    db: str, fmt: str, output: str | None, outlet: str | None, since: str | None, until: str | None, language: str | None
) -> None:
    """Export stored articles: jsonl (full analysis), csv or parquet (one row each).

    Parquet also writes tidy tables beside the file: OUT.quotes.parquet, OUT.mentions.parquet, OUT.dates.parquet,
    OUT.claims.parquet and OUT.findings.parquet, one row per item with its article id, offsets and actor ids."""
    from newsprism.export import TIDY_COLUMNS, tidy_path
    from newsprism.export import export as run_export

    with open_store(db) as store:
        n = run_export(store.iter_documents(filters_from(outlet, since, until, language)), fmt, output)
    click.echo(f"{n} articles exported", err=True)
    if fmt == "parquet" and output:
        click.echo("tidy tables: " + ", ".join(str(tidy_path(Path(output), t)) for t in TIDY_COLUMNS), err=True)


@cli.command()
@db_option
def failures(db: str) -> None:
    """List inputs that could not be stored, with the reason."""
    with open_store(db) as store:
        rows = store.failures()
    for f in rows:
        click.echo(f"{terminal_safe(f.source)}: {terminal_safe(f.reason)}")
    click.echo(f"{len(rows)} failed input{'s' if len(rows) != 1 else ''}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", "output", type=click.Path(file_okay=False), help="Write Parquet parts into this folder.")
@click.option("--db", "db", default=None, help="Also (or instead) store into this database (a postgresql:// URL or a file).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True, help="Who analyses.")
@click.option("--address", default=None, help="A Ray cluster to run on (auto, ray://head:10001); local mode without.")
@click.option("--window", default=2000, show_default=True, help="Inputs analysed and written together (one part).")
@analysis_options
@columns_option
def batch(
    paths: tuple[str, ...],
    output: str | None,
    db: str | None,
    engine: str,
    address: str | None,
    window: int,
    workers: int,
    max_bytes: int,
    time_limit: float,
    outlets: tuple[str, ...],
    stages: str,
    columns: str | None,
) -> None:
    """A backfill: analyse PATHS (JSON Lines, WARC, CSV, Parquet, folders, archives) on this machine's processes or on
    Ray, writing Parquet parts (--output: one row per article, tidy tables, failures with reasons) and/or a database.

    Running the same command again skips what is done (by the inputs' content hashes) and goes on."""
    from contextlib import ExitStack

    from newsprism.ingest.batch import run_batch
    from newsprism.ingest.runner import default_workers

    if address and engine != "ray":
        raise UsageError("--address is for --engine ray")
    factory = _pipeline_factory(outlets, stages)
    workers = workers or default_workers()
    with ExitStack() as stack:
        store = stack.enter_context(open_store(db)) if db else None
        pool = None
        if engine == "ray":
            from newsprism.ingest.ray_pool import RayPool

            pool = RayPool(factory, workers, max_bytes=max_bytes, time_limit=time_limit, for_store=store is not None,
                           address=address)  # fmt: skip
            stack.callback(pool.shutdown)
        raws = iter_inputs(paths, max_bytes, columns=parse_columns(columns))
        report = None
        for report in run_batch(raws, factory, pool=pool, workers=workers, output=Path(output) if output else None,
                                store=store, window=window, max_bytes=max_bytes, time_limit=time_limit):  # fmt: skip
            click.echo(f"{report.new} new, {report.duplicate} done already, {report.failed} failed", err=True)
    if report is None:
        raise UsageError("no inputs")
    for source, reason in report.reasons:
        report_failure(source, reason)
    where = ", ".join(x for x in (output and f"{len(report.parts)} parts in {output}", db and f"the database {display(db)}") if x)
    click.echo(f"{report.new} new, {report.duplicate} done already, {report.failed} failed → {where}")
    if report.failed:
        sys.exit(1)


@cli.command()
@db_option
@click.option("--to", "target", required=True, help="The database to copy into: a postgresql:// URL or an SQLite file.")
def migrate(db: str, target: str) -> None:
    """Copy the database (--db) into another one (--to): an SQLite file into a team's PostgreSQL, or back.

    The target gets the same articles, rows, search index, stories and failures; running the same command again
    finishes an interrupted copy."""
    from newsprism.storage.copy import copy_database

    if not storage_exists(db):
        raise UsageError(f"no database at {display(db)}")
    with open_store(db) as src, open_store(target) as dst:
        total = src.count()
        report = copy_database(src, dst, progress=lambda n: click.echo(f"{n}/{total} articles copied", err=True))
        n = dst.count()
    click.echo(
        f"{report.articles} articles copied ({report.new} new in the target, {report.refused} refused), "
        f"{report.stories} stories, {report.failures} failures; the target holds {n} articles"
    )
    if report.refused:
        sys.exit(1)


@cli.command()
@db_option
@click.option("--repair", is_flag=True, help="Repair what can be repaired (search index, side tables, story sizes).")
def check(db: str, repair: bool) -> None:
    """Verify a database: the file, the search index, the tables beside the articles, the stories.

    Exits 0 when all is well (or all was repaired), 1 otherwise, with what is wrong and how to repair it."""
    if not storage_exists(db):
        raise UsageError(f"no database at {display(db)}")
    with open_store(db) as store:
        n = store.count()
        problems = store.check(repair=repair)
    for p in problems:
        state = "repaired" if p.repaired else f"to repair: {p.repair}"
        click.echo(f"{p.part}: {p.message} — {state}")
    left = [p for p in problems if not p.repaired]
    click.echo(
        f"{display(db)}: {n} articles; " + ("all consistent" if not problems else f"{len(problems)} problems, {len(left)} left")
    )
    if left:
        sys.exit(1)


# --- stories ---------------------------------------------------------------------------------------------------
@cli.command()
@db_option
@filter_options
@click.option("--update", is_flag=True, help="First put the articles that are in no story yet into stories.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=30, show_default=True, help="How many stories.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
def stories(
    db: str,
    outlet: str | None,
    since: str | None,
    until: str | None,
    language: str | None,
    update: bool,
    limit: int,
    as_json: bool,
) -> None:
    """Stories: articles about the same event across outlets and languages, those told by the most outlets first.

    `newsprism ingest` puts new articles into stories as it stores them (unless --no-stories); --update does it
    for articles stored without."""
    with open_store(db) as store:
        if update:
            from newsprism.stories import update_stories

            placed, n = update_stories(store)
            click.echo(f"{placed} articles placed; {n} stories", err=True)
        rows = store.stories(filters_from(outlet, since, until, language), limit)
    for s in rows:
        if as_json:
            click.echo(json.dumps(plain(s), ensure_ascii=False))
        else:
            when = f"{s.first or '—'}…{s.last or '—'}"
            click.echo(
                f"{s.id:>6}  {when:<22} {s.articles:>4} article{'s' if s.articles != 1 else ' '}  {', '.join(s.outlets) or '—':<40}  {s.label[:80]}"
            )
    if not rows:
        click.echo("no stories in the stored articles (newsprism stories --update puts them into stories)", err=True)


@cli.command()
@click.argument("story_id", type=click.IntRange(0, 2**62))
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON: the story and its articles.")
def story(story_id: int, db: str, as_json: bool) -> None:
    """One story: its articles in time order, with outlets."""
    with open_store(db) as store:
        found = store.story(story_id)
    if found is None:
        raise UsageError(f"no story {story_id} in {display(db)} (newsprism stories lists them)")
    summary, hits = found
    if as_json:
        click.echo(json.dumps({"story": plain(summary), "articles": [plain(h) for h in hits]}, ensure_ascii=False))
        return
    click.echo(f"story {summary.id}: {summary.label}")
    click.echo(
        f"  {summary.articles} article{'s' if summary.articles != 1 else ''}, {summary.first or '—'} … {summary.last or '—'}, outlets: {', '.join(summary.outlets) or '—'}"
    )
    for h in hits:
        click.echo(f"  {h.published or '—':<17} {h.outlet or '—':<16} {h.id}  {h.title or ''}")


# --- actors ----------------------------------------------------------------------------------------------------
@cli.command()
@click.argument("query", required=False)
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True, help="How many actors.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
def actors(
    query: str | None,
    db: str,
    outlet: str | None,
    since: str | None,
    until: str | None,
    language: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """People, organisations, places and things in the stored articles, most mentioned first (QUERY: part of a name)."""
    ids: list[str] = []
    if query:  # the registry knows "Лукашенко" and "Lukashenko" are the same man
        ids = [a.id for a in load_actors().matching(query)]
    with open_store(db) as store:
        rows = store.actors(query, filters_from(outlet, since, until, language), limit, ids)
    for a in rows:
        if as_json:
            click.echo(json.dumps(plain(a), ensure_ascii=False))
        else:
            outlets = ", ".join(o for o in a.outlets if o) or "—"
            where = f"{a.articles} article" + ("s" if a.articles != 1 else "")
            click.echo(f"{a.id:<34} {a.type:<4} {a.name:<32} {a.mentions:>5} mentions in {where}   {outlets}")
    if not rows:
        click.echo("no actors" + (f" matching {query!r}" if query else "") + " in the stored articles", err=True)


@cli.command()
@click.argument("actor_id")
@db_option
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON: the actor, its mentions and its quotes.")
def actor(
    actor_id: str, db: str, outlet: str | None, since: str | None, until: str | None, language: str | None, as_json: bool
) -> None:
    """One actor across the stored articles: every mention, every quote by and about them, in time order."""
    filters = filters_from(outlet, since, until, language)
    with open_store(db) as store:
        summary = store.actor(actor_id)
        if summary is None:
            hits = store.actors(actor_id, None, 5)
            hint = f"; did you mean {', '.join(a.id for a in hits)}?" if hits else ""
            raise UsageError(f"no actor {actor_id!r} in {display(db)}{hint} (newsprism actors QUERY lists them)")
        a = summary
        mentions = store.actor_mentions(a.id, filters)
        quotes = store.actor_quotes(a.id, filters)
    if as_json:
        click.echo(
            json.dumps(
                {"actor": plain(a), "mentions": [plain(m) for m in mentions], "quotes": [plain(q) for q in quotes]},
                ensure_ascii=False,
            )
        )
        return
    by = sum(1 for q in quotes if q.relation == "by")
    click.echo(click.style(f"{a.name}", bold=True) + f"  {a.id}  {a.type}  ({a.source})")
    click.echo(
        f"  {len(mentions)} mentions in {a.articles} article{'s' if a.articles != 1 else ''}; {by} quotes by, {len(quotes) - by} about"
    )
    articles: dict[str, list[str]] = {}
    order: list[tuple[str, str | None, str | None, str | None]] = []
    for m in mentions:
        if m.article not in articles:
            articles[m.article] = []
            order.append((m.article, m.published, m.outlet, m.title))
        articles[m.article].append(m.text)
    quotes_of: dict[str, list[str]] = {}
    for q in quotes:
        text = " ".join(q.text.split())
        text = text if len(text) <= 110 else text[:109] + "…"
        quotes_of.setdefault(q.article, []).append(
            f"      {q.relation:<5} [{q.kind}] {q.speaker or '?'}: „{text}“  [{q.start}:{q.end}]"
        )
        if q.article not in articles:
            articles[q.article] = []
            order.append((q.article, q.published, q.outlet, q.title))
    for art, published, outlet_name, title in order:
        click.echo(f"\n  {published or '—':<16} {outlet_name or '—':<16} {art}  {title or ''}")
        names = sorted(set(articles[art]))
        if names:
            click.echo(f"      named as: {', '.join(names)}")
        for line in quotes_of.get(art, []):
            click.echo(line)


# --- eval ------------------------------------------------------------------------------------------------------
@cli.group(name="eval")
def eval_() -> None:
    """Score newsprism against gold files (the format of the bundled examples)."""


@eval_.command(name="quotes")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--worst", default=10, show_default=True, help="List this many worst articles with what was missed.")
@click.option("--json", "as_json", is_flag=True, help="Print the totals as JSON.")
@click.option("--outlets", "outlets", multiple=True, type=click.Path(dir_okay=False), help="Extra outlet registry YAML file.")
@click.option("--split", default="dev", show_default=True, help="For a PolNeAR folder: which split to score (train, dev, test).")
@click.option("--limit", type=int, help="Score only the first N articles.")
def eval_quotes(gold_dir: str, worst: int, as_json: bool, outlets: tuple[str, ...], split: str, limit: int | None) -> None:
    """Quote extraction: precision, recall, F1 and speaker accuracy against GOLD_DIR/*.gold.json, or against a
    PolNeAR folder (its attribution relations converted to gold quotes: newsprism.evaluation.polnear).

    A quote is found when its tokens overlap a gold quote with F1 >= 0.5; its speaker is right when the name is the
    gold's canonical name, an alias, or shares its surname. Optional gold quotes are neither rewarded nor punished.
    """
    from newsprism.evaluation.quotes import evaluate

    report = evaluate(gold_dir, _build_pipeline(outlets), split=split, limit=limit)
    if not report.articles:
        raise UsageError(f"{gold_dir}: no *.gold.json files with their article text beside them")
    click.echo(json.dumps(report.totals(), indent=1) if as_json else report.format(worst))


@eval_.group(name="speakers")
def eval_speakers() -> None:
    """An audit of speakers in any stored corpus: `sample` draws attributed quotes for a person to judge, `score`
    gives the precision of a judged sample."""


@eval_speakers.command(name="sample")
@db_option
@filter_options
@click.option("--size", "-n", default=200, show_default=True, type=click.IntRange(min=1), help="Quotes to draw.")
@click.option("--seed", default=7, show_default=True, help="The same seed on the same database draws the same quotes.")
@click.option(
    "--per-article", default=1, show_default=True, type=click.IntRange(min=1), help="At most this many quotes of one article."
)
@click.option(
    "--output", "-o", default="speakers-sample.tsv", show_default=True, type=click.Path(dir_okay=False), help="The file to judge."
)
def eval_speakers_sample(
    db: str,
    outlet: str | None,
    since: str | None,
    until: str | None,
    language: str | None,
    size: int,
    seed: int,
    per_article: int,
    output: str,
) -> None:
    """Draw attributed quotes (speakers with a name) from the database, print them and write them to a
    tab-separated file with an empty `judgement` column: fill in y (the speaker is the right person, organisation or
    role), n (it is not) or ? (leave it out), then run `newsprism eval speakers score FILE`."""
    from newsprism.evaluation.speakers import format_item, sample, write_sample

    with open_store(db) as store:
        items = sample(store, size, seed, per_article, filters_from(outlet, since, until, language))
    if not items:
        raise UsageError(f"{display(db)}: no stored quote has a speaker with a name")
    for k, item in enumerate(items, 1):
        click.echo(format_item(k, item))
    write_sample(items, Path(output))
    click.echo(
        f"{len(items)} quotes from {len({i.article for i in items})} articles → {output}: judge them, then `newsprism eval speakers score {output}`",
        err=True,
    )


@eval_speakers.command(name="score")
@click.argument("judged", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_speakers_score(judged: str, as_json: bool) -> None:
    """The precision of a judged sample (y / n in its `judgement` column), with its 95 % interval, overall and by how
    the speaker was chosen (name, role, group, pronoun, context), and the quotes judged wrong."""
    from newsprism.evaluation.speakers import format_score, read_judged, score

    report = score(read_judged(Path(judged)))
    if not report["judged"]:
        raise UsageError(f"{judged}: no quote is judged yet (y or n in the judgement column)")
    click.echo(json.dumps(report, indent=1, ensure_ascii=False) if as_json else format_score(report))


@eval_.command(name="entities")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the totals as JSON.")
def eval_entities(gold_dir: str, as_json: bool) -> None:
    """Entity linking and dates: the share of gold mentions linked to the right actor, the gold dates read right.

    Each gold mention string counts once: it is found when one of its occurrences overlaps an entity linked to the
    gold's canonical actor (or an alias of it); a gold date is right when an occurrence overlaps a date with its value.
    """
    from newsprism.evaluation.entities import evaluate_entities

    report = evaluate_entities(gold_dir, _build_pipeline(()))
    if not report.articles:
        raise UsageError(f"{gold_dir}: no *.gold.json files with entities or dates and their article text")
    click.echo(json.dumps(report.totals(), indent=1) if as_json else report.format())


@eval_.command(name="ner")
@click.argument("ner_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_ner(ner_dir: str, as_json: bool) -> None:
    """German NER on the GermEval 2014 sentences the bundled model never saw (the last 550 of NER_DIR/NER-de-test-a.tsv):
    precision, recall and F1 of PER, ORG and LOC spans, exact match — of the NER alone, and of the names the entity
    stage finds (the NER with the registry's names and its filters)."""
    from newsprism.evaluation.ner import held_out_sentences, score, score_mentions
    from newsprism.pipeline.entities.gazetteer import default_gazetteer
    from newsprism.pipeline.entities.ner import bundled_model
    from newsprism.registry.actors import load_actors

    try:
        sentences = held_out_sentences(ner_dir)
    except (OSError, ValueError) as e:
        raise UsageError(f"{ner_dir}: {e}") from e
    out = {
        "ner": score(bundled_model(), sentences, default_gazetteer()),
        "mentions": score_mentions(bundled_model(), sentences, load_actors()),
    }
    if as_json:
        click.echo(json.dumps(out, indent=1))
        return
    click.echo(f"{len(sentences)} held-out GermEval sentences")
    for what, s in (("the NER alone", out["ner"]), ("the entity stage's names (NER, registry, filters)", out["mentions"])):
        click.echo(what)
        for t in ("PER", "ORG", "LOC", "all"):
            click.echo(f"  {t:<4} precision {s[t + '_p']:.3f}   recall {s[t + '_r']:.3f}   F1 {s[t]:.3f}")


@eval_.command(name="dates")
@click.argument("timex_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_dates(timex_dir: str, as_json: bool) -> None:
    """Dates against TIMEX2 inline SGML (WikiWarsDE keyinline/*.xml): the expressions that name their year, found
    with the gold value (recall), and newsprism's dates with a year that carry the gold value (precision)."""
    from newsprism.evaluation.dates import evaluate_timex

    s = evaluate_timex(timex_dir, _build_pipeline(()))
    if not s.documents:
        raise UsageError(f"{timex_dir}: no *.xml TIMEX2 files")
    t = {
        "documents": s.documents,
        "gold": s.gold,
        "precision": round(s.precision, 4),
        "recall": round(s.recall, 4),
        "f1": round(s.f1, 4),
    }
    click.echo(json.dumps(t, indent=1) if as_json else "   ".join(f"{k} {v}" for k, v in t.items()))


@eval_.command(name="stories")
@click.argument("ruwa_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--limit", type=int, default=None, help="Only the first N articles in date order.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_stories(ruwa_dir: str, limit: int | None, as_json: bool) -> None:
    """Story clustering on RUWA headlines (RUWA_DIR holds its zip): the share of pairs in one story with the same
    event, and of same-event pairs within a day put in one story — over the headlines that name their event."""
    from newsprism.evaluation.stories import evaluate_ruwa

    try:
        s = evaluate_ruwa(ruwa_dir, limit=limit)
    except StopIteration as e:
        raise UsageError(f"{ruwa_dir}: no RUWA zip file") from e
    t = {
        "scored": s.articles,
        "stories": s.stories,
        "precision": round(s.precision, 4),
        "recall_within_a_day": round(s.recall_within_a_day, 4),
    }
    click.echo(json.dumps(t, indent=1) if as_json else "   ".join(f"{k} {v}" for k, v in t.items()))


# --- demo ------------------------------------------------------------------------------------------------------
def example_paths() -> Iterator[str]:
    folder = resources.files("newsprism.examples")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            yield str(entry)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """The web UI and the HTTP API over the database (OpenAPI at /docs and /openapi.json).

    Ingest through the API (POST /api/ingest) needs a token: set $NEWSPRISM_TOKEN. Reading is open unless
    $NEWSPRISM_READ_TOKEN is set."""
    import uvicorn

    from newsprism.web.app import create_app
    from newsprism.web.server import limit_malloc_arenas

    if not storage_exists(db):
        raise UsageError(f"no database at {display(db)}: ingest articles first (newsprism ingest PATH --db {display(db)})")
    limit_malloc_arenas()  # before uvicorn starts its threads
    click.echo(f"newsprism on http://{host}:{port}/ over {display(db)}   (API: http://{host}:{port}/docs; Ctrl-C stops)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


@cli.command()
@db_option
@click.pass_context
def demo(ctx: click.Context, db: str) -> None:
    """Ingest the two bundled example articles and show what newsprism found in them."""
    paths = tuple(example_paths())
    limits = settings()
    ctx.invoke(
        ingest,
        paths=paths,
        db=db,
        workers=1,
        max_bytes=limits.max_bytes,
        time_limit=limits.analysis_seconds,
        outlets=(),
        stages="all",
        quiet=True,
    )
    with open_store(db) as store:
        for doc in store.iter_documents():
            if doc.source.path in paths:
                click.echo("\n" + describe(doc))
    click.echo(
        f'Next: newsprism search "Verhandlungen" --db {db}   ·   newsprism actor alexander-lukashenko --db {db}   ·   newsprism serve --db {db}'
    )


register(cli, eval_)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except NewsprismError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
