"""German: the language newsprism was first built for — speech verbs, role nouns, the tokenizer and the chunker the
quote and entity stages share (``lexicon``, ``tokens``), and the date words (``dates``)."""

from __future__ import annotations

from newsprism.lang import LanguagePack
from newsprism.lang.de.dates import RULES

PACK = LanguagePack(code="de", name="German", quote_marks=("„", "“"), inner_marks=("‚", "‘"), snowball="german", dates=RULES)

__all__ = ["PACK"]
