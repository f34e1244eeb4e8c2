"""The one object everything hangs off: a source text that never changes, plus layers of spans.

Every stage of the pipeline adds spans (character offsets into ``Document.text``) to a layer
named after what it found. Nothing ever rewrites the text, so ``doc.text[span.start:span.end]``
is the span's text from the first stage to the database to the web page.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from newsprism.errors import SpanError

SCHEMA = "newsprism-doc/1"


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled half-open character range ``[start, end)`` of a document's text."""

    start: int
    end: int
    label: str = ""
    attrs: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span | int) -> bool:
        if isinstance(other, int):
            return self.start <= other < self.end
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "label": self.label}
        if self.attrs:
            out["attrs"] = dict(self.attrs)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data.get("label", "")), dict(data.get("attrs", {})))


@dataclass(slots=True)
class Source:
    """Where a document came from. ``raw`` (the original bytes of an HTML page) is kept for storage only."""

    path: str | None = None
    url: str | None = None
    sha256: str = ""
    kind: str = "text"  # text | html | jsonl | stdin
    raw: bytes | None = field(default=None, repr=False)
    hints: dict[str, Any] = field(default_factory=dict)  # metadata given with the input (JSON Lines fields)
    warnings: list[str] = field(default_factory=list)  # how reading it was less than sure (a guessed encoding)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"sha256": self.sha256, "kind": self.kind}
        if self.path is not None:
            out["path"] = self.path
        if self.url is not None:
            out["url"] = self.url
        if self.hints:
            out["hints"] = dict(self.hints)
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Source:
        return cls(
            path=data.get("path"),
            url=data.get("url"),
            sha256=data.get("sha256", ""),
            kind=data.get("kind", "text"),
            hints=dict(data.get("hints", {})),
            warnings=list(data.get("warnings", [])),
        )


def content_id(text: str) -> str:
    """Content-hash id: the same article text, however it was encoded or spaced, gets the same id."""
    key = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


class Document:
    """An article: immutable ``text``, a ``source``, ``meta`` values and named layers of spans."""

    __slots__ = ("_text", "id", "layers", "meta", "source")

    def __init__(
        self,
        text: str,
        *,
        source: Source | None = None,
        meta: Mapping[str, Any] | None = None,
        doc_id: str | None = None,
    ) -> None:
        if not isinstance(text, str):
            raise TypeError(f"document text must be str, not {type(text).__name__}")
        self._text = text
        self.id = doc_id or content_id(text)
        self.source = source or Source(sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
        self.meta: dict[str, Any] = dict(meta or {})
        self.layers: dict[str, list[Span]] = {}

    @property
    def text(self) -> str:
        return self._text

    def __len__(self) -> int:
        return len(self._text)

    def __repr__(self) -> str:
        layers = ", ".join(f"{k}={len(v)}" for k, v in self.layers.items())
        return f"<Document {self.id} {len(self._text)} chars; {layers}>"

    def add(self, layer: str, start: int, end: int, label: str = "", attrs: Mapping[str, Any] | None = None, **more: Any) -> Span:
        """Add a span to ``layer`` with ``attrs`` and ``more`` as its attributes; offsets outside the text are a bug
        in the stage that made them."""
        if not (0 <= start <= end <= len(self._text)):
            raise SpanError(f"span [{start}, {end}) of layer {layer!r} is outside the text (length {len(self._text)})")
        span = Span(start, end, label, {**(attrs or {}), **more})
        self.layers.setdefault(layer, []).append(span)
        return span

    def set_layer(self, layer: str, spans: Iterable[Span]) -> None:
        """Replace a layer, checking every span (used when a stage builds a layer in one go)."""
        checked = list(spans)
        n = len(self._text)
        for s in checked:
            if not (0 <= s.start <= s.end <= n):
                raise SpanError(f"span [{s.start}, {s.end}) of layer {layer!r} is outside the text (length {n})")
        self.layers[layer] = checked

    def layer(self, name: str) -> list[Span]:
        return self.layers.get(name, [])

    def span_text(self, span: Span) -> str:
        return self._text[span.start : span.end]

    def spans_in(self, layer: str, within: Span) -> Iterator[Span]:
        return (s for s in self.layer(layer) if within.contains(s))

    def to_dict(self) -> dict[str, Any]:
        """Everything needed to rebuild the document; ``Document.from_dict`` is its inverse."""
        return {
            "schema": SCHEMA,
            "id": self.id,
            "text": self._text,
            "source": self.source.to_dict(),
            "meta": self.meta,
            "layers": {name: [s.to_dict() for s in spans] for name, spans in self.layers.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        if data.get("schema") not in (None, SCHEMA):
            raise ValueError(f"unknown document schema {data.get('schema')!r}; expected {SCHEMA}")
        doc = cls(data["text"], source=Source.from_dict(data.get("source", {})), meta=data.get("meta"), doc_id=data["id"])
        for name, spans in data.get("layers", {}).items():
            doc.set_layer(name, (Span.from_dict(s) for s in spans))
        return doc
