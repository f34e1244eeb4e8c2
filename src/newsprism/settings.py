"""One settings object: every ``NEWSPRISM_*`` variable that tunes behaviour, read in one place, at call time.

``settings()`` reads the environment when it is called (never frozen at import), so a test or a server that sets a
variable sees it at the next call. Command-line options override a field with ``dataclasses.replace``. A value that
cannot be read is a ``UsageError`` naming the variable, not a traceback deep in a stage.

Limits exist so that no single input or request can take a batch or the server down; each is a default a user can
raise. Paths (``$NEWSPRISM_HOME``, ``$NEWSPRISM_CACHE``) live in ``newsprism.paths``; files of user knowledge (actors,
outlets, narratives, speech verbs, techniques) are lists of paths read by their registries.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from newsprism.errors import UsageError

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    """What newsprism may spend on one input or one request, and what the server asks of its clients."""

    db: str = "newsprism.db"  # NEWSPRISM_DB
    max_bytes: int = 20 * MB  # NEWSPRISM_MAX_BYTES: one input (a file, a JSON Lines record, a request's record)
    analysis_seconds: float = 120.0  # NEWSPRISM_ANALYSIS_SECONDS: one input's analysis; 0 = no limit
    request_max_bytes: int = 50 * MB  # NEWSPRISM_REQUEST_MAX_BYTES: one HTTP request body
    search_max_chars: int = 500  # NEWSPRISM_SEARCH_MAX_CHARS: a search query's length
    search_max_terms: int = 24  # NEWSPRISM_SEARCH_MAX_TERMS: words, phrases and prefixes in one query
    search_seconds: float = 5.0  # NEWSPRISM_SEARCH_SECONDS: one search's time in the database
    page_max: int = 1000  # NEWSPRISM_PAGE_MAX: rows one list request may ask for
    token: str | None = None  # NEWSPRISM_TOKEN: needed to ingest through the API
    read_token: str | None = None  # NEWSPRISM_READ_TOKEN: when set, needed to read too
    technique_min: float = 0.5  # NEWSPRISM_TECHNIQUE_MIN: the lowest rule confidence used
    narrative_sentences: float = 3.0  # NEWSPRISM_NARRATIVE_SENTENCES: sentences embedded per 500 words
    claim_min: float = 0.4  # NEWSPRISM_CLAIM_MIN: the lowest score of a check-worthy claim
    claims_max: int = 10  # NEWSPRISM_CLAIMS_MAX: the strongest claims kept per article; 0 = every one


ENV_PREFIX = "NEWSPRISM_"


def _positive_int(text: str) -> int:
    value = int(text.replace("_", ""))
    if value <= 0:
        raise ValueError("must be above 0")
    return value


def _count(text: str) -> int:
    value = int(text.replace("_", ""))
    if value < 0:
        raise ValueError("must be 0 (no limit) or more")
    return value


def _seconds(text: str) -> float:
    value = float(text)
    if value < 0 or value != value:
        raise ValueError("must be 0 (no limit) or more")
    return value


def _unit(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise ValueError("must be between 0 and 1")
    return value


def _text(text: str) -> str | None:
    return text or None


_READERS: dict[str, Callable[[str], Any]] = {
    "db": str,
    "max_bytes": _positive_int,
    "analysis_seconds": _seconds,
    "request_max_bytes": _positive_int,
    "search_max_chars": _positive_int,
    "search_max_terms": _positive_int,
    "search_seconds": _seconds,
    "page_max": _positive_int,
    "token": _text,
    "read_token": _text,
    "technique_min": _unit,
    "narrative_sentences": float,
    "claim_min": _unit,
    "claims_max": _count,
}


def settings(env: Mapping[str, str] | None = None) -> Settings:
    """The settings from ``env`` (default: the process environment) over the defaults."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    for f in fields(Settings):
        name = ENV_PREFIX + f.name.upper()
        raw = env.get(name)
        if raw is None or (raw == "" and f.name not in ("token", "read_token")):
            continue
        try:
            values[f.name] = _READERS[f.name](raw.strip())
        except ValueError as exc:
            raise UsageError(f"${name}={raw!r} cannot be used: {exc}") from None
    return Settings(**values)
