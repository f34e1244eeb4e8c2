"""Small text helpers shared by stages: lines with offsets, tokens with offsets, matching keys.

Nothing here changes a document's text; normalization is only ever applied to copies used
for comparing strings.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Whitespace as scraped pages have it: NBSP, thin and zero-width spaces included.
SPACE_CHARS = (
    " \t\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff"
)
LINE_BREAKS = "\n\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"

OPEN_QUOTES = "„“”\"«»‚‘’‹›'"
SENTENCE_END = ".!?…"
CLOSERS = "\"“”»«‘’'‹›)]"

_LINE_RE = re.compile(r"[^\n]*")
_TOKEN_RE = re.compile(r"\w+(?:[-'’.]\w+)*\.?|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the text: ``start``/``end`` bound its content with surrounding whitespace stripped."""

    index: int
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


def lines(text: str) -> list[Line]:
    """Non-blank lines split on ``\\n``, each stripped of surrounding whitespace (offsets index ``text``)."""
    out: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        lstart = pos + (len(raw) - len(raw.lstrip(SPACE_CHARS + LINE_BREAKS)))
        lend = pos + len(raw.rstrip(SPACE_CHARS + LINE_BREAKS))
        if lend > lstart:
            out.append(Line(i, lstart, lend))
        pos += len(raw) + 1
    return out


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with whitespace."""
    while start < end and (text[start] in SPACE_CHARS or text[start] in LINE_BREAKS):
        start += 1
    while end > start and (text[end - 1] in SPACE_CHARS or text[end - 1] in LINE_BREAKS):
        end -= 1
    return start, end


QUOTE_AND_SPACE = SPACE_CHARS + LINE_BREAKS + "„“”\"»«‚‘’'–-"


def strip_marks(text: str, start: int, end: int, also: str = "") -> tuple[int, int]:
    """Shrink ``[start, end)`` past spaces, quote marks and dashes at either end (and the characters of ``also`` at
    its end): evidence is the words, not the marks around them."""
    while start < end and text[start] in QUOTE_AND_SPACE:
        start += 1
    while end > start and (text[end - 1] in QUOTE_AND_SPACE or text[end - 1] in also):
        end -= 1
    return start, end


def tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Word and punctuation tokens of ``text[start:end]`` as offsets into ``text``."""
    for m in _TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        yield m.start(), m.end()


def words(text: str) -> list[str]:
    return re.findall(r"\w+(?:[-'’]\w+)*", text)


def match_key(text: str) -> str:
    """A comparison key: NFKC, case-folded, unified quote marks and dashes, single spaces."""
    s = unicodedata.normalize("NFKC", text).casefold()
    s = re.sub(r"[„“”«»‚‘’‹›\"']", '"', s)
    s = re.sub(r"[‐‑‒–—―]", "-", s)
    return " ".join(s.split())


_UNSAFE_FOR_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` for one line of a terminal: control characters (newlines, ANSI escapes) and bidirectional overrides
    shown as ``\\n``, ``\\x1b``, ``\\u202e`` — a file name can neither forge an output line nor drive the terminal."""

    def escape(m: re.Match[str]) -> str:
        return m.group().encode("unicode_escape").decode("ascii")

    return _UNSAFE_FOR_TERMINAL.sub(escape, text)


class Intervals:
    """A set of character ranges, merged and sorted once, asked by bisection: what ``any(s <= pos < e for s, e in
    ranges)`` asks, in logarithmic rather than linear time (a text of thousands of quotes or mentions)."""

    __slots__ = ("ends", "starts")

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(r for r in ranges if r[1] > r[0]):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def covers(self, pos: int) -> bool:
        """Some range holds ``pos``."""
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]

    def overlaps(self, start: int, end: int) -> bool:
        """Some range shares a character with ``[start, end)``."""
        k = bisect_right(self.starts, end - 1) - 1
        return k >= 0 and self.ends[k] > start
