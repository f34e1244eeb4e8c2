"""Storage behind a narrow interface (``Store``): SQLite by default (a file path), PostgreSQL for a team (a
``postgresql://`` URL, with the ``postgresql`` extra)."""

from __future__ import annotations

from pathlib import Path

from newsprism.storage.base import (
    ActorMention,
    ActorQuote,
    ActorSummary,
    BatchResult,
    Failure,
    Filters,
    Hit,
    NarrativeSummary,
    OutletSummary,
    Problem,
    ProfileRow,
    Store,
    StoryRecord,
    StorySummary,
)
from newsprism.storage.sql import SQLStore, parse_day
from newsprism.storage.sqlite import SQLiteStore

DEFAULT_DB = "newsprism.db"


def is_server(db: str | Path) -> bool:
    """Whether ``db`` names a database server (a PostgreSQL URL) rather than an SQLite file."""
    return str(db).startswith(("postgresql://", "postgres://"))


def open_store(db: str | Path = DEFAULT_DB) -> SQLStore:
    """Open (and migrate) the store at ``db``: an SQLite file path or ``:memory:``, or a ``postgresql://`` URL."""
    if is_server(db):
        from newsprism.storage.postgres import PostgresStore

        return PostgresStore(str(db))
    return SQLiteStore(db)


def display(db: str | Path) -> str:
    """``db`` as messages show it: a server URL without its password."""
    if is_server(db):
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(str(db))
        if parts.password:
            netloc = f"{parts.username}:***@{parts.hostname or ''}" + (f":{parts.port}" if parts.port else "")
            return urlunsplit(parts._replace(netloc=netloc))
    return str(db)


def exists(db: str | Path) -> bool:
    """Whether there may be a database at ``db`` to read: an SQLite file that exists, or any server URL (opening it
    says, with the reason, when the server cannot be reached)."""
    return is_server(db) or Path(db).exists()


__all__ = [
    "DEFAULT_DB",
    "ActorMention",
    "ActorQuote",
    "ActorSummary",
    "BatchResult",
    "Failure",
    "Filters",
    "Hit",
    "NarrativeSummary",
    "OutletSummary",
    "Problem",
    "ProfileRow",
    "SQLStore",
    "SQLiteStore",
    "Store",
    "StoryRecord",
    "StorySummary",
    "display",
    "exists",
    "is_server",
    "open_store",
    "parse_day",
]
