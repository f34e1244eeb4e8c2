"""Storage behind a narrow interface (``Store``); SQLite by default."""

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
from newsprism.storage.sqlite import SQLiteStore, parse_day

DEFAULT_DB = "newsprism.db"


def open_store(db: str | Path = DEFAULT_DB) -> SQLiteStore:
    """Open (and migrate) the store at ``db``: a file path, or ``:memory:``."""
    return SQLiteStore(db)


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
    "SQLiteStore",
    "Store",
    "StoryRecord",
    "StorySummary",
    "open_store",
    "parse_day",
]
