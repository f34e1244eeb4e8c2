"""Who a speaker mention denotes in this article: the fullest name of a person, a role's holder, a pronoun's
antecedent. Article-internal only; the entities stage later links names to canonical actors."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress

from rapidfuzz import fuzz, process

from newsprism.lang.de import lexicon as lx
from newsprism.lang.de.tokens import _PATRONYMIC, Chunk, Tok, tok_getter
from newsprism.pipeline.quotes.cues import is_finite_verb

# Role nouns that, definite and without a name, point back to a person the article has named.
ANAPHORIC_ROLES = (
    "präsident",
    "staatschef",
    "staatsoberhaupt",
    "machthaber",
    "regierungschef",
    "kanzler",
    "premier",
    "ministerpräsident",
    "minister",
    "bürgermeister",
    "politiker",
    "diktator",
    "herrscher",
    "könig",
    "papst",
    "jährige",
    "chef",
    "vorsitzende",
    "sprecher",
    "sekretär",
    "kandidat",
    "gouverneur",
    "kommissar",
    "trainer",
    "autor",
    "gründer",
    "leiter",
    "direktor",
    "botschafter",
)
_DEFINITE = frozenset("der die das den dem des".split())


@dataclass(slots=True)
class Person:
    name: str
    tokens: tuple[str, ...]
    count: int = 0
    canonical: Person | None = None  # the usual spelling when this one is a variant


@dataclass(slots=True)
class Names:
    """The names of people in one article, for "Lukaschenko" → "Alexander Lukaschenko"."""

    people: list[Person] = field(default_factory=list)
    roles: list[tuple[str, str, str]] = field(default_factory=list)  # (role head, adjectives, person name)
    mentions: list[tuple[int, str]] = field(default_factory=list)  # (offset, name as written) in text order
    counts: Counter[str] = field(default_factory=Counter)
    _fullest: dict[str, str] | None = None  # answers of ``fullest``, kept once the names are final
    mention_at: list[int] = field(default_factory=list)  # offsets of ``mentions``, for bisection
    ages: dict[int, str] = field(default_factory=dict)  # "Juan Perez (81)": 81 → Juan Perez
    _protagonist: str | None = None
    _by_tokens: dict[tuple[str, ...], Person] = field(default_factory=dict)  # ``people`` by their words
    _by_word: dict[str, list[int]] = field(default_factory=dict)  # indices into ``people`` by each of their words
    _surnames: list[str] = field(default_factory=list)  # last words of the people of two words or more …
    _surname_of: list[int] = field(default_factory=list)  # … and their indices into ``people``

    def add_sequence(self, words: tuple[str, ...]) -> None:
        """A name as read (its words without genitive "s")."""
        known = self._by_tokens.get(words)
        if known is not None:
            known.count += 1
            return
        person = Person(" ".join(words), words, 1)
        for w in set(words):
            self._by_word.setdefault(w, []).append(len(self.people))
        if len(words) >= 2:
            self._surnames.append(words[-1])
            self._surname_of.append(len(self.people))
        self.people.append(person)
        self._by_tokens[words] = person

    def fullest(self, raw: str) -> str:
        """The longest name in the article that ``raw`` is part of (same surname, or same first name)."""
        if self._fullest is None:
            return self._find_fullest(raw)
        if raw not in self._fullest:
            self._fullest[raw] = self._find_fullest(raw)
        return self._fullest[raw]

    def _find_fullest(self, raw: str) -> str:
        words = [w for w in raw.split() if w]
        if not words:
            return raw
        last = words[-1] if words[-1] in self._by_word else _strip_genitive(words[-1])  # "Boris", not "Bori"
        firsts = [w for w in words if not _PATRONYMIC.search(w.lower())]
        best: Person | None = None
        candidates = set(self._by_word.get(last, ()))  # every person the loop below can take holds one of these
        if firsts:
            candidates.update(self._by_word.get(firsts[0], ()))
        for p in (self.people[i] for i in sorted(candidates)):
            if len(p.tokens) < len(words) and not (len(words) == 2 and _PATRONYMIC.search(words[1].lower())):
                continue
            if (p.tokens[-1] == last and all(w in p.tokens for w in firsts[:-1])) or (
                len(words) == 1 and last in p.tokens[:-1] and lx.is_first_name(last)
            ):  # "Eva Gruber" is not "Hans Gruber"
                best = _longer(best, p)
            elif firsts and len(p.tokens) >= 2 and p.tokens[0] == firsts[0] and len(firsts) == 1 and len(words) >= 1:
                if len(words) == 1 and not lx.is_first_name(words[0]):
                    continue
                if not _PATRONYMIC.search(p.tokens[-1].lower()):
                    best = _longer(best, p)
        if best is None and len(last) >= 5:  # a misspelt surname ("Selensyj")
            close = process.extract(last, self._surnames, scorer=fuzz.ratio, processor=None, score_cutoff=85, limit=None)
            for i in sorted(self._surname_of[k] for _, _, k in close):
                best = _longer(best, self.people[i])
        while best is not None and best.canonical is not None:
            best = best.canonical
        return best.name if best else " ".join([*words[:-1], last])

    def surname_known(self, word: str) -> bool:
        return word in self._surnames or _strip_genitive(word) in self._surnames

    def before(self, offset: int, since: int = 0) -> str | None:
        """A pronoun's antecedent among the people named before ``offset``: the last one, or — within one
        sentence (``since``) — the first one, the sentence's topic ("Im Brief, den Teziç an Chirac schickte, erklärt er")."""
        lo = bisect_left(self.mention_at, since)
        hi = bisect_left(self.mention_at, offset)
        if hi <= lo:
            return None
        return self.fullest(self.mentions[lo if since else hi - 1][1])

    def protagonist(self) -> str | None:
        """The person named most often (by surname), the article's main actor."""
        if not self.counts:
            return None
        if self._protagonist is not None:
            return self._protagonist
        surname, _ = self.counts.most_common(1)[0]
        name = self.fullest(surname)
        if self._fullest is not None:  # final: keep it
            self._protagonist = name
        return name

    def of_age(self, role: str) -> str | None:
        """ "der 81-Jährige": the person the article gave that age, if any."""
        m = _AGE_WORD.match(role)
        name = self.ages.get(int(m.group(1))) if m else None
        return self.fullest(name) if name else None

    def holders(self, head: str, adjectives: str) -> list[str]:
        """Named people the article gave this role ("Kremlsprecher Dmitri Peskow"), oldest first; with
        adjectives ("der russische Präsident") only those given the role with the same adjectives."""
        h = _role_key(head)
        out: list[str] = []
        for role, adjs, name in self.roles:
            if role == h or (len(h) >= 6 and role.endswith(h)):
                if adjectives and _stem(adjectives) != _stem(adjs):
                    continue
                name = self.fullest(name)
                if name in out:
                    out.remove(name)
                out.append(name)
        return out

    def finalize(self) -> None:
        """Merge spellings of one name ("Selensyj" beside "Selenskyj"): the most frequent wins."""

        freq = {id(p): (self.counts.get(p.tokens[-1], 0), p.count) for p in self.people}
        by_freq = sorted(self.people, key=lambda p: freq[id(p)], reverse=True)
        alike: dict[tuple[str, ...], list[Person]] = {}  # spellings can merge only with the same first names
        for p in by_freq:
            alike.setdefault(p.tokens[:-1], []).append(p)
        for group in alike.values():
            for p in group:
                fp = freq[id(p)]
                for q in group:
                    if freq[id(q)] <= fp:
                        break  # sorted: no more frequent spelling follows
                    if q.canonical is None and p.tokens[-1] != q.tokens[-1] and fuzz.ratio(p.tokens[-1], q.tokens[-1]) >= 85:
                        p.canonical = q
                        break
        self._fullest = {}
        self.mentions.sort()
        self.mention_at = [pos for pos, _ in self.mentions]


_ROLE_ENDING = re.compile(r"(?:innen|in|en|n|s)$")
_ADJECTIVE_ENDING = re.compile(r"(?:e|en|er|es|em)$")


def _role_key(head: str) -> str:
    return _ROLE_ENDING.sub("", head.lower()) or head.lower()


def _stem(adjs: str) -> str:
    return _ADJECTIVE_ENDING.sub("", adjs.lower())


def _longer(a: Person | None, b: Person) -> Person:
    if a is None or len(b.tokens) > len(a.tokens) or (len(b.tokens) == len(a.tokens) and b.count > a.count):
        return b
    return a


def _genitive_place(toks: list[Tok], i: int, j: int) -> bool:
    """Whether the name ``toks[i:j]`` stands where a genitive does: before a noun or its adjective ("Lukaschenkos
    Regierung", "Selenskyjs neue Rede") or after a noun ("die Politik Lukaschenkos") — not a subject before its verb
    or a preposition ("Giedrius Surplys vom Informationsamt", "Der Boris nannte")."""
    last = toks[j - 1]
    if lx.is_first_name(last.text):
        return False
    if j < len(toks) and toks[j].word and (toks[j].cap or _prenominal(toks[j])):
        return True
    return i > 0 and toks[i - 1].word and toks[i - 1].cap and lx.is_known_word(toks[i - 1].text) and not toks[i - 1].name


def _prenominal(t: Tok) -> bool:
    low = t.low
    return (
        low.endswith(("e", "en", "er", "es", "em"))
        and low not in lx.DETERMINERS
        and low not in lx.PREPOSITIONS
        and not is_finite_verb(t)
    )


@lru_cache(maxsize=16384)
def _strip_genitive(word: str) -> str:
    """ "Lukaschenkos" → "Lukaschenko", "Selenskyjs" → "Selenskyj" (not "Soros", not "Vance")."""
    if word.endswith("s") and len(word) > 4 and word[-2] in "oijyaeuk" and not word.endswith(("os", "us", "as", "es")):
        return word[:-1]
    return word


def collect_names(toks: list[Tok], names: Names) -> None:
    """Add the name sequences among ``toks`` (and roles given right before a name) to ``names``."""
    n = len(toks)
    after = 0  # the first token after the last name read
    for i in compress(range(n), map(_NAME_LIKE, toks)):
        if i < after:
            continue
        t = toks[i]
        sentence_start = i == 0 or toks[i - 1].text in (".", "!", "?", ":", "„", "“", '"', "«", "»", "-")
        if not (sentence_start and lx.is_known_word(t.text) and not lx.is_first_name(t.text)):
            j = i + 1
            while j < n and (
                (toks[j].name_after and toks[j].word)
                or (toks[j].low in ("von", "van", "de", "al") and j + 1 < n and toks[j + 1].cap)
            ):
                if toks[j].low in lx.DETERMINERS or lx.is_role_noun(toks[j].text):
                    break
                j += 1
            lone_word = j - i == 1 and sentence_start and lx.is_known_word(t.text) and j < n and not toks[j].cap
            if (j - i >= 2 or not lx.is_known_word(t.text) or lx.is_first_name(t.text)) and not lone_word:
                # ("Anders als erwartet …": a first name that is also a word, alone at a sentence's start, is the word)
                written = list(map(_TEXT, toks[i:j]))
                words = (*written[:-1], _strip_genitive(written[-1]) if _genitive_place(toks, i, j) else written[-1])
                names.add_sequence(words)
                role_before = i > 0 and lx.is_role_noun(toks[i - 1].text)
                if (lx.is_first_name(t.text) or role_before) and t.quote < 0:
                    names.mentions.append((t.start, " ".join(written)))
                names.counts[words[-1]] = names.counts.get(words[-1], 0) + 1  # (no Counter.__missing__ call)
                _role_before(toks, i, j, " ".join(words), names)
                age = _age_around(toks, i, j)
                if age is not None:
                    names.ages.setdefault(age, " ".join(written))
            after = j


_NAME_LIKE, _TEXT = tok_getter("name"), tok_getter("text")
_AGE_WORD = re.compile(r"(\d{1,3})-jährige[rn]?$", re.IGNORECASE)


def _age_around(toks: list[Tok], i: int, j: int) -> int | None:
    """The age given with the name ``toks[i:j]``: "Juan Perez (81)", "Juan Perez, 81,", "der 81-jährige Perez",
    "der 81 Jahre alte Hausbesitzer Juan Perez"."""
    n = len(toks)
    if j + 2 < n and toks[j].text in ("(", ",") and toks[j + 1].text.isdigit() and toks[j + 2].text in (")", ","):
        return int(toks[j + 1].text)
    for k in range(i - 1, max(-1, i - 6), -1):
        t = toks[k]
        if not t.word:
            break
        m = _AGE_WORD.match(t.text) if t.text[0].isdigit() else None
        if m:
            return int(m.group(1))
        if t.low == "jahre" and k > 0 and toks[k - 1].text.isdigit() and k + 1 < i and toks[k + 1].low.startswith("alt"):
            return int(toks[k - 1].text)
    return None


def _role_before(toks: list[Tok], i: int, end: int, name: str, names: Names) -> None:
    """ "Kremlsprecher Dmitri Peskow", "der belarussische Präsident Alexander Lukaschenko", "der Sprecher, Jan Kurz,":
    remember the role — not "sagte der Sprecher, Angela Merkel habe zugestimmt", where the name begins a clause."""
    j = i - 1
    if j >= 0 and toks[j].text == ",":
        if end < len(toks) and toks[end].text not in (",", "(", "–", "-"):
            return
        j -= 1
    if j >= 0 and lx.is_role_noun(toks[j].text):
        head = toks[j].text
        k = j - 1
        adjs = []
        while k >= 0 and toks[k].word and not toks[k].cap and toks[k].low not in _DEFINITE:
            adjs.append(toks[k].low)
            k -= 1
        names.roles.append((_role_key(head), " ".join(reversed(adjs)), name))


def mention_name(chunk: Chunk, text: str, names: Names) -> str | None:
    """The name a non-pronoun mention stands for; None for a definite role noun that points back to someone
    ("das Staatsoberhaupt", "der Präsident"), which needs the reading context."""
    if chunk.name:
        return names.fullest(chunk.name)
    owner = _owner_name(chunk)
    if owner is not None:  # "Das Fazit von Sandra Boser", "eine Erklärung des Ministers Paul Weber"
        return names.fullest(owner)
    if chunk.kind == "group" and chunk.head and chunk.b - chunk.a <= 2 and names.surname_known(chunk.head):
        return names.fullest(chunk.head)  # "sagte Berger": a surname that is also a word
    if chunk.kind == "role" and chunk.head:
        toks = chunk.toks[chunk.a : chunk.b]
        definite = bool(toks) and toks[0].low in _DEFINITE
        adjs = " ".join(t.low for t in toks[1:] if t.word and not t.cap)
        head = chunk.head.lower()
        anaphoric = any(head.endswith(r) or head.removesuffix("in").endswith(r) for r in ANAPHORIC_ROLES)
        if definite and (anaphoric or names.holders(chunk.head, adjs)):
            return None
    return plain_mention(chunk, text)


def _owner_name(chunk: Chunk) -> str | None:
    """The person a statement noun belongs to: "Das Fazit von Sandra Boser" → "Sandra Boser"."""
    if not chunk.head or not (lx.is_statement_noun(chunk.head) or lx.is_attribution_noun(chunk.head)):
        return None
    toks = chunk.toks[chunk.a : chunk.b]
    names = [t for t in toks if t.cap and t.word and (lx.is_first_name(t.text) or not lx.is_known_word(t.text))]
    if not names:
        return None
    start = toks.index(names[0])
    run = [t.text for t in toks[start:] if t.cap and t.word]
    return " ".join(run) if run else None


def plain_mention(chunk: Chunk, text: str) -> str:
    """A mention without its article: "die Polizei" → "Polizei", "eine Sprecherin der Heilsarmee" → "Sprecherin der Heilsarmee"."""
    toks = chunk.toks[chunk.a : chunk.b]
    partitive = len(toks) > 1 and (toks[1].low in lx.DETERMINERS or toks[1].low in ("von", "aus"))  # "einer der Ärzte"
    if toks and toks[0].low in lx.DETERMINERS and not partitive:
        toks = toks[1:]
    while toks and not toks[-1].word:
        toks = toks[:-1]
    return text[toks[0].start : toks[-1].end] if toks else chunk.text(text)
