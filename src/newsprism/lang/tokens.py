"""The token every language pack's tokenizer makes: a word or a mark with its offsets into the document's text."""

from __future__ import annotations

import re
from typing import NamedTuple


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


QUOTE_MARKS = frozenset("„“”\"»«‚‘’'‹›")
DASHES = frozenset("-–—‒―")
SENTENCE_END = frozenset(".!?…")


def regex_tokenizer(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.UNICODE)


def tokenize_with(rx: re.Pattern[str], text: str, start: int, end: int) -> list[Token]:
    """The tokens of ``text[start:end]`` by ``rx`` (searched with pos/endpos: offsets are the document's)."""
    return [Token(m.start(), m.end(), m.group(), m.group().lower()) for m in rx.finditer(text, start, end)]


__all__ = ["DASHES", "QUOTE_MARKS", "SENTENCE_END", "Token", "regex_tokenizer", "tokenize_with"]
