"""Score story clustering on RUWA (Ukraine-war headlines from nine outlets, 2022, with event labels).

RUWA's labels are events found by keywords in the article's body ("bucha", "azovstal", "railway" …): noisy (a
headline about oil sanctions can carry "bucha") and broader than stories (one event spans months). So all articles
with a specific event (the generic "beginning" left out) are clustered, but only those whose title or subheading
itself contains one of their event's keywords are scored — about 800 of 9,000 — with two figures:

- precision: of the pairs of articles clustered into one story, the share with the same event label;
- recall within a day: of the pairs with the same event published within a day of each other, the share
  clustered into one story.

Articles are clustered by title and subheading, in publication order, with the stage's embedder and window.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from newsprism.stories import THRESHOLD, WINDOW_DAYS, Clusterer, Embedder, Item


@dataclass(slots=True)
class StoryScore:
    articles: int
    stories: int
    precision: float
    recall_within_a_day: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall_within_a_day
        return 2 * p * r / (p + r) if p + r else 0.0


def read_ruwa(folder: str | Path) -> list[tuple[Item, str, bool]]:
    """RUWA rows as (item, event, clean), in date order; rows without a title or date are skipped. ``clean``: the
    title or subheading names one of the keywords that gave the event."""
    path = next(Path(folder).glob("*.zip"))
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv") and not n.startswith("__MACOSX"))
        text = z.read(name).decode("utf-8")
    out = []
    for i, row in enumerate(csv.DictReader(io.StringIO(text))):
        title = (row.get("title") or "").strip()
        try:
            day = dt.datetime.strptime(row.get("Date") or "", "%m/%d/%Y").date()
        except ValueError:
            continue
        if not title:
            continue
        text = f"{title}\n{(row.get('desc') or '').strip()}".strip()
        try:
            keywords = [str(k).lower() for k in ast.literal_eval(row.get("KW") or "[]")]
        except (ValueError, SyntaxError):
            keywords = []
        clean = any(k and k in text.lower() for k in keywords)
        out.append((Item(f"ruwa-{i}", text, day), row.get("Event") or "", clean))
    out.sort(key=lambda x: (x[0].day or dt.date.min, x[0].key))
    return out


def score(rows: list[tuple[Item, str, bool]], assigned: list[int]) -> StoryScore:
    by_story: dict[int, list[int]] = defaultdict(list)
    for k, s in enumerate(assigned):
        if rows[k][2]:
            by_story[s].append(k)
    same = total = 0
    for members in by_story.values():
        for a, b in combinations(members, 2):
            total += 1
            same += rows[a][1] == rows[b][1]
    by_event_day: dict[str, list[int]] = defaultdict(list)
    for k, (_, ev, clean) in enumerate(rows):
        if clean:
            by_event_day[ev].append(k)
    hit = pairs = 0
    for members in by_event_day.values():
        for a, b in combinations(members, 2):
            da, db = rows[a][0].day, rows[b][0].day
            if da and db and abs((da - db).days) <= 1:
                pairs += 1
                hit += assigned[a] == assigned[b]
    scored = sum(1 for r in rows if r[2])
    return StoryScore(scored, len(set(assigned)), same / total if total else 0.0, hit / pairs if pairs else 0.0)


def evaluate_ruwa(
    folder: str | Path,
    embed: Embedder | bool | None = True,
    threshold: float = THRESHOLD,
    window: int = WINDOW_DAYS,
    limit: int | None = None,
    skip_events: tuple[str, ...] = ("beginning",),
) -> StoryScore:
    rows = [r for r in read_ruwa(folder) if r[1] and r[1] not in skip_events][:limit]
    clusterer = Clusterer(embed=embed, threshold=threshold, window=window)
    assigned = [s.id for s, _ in clusterer.add([it for it, _, _ in rows])]
    return score(rows, assigned)
