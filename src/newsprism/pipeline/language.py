"""Language of the article body (not of its navigation), by lingua restricted to the languages newsprism reads."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from newsprism.document import Document
from newsprism.pipeline.base import StageBase

SUPPORTED = ("de", "en", "ru", "uk", "be", "fr", "it", "es", "pl", "nl")
SAMPLE_CHARS = 600  # lingua is reliable from about 120 characters; more costs time, not accuracy
_LETTERS = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in SUPPORTED]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when there is too little text to tell."""
    if len(_LETTERS.findall(text, 0, SAMPLE_CHARS)) < 20:
        return None
    lang = _detector().detect_language_of(text[:SAMPLE_CHARS])
    return lang.iso_code_639_1.name.lower() if lang is not None else None


class LanguageStage(StageBase):
    """Sets ``meta['language']`` from the article paragraphs, or from the input's own declaration."""

    name = "language"
    requires = ("paragraphs",)
    assigns = ("language",)

    def __call__(self, doc: Document) -> Document:
        given = doc.source.hints.get("language")
        if given:
            doc.meta["language"] = str(given).lower()[:2]
            return doc
        sample, size = [], 0
        for p in doc.layer("paragraphs"):
            sample.append(doc.span_text(p))
            size += p.end - p.start
            if size >= SAMPLE_CHARS:
                break
        doc.meta["language"] = detect_language("\n".join(sample) or doc.text)
        return doc
