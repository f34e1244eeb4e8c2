"""Options several commands share: the database, and the filters that choose articles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from newsprism.settings import settings
from newsprism.storage import DEFAULT_DB, Filters, parse_day
from newsprism.text import terminal_safe

DB_ENV = "NEWSPRISM_DB"


def report_failure(source: str, reason: str) -> None:
    """One input's failure on stderr, on one line that a file's name can neither break nor forge."""
    click.echo(f"failed: {terminal_safe(source)}: {terminal_safe(reason)}", err=True)


def db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db",
        default=lambda: settings().db,
        show_default=f"${DB_ENV} or {DEFAULT_DB}",
        help="SQLite database file, or a PostgreSQL URL (postgresql://user@host/db).",
    )(f)


def filter_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--language", help="Only articles in this language (de, en, ru, ...).")(f)
    f = click.option("--until", help="Only articles published up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")(f)
    f = click.option("--since", help="Only articles published from this date on (YYYY, YYYY-MM or YYYY-MM-DD).")(f)
    return click.option("--outlet", help="Only articles of this outlet (registry id or name).")(f)


def filters_from(outlet: str | None, since: str | None, until: str | None, language: str | None) -> Filters:
    return Filters(
        outlet=outlet, since=parse_day(since, "--since"), until=parse_day(until, "--until", end=True), language=language
    )
