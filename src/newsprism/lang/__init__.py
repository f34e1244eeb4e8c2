"""Language packs: what newsprism knows of a language, in one package per language.

A pack holds a language's words (speech verbs, role nouns, pronouns), its quotation marks, its date words and
the way its words are lemmatised; stages read the pack of the document's language and declare which languages
they serve, so that an article in a language without a pack is skipped visibly instead of being read with German
rules. Packs are imported when first asked for: the Russian morphology is loaded only for Russian text.

    from newsprism.lang import pack
    pack("ru").quote_marks   # ("«", "»")
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsprism.lang.dates import DateRules

#: The languages with a pack, in the order they were added.
PACKS = ("de", "en", "ru")
#: The language read when an article is too short to tell (the first wave's, and the bundled examples').
DEFAULT_LANGUAGE = "de"


@dataclass(frozen=True, slots=True)
class LanguagePack:
    """One language's knowledge, as the stages read it."""

    code: str
    name: str
    quote_marks: tuple[str, str]  # how a quote is shown to users: „…“, “…”, «…»
    inner_marks: tuple[str, str]  # a quote inside a quote: ‚…‘, ‘…’, „…“
    snowball: str | None  # the Snowball stemmer's name for search
    dates: DateRules | None = field(default=None, repr=False)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def quoted(self, text: str) -> str:
        """``text`` in this language's quotation marks."""
        return f"{self.quote_marks[0]}{text}{self.quote_marks[1]}"


@cache
def pack(code: str | None) -> LanguagePack | None:
    """The pack of language ``code`` (ISO 639-1), or None when newsprism has none for it."""
    if code is None:
        code = DEFAULT_LANGUAGE
    if code not in PACKS:
        return None
    module = importlib.import_module(f"newsprism.lang.{code}")
    found: LanguagePack = module.PACK
    return found


def pack_for(language: str | None) -> LanguagePack:
    """The pack to read an article in ``language`` with; the default language's when it has none."""
    return pack(language) or pack(DEFAULT_LANGUAGE)  # type: ignore[return-value]


def quoted(text: str, language: str | None) -> str:
    """``text`` in the quotation marks of ``language`` (the default's when it has no pack)."""
    return pack_for(language).quoted(text)


__all__ = ["DEFAULT_LANGUAGE", "PACKS", "LanguagePack", "pack", "pack_for", "quoted"]
