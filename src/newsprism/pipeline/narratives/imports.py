"""Importing narrative data sets as catalogues users can grow: the Propaganda Diary (narratives of pro-Kremlin
disinformation cases in German and Italian media, with debunks) and EUvsDisinfo (single debunked claims with their
disproof, or the case index).

An import keeps the data set's own narrative names as labels, takes its case texts as example phrasings, learns each
narrative's typical stems (its cue words) and, where narratives have several cases, trains a classifier that tells
them apart (multinomial logistic regression over embeddings and stems; scikit-learn at import time only).
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.errors import UsageError
from newsprism.pipeline.narratives.catalogue import Catalogue, LinearModel, catalogue_from, imported_dir, write_catalogue
from newsprism.pipeline.narratives.features import Tfidf, distinctive, stems

FORMATS = ("propaganda-diary", "euvsdisinfo")
EMB_WEIGHT = 2.0
Progress = Callable[[str], None]


@dataclass(slots=True)
class Case:
    """One disinformation case of a data set: its text, the narrative it belongs to, and what debunks it."""

    narrative: str
    text: str
    sub: str = ""  # the sub-narrative or claim headline
    debunk: str = ""
    sources: list[str] = field(default_factory=list)
    key: str = ""  # what identifies the case (its link)
    extra: dict[str, Any] = field(default_factory=dict)


def slug(text: str) -> str:
    s = re.sub(r"[^\w]+", "-", text.casefold()).strip("-")
    return s[:60] or "narrative"


def _strip_html(text: str) -> tuple[str, list[str]]:
    links = re.findall(r"""href=["']([^"']+)["']""", text)
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(plain.split()), links


# --- readers ------------------------------------------------------------------------------------------------------
def read_propaganda_diary(path: Path, countries: Sequence[str] = ()) -> list[Case]:
    """Cases of a Propaganda Diary language file (``dataDe.json``: Narrative, Fakes, Disinfo_cases_<lang>, Media,
    Countries, Link, Debunking). Rows without a narrative continue the one above (the upstream layout)."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: not a Propaganda Diary JSON file: {exc}") from exc
    if not isinstance(rows, list):
        raise UsageError(f"{path}: expected a JSON array of cases")
    out: list[Case] = []
    last = ""
    for row in rows:
        narrative = str(row.get("Narrative") or "").strip() or last
        last = narrative
        text_key = next((k for k in row if k.startswith("Disinfo_cases")), None)
        text = str(row.get(text_key) or "").strip() if text_key else ""
        if not narrative or not text:
            continue
        if countries and str(row.get("Countries") or "") not in countries:
            continue
        debunk, links = _strip_html(str(row.get("Debunking") or ""))
        out.append(
            Case(
                narrative,
                text,
                str(row.get("Fakes") or "").strip(),
                debunk,
                links[:3],
                str(row.get("Link") or ""),
                {"media": row.get("Media"), "date": row.get("Date"), "country": row.get("Countries")},
            )
        )
    if not out:
        raise UsageError(f"{path}: no cases with a narrative and a text")
    return out


def read_euvsdisinfo(path: Path) -> list[Case]:
    """EUvsDisinfo cases: the 2015–2017 dump (title, summary, disproof) or the case index (title, keywords, id URL).
    Each case's claim is its own narrative: its headline is the label."""
    csv.field_size_limit(10**8)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(f"{path}: not an EUvsDisinfo CSV file: {exc}") from exc
    if not rows or "title" not in rows[0]:
        raise UsageError(f"{path}: expected a CSV with a 'title' column (EUvsDisinfo cases)")
    out = []
    for row in rows:
        title = (row.get("title") or "").strip()
        if not title:
            continue
        summary = (row.get("summary") or "").strip()
        disproof = (row.get("disproof") or "").strip()
        link = (row.get("id") or row.get("source") or "").strip()
        sources = re.findall(r"https?://\S+", disproof)[:3] or ([link] if link.startswith("http") else [])
        out.append(Case(title, summary or title, title, re.sub(r"https?://\S+", "", disproof).strip(), sources, link))
    return out


# --- building -----------------------------------------------------------------------------------------------------
def build(cases: Sequence[Case], name: str, progress: Progress | None = None) -> tuple[Catalogue, dict[str, Any]]:
    """A catalogue from cases: one narrative per distinct narrative name, with its cases (and sub-narrative names)
    as examples, its typical stems, and — when narratives have several cases — a classifier."""
    groups: dict[str, list[Case]] = {}
    for c in cases:
        groups.setdefault(c.narrative, []).append(c)
    ids = _unique_ids(groups)
    data: dict[str, Any] = {"name": name, "version": "", "narratives": [_narrative(ids[g], g, cs) for g, cs in groups.items()]}
    texts = {ids[g]: _texts(cs) for g, cs in groups.items()}
    many = sum(len(cs) for cs in groups.values()) >= 2 * len(groups)
    terms = distinctive(texts, top=25) if many else {k: _top_stems(v) for k, v in texts.items()}
    for n in data["narratives"]:
        n["terms"] = terms.get(n["id"], [])
    cat = catalogue_from(data, name, f"import:{name}")
    if progress:
        progress(f"embedding {len(cat.example_texts)} example texts of {len(cat)} narratives")
    from newsprism.embed import embed

    emb = _embed_in_batches(embed, cat.example_texts, progress)
    cat.set_embeddings(emb)
    if many and len(groups) >= 2:
        cat.classifier = train_classifier(cat.example_texts, emb, [cat.narratives[i].id for i in cat.example_owner])
    return cat, data


def _unique_ids(groups: dict[str, list[Case]]) -> dict[str, str]:
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for g in groups:
        base = slug(g)
        nid, k = base, 2
        while nid in taken:
            nid, k = f"{base}-{k}", k + 1
        taken.add(nid)
        ids[g] = nid
    return ids


def _texts(cases: Iterable[Case]) -> list[str]:
    """A narrative's example phrasings: its cases' texts and its sub-narrative names, each once."""
    out: dict[str, None] = {}
    for c in cases:
        out.setdefault(c.text[:1500], None)
        if c.sub:
            out.setdefault(c.sub[:1500], None)
    return list(out)


def _narrative(nid: str, name: str, cases: list[Case]) -> dict[str, Any]:
    subs = list(dict.fromkeys(c.sub for c in cases if c.sub and c.sub != name))
    debunk = next((c for c in cases if c.debunk), None)
    return {
        "id": nid,
        "label": name,
        "description": "; ".join(subs[:12]),
        "examples": {"xx": _texts(cases)},  # the data set's own language (any: the embedder is multilingual)
        "rebuttal": {
            "text": (debunk.debunk[:700] + ("…" if len(debunk.debunk) > 700 else "")) if debunk else "",
            "sources": debunk.sources if debunk else [],
        },
        "cases": len(cases),
    }


def _top_stems(texts: list[str], top: int = 12) -> list[str]:
    seen: dict[str, int] = {}
    for t in texts:
        for w in stems(t):
            seen[w] = seen.get(w, 0) + 1
    return [w for w, _ in sorted(seen.items(), key=lambda kv: (-kv[1], -len(kv[0])))[:top]]


def _embed_in_batches(embed: Callable[[Sequence[str]], np.ndarray], texts: list[str], progress: Progress | None) -> np.ndarray:
    out = []
    for i in range(0, len(texts), 64):
        out.append(embed(texts[i : i + 64]))
        if progress and i and i % 640 == 0:
            progress(f"  {i} of {len(texts)}")
    return np.vstack(out) if out else np.zeros((0, 384), dtype=np.float32)


def train_classifier(texts: Sequence[str], emb: np.ndarray, labels: Sequence[str], c: float = 10.0) -> LinearModel:
    """Multinomial logistic regression over [embedding, tf-idf of stems]: which of the narratives a text repeats."""
    from sklearn.linear_model import LogisticRegression

    tfidf = Tfidf.fit(texts, min_df=2)
    x = np.hstack([emb * EMB_WEIGHT, tfidf.matrix(texts)])
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(x, list(labels))
    classes = [str(k) for k in clf.classes_]
    weights, bias = clf.coef_.astype(np.float32), clf.intercept_.astype(np.float32)
    if len(classes) == 2:  # scikit-learn keeps one row for two classes
        weights, bias = np.vstack([-weights, weights]) / 2, np.concatenate([-bias, bias]) / 2
    return LinearModel(classes, weights, bias, tfidf, EMB_WEIGHT)


def import_cases(
    fmt: str, path: Path, name: str | None = None, countries: Sequence[str] = (), progress: Progress | None = None
) -> Path:
    """Read a data set, build its catalogue and write it to ``$NEWSPRISM_HOME/narratives/NAME.json``."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; newsprism imports {', '.join(FORMATS)}")
    cases = read_propaganda_diary(path, countries) if fmt == "propaganda-diary" else read_euvsdisinfo(path)
    name = name or fmt
    if not re.fullmatch(r"[\w.-]+", name):
        raise UsageError(f"catalogue name {name!r}: use letters, digits, '.', '_' or '-'")
    cat, data = build(cases, name, progress)
    target = imported_dir() / f"{name}.json"
    write_catalogue(cat, target, data)
    return target
