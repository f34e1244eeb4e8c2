"""Russian: the state media's own language (TASS, RIA Novosti, BelTA, RT, Izvestia) — speech verbs, role nouns and
pronouns (``lexicon``), the morphology that turns "Пескова" into "Песков" (``morph``, pymorphy3) and the date words
(``dates``)."""

from __future__ import annotations

from newsprism.lang import LanguagePack
from newsprism.lang.ru.dates import RULES

PACK = LanguagePack(code="ru", name="Russian", quote_marks=("«", "»"), inner_marks=("„", "“"), snowball="russian", dates=RULES)

__all__ = ["PACK"]
