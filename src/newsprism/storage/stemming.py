"""Snowball stems for full-text search (SQLite FTS5 has no German stemmer of its own)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_ALGORITHMS = {"de": "german", "en": "english", "ru": "russian", "fr": "french", "it": "italian", "es": "spanish", "nl": "dutch"}
SEARCH_LANGUAGES = ("de", "en", "ru")
_WORD_RE = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=16)
def _stemmer(language: str) -> Any:
    import Stemmer

    return Stemmer.Stemmer(_ALGORITHMS.get(language, "german"))


def terms(text: str) -> list[str]:
    return [w.casefold() for w in _WORD_RE.findall(text)]


def stem_text(text: str, language: str | None) -> str:
    """The stems of ``text``'s words, space-separated, for an FTS5 column."""
    return " ".join(_stemmer(language or "de").stemWords(terms(text)))


def stems(word: str, languages: tuple[str, ...] = SEARCH_LANGUAGES) -> list[str]:
    """The stems of one query word under each language's stemmer, without repeats."""
    w = word.casefold()
    out: list[str] = []
    for lang in languages:
        s = _stemmer(lang).stemWord(w)
        if s not in out:
            out.append(s)
    return out
