"""Score entity linking and dates against gold files in the examples' format.

Entities: each gold mention string of each gold entity counts once; it is found when one of its occurrences in
the text overlaps an ``entities`` span linked to the gold's canonical actor (its name, or one of the gold's
aliases for it). Dates: each gold date is right when one of its occurrences overlaps a ``dates`` span with the
gold's value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.document import Document, Source
from newsprism.evaluation.quotes import gold_files
from newsprism.pipeline.base import Pipeline
from newsprism.registry.actors import name_key


@dataclass(slots=True)
class EntityResult:
    name: str
    mentions: int = 0
    linked: int = 0
    dates: int = 0
    dates_right: int = 0
    missed: list[tuple[str, str, str | None]] = field(default_factory=list)  # (canonical, mention, what we said)
    wrong_dates: list[tuple[str, str, str | None]] = field(default_factory=list)  # (text, gold value, ours)


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
    return found or [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]


def score_entities(name: str, gold: dict[str, Any], doc: Document) -> EntityResult:
    res = EntityResult(name)
    aliases = gold.get("aliases") or {}
    spans = list(doc.layer("entities"))
    for ent in gold.get("entities", []):
        canonical = ent["canonical"]
        ok_names = {name_key(n) for n in [canonical, *aliases.get(canonical, [])]}
        for mention in ent.get("mentions", []):
            res.mentions += 1
            said = None
            hit = False
            for s, e in _occurrences(doc.text, mention):
                for sp in spans:
                    if sp.start < e and s < sp.end:
                        actor = sp.attrs.get("actor") or {}
                        said = actor.get("name") or said
                        if actor.get("name") and name_key(actor["name"]) in ok_names:
                            hit = True
            if hit:
                res.linked += 1
            else:
                res.missed.append((canonical, mention, said))
    dates = list(doc.layer("dates"))
    for g in gold.get("dates", []):
        res.dates += 1
        ours = None
        right = False
        for s, e in _occurrences(doc.text, g["text"]):
            for d in dates:
                if d.start < e and s < d.end:
                    ours = d.attrs.get("value")
                    right = right or ours == g["value"]
        if right:
            res.dates_right += 1
        else:
            res.wrong_dates.append((g["text"], g["value"], ours))
    return res


@dataclass(slots=True)
class EntityReport:
    articles: list[EntityResult]

    def totals(self) -> dict[str, Any]:
        m = sum(a.mentions for a in self.articles)
        linked = sum(a.linked for a in self.articles)
        d = sum(a.dates for a in self.articles)
        dr = sum(a.dates_right for a in self.articles)
        return {
            "articles": len(self.articles),
            "gold_mentions": m,
            "linked": linked,
            "linked_share": round(linked / m, 4) if m else None,
            "gold_dates": d,
            "dates_right": dr,
        }

    def format(self) -> str:
        t = self.totals()
        lines = [
            f"articles {t['articles']}   entity mentions linked to the right actor {t['linked']}/{t['gold_mentions']}"
            f" ({t['linked_share'] if t['linked_share'] is not None else '—'})   dates right {t['dates_right']}/{t['gold_dates']}",
        ]
        for a in self.articles:
            if a.missed or a.wrong_dates:
                lines.append(f"  {a.name}")
            for canonical, mention, said in a.missed:
                lines.append(f"    entity  “{mention}” should be {canonical}; newsprism: {said or 'not found'}")
            for text, value, ours in a.wrong_dates:
                lines.append(f"    date    “{text}” should be {value}; newsprism: {ours or 'not found'}")
        return "\n".join(lines)


def evaluate_entities(folder: str | Path, pipeline: Pipeline) -> EntityReport:
    """Run ``pipeline`` over every article with a gold file in ``folder`` and score entities and dates."""
    out = []
    for g, gold, text_path in gold_files(folder):
        if "entities" not in gold and "dates" not in gold:
            continue
        doc = pipeline(Document(text_path.read_text(encoding="utf-8"), source=Source(path=str(text_path))))
        out.append(score_entities(g.name.replace(".gold.json", ""), gold, doc))
    return EntityReport(out)
