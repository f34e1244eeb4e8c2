"""The speech verb every language pack's lexicon lists: its lemma, the frames it attributes words in, its kind."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Verb:
    lemma: str
    frames: frozenset[str]  # clause | direct | object | to — each lexicon says which it uses
    kind: str = "speech"  # speech | thought | writing


__all__ = ["Verb"]
