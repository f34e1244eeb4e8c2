"""The actor registry: people, organisations, places and things, with their names in German, English and Russian,
spellings generated from the Cyrillic by transliteration rules, and the roles people hold from one date to another.

Sources, all read at once: ``data/actors.yaml`` (written by the developers), ``data/countries.yaml`` (generated from
the Unicode CLDR), the outlet registry (every outlet is an organisation), and the users' files listed in ``$NEWSPRISM_ACTORS``
(separated by ``:``); an entry with an existing id replaces the earlier one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from newsprism.errors import UsageError
from newsprism.registry.outlets import load_outlets

ENV_VAR = "NEWSPRISM_ACTORS"
TYPES = ("PER", "ORG", "LOC", "MISC")


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    of: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def held_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.until is None  # no date known: the roles held now
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    country: str | None = None
    born: dt.date | None = None
    capital_of: str | None = None
    adjectives: tuple[str, ...] = ()  # German adjective stems of a country: "russisch"
    source: str = "registry"

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def age_on(self, day: dt.date) -> int | None:
        if self.born is None:
            return None
        return day.year - self.born.year - ((day.month, day.day) < (self.born.month, self.born.day))

    def ref(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type}


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """How names compare: case, accents kept apart only where German keeps them, dots of initials and spacing
    dropped ("J.D. Vance" = "JD Vance"), genitive apostrophes removed."""
    s = unicodedata.normalize("NFKC", name).casefold()
    s = s.replace("ё", "е")
    s = re.sub(r"[’'`´]s?\b", "", s)
    s = re.sub(r"(?<=\w)\.(?=\w)", "", s)
    s = re.sub(r"[.\u00b7]", "", s)
    s = re.sub(r"[^\w\-]+", " ", s)
    return " ".join(s.split())


def _date(value: Any, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _actor(data: Mapping[str, Any], source: str) -> Actor:
    where = f"{source}: actor {data.get('id')!r}"
    yes_no = [k for k in ("id", "country", "capital_of") if isinstance(data.get(k), bool)]
    yes_no += ["roles: of" for r in data.get("roles") or [] if isinstance(r, Mapping) and isinstance(r.get("of"), bool)]
    if yes_no:  # YAML 1.1 reads a bare no, yes, on or off as true/false: Norway's code "no" became False
        raise UsageError(f'{where}: {", ".join(yes_no)} read as true/false; put the code in quotes ("no")')
    try:
        typ = str(data["type"]).upper()
        if typ not in TYPES:
            raise UsageError(f"{where}: type {typ!r} is none of {', '.join(TYPES)}")
        aliases = data.get("aliases") or []
        if isinstance(aliases, Mapping):  # {de: [...], en: [...], ru: [...]}
            aliases = [a for names in aliases.values() for a in names or []]
        roles = tuple(
            Role(
                str(r["title"]), str(r["of"]) if r.get("of") else None, _date(r.get("since"), where), _date(r.get("until"), where)
            )
            for r in data.get("roles") or []
        )
        return Actor(
            id=str(data["id"]),
            name=str(data["name"]),
            type=typ,
            aliases=tuple(dict.fromkeys(str(a) for a in aliases if str(a) != str(data["name"]))),
            roles=roles,
            country=str(data["country"]) if data.get("country") else None,
            born=_date(data.get("born"), where),
            capital_of=str(data["capital_of"]) if data.get("capital_of") else None,
            adjectives=tuple(str(a) for a in data.get("adjectives") or ()),
            source=source,
        )
    except KeyError as exc:
        raise UsageError(f"{where} lacks the field {exc.args[0]!r}") from None
    except (TypeError, AttributeError) as exc:
        raise UsageError(f"{where} is malformed: {exc}") from None


# --- transliteration: Cyrillic → the Latin spellings German and English news use --------------------------------
_GERMAN = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch", "з": "s", "и": "i", "й": "j",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju",
    "я": "ja", "і": "i", "ї": "ji", "є": "je", "ґ": "g", "ў": "u",
}  # fmt: skip
_ENGLISH = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}  # fmt: skip
_UKRAINIAN_LETTERS = frozenset("іїєґ")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def transliterations(name: str) -> list[str]:
    """Latin spellings of a Cyrillic name as German and English news write it: Зеленський → Selenskyj, Zelenskyy,
    Zelensky …; Лукашенко → Lukaschenko, Lukashenko; Песков → Peskow, Peskov. Latin names give nothing."""
    if not _CYRILLIC.search(name):
        return []
    out = [_spelling(name, scheme) for scheme in ("de", "en")]
    variants = set(out)
    for v in list(variants):  # Selenskyj → Selensky, Selenskij; Zelenskyy → Zelensky, Zelenskiy
        for a, b in (("yj ", "y "), ("yy ", "y "), ("yy ", "iy "), ("yj ", "ij "), ("ij ", "i "), ("y ", "i ")):
            if (v + " ").find(a) >= 0:
                variants.add((v + " ").replace(a, b).strip())
    return sorted(variants - {name})


def _spelling(name: str, scheme: str) -> str:
    """A Cyrillic name in one Latin scheme: "de" (Selenskyj, Peskow) or "en" (Zelenskyy, Peskov)."""
    low = name.lower()
    ukrainian = any(c in _UKRAINIAN_LETTERS for c in low) or low.endswith(("ський", "цький"))
    table = _GERMAN if scheme == "de" else _ENGLISH
    words = []
    for word in name.split():
        w = word.lower()
        w = re.sub(r"ий$", "yj" if scheme == "de" and ukrainian else ("yy" if ukrainian else ("i" if scheme == "de" else "y")), w)
        w = re.sub(r"ый$", "y", w)
        if ukrainian:
            w = w.replace("и", "y").replace("г", "h")
        w = re.sub(r"(?<=[аеиоуыэюяіїє])е", "je" if scheme == "de" else "ye", w) if scheme == "de" else w
        latin = "".join(table.get(c, c) for c in w)
        words.append(latin[:1].upper() + latin[1:])
    return " ".join(words)


def english_spelling(name: str) -> str:
    """A Cyrillic name as English news write it (Песков → Peskov); other names as they are."""
    return _spelling(name, "en") if _CYRILLIC.search(name) else name


# --- the registry ------------------------------------------------------------------------------------------------
@dataclass(slots=True)
class ActorRegistry:
    actors: dict[str, Actor] = field(default_factory=dict)
    _by_key: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    _by_last: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    _by_role: dict[tuple[str, str | None], list[tuple[str, Role]]] = field(default_factory=lambda: defaultdict(list))
    _by_adjective: dict[str, str] = field(default_factory=dict)
    _keys: list[str] = field(default_factory=list)
    _keys_by_initial: dict[str, list[str]] = field(default_factory=dict)

    def add(self, actor: Actor) -> None:
        self.actors[actor.id] = actor

    def build(self) -> ActorRegistry:
        self._by_key.clear()
        self._by_last.clear()
        self._by_role.clear()
        self._by_adjective.clear()
        for a in self.actors.values():
            names = list(a.names())
            for n in list(names):
                names.extend(transliterations(n))
            for n in dict.fromkeys(names):
                k = name_key(n)
                if k and a.id not in self._by_key[k]:
                    self._by_key[k].append(a.id)
                words = k.split()
                if a.type == "PER" and len(words) >= 2 and a.id not in self._by_last[words[-1]]:
                    self._by_last[words[-1]].append(a.id)
            for r in a.roles:
                self._by_role[(r.title, r.of)].append((a.id, r))
                self._by_role[(r.title, None)].append((a.id, r))
            for adj in a.adjectives:
                self._by_adjective[adj.lower()] = a.id
        self._keys = list(self._by_key)
        self._keys_by_initial = {}
        for k in self._keys:
            self._keys_by_initial.setdefault(k[:1], []).append(k)
        return self

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def by_name(self, name: str) -> list[Actor]:
        """Actors one of whose names (or transliterations) is ``name``, as written or in the genitive ("Putins")."""
        k = name_key(name)
        ids = self._by_key.get(k) or (self._by_key.get(k[:-1]) if k.endswith("s") and len(k) > 3 else None) or []
        return [self.actors[i] for i in ids]

    def by_surname(self, word: str) -> list[Actor]:
        """People whose last name is ``word`` ("Lukaschenko", "Selenskyjs")."""
        k = name_key(word)
        ids = self._by_last.get(k) or (self._by_last.get(k[:-1]) if k.endswith("s") and len(k) > 3 else None) or []
        return [self.actors[i] for i in ids]

    def fuzzy(self, name: str, cutoff: float = 88.0) -> Actor | None:
        """The actor whose name is closest to a misspelt ``name`` ("Selensyj"), if one is close enough."""
        k = name_key(name)
        if len(k) < 5:
            return None
        hit = process.extractOne(k, self._keys_by_initial.get(k[:1], ()), scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit is None:
            return None
        ids = self._by_key[hit[0]]
        return self.actors[ids[0]] if len(ids) == 1 else None

    def fuzzy_surname(self, word: str, cutoff: float = 85.0) -> Actor | None:
        k = name_key(word)
        if len(k) < 5:
            return None
        hit = process.extractOne(k, list(self._by_last), scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit is None or hit[0][:1] != k[:1]:
            return None
        ids = self._by_last[hit[0]]
        return self.actors[ids[0]] if len(ids) == 1 else None

    def matching(self, query: str) -> list[Actor]:
        """Actors a user's query names, in any script and spelling: a full name, a surname, or a close misspelling
        ("Лукашенко", "Lukashenko", "Selensyj")."""
        fuzzy = self.fuzzy(query)
        found = [*self.by_name(query), *self.by_surname(query), *([fuzzy] if fuzzy else [])]
        return list({a.id: a for a in found}.values())

    def holders(self, title: str, of: str | None, day: dt.date | None) -> list[Actor]:
        """Who held ``title`` (of a country or organisation, or of any when ``of`` is None) on ``day``."""
        return [self.actors[i] for i, r in self._by_role.get((title, of), []) if r.held_on(day)]

    def country_of_adjective(self, adjective: str) -> str | None:
        """ "russischen" → "ru": the country of a German adjective, whatever its ending."""
        w = adjective.lower()
        for stem_len in range(len(w), 3, -1):
            hit = self._by_adjective.get(w[:stem_len])
            if hit is not None and len(w) - stem_len <= 3:
                return hit
        return None


def _read_yaml(text: str, source: str, key: str) -> list[Mapping[str, Any]]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise UsageError(f"{source}: not valid YAML: {exc}") from None
    items = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(items, list):
        raise UsageError(f"{source}: expected a top-level '{key}:' list")
    return items


def _bundled_entries() -> Iterable[Actor]:
    data = resources.files("newsprism.data")
    for item in _read_yaml(data.joinpath("countries.yaml").read_text(encoding="utf-8"), "countries.yaml", "countries"):
        yield _actor({**item, "type": "LOC", "country": item["id"]}, "countries")
    for item in _read_yaml(data.joinpath("actors.yaml").read_text(encoding="utf-8"), "actors.yaml", "actors"):
        yield _actor(item, "registry")


@lru_cache(maxsize=8)
def load_actors(extra: tuple[str, ...] = ()) -> ActorRegistry:
    """The bundled registry with the outlets, then the files in $NEWSPRISM_ACTORS, then ``extra``."""
    reg = ActorRegistry()
    for actor in _bundled_entries():
        reg.add(actor)
    for o in load_outlets().outlets.values():  # ids of their own: the outlet "fr" is not France
        reg.add(Actor(f"outlet:{o.id}", o.name, "ORG", aliases=o.aliases, country=None, source="outlets"))
    for path in [*filter(None, os.environ.get(ENV_VAR, "").split(os.pathsep)), *extra]:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{path}: cannot read the actor file: {exc}") from None
        for item in _read_yaml(text, path, "actors"):
            reg.add(_actor(item, path))
    return reg.build()
