"""Build src/newsprism/data/first_name_genders.txt.gz: first names of many countries (Latin and Cyrillic) with the
gender a pronoun agrees with, for "he"/"she", "он"/"она" looking back for their speaker.

    pip install faker && python scripts/build_name_genders.py

Source: the person-name lists of Faker (https://github.com/joke2k/faker, MIT licence), all its locales. A name is
"m" when Faker lists it only as a male first name, "f" only as a female one; names listed as both ("Andrea",
"Sasha") are left out, so that a pronoun is never resolved on a guess. Cyrillic names also give their Latin
transliterations ("Дмитрий" → Dmitry, Dmitri, Dmitrij), as English and German news spell them. Each line: the name, a tab, m or f.
"""

from __future__ import annotations

import gzip
import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsprism.registry.actors import transliterations  # noqa: E402

OUT = ROOT / "src" / "newsprism" / "data" / "first_name_genders.txt.gz"


def _words(names: object) -> set[str]:
    if isinstance(names, dict):
        names = list(names)
    if not isinstance(names, (list, tuple, set, frozenset)):
        return set()
    out = set()
    for n in names:
        w = str(n).strip()
        if len(w) > 1 and w[0].isupper() and w.replace("-", "").isalpha() and " " not in w:
            out.add(w)
    return out


def main() -> None:
    import faker.providers.person as person

    male: set[str] = set()
    female: set[str] = set()
    for m in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{m.name}").Provider
        male |= _words(getattr(provider, "first_names_male", None))
        female |= _words(getattr(provider, "first_names_female", None))
    for names in (male, female):
        names |= {t for n in list(names) for t in transliterations(n)}
    lines = [f"{w}\tm" for w in sorted(male - female)] + [f"{w}\tf" for w in sorted(female - male)]
    lines.sort()
    header = "# First names and their gender from Faker's locales (MIT licence); built by scripts/build_name_genders.py\n"
    OUT.write_bytes(gzip.compress((header + "\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(lines)} names ({len(male - female)} male, {len(female - male)} female) → {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
