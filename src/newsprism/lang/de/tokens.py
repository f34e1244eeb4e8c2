"""Tokens of a paragraph with what quote attribution asks of them, and noun-phrase chunks for speakers."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import repeat
from operator import add, itemgetter, sub
from typing import NamedTuple

from newsprism.lang.de import lexicon as lx
from newsprism.lang.marks import QuoteSpan

# initials and dotted abbreviations ("J.D.", "z.B."), numbers ("1.000", "3:2"), words with inner hyphens,
# apostrophes, slashes or gender colons ("US-Präsident", "geht's", "Vertreter:innen"), any other single character
_TOKEN_RE = re.compile(
    r"(?:Dr|Prof|St|Nr|Hr|Fr|Frl|Mio|Mrd|Tsd|ca|bzw|vgl|usw|etc|inkl|ggf|sog|geb|jun|sen|Abs|Art)\.(?=\s)"
    r"|(?:\w\.){2,}|\d+(?:[.,:]\d+)+"
    # a word that starts with a letter, read once (atomic), then either dots joining letters ("heise.de",
    # "dfg2020.de") or the joints of a compound ("US-Präsident", "geht's")
    r"|[^\W\d_]\w*+(?:(?:\.[^\W\d_]+)+(?=[\s,;:)“”\"]|$)|(?:[-’'/:]\w+)*+)"
    r"|\w+(?:[-’'/:]\w+)*|[^\w\s]",
    re.UNICODE,
)
# the same tokens, each read with the whitespace before it: a match starts where the last one ended, so the engine
# never searches between tokens (a quarter less time than searching)
_SPACED_TOKEN_RE = re.compile(r"\s*+(" + _TOKEN_RE.pattern + ")", re.UNICODE)
QUOTE_CHARS = frozenset("„“”\"»«‚‘’'‹›")
CLAUSE_PUNCT = frozenset(",;:()–—-")


class Tok(NamedTuple):
    """A token of a paragraph (a tuple: a paragraph has hundreds, and building tuples is what keeps this cheap)."""

    i: int
    start: int
    end: int
    quote: int  # index (into the paragraph's quote spans) of the innermost quote holding the token, -1 outside
    text: str
    low: str
    cap: bool
    word: bool
    speech: bool = False  # the word form can be a speech verb or a speech adjective
    report: bool = False  # the word form can mark reported speech (see ``lexicon.may_report``)
    name: bool = False  # the word form looks like (part of) a name (see ``looks_like_name``)
    name_after: bool = False  # … right after another name word
    konj: bool = False  # a lower-case Konjunktiv form ("sei", "habe", "zeige")

    @property
    def lemma(self) -> str:
        return lx.lemma(self.text)


def tok_getter(name: str) -> itemgetter[object]:
    """A C-level getter of one field of ``Tok`` for ``map``: by position, as a tuple's item (an attribute of a
    named tuple is looked up through its type, several times slower)."""
    return itemgetter(Tok._fields.index(name))


def tokenize(text: str, start: int, end: int, quotes: list[QuoteSpan]) -> list[Tok]:
    return tokenize_columns(text, start, end, quotes).toks


class Columns(NamedTuple):
    """A paragraph's tokens, and the columns they were built from (lists of the same length)."""

    toks: list[Tok]
    starts: list[int]
    words: list[str]
    quotes: list[int]  # each token's ``quote``


def tokenize_columns(text: str, start: int, end: int, quotes: list[QuoteSpan]) -> Columns:
    """The tokens of ``text[start:end]`` with their start offsets, texts and quotes as lists."""
    # Built by C-level maps rather than a loop over matches: a paragraph has hundreds of tokens, and this runs on
    # every paragraph of every article.
    starts, ends, words = token_spans(text, start, end)
    n = len(words)
    try:
        props = list(map(_FORMS.__getitem__, words))
    except KeyError:  # a word form not seen before: learn it
        props = list(map(_learn, words))
    qs = _quote_of(starts, ends, start, end, quotes) if quotes else [-1] * n
    toks = list(map(_new, repeat(Tok, n), map(add, zip(range(n), starts, ends, qs, strict=True), props)))
    return Columns(toks, starts, words, qs)


def token_spans(text: str, start: int, end: int) -> tuple[list[int], list[int], list[str]]:
    """The tokens of ``text[start:end]``: their start and end offsets and their text."""
    ms = list(_SPACED_TOKEN_RE.finditer(text, start, end))
    ends = list(map(_END, ms))
    words: list[str] = list(map(_GROUP1, ms))
    return list(map(sub, ends, map(len, words))), ends, words


def _quote_of(starts: list[int], ends: list[int], start: int, end: int, quotes: list[QuoteSpan]) -> list[int]:
    """The innermost quote holding each token (-1: none)."""
    out = [-1] * len(starts)
    lasts = []  # the last token starting in each quote: the only one that can run out of it
    for qi in sorted(range(len(quotes)), key=lambda i: quotes[i].depth):  # inner quotes overwrite outer ones
        lo = bisect_left(starts, max(quotes[qi].start, start))
        hi = bisect_left(starts, min(quotes[qi].end, end))
        if hi > lo:
            out[lo:hi] = [qi] * (hi - lo)
            lasts.append(hi - 1)
    for k in lasts:
        q, e = out[k], ends[k]
        while q >= 0 and e > quotes[q].end:  # the token runs out of that quote: an enclosing one that holds it
            parent = quotes[q].parent
            q = parent if parent is not None else -1
        out[k] = q
    return out


_FORMS: dict[str, tuple[str, str, bool, bool, bool, bool, bool, bool, bool]] = {}  # word form -> its fields
_MAX_FORMS = 200_000


def _learn(t: str) -> tuple[str, str, bool, bool, bool, bool, bool, bool, bool]:
    props = _FORMS.get(t)
    if props is None:
        if len(_FORMS) >= _MAX_FORMS:
            _FORMS.clear()  # a corpus with ever new forms (numbers, typos): start over rather than grow without end
        props = _FORMS[t] = _word_props(t)
    return props


def forget_word_forms() -> None:
    """Forget the fields learnt per word form (after the lexicon changed)."""
    _FORMS.clear()


def _word_props(t: str) -> tuple[str, str, bool, bool, bool, bool, bool, bool, bool]:
    """The fields of a token that depend on its word form alone (``Tok`` from ``text`` on), learnt once per form;
    "ai-Bericht" counts as capitalised."""
    letter = next((c for c in t if c.isalpha()), t[0])
    cap = letter.isupper() or ("-" in t and t.rsplit("-", 1)[1][:1].isupper())
    low = t.lower()
    word = t[0].isalnum()
    speech = word and (low in lx.SPEECH_ADJECTIVES or lx.in_speech_lexicon(t, low))
    named = word and cap and len(t) >= 2
    return (
        t,
        low,
        cap,
        word,
        speech,
        word and lx.may_report(t, low),
        named and _looks_like_name(t, low, False),
        named and _looks_like_name(t, low, True),
        word and not cap and lx.is_konjunktiv(t),
    )


_END = re.Match.end
_GROUP1 = itemgetter(1)  # a match's first group
_new = tuple.__new__


def is_clause_edge(t: Tok) -> bool:
    return t.text in CLAUSE_PUNCT or t.text in QUOTE_CHARS or t.text in (".", "!", "?", "…")


@dataclass(slots=True)
class Chunk:
    """A noun phrase: tokens ``[a, b)``; ``name`` its proper-name part; ``head`` its role or common noun."""

    a: int
    b: int
    kind: str  # name | role | group | pronoun
    name: str | None
    head: str | None
    toks: list[Tok]

    @property
    def start(self) -> int:
        return self.toks[self.a].start

    @property
    def end(self) -> int:
        return self.toks[self.b - 1].end

    def text(self, text: str) -> str:
        return text[self.start : self.end]


DEMONSTRATIVES = frozenset(("dieser", "diese", "jener", "jene", "letzterer", "letztere"))
_OBJECT_TO_SUBJECT = {"ihm": "er", "ihn": "er", "ihr": "sie", "ihnen": "sie", "mir": "ich", "mich": "ich", "uns": "wir"}
# Particles that can open a name in running text and are not German articles or prepositions ("de Maizière").
_ADVERBIAL_NOUNS = frozenset(
    "weiteren übrigen folgenden öfteren allgemeinen wesentlichen einzelnen großen ganzen grunde nachhinein vorfeld "
    "gegenteil prinzip zweifel endeffekt anschluss".split()
)
# "Einer der Feuerwehrmänner", "eine von vielen Stimmen": one or some of a group
_PARTITIVES = frozenset("einer eine eines einige viele mehrere manche zahlreiche keiner keine".split())
_LEADING_PARTICLES = frozenset("de van da di du del le la al el bin ibn ten ter dos".split())
_NAME_PARTICLES = frozenset("von van de del der den di da al el bin ibn zu ten".split())
_AGED = re.compile(r"\d+-jährige[rn]?")  # "der 70-Jährige"
_NUMBER = re.compile(r"\d+[.,]?\d*")
_PATRONYMIC = re.compile(r"(?:owitsch|ewitsch|itsch|ovich|evich|ovna|evna|owna|ewna|jewitsch|ytsch)$")


def looks_like_name(t: Tok, prev_name: bool = False) -> bool:
    """A capitalised word that is part of a person's or organisation's name rather than a common noun."""
    return t.name_after if prev_name else t.name


def _looks_like_name(text: str, low: str, prev_name: bool) -> bool:
    if low in lx.SUBJECT_PRONOUNS or low in lx.DETERMINERS or low in lx.PREPOSITIONS:
        return False
    if lx.is_first_name(text) or _PATRONYMIC.search(low):
        return True
    if lx.is_role_noun(text):
        return False
    if prev_name:
        return True
    return (text.isupper() and len(text) <= 6) or not lx.is_known_word(text)


def chunk_at(toks: list[Tok], i: int, stop: int | None = None) -> Chunk | None:
    """The noun phrase starting at token ``i`` (a subject or a source after "laut"), or None."""
    n = len(toks) if stop is None else min(stop, len(toks))
    if i >= n:
        return None
    if toks[i].text in QUOTE_CHARS:
        return _quoted_name(toks, i, n)
    if i + 1 < n and toks[i].low in lx.DETERMINERS:  # das „Space Telescope Science Institute“, der neue „Oberste Rat“
        m = i + 1
        while m < n and toks[m].word and not toks[m].cap and m - i <= 3:
            m += 1
        if m < n and toks[m].text in QUOTE_CHARS:
            quoted = _quoted_name(toks, m, n)
            return Chunk(i, quoted.b, quoted.kind, quoted.name, None, toks) if quoted is not None else None
    noble = toks[i].low in ("zu", "von", "van") and i + 1 < n and toks[i + 1].cap and not lx.is_known_word(toks[i + 1].text)
    if i + 1 < n and ((toks[i].low in _LEADING_PARTICLES and not toks[i].cap) or noble) and toks[i + 1].cap:
        j = i + 1  # "de Maizière", "von der Leyen" at the start of a name
        while j < n and ((toks[j].cap and toks[j].word) or toks[j].low in _NAME_PARTICLES):
            j += 1
        return Chunk(i, j, "name", " ".join(t.text for t in toks[i:j]), None, toks)
    if i >= n or not toks[i].word:
        return None
    t = toks[i]
    if i + 1 < n and t.low in ("des", "im", "am") and toks[i + 1].low in _ADVERBIAL_NOUNS:
        return None  # "Des Weiteren warnte Laschet", "im Wesentlichen", "im Übrigen": an adverb, not a noun phrase
    if t.low in _ADVERBIAL_NOUNS and i > 0 and toks[i - 1].low in ("des", "im", "am"):
        return chunk_at(toks, i + 1, stop)  # "im Wesentlichen Totalitaristen, die …": the noun after the adverb
    if _genitive_owner(toks, i, n):
        sub = chunk_at(toks, i + 1, stop)  # "Berlins roter Innensenator Geisel": the owner is the role's domain
        if sub is not None and sub.kind in ("name", "role"):
            return Chunk(i, sub.b, sub.kind, sub.name, sub.head, toks)
    if (
        lx.is_adverb(t.text)
        or t.low in lx.PREPOSITIONS
        or (t.low in lx.SUBORDINATORS and t.low not in lx.DETERMINERS)
        or t.low in lx.COORDINATORS
    ):
        return None
    if t.cap and i + 2 < n and toks[i + 1].low == "und" and not toks[i + 2].cap and _adjective(toks[i + 2]):
        t = toks[i]  # "Arabische und iranische Medien": capitalised only as the sentence's first word
        j = i + 2
        while j < n and toks[j].word and not toks[j].cap and _adjective(toks[j]):
            j += 1
        if j < n and toks[j].cap and toks[j].word:
            return Chunk(i, j + 1, "group", None, toks[j].text, toks)
    if t.low in lx.SUBJECT_PRONOUNS or t.text == "Sie":
        return Chunk(i, i + 1, "pronoun", None, t.low, toks)
    if t.low in _OBJECT_TO_SUBJECT:  # "Ihm zufolge", "laut ihr"
        return Chunk(i, i + 1, "pronoun", None, _OBJECT_TO_SUBJECT[t.low], toks)
    if t.low in DEMONSTRATIVES and (i + 1 >= n or not toks[i + 1].word or (not toks[i + 1].cap and not _adjective(toks[i + 1]))):
        return Chunk(i, i + 1, "pronoun", None, t.low, toks)  # "Dieser bestätigte": the one named last
    if (
        t.low in lx.DETERMINERS
        and i + 1 < n
        and _AGED.fullmatch(toks[i + 1].low)
        and (i + 2 >= n or not toks[i + 2].word or (not toks[i + 2].cap and not _adjective(toks[i + 2])))
    ):
        return Chunk(i, i + 2, "role", None, toks[i + 1].text, toks)  # "der 81-jährige", lower-case
    if t.low in _PARTITIVES and i + 2 < n and toks[i + 1].low in ("der", "von", "aus"):
        sub = chunk_at(toks, i + 2 if toks[i + 1].low in ("von", "aus") else i + 1, stop)
        if sub is not None and sub.kind in ("role", "group") and sub.name is None:
            return Chunk(i, sub.b, sub.kind, None, sub.head, toks)  # "Einer der 13 beteiligten Feuerwehrmänner"
    j = i
    if t.low in lx.DETERMINERS:
        j += 1
        j = _extended_attribute(toks, j, n)
    while j < n and toks[j].word and not toks[j].cap and (_adjective(toks[j]) or _adverb_of_adjective(toks, j, n)):
        j += 1
    if j >= n or not toks[j].cap or not toks[j].word or toks[j].low in lx.PREPOSITIONS:
        return None
    head: str | None = None
    name_toks: list[Tok] = []
    while j < n and toks[j].word and (toks[j].cap or (name_toks and _particle_continues(toks, j, n))):
        tj = toks[j]
        if tj.low in lx.SUBJECT_PRONOUNS or (tj.low in lx.DETERMINERS and not name_toks) or (j > i and lx.is_adverb(tj.text)):
            break
        if (
            not name_toks
            and (lx.is_role_noun(tj.text) or not looks_like_name(tj))
            and not (j > i and looks_like_name(tj))
            and not (head is not None and lx.is_role_noun(head) and _two_word_name(toks, j, n))
        ):
            # the head of a German noun phrase is its last noun; a role noun stays the head ("Präsident Biden")
            head = tj.text if head is None or lx.is_role_noun(tj.text) or not lx.is_role_noun(head) else head
            if name_toks:
                break
        else:
            name_toks.append(tj)
        j += 1
        if j < n and toks[j].text == "-" and j + 1 < n and toks[j + 1].cap:  # "Hans - Dietrich" spacing artefacts
            break
    if j == i or (head is None and not name_toks):
        return None
    if head is not None and not name_toks and head.lower() in lx.TIME_NOUNS:
        return None  # "Wenige Stunden nach dem Putsch", "Am Dienstag": when, not who
    if not name_toks and head is not None and j < n and toks[j].text in QUOTE_CHARS:
        quoted = _quoted_name(toks, j, n)  # "Die Zeitung „Yemen Observer“"
        if quoted is not None:
            return Chunk(i, quoted.b, "name", quoted.name, head, toks)
    j = _genitive(toks, j, n) if not name_toks else j
    j = _affiliation(
        toks, j, n, bool(name_toks) or (head is not None and (lx.is_role_noun(head) or lx.is_attribution_noun(head)))
    )
    j, name_toks = _apposition(toks, j, n, name_toks)
    name = " ".join(x.text for x in name_toks) if name_toks else None
    kind = "name" if name else ("role" if head and lx.is_role_noun(head) else "group")
    return Chunk(i, j, kind, name, head, toks)


def _extended_attribute(toks: list[Tok], j: int, n: int) -> int:
    """After an article, an attribute with its own phrase before the adjective ("der [für die Omo-Region]
    zuständige Koordinator", "die [das Unglück] überlebende Alice Kakamara"): the index of the adjective, else ``j``."""
    if j >= n or not (toks[j].low in lx.PREPOSITIONS or toks[j].low in lx.DETERMINERS):
        return j
    for k in range(j + 1, min(n - 1, j + 7)):
        t = toks[k]
        if not t.word or t.low in lx.SUBORDINATORS or (t.low in lx.RELATIVE_PRONOUNS and k > j + 1):
            return j
        if (
            not t.cap
            and t.low.endswith(("ende", "enden", "ene", "enen", "te", "ten", "ige", "igen"))
            and _adjective(t)
            and toks[k + 1].cap
            and toks[k + 1].word
        ):
            return k
    return j


def _adverb_of_adjective(toks: list[Tok], j: int, n: int) -> bool:
    """ "der erst kürzlich ernannte Weihbischof": an adverb before the adjective of a noun phrase."""
    k = j
    while k < n and toks[k].word and not toks[k].cap and lx.is_adverb(toks[k].text) and k - j < 3:
        k += 1
    return k > j and k < n and toks[k].word and not toks[k].cap and _adjective(toks[k])


def _two_word_name(toks: list[Tok], j: int, n: int) -> bool:
    """After a role noun, two capitalised words that are not nouns of roles or bodies and end the phrase:
    "Polizeichef Calvin Williams forderte"."""
    if j + 1 >= n or not (toks[j + 1].cap and toks[j + 1].word):
        return False
    if j + 2 < n and toks[j + 2].cap and toks[j + 2].word:
        return False
    return not any(
        lx.is_role_noun(t.text) or lx.is_institution_noun(t.text) or t.low.endswith(_NOUN_SUFFIXES) for t in toks[j : j + 2]
    )


_NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "ismus", "tät", "nis", "tum", "ling", "chen", "ment", "ungen")


def _particle_continues(toks: list[Tok], j: int, n: int) -> bool:
    """ "Ursula von der Leyen", "Rafael van der Vaart" — but not "Netanyahu den US-Luftangriff": a German article
    continues a name only after "von" or "van"."""
    if toks[j].low not in _NAME_PARTICLES or j + 1 >= n:
        return False
    if not toks[j + 1].cap:  # "von der Leyen", "van der Bellen": the article, then a surname — not "von der CDU"
        return (
            toks[j].low in ("von", "van") and toks[j + 1].low in _ARTICLE_PARTICLES and j + 2 < n and _surname_like(toks[j + 2])
        )
    return toks[j].low not in _ARTICLE_PARTICLES or toks[j - 1].low in ("von", "van", "vom")


def _surname_like(t: Tok) -> bool:
    """A capitalised word that is no common noun and no acronym ("Leyen", not "Polizei", "CDU" or "AfD")."""
    return t.cap and t.word and sum(c.isupper() for c in t.text) == 1 and not lx.is_known_word(t.text)


_ARTICLE_PARTICLES = frozenset(("der", "den", "die", "das", "dem"))


def _quoted_name(toks: list[Tok], i: int, n: int) -> Chunk | None:
    """„BBC News“ berichtet, „Ärzte ohne Grenzen“ kündigten an: a name in quotation marks."""
    j = i + 1
    while j < n and j - i <= 8 and toks[j].text not in QUOTE_CHARS:
        j += 1
    if j >= n or j - i < 2 or not (toks[i + 1].cap or j - i <= 4):  # „heise online“, „tagesschau.de“
        return None
    name = " ".join(t.text for t in toks[i + 1 : j])
    return Chunk(i, j + 1, "name", name, None, toks)


def _genitive_owner(toks: list[Tok], i: int, n: int) -> bool:
    """A place's or person's genitive before an adjective and a role noun: "Berlins roter Innensenator",
    "Deutschlands oberster Virologe" (not "Berlins Innensenator", which the name reading keeps together)."""
    t = toks[i]
    if not (t.cap and t.word and len(t.text) > 3 and t.text.endswith("s") and i + 2 < n):
        return False
    j = i + 1
    while j < n and toks[j].word and not toks[j].cap and _adjective(toks[j]):
        j += 1
    return i + 1 < j < n and toks[j].cap and lx.is_role_noun(toks[j].text)


def _adjective(t: Tok) -> bool:
    w = t.low
    if w in lx.PREPOSITIONS or w in lx.SUBORDINATORS or w in lx.COORDINATORS or w in lx.CLAUSE_ADVERBS:
        return False
    if w in lx.RELATIVE_PRONOUNS or w in lx.DETERMINERS or w in lx.OBJECT_PRONOUNS:
        return False
    if w.isdigit() or _NUMBER.fullmatch(w):
        return True
    return w.endswith(("e", "en", "er", "es", "em")) and not lx.verbs_by_base().get(lx.lemma(t.text)) and len(w) > 2


def _genitive(toks: list[Tok], j: int, n: int) -> int:
    """Extend over a genitive attribute: "eine Sprecherin [der Heilsarmee]", "der Vizepräsident [des OK]"."""
    if j < n and toks[j].low in ("des", "der") and j + 1 < n:
        k = j + 1
        while k < n and toks[k].word and not toks[k].cap and _adjective(toks[k]):
            k += 1
        if k < n and toks[k].cap and toks[k].word and toks[k].low not in lx.SUBJECT_PRONOUNS:
            k += 1
            while k < n and toks[k].cap and toks[k].word and looks_like_name(toks[k], prev_name=True):
                k += 1
            return k
    return j


def _affiliation(toks: list[Tok], j: int, n: int, allowed: bool) -> int:
    """ "Theo Kitz [vom Bankhaus Merck Finck]", "eine Meldung [von Xinhua]": where the speaker belongs."""
    if not allowed or j + 1 >= n or toks[j].low not in ("von", "vom", "aus", "beim", "bei"):
        return j
    k = j + 1
    if toks[k].low in lx.DETERMINERS:
        k += 1
    while k < n and toks[k].word and not toks[k].cap and _adjective(toks[k]):
        k += 1
    if k < n and toks[k].cap and toks[k].word and toks[k].low not in lx.SUBJECT_PRONOUNS:
        k += 1
        while k < n and toks[k].cap and toks[k].word:
            k += 1
        return k
    return j


def _apposition(toks: list[Tok], j: int, n: int, name_toks: list[Tok]) -> tuple[int, list[Tok]]:
    """ ", Wolfgang Niersbach," after a role: the name of the role's holder."""
    if name_toks or j + 2 >= n or toks[j].text != ",":
        return j, name_toks
    k = j + 1
    names: list[Tok] = []
    while (
        k < n
        and toks[k].word
        and toks[k].cap
        and (looks_like_name(toks[k], prev_name=bool(names)) or toks[k].low not in lx.DETERMINERS)
    ):
        if lx.is_role_noun(toks[k].text) or toks[k].low in lx.SUBJECT_PRONOUNS:
            break
        names.append(toks[k])
        k += 1
    if names and k < n and toks[k].text in (",", ":") and (len(names) >= 2 or looks_like_name(names[0])):
        return k, names
    return j, name_toks


def coordinated(toks: list[Tok], chunk: Chunk, stop: int | None = None) -> Chunk | None:
    """The second of two coordinated subjects ("Trump und Vance")."""
    n = len(toks) if stop is None else stop
    if chunk.b + 1 < n and toks[chunk.b].low == "und":
        return chunk_at(toks, chunk.b + 1, stop)
    return None
