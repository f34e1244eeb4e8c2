"""The narrow interface every store implements, and the values that cross it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from newsprism.document import Document
from newsprism.storage.stemming import SearchFields


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not become an article, with the reason shown to the user."""

    source: str
    reason: str
    sha256: str = ""
    at: str = ""


@dataclass(frozen=True, slots=True)
class BatchResult:
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    refused: list[Failure] = field(default_factory=list)  # documents the database could not take, with the reason
    enriched: int = 0  # duplicates that brought what the stored copy lacked (a URL, a date): it was replaced


@dataclass(slots=True)
class Problem:
    """Something ``check`` found wrong in a database: which part, what, how many rows, and how to repair it."""

    part: str  # file, fts, stories, seen_sources, or a side table
    message: str
    count: int
    repair: str = "newsprism check --repair fixes it"
    repaired: bool = False


@dataclass(slots=True)
class Filters:
    """Which articles: by outlet (id or name), publication range, language, an actor they mention (actor id), a
    narrative they repeat (narrative id)."""

    outlet: str | None = None
    since: date | None = None
    until: date | None = None
    language: str | None = None
    actor: str | None = None
    narrative: str | None = None


@dataclass(slots=True)
class Hit:
    """A search result; ``snippet`` is a sentence of the article with its offsets in the article's text."""

    id: str
    title: str | None
    published: str | None
    outlet: str | None
    language: str | None
    score: float
    snippet: dict[str, Any] | None = None
    source: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ActorSummary:
    id: str
    name: str
    type: str
    source: str  # registry | countries | outlets | new
    mentions: int
    articles: int
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorMention:
    article: str
    title: str | None
    published: str | None
    outlet: str | None
    start: int
    end: int
    text: str
    kind: str | None
    how: str | None


@dataclass(frozen=True, slots=True)
class ActorQuote:
    article: str
    title: str | None
    published: str | None
    outlet: str | None
    start: int
    end: int
    kind: str
    speaker: str | None
    relation: str  # by | about
    text: str
    language: str | None = None  # the article's: the quote is shown in its quotation marks


@dataclass(frozen=True, slots=True)
class OutletSummary:
    id: str | None
    name: str
    country: str | None
    state_affiliated: bool | None
    articles: int
    first: str | None
    last: str | None
    by_month: tuple[tuple[str, int], ...] = ()  # ("2025-08", 12): articles per month of publication


@dataclass(frozen=True, slots=True)
class ProfileRow:
    """How often an outlet's articles carry a narrative or a technique in one month (``layer``: narrative or
    technique; ``own``: findings in the outlet's own voice rather than in a quote)."""

    month: str | None
    layer: str
    label: str
    name: str | None
    articles: int
    findings: int
    own: int


@dataclass(frozen=True, slots=True)
class NarrativeSummary:
    """A narrative across the stored articles: how many articles repeat it, and in which outlets."""

    id: str
    label: str
    articles: int
    matches: int
    outlets: tuple[tuple[str, int], ...]
    first: str | None
    last: str | None


@dataclass(slots=True)
class StoryRecord:
    """A story as stored: what clustering needs to go on (``centroid``: float32 bytes of the embeddings' sum)."""

    id: int
    label: str
    first: str | None
    last: str | None
    size: int
    centroid: bytes | None
    terms: dict[str, int]
    actors: dict[str, int]
    languages: dict[str, int]


@dataclass(frozen=True, slots=True)
class StorySummary:
    id: int
    label: str
    first: str | None
    last: str | None
    articles: int
    outlets: tuple[str, ...]


class Store(Protocol):
    """What newsprism needs from a database. SQLite and PostgreSQL implement it (``storage.sql``); tests run on both."""

    def close(self) -> None: ...

    def known_sources(self, sha256s: Sequence[str]) -> set[str]:
        """Which raw-input hashes are already stored (their inputs need no new analysis)."""
        ...

    def write_batch(
        self, docs: Sequence[Document], failures: Sequence[Failure], search: Mapping[str, SearchFields] | None = None
    ) -> BatchResult:
        """Store a batch in one transaction: all of it or, if interrupted, none of it. ``search``: the search
        fields the workers computed, by source hash (what is missing the writer computes)."""
        ...

    def get(self, doc_id: str) -> Document | None: ...

    def count(self, filters: Filters | None = None) -> int: ...

    def iter_documents(self, filters: Filters | None = None) -> Iterator[Document]: ...

    def search(self, query: str, filters: Filters | None = None, limit: int = 20, offset: int = 0) -> list[Hit]: ...

    def articles(self, filters: Filters | None = None, limit: int = 50, offset: int = 0) -> list[Hit]: ...

    def outlets(self, filters: Filters | None = None) -> list[OutletSummary]: ...

    def unclustered(self, limit: int = 1000) -> list[Document]: ...

    def story_lock(self) -> AbstractContextManager[None]:
        """Held while stories are updated: one writer of stories at a time, across processes, so that story ids
        and sizes come from what is stored, not from another process's memory."""
        ...

    def story_records(self) -> list[StoryRecord]: ...

    def save_stories(self, stories: Sequence[StoryRecord], members: Sequence[tuple[str, int, float]]) -> None: ...

    def stories(self, filters: Filters | None = None, limit: int = 50, offset: int = 0) -> list[StorySummary]: ...

    def story(self, story_id: int) -> tuple[StorySummary, list[Hit]] | None: ...

    def story_of(self, doc_id: str) -> int | None: ...

    def failures(self) -> list[Failure]: ...

    def check(self, repair: bool = False) -> list[Problem]: ...

    def fetch_state(self, url: str) -> dict[str, Any] | None: ...

    def save_fetch_state(self, url: str, state: dict[str, Any]) -> None: ...

    def known_urls(self, urls: Sequence[str]) -> set[str]: ...

    def versions(self, doc_id: str) -> list[dict[str, Any]]: ...

    def actors(
        self, query: str | None = None, filters: Filters | None = None, limit: int = 50, ids: Sequence[str] = ()
    ) -> list[ActorSummary]: ...

    def actor(self, actor_id: str, filters: Filters | None = None) -> ActorSummary | None: ...

    def actor_mentions(self, actor_id: str, filters: Filters | None = None) -> list[ActorMention]: ...

    def actor_quotes(self, actor_id: str, filters: Filters | None = None) -> list[ActorQuote]: ...

    def outlet_profile(self, outlet: str, filters: Filters | None = None) -> list[ProfileRow]:
        """Per month, how many of the outlet's articles carry each narrative and technique."""
        ...

    def narratives(self, filters: Filters | None = None, limit: int = 100) -> list[NarrativeSummary]:
        """The narratives the stored articles repeat, the most widespread first, with their outlets."""
        ...


def chunked(items: Sequence[Any] | Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for x in items:
        batch.append(x)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
