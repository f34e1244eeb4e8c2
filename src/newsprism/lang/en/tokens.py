"""The English tokenizer the quote and entity stages share: words with their apostrophes and hyphens
("Russia’s", "Secretary-General", "don't"), abbreviations with their dots ("U.S.", "Dr."), numbers, marks."""

from __future__ import annotations

from newsprism.lang.tokens import Token, regex_tokenizer, tokenize_with

_ABBREVIATIONS = r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Rev|St|Sen|Rep|Gov|Jr|Sr|Adm|Capt|Maj|Brig|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|No|Vol|vs|etc)\."
_RX = regex_tokenizer(rf"(?:[A-Za-z]\.){{2,}}|{_ABBREVIATIONS}|\$?\d+(?:[.,]\d+)*%?|\w+(?:[-‐'’]\w+)*|[^\w\s]")


def tokenize(text: str, start: int, end: int) -> list[Token]:
    return tokenize_with(_RX, text, start, end)


def base(word: str) -> str:
    """A word without its possessive: "Russia’s" → "Russia", "NATO's" → "NATO", "allies’" stays."""
    if len(word) > 2 and word[-2] in "’'" and word[-1] in "sS":
        return word[:-2]
    return word


def is_possessive(word: str) -> bool:
    return base(word) != word


__all__ = ["Token", "base", "is_possessive", "tokenize"]
