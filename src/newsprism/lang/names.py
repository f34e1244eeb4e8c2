"""Names of people in any language newsprism reads: first names and surnames of many countries (Faker's lists:
``data/person_names.txt.gz``, Latin letters) and the gender of first names (``data/first_name_genders.txt.gz``,
Latin and Cyrillic), which "he"/"she" and "он"/"она" agree with."""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[tuple[str, str]]:
    raw = resources.files("newsprism.data").joinpath(name).read_bytes()
    out = []
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, value = line.partition("\t")
            out.append((word, value))
    return out


@lru_cache(maxsize=1)
def person_names() -> dict[str, str]:
    """First names (F) and surnames (L) of many countries, by the word: "Jens" → "F", "Brown" → "FL"."""
    return dict(_lines("person_names.txt.gz"))


@lru_cache(maxsize=1)
def _genders() -> dict[str, str]:
    return dict(_lines("first_name_genders.txt.gz"))


def first_name_gender(word: str) -> str | None:
    """ "m" or "f" for a first name only one gender bears ("Jens", "Maria", "Вячеслав"), else None."""
    return _genders().get(word)


def is_first_name(word: str) -> bool:
    return "F" in person_names().get(word, "") or word in _genders()


def is_surname(word: str) -> bool:
    return "L" in person_names().get(word, "")


__all__ = ["first_name_gender", "is_first_name", "is_surname", "person_names"]
