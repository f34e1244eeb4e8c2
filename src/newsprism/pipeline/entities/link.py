"""Linking mentions to actors: within the article first (a surname to the full name given earlier, a misspelling
to the usual spelling, "Wladimir Wladimirowitsch" to Putin), then to the registry (names and their spellings,
roles held on the article's date, ages), and a person or body the registry does not know becomes a new actor whose
id comes from its name, so that the same name in another article is the same actor."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from newsprism.lang.de import lexicon as lx
from newsprism.pipeline.entities.mentions import Mention
from newsprism.pipeline.entities.mentions import strip_genitive as _strip_genitive
from newsprism.registry.actors import Actor, ActorRegistry, english_spelling, name_key

# a capital stands for its country when it acts: "Kiew dürfte ablehnen", "äußerten sich Washington und Kiew",
# "aus Moskau gab es einen Kommentar"; not when it is where something happens ("in Kiew", "nach Minsk")
_PLACE_PREPOSITIONS = frozenset("in im nach bei aus von vor hinter über unter zwischen um bis durch gen".split())
_OPENERS = frozenset(("", '"', "„", "“", "»", "«", "‚", "(", "-", "–", ":"))
_SOURCE_WORDS = ("kommentar", "reaktion", "kritik", "signal", "hieß", "verlautete", "erklärung", "antwort", "dementi")


@dataclass(slots=True)
class Link:
    actor: Actor
    how: str  # registry | article | fuzzy | role | age | new | metonymy


def new_actor(name: str, typ: str) -> Actor:
    """A person or body the registry does not know: its id is its type and its name, normalised, so the same
    name in another article is the same actor ("per:mario-nawfal")."""
    key = name_key(english_spelling(name))  # a Cyrillic name's id is its English spelling: "per:aleksandr-shatilov"
    slug = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode() or key
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-") or "x"
    return Actor(f"{typ.lower()}:{slug}", name, typ, source="new")


_INFLECTED: dict[int, dict[str, Actor]] = {}


def _inflected(registry: ActorRegistry) -> dict[str, Actor]:
    """The registry's names of several words by their inflection key (built once per registry)."""
    table = _INFLECTED.get(id(registry))
    if table is None:
        table = {_inflection_key(n): a for a in registry.actors.values() for n in a.names() if len(n.split()) > 1}
        _INFLECTED.clear()
        _INFLECTED[id(registry)] = table
    return table


def _inflection_key(name: str) -> str:
    """ "Europäischen Union" and "Europäische Union", "Weißen Haus" and "Weißes Haus": adjective endings dropped."""
    words = name_key(name).split()
    return " ".join(re.sub(r"(?:en|em|er|es|e)$", "", w) if k < len(words) - 1 else w for k, w in enumerate(words))


class ArticleLinker:
    """Links the mentions of one article, in text order."""

    def __init__(self, registry: ActorRegistry, day: dt.date | None, mentions: list[Mention]) -> None:
        self.registry = registry
        self.day = day
        self.mentions = mentions
        self.links: list[Link | None] = [None] * len(mentions)
        self._inflected = _inflected(registry)

    def run(self) -> list[Link | None]:
        names = [i for i, m in enumerate(self.mentions) if m.kind in ("name", "title")]
        full: dict[str, str] = {}  # surname → the fullest person name in the article
        for i in names:
            m = self.mentions[i]
            words = m.name.split()
            if m.type == "PER" and len(words) >= 2:
                last = _strip_genitive(words[-1])
                if len(words) > len(full.get(last, "").split()):
                    full[last] = m.name
        self.full_names = full
        for i in names:
            self.links[i] = self._name(self.mentions[i])
        # how often each person is named (a quoted mention counts 1, the narrative's 3) and where first: kept up to
        # date as roles are resolved, instead of counted again for each role noun
        self.weight: dict[Actor, int] = {}
        self.first: dict[Actor, int] = {}
        for i in names:
            self._count(i)
        for i, m in enumerate(self.mentions):
            if m.kind == "role":
                self.links[i] = self._role(i, m)
            elif m.kind == "age":
                self.links[i] = self._age(i, m)
            else:
                continue
            self._count(i)
        return self.links

    def _count(self, i: int) -> None:
        link = self.links[i]
        if link is not None and link.actor.type == "PER":
            self.weight[link.actor] = self.weight.get(link.actor, 0) + (1 if self.mentions[i].quoted else 3)
            self.first[link.actor] = min(self.first.get(link.actor, i), i)

    # --- names ---------------------------------------------------------------------------------------------------
    def _name(self, m: Mention) -> Link | None:
        name = m.name
        words = name.split()
        hits = self._registry(name, m.type)
        if hits is not None:
            return self._metonymy(m, Link(hits, "registry"))
        if len(words) > 1 and (m.token == 0 or m.follows in _OPENERS) and lx.is_known_word(words[0]):
            # "Weiß Selenskyj, wohin …": a verb opening the sentence, then a name
            rest = Mention(m.start, m.end, m.type, m.kind, m.text, " ".join(words[1:]), follows=words[0].lower())
            link = self._name(rest)
            if link is not None and link.how != "new":
                return link
        if m.type == "PER" or len(words) == 1:
            last = _strip_genitive(words[-1])
            fuller = self.full_names.get(last) or self._fuzzy_full(last) or self._first_name_full(words)
            if fuller and fuller != name:
                hit = self._registry(fuller, "PER")
                return Link(hit, "article") if hit else Link(new_actor(fuller, "PER"), "article")
            if m.type == "PER" or not lx.is_known_word(last):
                people = self.registry.by_surname(last)
                if len(people) == 1 and not self._other_full_name(last, people[0]):
                    return Link(people[0], "registry")
        guess = self.registry.fuzzy(name) if len(name) >= 6 else None
        if guess is None and m.type == "PER" and len(words) == 1:
            guess = self.registry.fuzzy_surname(words[0])
        if guess is not None and (guess.type == m.type or m.type == "MISC"):
            return Link(guess, "fuzzy")
        if m.type in ("PER", "ORG", "MISC") or (m.type == "LOC" and len(name) > 2):
            return Link(
                new_actor(name if m.type != "PER" else self.full_names.get(_strip_genitive(words[-1]), name), m.type), "new"
            )
        return None

    def _registry(self, name: str, typ: str) -> Actor | None:
        hits = self.registry.by_name(name) or ([self._inflected[k]] if (k := _inflection_key(name)) in self._inflected else [])
        if not hits:
            return None
        typed = [a for a in hits if a.type == typ]
        return (typed or hits)[0]

    def _fuzzy_full(self, last: str) -> str | None:
        """ "Selensyj" beside "Wolodymyr Selenskyj": a misspelt surname of a person the article names in full."""
        if len(last) < 5:
            return None
        best = max(self.full_names, key=lambda k: fuzz.ratio(k, last), default=None)
        if best is not None and fuzz.ratio(best, last) >= 85 and best[:1] == last[:1]:
            return self.full_names[best]
        return None

    def _first_name_full(self, words: list[str]) -> str | None:
        """ "George" beside "George Soros", "Wladimir Wladimirowitsch" beside "Wladimir Putin"."""
        if not lx.is_first_name(words[0]):
            return None
        matches = {f for f in self.full_names.values() if f.split()[0] == words[0]}
        return matches.pop() if len(matches) == 1 else None

    def _other_full_name(self, last: str, actor: Actor) -> bool:
        """The article names someone else of that surname in full ("Mike Johnson", not Boris Johnson)."""
        fuller = self.full_names.get(last)
        return fuller is not None and not self.registry.by_name(fuller)

    def _metonymy(self, m: Mention, link: Link) -> Link:
        country_id = link.actor.capital_of
        country = self.registry.get(country_id) if country_id else None
        if country is None or m.in_dateline:
            return link
        if m.follows == "aus" and any(w in m.after for w in _SOURCE_WORDS):  # "aus Moskau gab es einen Kommentar"
            return Link(country, "metonymy")
        if m.follows in _PLACE_PREPOSITIONS:
            return link
        acts = m.precedes in ("und", "oder") or (m.precedes[:1].islower() and m.precedes.isalpha())
        return Link(country, "metonymy") if acts else link

    # --- role nouns and ages ---------------------------------------------------------------------------------------
    def _role(self, i: int, m: Mention) -> Link | None:
        if m.title is None:
            return None
        if m.of is not None:
            holders = self.registry.holders(m.title, m.of, self.day)
            if len(holders) == 1:
                return Link(holders[0], "role")

        # "der Präsident", "das Staatsoberhaupt": who holds such a role in this article — the one the narrative
        # named in the last sentences, else the one it names most (not the people quoted words speak of)
        def holds(actor: Actor) -> bool:
            return any(r.title == m.title and r.held_on(self.day) and (m.of is None or r.of == m.of) for r in actor.roles)

        for k in range(i - 1, -1, -1):
            other, link = self.mentions[k], self.links[k]
            if other.sentence < m.sentence - 2:
                break
            if link is not None and not other.quoted and link.actor.type == "PER" and holds(link.actor):
                return Link(link.actor, "role")
        for actor in sorted(self.weight, key=lambda a: (-self.weight[a], self.first[a])):
            if holds(actor):
                return Link(actor, "role")
        return None

    def _age(self, i: int, m: Mention) -> Link | None:
        if self.day is None or m.age is None:
            return None
        candidates = {link.actor for link in self.links if link is not None and link.actor.type == "PER"}
        aged = [a for a in candidates if a.age_on(self.day) == m.age]
        return Link(aged[0], "age") if len(aged) == 1 else None
