"""Quotation marks paired into quoted spans, in every German convention and the broken ones.

„…“ and „…” (German), »…« (German books), «…» (Swiss, Russian), "…" (straight), “…” (English),
with ‚…‘ ›…‹ '…' ‘…’ inside them. Whether a mark opens or closes follows from its kind and what
stands on either side of it (a mark before a letter after a space opens; after a letter before a
space or punctuation it closes). Broken text is normal: an opener never closed ends where the next
quote of its level opens or where its paragraph ends; a closer never opened starts a quote after
the previous quote, or at the paragraph's start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE = "double"
SINGLE = "single"

# mark -> (family, can open, can close); final direction comes from the flanking characters
_MARKS: dict[str, tuple[str, bool, bool]] = {
    "„": (DOUBLE, True, False),
    "“": (DOUBLE, True, True),
    "”": (DOUBLE, True, True),
    '"': (DOUBLE, True, True),
    "»": (DOUBLE, True, True),
    "«": (DOUBLE, True, True),
    "‚": (SINGLE, True, False),
    "‘": (SINGLE, True, True),
    "’": (SINGLE, True, True),
    "'": (SINGLE, True, True),
    "›": (SINGLE, True, True),
    "‹": (SINGLE, True, True),
}
_MARK_RE = re.compile("[" + re.escape("".join(_MARKS)) + "]")
_OPEN_CONTEXT = " \t\n\u00a0\u202f([{/-–—:;,"
_PUNCT_AFTER = ".,;:!?)]}…-–—/"


@dataclass(slots=True)
class Mark:
    pos: int
    char: str
    family: str
    opens: bool
    closes: bool


@dataclass(slots=True)
class QuoteSpan:
    """Quoted content ``[start, end)`` between ``open_pos`` and ``close_pos`` (either may be missing)."""

    start: int
    end: int
    open_pos: int | None
    close_pos: int | None
    family: str
    depth: int = 0
    parent: int | None = None

    @property
    def closed(self) -> bool:
        return self.open_pos is not None and self.close_pos is not None


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def classify(text: str, start: int, end: int, doubled: bool = False, guillemets: bool = False) -> list[Mark]:
    """The quotation marks of ``text[start:end]`` with the direction each can take there. ``doubled``: two
    apostrophes are a double quotation mark (''…'', as some English archives write them), not wiki italics.
    ``guillemets``: « only opens and » only closes, whatever the spacing (Russian: "о « возможном разглашении")."""
    marks = []
    after_italics = -1
    for m in _MARK_RE.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if i <= after_italics:
            continue
        if ch == "'" and i + 1 < end and text[i + 1] == "'":  # wiki italics (''Name''), not quotation
            after_italics = i + 1
            if doubled:
                mark = _doubled(text, i, start, end)
                if mark is not None:
                    marks.append(mark)
            continue
        family, can_open, can_close = _MARKS[ch]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if family == SINGLE and ch in "’'" and _is_word(prev) and (_is_word(nxt) or _apostrophe_s(text, i)):
            continue  # an apostrophe: geht's, Kohl's, Selenskyj’s
        left = not nxt.isspace() and (prev in _OPEN_CONTEXT or prev.isspace() or (not _is_word(prev) and prev not in ".!?…"))
        right = not prev.isspace() and (nxt.isspace() or nxt in _PUNCT_AFTER or nxt in "\"“”»«‘’'‹›" or i + 1 >= end)
        if not right and prev.isspace() and (nxt.isspace() or nxt in _PUNCT_AFTER or i + 1 >= end) and ch in "“”\"«»’'":
            right = True  # spacing artefacts of converted text: "… Konflikt. “ Israel …"
        if ch in "”»" and prev in ",.!?" and nxt.isalpha():
            left, right = False, True  # a closing mark with its space lost: "… device,”Polyansky explained"
        opens = can_open and (left or (ch in "„‚" and not right))
        closes = can_close and right and ch not in "„‚"
        if ch in "„‚" or (guillemets and ch == "«"):
            opens, closes = True, False
        elif guillemets and ch == "»":
            opens, closes = False, True
        if opens or closes:
            marks.append(Mark(i, ch, family, opens, closes))
    return marks


def _doubled(text: str, i: int, start: int, end: int) -> Mark | None:
    """Two apostrophes at ``i`` as one double mark: an opener stands at the second (the quote starts after it),
    a closer at the first."""
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 2] if i + 2 < end else " "
    if nxt.isalnum() and not _is_word(prev):
        return Mark(i + 1, '"', DOUBLE, True, False)
    if not prev.isspace() and (nxt.isspace() or nxt in _PUNCT_AFTER or i + 2 >= end):
        return Mark(i, '"', DOUBLE, False, True)
    return None


def _apostrophe_s(text: str, i: int) -> bool:
    return text[i - 1 : i].isalpha() and text[i + 1 : i + 2] == "s" and not text[i + 2 : i + 3].isalpha()


def _matches(open_char: str, close_char: str) -> bool:
    """Whether a closer fits an opener; mismatched pairs are accepted only within the family."""
    good = {
        "„": '“”"',
        "“": '”“"',
        "”": "”“",
        '"': '"“”',
        "»": "«»",
        "«": "»«",
        "‚": "‘’'",
        "‘": "’‘'",
        "’": "’‘",
        "'": "'’‘",
        "›": "‹›",
        "‹": "›‹",
    }
    return close_char in good.get(open_char, "")


def pair_quotes(text: str, start: int, end: int, doubled: bool = False, guillemets: bool = False) -> list[QuoteSpan]:
    """Quoted spans of one paragraph ``text[start:end]``, outer before inner, in text order of openers (``doubled``,
    ``guillemets``: see ``classify``)."""
    marks = classify(text, start, end, doubled, guillemets)
    stack: list[tuple[Mark, int]] = []  # (opener, depth)
    spans: list[QuoteSpan] = []
    last_closed_end = start
    for n, m in enumerate(marks):
        if m.closes and not m.opens and not stack and _misplaced_guillemet(marks, n):
            m.opens, m.closes = True, False  # "Gaststätte« Schweizerhaus»": the space on the wrong side
        if m.opens and m.closes:
            top = _open_of(stack, m.family)
            if top is not None and _matches(stack[top][0].char, m.char):
                m.opens = False
            else:
                m.closes = False
        if m.closes:
            idx = _open_of(stack, m.family)
            if idx is not None and _matches(stack[idx][0].char, m.char):
                for opener, depth in stack[idx + 1 :]:  # inner quotes never closed end here
                    spans.append(_span(text, opener.pos + 1, m.pos, opener.pos, None, opener.family, depth))
                opener, depth = stack[idx]
                del stack[idx:]
                spans.append(_span(text, opener.pos + 1, m.pos, opener.pos, m.pos, m.family, depth))
                last_closed_end = m.pos + 1
            elif m.family == DOUBLE and not stack:
                spans.append(_span(text, last_closed_end, m.pos, None, m.pos, m.family, 0))
                last_closed_end = m.pos + 1
            continue
        if m.opens:
            same = _open_of(stack, m.family)
            if same is not None and (m.family == DOUBLE or stack[same][0].char == m.char):
                # a second opener of a level still open: the first was never closed
                for opener, depth in stack[same:]:
                    spans.append(_span(text, opener.pos + 1, m.pos, opener.pos, None, opener.family, depth))
                del stack[same:]
            stack.append((m, len(stack)))
    for opener, depth in stack:
        spans.append(_span(text, opener.pos + 1, end, opener.pos, None, opener.family, depth))
    spans = [s for s in spans if s.end > s.start]
    spans.sort(key=lambda s: (s.start, -s.end))
    _link_parents(spans)
    return spans


_MIRROR = {"«": "»", "»": "«"}


def _misplaced_guillemet(marks: list[Mark], n: int) -> bool:
    """A guillemet that looks like a closer with nothing open, followed by its mirror as a closer: an opener whose
    space slipped to the wrong side ("das Lokal« Zur Schweizer Hütte»"), not a quote running from the paragraph's
    start."""
    m = marks[n]
    nxt = marks[n + 1] if n + 1 < len(marks) else None
    return m.char in _MIRROR and nxt is not None and nxt.char == _MIRROR[m.char] and nxt.closes and not nxt.opens


def _open_of(stack: list[tuple[Mark, int]], family: str) -> int | None:
    for i in range(len(stack) - 1, -1, -1):
        if stack[i][0].family == family:
            return i
    return None


def _span(text: str, s: int, e: int, open_pos: int | None, close_pos: int | None, family: str, depth: int) -> QuoteSpan:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return QuoteSpan(s, e, open_pos, close_pos, family, depth)


def _link_parents(spans: list[QuoteSpan]) -> None:
    """Each span's parent: the nearest earlier span that holds it. ``spans`` are sorted by (start, -end), so only
    spans still open at a span's start can hold it; those are the few kept in ``open_`` (linear, not quadratic, in a
    text of thousands of quotes)."""
    open_: list[int] = []
    for i, s in enumerate(spans):
        s.parent, s.depth = None, 0
        open_ = [j for j in open_ if spans[j].end > s.start]
        for j in reversed(open_):
            p = spans[j]
            if s.end <= p.end and (p.start, p.end) != (s.start, s.end):
                s.parent = j
                s.depth = p.depth + 1
                break
        open_.append(i)
