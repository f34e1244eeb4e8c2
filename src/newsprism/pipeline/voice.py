"""Whose voice a span is in: the speaker of the innermost quote that holds it, or the outlet's own.

A claim, a narrative or a persuasion technique inside a quote is the speaker's ("die Schwätzer aus der Europäischen
Union" is Lukashenko's name calling); outside every quote it is the outlet's ("stellte … vernünftig fest").
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from newsprism.document import Document, Span


class Voices:
    """Looks up voices in one document; built once per stage call (the quotes layer is read once)."""

    def __init__(self, doc: Document) -> None:
        self.quotes = sorted(enumerate(doc.layer("quotes")), key=lambda iq: iq[1].start)
        self.starts = [q.start for _, q in self.quotes]
        self.longest = max((q.end - q.start for _, q in self.quotes), default=0)
        outlet = doc.meta.get("outlet") or {}
        self.outlet = {"kind": "outlet", "name": outlet.get("name"), "id": outlet.get("id"), "quote": None}

    def quote_at(self, start: int, end: int) -> tuple[int, Span] | None:
        """The innermost quote holding most of ``[start, end)`` (the first of equal size); only the quotes that can
        overlap it are looked at, so a text of thousands of quotes costs a bisection per look-up, not a scan."""
        best: tuple[int, Span] | None = None
        size = max(1, end - start)
        lo, hi = bisect_left(self.starts, start - self.longest), bisect_left(self.starts, end)
        for i, q in self.quotes[lo:hi]:
            overlap = min(q.end, end) - max(q.start, start)
            if overlap * 2 < size:
                continue
            if best is None or (q.end - q.start, i) < (best[1].end - best[1].start, best[0]):
                best = (i, q)
        return best

    def of(self, start: int, end: int) -> dict[str, Any]:
        """``{"kind": "speaker"|"outlet", "name", "id", "quote"}`` for the span ``[start, end)``."""
        found = self.quote_at(start, end)
        if found is None:
            return dict(self.outlet)
        i, q = found
        speaker = q.attrs.get("speaker") or {}
        return {"kind": "speaker", "name": speaker.get("name"), "id": speaker.get("id"), "quote": i}
