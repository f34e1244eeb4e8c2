"""An audit of speakers for any stored corpus: a sample of attributed quotes for a person to judge, and the
precision of a judged sample.

``sample`` draws quotes whose speaker has a name from a store — at most ``per_article`` from each article, articles
in a seeded random order, so the sample spreads over the corpus and the same seed on the same store draws the
same quotes — each with its article, outlet, how the speaker was chosen (``name``, ``role``, ``group``,
``pronoun``, ``context``: carried over from a quote before), the mention, the cue and the text around it.
``write_sample`` writes them as a tab-separated file with an empty ``judgement`` column, which a person fills in:
``y`` when the speaker is the right person, organisation or role, ``n`` when not, ``?`` (or nothing) to leave a
quote out. ``score`` reads such a file back: precision with its 95 % Wilson interval, overall and by how the
speaker was chosen.
"""

from __future__ import annotations

import csv
import math
import random
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from newsprism.document import Document
from newsprism.errors import UsageError
from newsprism.storage import Filters, Store

JUDGEMENTS = {"y": True, "yes": True, "n": False, "no": False, "?": None, "": None}
CONTEXT_CHARS = 600  # at most this much text around a quote: enough to see who spoke, short enough to read
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Item:
    judgement: str
    article: str
    outlet: str
    how: str
    speaker: str
    mention: str
    cue: str
    quote: str
    context: str
    start: int
    end: int


def _ids(store: Store, filters: Filters | None, page: int = 1000) -> Iterator[str]:
    offset = 0
    while True:
        hits = store.articles(filters, limit=page, offset=offset)
        yield from (h.id for h in hits)
        if len(hits) < page:
            return
        offset += page


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _context(doc: Document, start: int, end: int, before: int) -> str:
    """The sentences from ``before`` sentences ahead of the quote's (or its speaker mention's) to the end of the
    quote's, flattened to one line and cut to ``CONTEXT_CHARS`` around the quote."""
    sents = doc.layer("sentences")
    first = next((i for i, s in enumerate(sents) if s.end > start), 0)
    a = sents[max(0, first - before)].start if sents else start
    b = next((s.end for s in sents if s.end >= end), end)
    if b - a > CONTEXT_CHARS:
        a = max(a, end - CONTEXT_CHARS)
    return _flat(doc.text[a:b])


def _item(doc: Document, q: Any) -> Item:
    sp = q.attrs["speaker"]
    cue = q.attrs.get("cue") or {}
    how = str(sp.get("how") or "")
    starts = [q.start, *([sp["start"]] if sp.get("start") is not None else [])]
    ends = [q.end, *([sp["end"]] if sp.get("end") is not None else [])]
    before = 2 if how in ("context", "pronoun", "role") else 0  # whom the text named before is the evidence
    return Item(
        judgement="",
        article=doc.id,
        outlet=str((doc.meta.get("outlet") or {}).get("name") or ""),
        how=how,
        speaker=str(sp.get("name") or ""),
        mention=str(sp.get("mention") or ""),
        cue=str(cue.get("text") or ""),
        quote=_flat(doc.span_text(q)),
        context=_context(doc, min(starts), max(ends), before),
        start=q.start,
        end=q.end,
    )


def sample(store: Store, n: int, seed: int = 7, per_article: int = 1, filters: Filters | None = None) -> list[Item]:
    """Up to ``n`` attributed quotes (a speaker with a name), at most ``per_article`` from one article."""
    if n <= 0 or per_article <= 0:
        raise UsageError("the sample size and the quotes per article must be above 0")
    rng = random.Random(seed)
    ids = list(_ids(store, filters))
    rng.shuffle(ids)
    out: list[Item] = []
    for doc_id in ids:
        doc = store.get(doc_id)
        if doc is None:
            continue
        attributed = [q for q in doc.layer("quotes") if (q.attrs.get("speaker") or {}).get("name")]
        for q in rng.sample(attributed, min(per_article, len(attributed))):
            out.append(_item(doc, q))
            if len(out) == n:
                return out
    return out


COLUMNS = [f.name for f in fields(Item)]


def write_sample(items: list[Item], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, COLUMNS, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writeheader()
        w.writerows(asdict(i) for i in items)


def read_judged(path: Path) -> list[tuple[Item, bool | None]]:
    """The items of a judged sample with their judgement (None: left out); a file that is not such a sample, or a
    judgement that is not y, n or ?, is a UsageError naming the line."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return _judged_rows(path, fh)
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read: {exc.strerror or exc}") from None


def _judged_rows(path: Path, fh: Any) -> list[tuple[Item, bool | None]]:
    out: list[tuple[Item, bool | None]] = []
    reader = csv.DictReader(fh, delimiter="\t")
    try:
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise UsageError(
                f"{path}: not a speaker sample (no column {', '.join(missing)}); make one with `eval speakers sample`"
            )
        for row in reader:
            mark = (row.get("judgement") or "").strip().casefold()
            if mark not in JUDGEMENTS:
                raise UsageError(f"{path}, line {reader.line_num}: judgement {mark!r} is not y, n or ? (or empty)")
            values: dict[str, Any] = {c: row.get(c) or "" for c in COLUMNS}
            values["start"], values["end"] = int(values["start"] or 0), int(values["end"] or 0)
            out.append((Item(**values), JUDGEMENTS[mark]))
    except (ValueError, UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(f"{path}, line {reader.line_num}: cannot be read: {exc}") from None
    return out


def wilson(right: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of a proportion: honest for small samples and proportions near 1."""
    if total == 0:
        return (0.0, 0.0)
    p = right / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return (max(0.0, centre - half), min(1.0, centre + half))


def score(judged: list[tuple[Item, bool | None]]) -> dict[str, Any]:
    def block(rows: list[bool]) -> dict[str, Any]:
        right = sum(rows)
        low, high = wilson(right, len(rows))
        return {
            "judged": len(rows),
            "right": right,
            "precision": round(right / len(rows), 4) if rows else None,
            "interval95": [round(low, 4), round(high, 4)],
        }

    marked = [(i, j) for i, j in judged if j is not None]
    by_how: dict[str, list[bool]] = {}
    for i, j in marked:
        by_how.setdefault(i.how or "?", []).append(bool(j))
    return {
        **block([bool(j) for _, j in marked]),
        "left_out": len(judged) - len(marked),
        "articles": len({i.article for i, _ in marked}),
        "by_how": {how: block(rows) for how, rows in sorted(by_how.items(), key=lambda kv: -len(kv[1]))},
        "wrong": [asdict(i) for i, j in marked if not j],
    }


def format_item(k: int, item: Item) -> str:
    mention = f" (as „{item.mention}“)" if item.mention and item.mention != item.speaker else ""
    return (
        f"[{k}] {item.outlet or '?'} · {item.article} · {item.how or '?'}: {item.speaker}{mention}"
        f"{' · ' + item.cue if item.cue else ''}\n    „{item.quote[:300]}“\n    … {item.context}"
    )


def format_score(report: dict[str, Any]) -> str:
    def line(name: str, b: dict[str, Any]) -> str:
        if not b["judged"]:
            return f"{name:>10}: nothing judged"
        low, high = b["interval95"]
        return f"{name:>10}: {b['right']}/{b['judged']} right, precision {b['precision']:.3f} (95 % {low:.3f}–{high:.3f})"

    out = [line("all", report), *(line(how, b) for how, b in report["by_how"].items())]
    out.append(f"{'':>10}  {report['articles']} articles; {report['left_out']} quotes left out (? or no judgement)")
    for w in report["wrong"][:20]:
        out.append(f"  wrong: {w['speaker']} ({w['how']}, „{w['mention']}“) for „{w['quote'][:90]}“")
    return "\n".join(out)
