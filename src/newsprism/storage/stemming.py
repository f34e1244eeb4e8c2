"""Snowball stems for full-text search (SQLite FTS5 has no German stemmer of its own), and the fields a backend's
full-text index takes from an article: computed beside the analysis, in the worker, by any backend's writer."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from newsprism.document import Document

_ALGORITHMS = {"de": "german", "en": "english", "ru": "russian", "fr": "french", "it": "italian", "es": "spanish", "nl": "dutch"}
SEARCH_LANGUAGES = ("de", "en", "ru")
# A word as SQLite FTS5's unicode61 tokenizer reads one: letters and digits with the combining marks that follow
# them ("spa\u0308testens" is one word, not "spa" and "testens"); the underscore separates, as there.
_MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD_RE = re.compile(rf"[^\W_][^\W_{_MARKS}]*(?:[{_MARKS}]+[^\W_]*)*", re.UNICODE)


@lru_cache(maxsize=16)
def _stemmer(language: str) -> Any:
    import Stemmer

    return Stemmer.Stemmer(_ALGORITHMS.get(language, "german"))


def terms(text: str) -> list[str]:
    return [(w if w.isascii() else unicodedata.normalize("NFC", w)).casefold() for w in _WORD_RE.findall(text)]


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


class SearchFields(NamedTuple):
    """What the full-text index holds of an article: title and body, and their Snowball stems."""

    title: str
    body: str
    title_stem: str
    body_stem: str


def _body_text(doc: Document) -> str:
    return "\n".join(doc.span_text(p) for p in doc.layer("paragraphs") if p.label != "title") or doc.text


def search_fields(doc: Document) -> SearchFields:
    """Title, body and their stems in the article's language. Ingest workers compute them beside the analysis
    (``Outcome.search``), so the one process that writes the database does not stem every article."""
    title, body, lang = doc.meta.get("title") or "", _body_text(doc), doc.meta.get("language")
    return SearchFields(title, body, stem_text(title, lang), stem_text(body, lang))
