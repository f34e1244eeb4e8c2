"""The article's source text as HTML with its spans highlighted: quotes colored by speaker, entities linked to their
actor, dates with their value, boilerplate greyed (and claims, narratives and techniques when stages fill them).

Scraped text is data, never markup: every character of the source is escaped, and attributes carry only escaped
values. Spans may nest or cross, so the text is cut at every span boundary and each piece carries the classes of
all spans that cover it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote as urlquote

from markupsafe import Markup, escape

from newsprism.document import Document

PALETTE = 10  # speaker colors: sp0 … sp9 in style.css


@dataclass(slots=True)
class Mark:
    start: int
    end: int
    classes: tuple[str, ...]
    title: str = ""
    data: dict[str, str] = field(default_factory=dict)
    href: str | None = None


def speaker_key(quote_attrs: Mapping[str, Any]) -> str | None:
    sp = quote_attrs.get("speaker") or {}
    return sp.get("id") or sp.get("name")


def speaker_colors(doc: Document) -> dict[str, int]:
    """A color index per speaker, in order of first quote."""
    out: dict[str, int] = {}
    for q in doc.layer("quotes"):
        key = speaker_key(q.attrs)
        if key and key not in out:
            out[key] = len(out) % PALETTE
    return out


def marks(doc: Document) -> list[Mark]:
    colors = speaker_colors(doc)
    out = [Mark(s.start, s.end, ("bp",), "boilerplate: " + str(s.attrs.get("kind") or "")) for s in doc.layer("boilerplate")]
    for i, q in enumerate(doc.layer("quotes")):
        sp = q.attrs.get("speaker") or {}
        key = speaker_key(q.attrs)
        color = f"sp{colors[key]}" if key in colors else "sp-none"
        cue = (q.attrs.get("cue") or {}).get("text")
        title = f"{q.attrs.get('kind') or q.label} quote · {sp.get('name') or 'speaker unknown'}" + (f" · {cue}" if cue else "")
        data = {"quote": str(i), "speaker": sp.get("name") or ""}
        out.append(Mark(q.start, q.end, ("q", color), title, data))
    for e in doc.layer("entities"):
        actor = e.attrs.get("actor") or {}
        title = f"{e.label}: {actor.get('name') or doc.span_text(e)}" + (f" ({actor['id']})" if actor.get("id") else "")
        href = f"/actors/{urlquote(actor['id'], safe='')}" if actor.get("id") else None
        out.append(Mark(e.start, e.end, ("ent", f"ent-{e.label}"), title, {"actor": actor.get("id") or ""}, href))
    for d in doc.layer("dates"):
        out.append(Mark(d.start, d.end, ("date",), f"date: {d.attrs.get('value')} ({d.attrs.get('precision')})"))
    for c in doc.layer("claims"):
        rank = f" #{c.attrs['rank']}" if c.attrs.get("rank") else ""
        out.append(Mark(c.start, c.end, ("claim",), f"check-worthy claim{rank} ({c.attrs.get('score')}) by {_voice(c.attrs)}"))
    for n in doc.layer("narratives"):
        rebuttal = (n.attrs.get("rebuttal") or {}).get("text") or ""
        title = f"narrative: {n.attrs.get('label')} ({n.attrs.get('score')}, {n.attrs.get('stance')}, by {_voice(n.attrs)})"
        out.append(
            Mark(n.start, n.end, ("narr",), title + (f" — rebuttal: {rebuttal}" if rebuttal else ""), {"narrative": n.label})
        )
    for t in doc.layer("techniques"):
        out.append(Mark(t.start, t.end, ("tech",), f"technique: {t.label} (by {_voice(t.attrs)})", {"technique": t.label}))
    return out


def _voice(attrs: Mapping[str, Any]) -> str:
    v = attrs.get("voice") or {}
    return str(v.get("name") or "a speaker") if v.get("kind") == "speaker" else f"the outlet {v.get('name') or ''}".strip()


def highlight(doc: Document) -> Markup:
    """The whole text as HTML pieces; a piece inside an entity is a link to the actor."""
    ms = [m for m in marks(doc) if m.start < m.end]
    cuts = sorted({0, len(doc.text), *(m.start for m in ms), *(m.end for m in ms)})
    starts: dict[int, list[Mark]] = {}
    for m in ms:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    parts: list[str] = []
    for a, b in itertools.pairwise(cuts):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        if any("q" in m.classes for m in starts.get(a, [])):
            parts.append(f'<span class="anchor" id="at-{a}"></span>')  # /articles/ID#at-START opens at the quote
        piece = escape(doc.text[a:b])
        if not active:
            parts.append(str(piece))
            continue
        classes = " ".join(dict.fromkeys(c for m in active for c in m.classes))
        title = " | ".join(m.title for m in active if m.title)
        data = {k: v for m in active for k, v in m.data.items()}
        attrs = f' class="{escape(classes)}" title="{escape(title)}"' + "".join(
            f' data-{k}="{escape(v)}"' for k, v in data.items()
        )
        href = next((m.href for m in reversed(active) if m.href), None)
        if href:
            parts.append(f'<a href="{escape(href)}"{attrs}>{piece}</a>')
        else:
            parts.append(f"<span{attrs}>{piece}</span>")
    return Markup("".join(parts))
