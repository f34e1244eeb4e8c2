"""The Russian tokenizer the quote and entity stages share: words with their hyphens ("премьер-министр",
"Санкт-Петербург", "5-tv.ru" stays whole), abbreviations with their dots ("т.е.", "г."), numbers, marks."""

from __future__ import annotations

from newsprism.lang.tokens import Token, regex_tokenizer, tokenize_with

_RX = regex_tokenizer(r"(?:т\.е\.|т\.к\.|т\.д\.|т\.п\.|др\.|г\.|гг\.|им\.)|\d+(?:[.,]\d+)*%?|\w+(?:[-‐.]\w+)*|[^\w\s]")


def tokenize(text: str, start: int, end: int) -> list[Token]:
    return tokenize_with(_RX, text, start, end)


__all__ = ["Token", "tokenize"]
