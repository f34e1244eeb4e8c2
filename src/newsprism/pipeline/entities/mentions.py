"""Mentions of people, organisations, places and things in one sentence: names found by the NER and the registry,
titles before names ("US-Präsident Trump"), role nouns that stand for a person ("der belarussische Machthaber",
"das Staatsoberhaupt", "der 70-Jährige")."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from newsprism.lang.de import lexicon as lx
from newsprism.lang.de.tokens import token_spans
from newsprism.pipeline.entities import ner
from newsprism.registry.actors import ActorRegistry
from newsprism.text import Intervals

DETERMINERS = frozenset("der die das des dem den".split())
# German role nouns → registry titles; compounds are read by their last part ("Kremlsprecher" → spokesperson)
TITLES: dict[str, str] = {
    "präsident": "president",
    "staatspräsident": "president",
    "staatschef": "president",
    "staatsoberhaupt": "president",
    "machthaber": "president",
    "herrscher": "president",
    "bundespräsident": "president",
    "regierungschef": "head_of_government",
    "premierminister": "head_of_government",
    "ministerpräsident": "head_of_government",
    "premier": "head_of_government",
    "kanzler": "head_of_government",
    "bundeskanzler": "head_of_government",
    "außenminister": "foreign_minister",
    "chefdiplomat": "foreign_minister",
    "verteidigungsminister": "defence_minister",
    "sprecher": "spokesperson",
    "pressesprecher": "press_secretary",
    "vizepräsident": "vice_president",
    "generalsekretär": "secretary_general",
    "kommissionspräsident": "commission_president",
    "kommissionschef": "commission_president",
    "ratspräsident": "council_president",
    "parlamentspräsident": "parliament_president",
    "außenbeauftragte": "high_representative",
    "könig": "monarch",
    "monarch": "monarch",
    "papst": "pope",
    "revolutionsführer": "supreme_leader",
    "bürgermeister": "mayor",
    "oberbürgermeister": "mayor",
    "oberbefehlshaber": "commander_in_chief",
    "generalstabschef": "chief_of_general_staff",
    "sondergesandte": "envoy",
    "sondergesandter": "envoy",
    "gesandte": "envoy",
    "oppositionsführer": "opposition_leader",
}
# the first part of a compound role noun that says whose role it is ("Kremlsprecher", "US-Präsident")
PREFIXES: dict[str, str] = {
    "kreml": "kremlin",
    "us": "us",
    "eu": "eu",
    "nato": "nato",
    "un": "un",
    "uno": "un",
    "russland": "ru",
    "regierungs": "de-government",
}


@dataclass(slots=True)
class Mention:
    start: int  # character offsets into the document
    end: int
    type: str  # PER | ORG | LOC | MISC
    kind: str  # name | title | role | age
    text: str
    name: str  # the part that names (without a title before it); for a role, the role noun phrase
    title: str | None = None  # registry title of a role noun
    of: str | None = None  # whose role: a country code or organisation id
    age: int | None = None
    sentence: int = 0
    token: int = 0  # index of the mention's first word in its sentence
    follows: str = ""  # the word before the mention (lower case)
    precedes: str = ""  # the word after it
    after: str = ""  # the next few words (lower case), for "aus Moskau gab es einen Kommentar"
    quoted: bool = False  # inside someone's quoted words
    sure: bool = False  # a name the NER found with a margin of ner.SURE_MARGIN or more
    in_dateline: bool = False


def role_of(word: str, registry: ActorRegistry) -> tuple[str, str | None] | None:
    """(title, of) of a role noun: "Präsidenten" → president; "Kremlsprecher" → spokesperson of the Kremlin;
    "US-Präsident" → president of the US. None for other words."""
    w = word.lower().strip(".")
    prefix = None
    if "-" in w:
        head, _, w = w.rpartition("-")
        prefix = PREFIXES.get(head) or registry.country_of_adjective(head) or _country_code(head, registry)
    for form in (
        w,
        w.removesuffix("en"),
        w.removesuffix("n"),
        w.removesuffix("s"),
        w.removesuffix("in"),
        w.removesuffix("innen"),
    ):
        if form in TITLES:
            return TITLES[form], prefix
    for pre, owner in PREFIXES.items():  # "kremlsprecher"
        if w.startswith(pre) and len(w) > len(pre) + 3:
            rest = w[len(pre) :]
            for form in (rest, rest.removesuffix("en"), rest.removesuffix("n"), rest.removesuffix("in")):
                if form in TITLES:
                    return TITLES[form], prefix or owner
    return None


def _country_code(word: str, registry: ActorRegistry) -> str | None:
    hits = [a for a in registry.by_name(word) if a.type == "LOC" and a.id == (a.country or "")]
    return hits[0].id if hits else None


_AGE = re.compile(r"^(\d{1,3})-[Jj]ährige[rn]?$")


def sentence_mentions(
    text: str,
    start: int,
    end: int,
    model: ner.NerModel | None,
    gazetteer: Callable[[str], str | None],
    registry: ActorRegistry,
    sentence: int = 0,
    nouns: frozenset[str] | set[str] = frozenset(),
) -> list[Mention]:
    starts, ends, words = token_spans(text, start, end)
    toks = list(zip(starts, ends, words, strict=True))
    spans: list[tuple[int, int, str]] = []
    word_runs = ner.runs(words)
    if model is not None:
        found = ner.tag(words, model, gazetteer, word_runs)
        found = [(s, e, t, m) for s, e, t, m in found if e - s > 1 or _single_name(words[s], t, gazetteer, registry, m, nouns)]
        spans = [_without_leading_nouns(words, s, e, t, registry) for s, e, t, _ in found]
        sure = {span for span, (_, _, _, m) in zip(spans, found, strict=True) if m >= ner.SURE_MARGIN}
    else:
        sure = set()
    spans = _registry_spans(words, word_runs, spans, gazetteer, registry)
    out: list[Mention] = []
    taken = [False] * len(words)
    for s, e, typ in spans:
        s0 = s
        while (
            s0 > 0
            and _is_title(words[s0 - 1], registry)
            and not taken[s0 - 1]
            and not _other_country(words, s0 - 1, " ".join(words[s:e]), registry)
        ):
            s0 -= 1  # "US-Präsident Trump", "Kremlsprecher Dmitri Peskow", "US-Magazin Time"
        for k in range(s0, e):
            taken[k] = True
        out.append(_mention(toks, words, s0, e, typ, "title" if s0 < s else "name", text, sentence, name_from=s))
        out[-1].sure = (s, e, typ) in sure
    out.extend(_role_mentions(toks, words, taken, registry, text, sentence))
    return sorted(out, key=lambda m: m.start)


def strip_genitive(word: str) -> str:
    """ "Selenskyjs" → "Selenskyj", "Trump's" → "Trump"; "Markus", "Klaus", "Paus" are left as they are."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "os", "is", "as")):
        return word[:-1]
    return word.removesuffix("’s").removesuffix("'s")


def repeated_names(mentions: Sequence[Mention]) -> dict[str, str]:
    """The one-word names an article has used, with their types: the surnames of the people it names in full
    ("Petra Pau", "Ayaan Hirsi Ali") when they read as names (a word the German dictionary does not know, or a known
    surname: "Müller"), and the one-word names the NER was sure of ("Porsche", "BMW"): a name is one thing
    throughout an article, but a word the model was unsure of once is not made a name everywhere."""
    out: dict[str, str] = {}
    for m in mentions:
        words = m.name.split()
        if m.kind not in ("name", "title") or m.type not in ("PER", "ORG", "LOC"):
            continue
        if m.type == "PER" and len(words) >= 2:
            last = words[-1]
            plain = len(last) >= 3 and last[:1].isupper() and last[1:].islower()
            if plain and (not lx.is_known_word(last) or "L" in ner.person_names().get(last, "")):
                out.setdefault(last, "PER")
        elif len(words) == 1 and m.kind == "name" and m.sure:
            word = strip_genitive(words[0])
            if len(word) >= 3 and word[:1].isupper() and (word[1:].islower() or word.isupper()):
                out.setdefault(word, m.type)
    return out


def repeated_mentions(
    text: str, sentences: Sequence[tuple[int, int]], names: dict[str, str], taken: Sequence[tuple[int, int]]
) -> list[Mention]:
    """Each of ``names`` (``repeated_names``) wherever no mention covers it: a surname alone ("Pau: Das Maut-System
    wurde …", "Alis Rede"), a company the NER was sure of once and not the next time. ``sentences``: (start, end)
    of the sentences to read, by index; ``taken``: the spans of the mentions found so far."""
    if not names:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")s?\b")
    starts = [a for a, _ in sentences]
    tokens: dict[int, tuple[list[int], list[int], list[str]]] = {}  # a sentence's tokens, read once
    out: list[Mention] = []
    covered = Intervals(taken)
    for hit in pattern.finditer(text):
        a, b = hit.span()
        typ = names.get(strip_genitive(hit.group()))
        if typ is None or covered.overlaps(a, b):
            continue
        n = bisect_right(starts, a) - 1
        if n < 0 or b > sentences[n][1]:
            continue
        if n not in tokens:
            tokens[n] = token_spans(text, *sentences[n])
        t_starts, t_ends, words = tokens[n]
        k = bisect_left(t_starts, a)
        if k < len(t_starts) and t_starts[k] == a and t_ends[k] == b:
            out.append(_mention(list(zip(t_starts, t_ends, words, strict=True)), words, k, k + 1, typ, "name", text, n))
    return out


def _without_leading_nouns(words: Sequence[str], s: int, e: int, typ: str, registry: ActorRegistry) -> tuple[int, int, str]:
    """A person does not start with a common noun: "Besuch Selenskyjs" is a visit and Selenskyj (titles such as
    "Präsident" are kept: they are added back as the mention's title)."""
    if typ != "PER":
        return s, e, typ
    while e - s > 1 and _common_noun(words[s]) and not _is_title(words[s], registry):
        s += 1
    return s, e, typ


@lru_cache(maxsize=32768)
def _common_noun(word: str) -> bool:
    """A capitalised word the German dictionary knows that is no first name and no role: "Besuch", "Treffen"."""
    if word.lower() in lx.DETERMINERS:
        return True
    if "-" in word and all(lx.is_first_name(p) for p in word.split("-")):
        return False  # "Hans-Peter"
    if "F" in ner.person_names().get(word, ""):
        return False  # "Holger Zastrow", "Uli Hoeneß": first names the German dictionary also knows
    return word[:1].isupper() and lx.is_known_word(word) and not lx.is_first_name(word) and not lx.is_role_noun(word)


def _other_country(words: Sequence[str], title: int, name: str, registry: ActorRegistry) -> bool:
    """ "lädt der belarussische Präsident Wolodymyr Selenskyj ein": the role is Belarus's, the named person is
    Ukraine's, so the name is not the role's apposition."""
    country = None
    k = title - 1
    while k >= 0 and words[k][:1].islower() and words[k].isalpha() and title - k <= 3:
        country = country or registry.country_of_adjective(words[k])
        k -= 1
    if country is None:
        return False
    people = registry.by_name(name) or registry.by_name(name.split()[0]) or []
    return any(p.type == "PER" and p.country and p.country != country for p in people)


def _is_title(word: str, registry: ActorRegistry) -> bool:
    if not word[:1].isupper():
        return False
    if lx.is_role_noun(word) or role_of(word, registry) is not None:
        return True
    head, dash, tail = word.rpartition("-")
    return bool(dash) and bool(head) and tail[:1].isupper() and (lx.is_institution_noun(tail) or tail.lower() in _DESCRIPTORS)


_DESCRIPTORS = frozenset("magazin zeitung sender agentur nachrichtenagentur konzern unternehmen portal blatt".split())


def _mention(
    toks: Sequence[tuple[int, int, str]],
    words: Sequence[str],
    s: int,
    e: int,
    typ: str,
    kind: str,
    text: str,
    sentence: int,
    name_from: int | None = None,
) -> Mention:
    nf = s if name_from is None else name_from
    return Mention(
        start=toks[s][0],
        end=toks[e - 1][1],
        type=typ,
        kind=kind,
        text=text[toks[s][0] : toks[e - 1][1]],
        name=text[toks[nf][0] : toks[e - 1][1]],
        sentence=sentence,
        token=s,
        follows=words[s - 1].lower() if s > 0 else "",
        precedes=words[e].lower() if e < len(words) else "",
        after=" ".join(words[e : e + 6]).lower(),
    )


def _registry_spans(
    words: Sequence[str],
    word_runs: list[tuple[int, int]],
    spans: list[tuple[int, int, str]],
    gazetteer: Callable[[str], str | None],
    registry: ActorRegistry,
) -> list[tuple[int, int, str]]:
    """Add registry names the NER left out ("Time", "BelTA", "Oreschnik"): the longest match in each run of
    capitalised words (``word_runs``) that no NER span covers, when the name is not also a common German word."""
    spans = [_registry_extension(words, word_runs, span, spans, gazetteer) for span in spans]
    covered = [False] * len(words)
    for s, e, _ in spans:
        for k in range(s, e):
            covered[k] = True
    out = list(spans)
    for a, b in word_runs:
        i = a
        while i < b:
            if covered[i]:
                i += 1
                continue
            hit = None
            for j in range(min(b, i + 6), i, -1):
                if any(covered[i:j]) or not ner.is_capitalised(words[j - 1]):
                    continue
                typ = gazetteer(" ".join(words[i:j]))
                if typ and (
                    j - i > 1
                    or _registry_single(words[i], registry)
                    or (i > 0 and _is_title(words[i - 1], registry))  # "US-Magazin Time"
                    or (_distinctive(words[i]) and (typ != "LOC" or _unknown_place(words[i])))
                ):
                    hit = (i, j, typ)
                    break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
    return sorted(out)


def _registry_extension(
    words: Sequence[str],
    word_runs: list[tuple[int, int]],
    span: tuple[int, int, str],
    spans: list[tuple[int, int, str]],
    gazetteer: Callable[[str], str | None],
) -> tuple[int, int, str]:
    """A registry name of its run that holds the NER's span and is longer, touching no other span, instead of it:
    "Alexander Van der Bellen" where the NER saw "Alexander Van"."""
    s, e, _ = span
    run = next(((a, b) for a, b in word_runs if a <= s and e <= b), None)
    if run is None or run[1] - run[0] <= e - s:
        return span
    others = [(a, b) for a, b, _ in spans if (a, b) != (s, e)]
    for size in range(min(6, run[1] - run[0]), e - s, -1):
        for a in range(max(run[0], e - size), min(s, run[1] - size) + 1):
            b = a + size
            if any(x < b and a < y for x, y in others) or not ner.is_capitalised(words[b - 1]):
                continue
            typ = gazetteer(" ".join(words[a:b]))
            if typ:
                return (a, b, typ)
    return span


def _registry_single(word: str, registry: ActorRegistry) -> bool:
    """A one-word name the registry itself holds as a place or as a body that is not an outlet: "Minsk", "Krim",
    "Nato", "Kreml", "Bundestag", "EU" — as written when it is short ("Es" is no "EU", whose Russian "ЕС" reads "ES").
    Not the GeoNames places the gazetteer adds ("Lage", "Ende", "Laut" are places somewhere, and German nouns), and
    not outlets named by common words ("Welt", "Zeit", "Stern"): for those the NER's reading of the context decides."""
    short = len(word) <= 4 or word.isupper()
    return any(
        a.source != "outlets" and a.type in ("LOC", "ORG") and (not short or word in a.names() or word[:-1] in a.names())
        for a in registry.by_name(word)
    )


def _unknown_place(word: str) -> bool:
    """A one-word place only GeoNames knows, taken without the NER's say only when it is no German word, no first
    name and no acronym ("Anna", "Andreas" and "CEO" are places somewhere)."""
    return not word.isupper() and not lx.is_known_word(word) and "F" not in ner.person_names().get(word, "")


def _single_name(
    word: str,
    typ: str,
    gazetteer: Callable[[str], str | None],
    registry: ActorRegistry,
    margin: float = 0.0,
    nouns: frozenset[str] | set[str] = frozenset(),
) -> bool:
    """A one-word NER find that is a name, not a common noun the model took for one ("Ende", "Kinder", "Rede"):
    a known place or a body the registry holds, a first name, an acronym, a word the German dictionary does not
    know — or one the model is sure of (``margin``): the dictionary also knows "Lufthansa", "Bundeswehr", "Nordsee"
    and "Helgoland". A word the article uses as a common noun (``nouns``: "die Hunde", "der Dalai Lama") is a name
    only when the model is sure of it ("im Münsterland", "in den Kongo"); a role noun ("der Papst") is a role
    mention, never a one-word name."""
    sure = margin >= ner.SURE_MARGIN
    if (lx.is_people_plural(word) and typ in ("LOC", "ORG")) or _function_word(word) or lx.is_role_noun(word):
        return False
    if (typ == "LOC" and _place_adjective(word, gazetteer)) or (word.lower() in nouns and not sure):
        return False
    if typ == "PER" or lx.is_first_name(word) or gazetteer(word) == "LOC" or _registry_single(word, registry):
        return True
    if sure and typ in ("ORG", "LOC"):
        return True
    return _distinctive(word)


def _place_adjective(word: str, gazetteer: Callable[[str], str | None]) -> bool:
    """ "Genfer", "Berliner", "Erlanger": a place's adjective ("Genfer Autosalon"), not the place."""
    return len(word) > 5 and word.endswith("er") and (gazetteer(word[:-2]) == "LOC" or gazetteer(word[:-2] + "en") == "LOC")


def _function_word(word: str) -> bool:
    """ "Auch", "Dabei", "Von", "Dort" opening a sentence: words whose lemma is not capitalised, or months."""
    w = word.lower()
    if w in lx.PREPOSITIONS or w in lx.DETERMINERS or lx.is_adverb(word) or w in _MONTHS_AND_DAYS:
        return True
    return lx.lemma(word)[:1].islower()


_MONTHS_AND_DAYS = frozenset(
    "januar februar märz april mai juni juli august september oktober november dezember montag dienstag mittwoch "
    "donnerstag freitag samstag sonntag".split()
)


def _distinctive(word: str) -> bool:
    """A one-word name that is not also a common German word: "USA", "BelTA", "Oreschnik", "Kiew"."""
    if len(word) < 3:
        return False
    if word.isupper() or any(c.isupper() for c in word[1:]):
        return True
    return not lx.is_known_word(word) or lx.is_first_name(word)


def _role_mentions(
    toks: Sequence[tuple[int, int, str]],
    words: Sequence[str],
    taken: list[bool],
    registry: ActorRegistry,
    text: str,
    sentence: int,
) -> list[Mention]:
    """ "der belarussische Machthaber", "des ukrainischen Präsidenten", "das Staatsoberhaupt", "der 70-Jährige":
    a definite noun phrase whose head is a role noun, with no name after it."""
    out = []
    for i in compress(range(len(words)), map(DETERMINERS.__contains__, map(str.lower, words))):  # at C speed
        if taken[i]:
            continue
        j = i + 1
        adjectives = []
        while j < len(words) and words[j][:1].islower() and words[j].isalpha() and j - i <= 3:
            adjectives.append(words[j])
            j += 1
        if j >= len(words) or taken[j]:
            continue
        head = words[j]
        age = _AGE.match(head)
        if age is None and adjectives and _AGE.match(adjectives[-1]) and not head[:1].isupper():
            continue
        if (
            j + 1 < len(words)
            and ner.is_capitalised(words[j + 1])
            and not lx.is_known_word(words[j + 1])
            and not _other_country(words, j, " ".join(words[j + 1 : j + 3]), registry)
        ):
            continue  # a name follows: "der Präsident Selenskyj" is a title and a name
        if age is not None:
            m = _mention(toks, words, i, j + 1, "PER", "age", text, sentence)
            m.age = int(age.group(1))
            out.append(m)
            continue
        if not head[:1].isupper():
            continue
        role = role_of(head, registry)
        if role is None:
            continue
        title, of = role
        for adj in adjectives:
            of = of or registry.country_of_adjective(adj)
        m = _mention(toks, words, i, j + 1, "PER", "role", text, sentence)
        m.title, m.of = title, of
        out.append(m)
    return out
