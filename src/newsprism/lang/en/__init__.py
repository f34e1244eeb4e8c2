"""English: the agencies and papers newsprism compares (Reuters, AP, BBC, the Guardian) and the English editions of
state media (TASS, RT, BelTA, Xinhua) — speech verbs, role nouns, pronouns (``lexicon``) and the date words
(``dates``)."""

from __future__ import annotations

from newsprism.lang import LanguagePack
from newsprism.lang.en.dates import RULES

PACK = LanguagePack(code="en", name="English", quote_marks=("“", "”"), inner_marks=("‘", "’"), snowball="english", dates=RULES)

__all__ = ["PACK"]
