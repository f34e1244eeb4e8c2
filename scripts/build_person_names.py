"""Build src/newsprism/data/person_names.txt.gz: first names and surnames of many countries, for the NER's features.

    pip install faker && python scripts/build_person_names.py

Source: the person-name lists of Faker (https://github.com/joke2k/faker, MIT licence), all its locales; only names
written in Latin letters are kept (German news spells foreign names in Latin letters), and words that German uses as
function words, months or weekdays ("Die", "Mai", "Freitag") are left out. Each line: the name, a tab, and F (first
name), L (surname) or FL (both). The NER reads this as a feature, not as a rule: a word on the list can still be a
common noun ("Bauer", "Koch"), and the model weighs that by the word's other features.
"""

from __future__ import annotations

import gzip
import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprism.lang.de import lexicon as lx  # noqa: E402

OUT = ROOT / "src" / "newsprism" / "data" / "person_names.txt.gz"
FIRST = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
LAST = ("last_names", "last_names_male", "last_names_female")


def _words(names: object) -> set[str]:
    if isinstance(names, dict):
        names = list(names)
    if not isinstance(names, (list, tuple, set, frozenset)):
        return set()
    out = set()
    for n in names:
        for w in str(n).replace("-", " ").split():
            if len(w) > 1 and w[0].isupper() and w.isalpha() and all(ord(c) < 0x250 for c in w):
                out.add(w)
    return out


def _excluded(word: str) -> bool:
    low = word.lower()
    return any(
        low in s for s in (lx.DETERMINERS, lx.PREPOSITIONS, lx.SUBORDINATORS, lx.COORDINATORS, lx.SUBJECT_PRONOUNS, lx.TIME_NOUNS)
    )


def main() -> None:
    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for m in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{m.name}").Provider
        for attr in FIRST:
            first |= _words(getattr(provider, attr, None))
        for attr in LAST:
            last |= _words(getattr(provider, attr, None))
    lines = []
    for w in sorted(first | last):
        if not _excluded(w):
            lines.append(f"{w}\t{'F' if w in first else ''}{'L' if w in last else ''}")
    header = (
        "# Person names (first names F, surnames L) from Faker's locales (MIT licence); built by scripts/build_person_names.py\n"
    )
    OUT.write_bytes(gzip.compress((header + "\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(lines)} names ({len(first)} first, {len(last)} surnames) → {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
