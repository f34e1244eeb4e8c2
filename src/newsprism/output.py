"""The output contract of ``newsprism analyze --json``: one object per article, every offset into ``text``."""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import date
from typing import Any

from newsprism.document import Document, Span

CONTRACT_KEYS = (
    "id",
    "source",
    "text",
    "language",
    "metadata",
    "boilerplate",
    "paragraphs",
    "sentences",
    "entities",
    "quotes",
    "dates",
    "claims",
    "narratives",
    "techniques",
)
# Layers a later stage fills; absent layers are empty lists in the contract.
ANALYSIS_LAYERS = ("entities", "quotes", "dates", "claims", "narratives", "techniques")


def _span(doc: Document, s: Span, with_text: bool = True, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"text": doc.span_text(s)} if with_text else {}
    out.update(start=s.start, end=s.end)
    out.update(extra)
    return out


def _metadata(doc: Document) -> dict[str, Any]:
    m = doc.meta
    return {
        "title": m.get("title"),
        "published": m.get("published"),
        "published_precision": m.get("published_precision"),
        "published_evidence": m.get("published_evidence"),
        "captured": m.get("captured"),
        "outlet": m.get("outlet"),
        "dateline": m.get("dateline"),
        "section": m.get("section"),
        "key_points": list(m.get("key_points") or []),
        "reference_date": m.get("reference_date"),  # the day relative dates were read against
    }


def _source(doc: Document) -> dict[str, Any]:
    src = doc.source
    out: dict[str, Any] = {}
    if src.url:
        out["url"] = src.url
    if src.path:
        out["path"] = src.path
    if not out:
        out["path"] = "<stdin>" if src.kind == "stdin" else None
    out["sha256"] = src.sha256
    out["kind"] = src.kind
    if src.hints:
        out["given"] = dict(src.hints)  # metadata that came with the input; re-ingesting an export keeps it
    if src.warnings:
        out["warnings"] = list(src.warnings)  # how reading it was less than sure: a guessed encoding, replaced bytes
    return out


def _layer_items(doc: Document, name: str) -> list[dict[str, Any]]:
    """Spans of an analysis layer as contract objects: text, offsets, and the stage's attributes."""
    items = []
    for s in doc.layer(name):
        item = _span(doc, s)
        attrs = dict(s.attrs)
        if name in ("quotes",) and "kind" not in attrs:
            attrs["kind"] = s.label
        elif name == "techniques":
            attrs = {"technique": s.label, **attrs}
        elif name == "entities":
            attrs.setdefault("type", s.label)
            actor = attrs.pop("actor", None) or {}
            attrs["id"], attrs["name"] = actor.get("id"), actor.get("name")
            attrs["how"] = actor.get("how")  # how the mention was linked: registry, surname, fuzzy, role, new, …
            attrs["in_registry"] = actor.get("source") == "registry" if actor else None
        item.update(attrs)
        items.append(item)
    return items


def contract(doc: Document) -> dict[str, Any]:
    """The analysis of ``doc`` in the shape documented in the README."""
    out: dict[str, Any] = {
        "id": doc.id,
        "source": _source(doc),
        "text": doc.text,
        "language": doc.meta.get("language"),
        "metadata": _metadata(doc),
        "boilerplate": [_span(doc, s, with_text=False, kind=s.attrs.get("kind")) for s in doc.layer("boilerplate")],
        "paragraphs": [_span(doc, s, with_text=False, role=s.label) for s in doc.layer("paragraphs")],
        "sentences": [_span(doc, s, with_text=False) for s in doc.layer("sentences")],
    }
    for name in ANALYSIS_LAYERS:
        out[name] = _layer_items(doc, name)
    if doc.meta.get("skipped"):  # stages that do not serve the article's language, with the reason
        out["skipped"] = [dict(s) for s in doc.meta["skipped"]]
    return out


def plain(x: Any) -> Any:
    """A value made of dataclasses, tuples and dates (what the store returns) as JSON-ready dicts, lists and strings."""
    if is_dataclass(x) and not isinstance(x, type):
        x = asdict(x)
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, date):
        return x.isoformat()
    return x
