"""Cues: the speech verb or reporting phrase that introduces reported words, and the subject that speaks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from newsprism.lang.de import lexicon as lx
from newsprism.lang.de.tokens import QUOTE_CHARS, Chunk, Tok, chunk_at, tok_getter

# Particles of separable verbs beyond the lexicon's: with a speech verb's base they make a verb that is not
# one ("sagte ... ab" cancels, it does not say).
OTHER_PARTICLES = frozenset("ab auf aus fort her los weg weiter hoch herum durch wieder frei statt heraus hinaus herein".split())
_EDGE = frozenset(",;:()[]–—") | QUOTE_CHARS | {".", "!", "?", "…"}


@dataclass(slots=True)
class Cue:
    """A speech verb at token ``i`` (with its separable ``particle`` token), or a reporting phrase."""

    i: int
    verb: lx.Verb | None
    kind: str  # verb | adj | laut | zufolge | nach | so | wie | heisst | woertlich
    particle: int | None = None
    finite: bool = True

    @property
    def frames(self) -> frozenset[str]:
        if self.verb is not None:
            return self.verb.frames
        return frozenset({"dass", "konj", "colon", "direct"})


_ROMAN = re.compile(r"[IVX]{1,5}")  # "Benedikt XVI."


def ordinal_point(toks: list[Tok], j: int) -> bool:
    """The point of an ordinal inside a sentence ("am 25. November", "der 3. Weltkrieg"), not a sentence's end."""
    return (
        toks[j].text == "."
        and 0 < j < len(toks) - 1
        and ((toks[j - 1].text.isdigit() and len(toks[j - 1].text) <= 2) or _ROMAN.fullmatch(toks[j - 1].text) is not None)
        and toks[j - 1].end == toks[j].start
        and toks[j + 1].word
    )


def clause_end(toks: list[Tok], k: int, stop: int) -> int:
    """Index of the first clause edge (comma, colon, quote mark, sentence end, "und" before a verb) after ``k``."""
    j = k + 1
    level = toks[k].quote
    stop = min(stop, len(toks))
    while j < stop:
        t = toks[j]
        if t.quote != level or (t.text in QUOTE_CHARS and _quoted_name_inside(toks, j, stop, level)):
            j += 1  # a quoted name inside the clause: "Wie die Zeitung „The Guardian“ berichtete"
            continue
        if t.text in _EDGE or (t.low in lx.SUBORDINATORS and t.low not in ("als", "wie")):
            break
        if t.low in ("und", "oder") and j + 1 < stop and toks[j + 1].word and not toks[j + 1].cap:
            break
        j += 1
    return j


def _quoted_name_inside(toks: list[Tok], j: int, stop: int, level: int) -> bool:
    """A quote mark belonging to a short quoted name followed by more of the clause (not a quote that ends it)."""
    m = j + 1
    while m < stop and toks[m].quote != level:
        m += 1
    if toks[j].quote != level or m >= stop:
        return False
    if m == j + 1:  # a closing mark: its quote opened before
        return True
    return m - j <= 9 and m + 1 < stop and toks[m].text in QUOTE_CHARS and toks[m + 1].text not in _EDGE


def name_opening(toks: list[Tok], j: int, a: int) -> int | None:
    """If ``toks[j]`` closes a short quoted name („Yemen Observer“, „heise online“), the index of its opening mark."""
    if toks[j].text not in QUOTE_CHARS or j <= a or toks[j - 1].end != toks[j].start:
        return None
    m = j - 1
    while m >= a and j - m <= 6 and toks[m].text not in QUOTE_CHARS:
        if not (toks[m].word or toks[m].text in "-.&'"):
            return None
        m -= 1
    if m < a or j - m < 2 or toks[m].text not in QUOTE_CHARS or toks[m].end != toks[m + 1].start:
        return None
    return m


def _clause_final_word(toks: list[Tok], k: int, stop: int) -> Tok | None:
    """The last word of the verb's clause, stepping over quoted words ("sicherte ihre „volle Unterstützung“ zu")."""
    level = toks[k].quote
    last: Tok | None = None
    stop = min(stop, len(toks))
    j = k + 1
    while j < stop:
        t = toks[j]
        if t.quote != level or t.text in QUOTE_CHARS:
            j += 1
            continue
        if t.text in _EDGE or (t.low in lx.SUBORDINATORS and t.low not in ("als", "wie")):
            break
        if t.low in ("und", "oder") and j + 1 < stop and toks[j + 1].word and not toks[j + 1].cap:
            break
        if t.word:
            last = t
        j += 1
    return last


def verb_cue(toks: list[Tok], k: int, stop: int, clause_start: int) -> Cue | None:
    """A speech verb at token ``k``: finite ("sagte", "fügte … hinzu"), participle ("angekündigt") or verb-final."""
    t = toks[k]
    if not t.speech or (t.cap and k != clause_start) or len(t.text) < 3:
        return None
    if (
        k > 0
        and k + 1 < len(toks)
        and toks[k + 1].cap
        and toks[k + 1].word
        and (toks[k - 1].low in lx.DETERMINERS or toks[k - 1].low in lx.PREPOSITIONS)
        and toks[k - 1].low not in ("zu", "ihr")
    ):
        return None  # an attributive adjective: "mit bestimmten Absichten", "die erklärte Absicht"
    lem = lx.verb_lemma(t.text, t.low) or t.low
    cue = _lexicon_cue(toks, k, stop, lem)
    if cue is not None and cue.verb is not None and cue.verb.reflexive_only and not _reflexive_in_clause(toks, k, stop):
        return None  # "sorgen dafür, dass" is not "sich sorgen"
    if cue is not None and _impersonal(toks, k, cue):
        return None
    return cue


_STATIVE = frozenset("bleibt bleiben blieb ist sind war waren wäre".split())


def _impersonal(toks: list[Tok], k: int, cue: Cue) -> bool:
    """A speech verb that nobody speaks: "es bleibt zu hoffen", "lässt sich sagen", "das heißt" / "heißt dies"
    (it means), "wer den Ton angibt"."""
    before = [toks[j].low for j in range(max(0, k - 2), k)]
    if before[-1:] == ["zu"] and before[:1] and before[0] in _STATIVE:
        return True
    if before[-1:] == ["sich"] and before[:1] and before[0] in ("lässt", "ließ", "ließe", "lassen"):
        return True
    lemma = cue.verb.lemma if cue.verb is not None else ""
    if lemma == "heißen" and (
        before[-1:] in (["das"], ["dies"]) or (k + 1 < len(toks) and toks[k + 1].low in ("das", "dies", "dieses"))
    ):
        return True
    return lemma == "angeben" and "ton" in before


def _lexicon_cue(toks: list[Tok], k: int, stop: int, lem: str) -> Cue | None:
    t = toks[k]
    full = lx.speech_verbs().get(lem) or lx.speech_verbs().get(t.low)
    if full is not None:
        return Cue(k, full, "verb", finite=not _participle(t))
    bases = lx.speech_particles(t.text, t.low)
    if not bases:
        return None
    if k > 0 and toks[k - 1].low in bases and toks[k - 1].low:  # verb-final: "wie X bekannt gab"
        return Cue(k, bases[toks[k - 1].low], "verb", particle=k - 1)
    if "" not in bases and bases.keys().isdisjoint(map(_LOW, toks[k + 1 : stop])):
        return None  # none of the particles the base needs follows it ("gab" without "bekannt", "an", …)
    last = _clause_final_word(toks, k, stop)
    if last is not None and last.low in bases and last.low:
        return Cue(k, bases[last.low], "verb", particle=last.i)
    if "" in bases and not (last is not None and (last.low in lx.particles() or last.low in OTHER_PARTICLES)):
        return Cue(k, bases[""], "verb", finite=not _participle(t))
    return None


def _reflexive_in_clause(toks: list[Tok], k: int, stop: int) -> bool:
    a = _clause_start(toks, k, 0)
    b = clause_end(toks, k, stop)
    return any(toks[j].low in ("sich", "mich", "uns", "dich", "euch") for j in range(a, b))


def _participle(t: Tok) -> bool:
    return (t.low.startswith("ge") and t.low.endswith(("t", "en"))) or ("ge" in t.low[2:6] and t.low.endswith("t"))


def adjective_cue(toks: list[Tok], k: int, stop: int) -> Cue | None:
    """ "ist überzeugt", "zeigte sich zuversichtlich" — a copula with an adjective of conviction or feeling."""
    t = toks[k]
    if t.low not in lx.SPEECH_ADJECTIVES:
        return None
    j = k - 1
    while j >= 0 and j > k - 6 and toks[j].text not in _EDGE:
        if toks[j].low in lx.COPULAS or toks[j].lemma in ("sein", "zeigen", "geben", "sehen", "geben"):
            return Cue(k, None, "adj")
        j -= 1
    return None


def find_cues(toks: list[Tok], a: int, b: int, allowed: set[int] | None = None) -> list[Cue]:
    """Speech-verb cues among ``toks[a:b]``; ``allowed`` restricts to token indices (those outside quotes)."""
    b = min(b, len(toks))
    out = []
    for k in compress(range(a, b), map(_SPEECH, toks[a:b])):  # the few words that can be cues
        if allowed is not None and k not in allowed:
            continue
        clause_start = k  # after the last clause edge before the word (marks inside quotes do not count)
        while clause_start > a and not (
            toks[clause_start - 1].text in _EDGE and (allowed is None or clause_start - 1 in allowed)
        ):
            clause_start -= 1
        cue = verb_cue(toks, k, b, clause_start) or adjective_cue(toks, k, b)
        if cue is not None:
            out.append(cue)
    return out


_SPEECH, _LOW = tok_getter("speech"), tok_getter("low")


def subject_of(toks: list[Tok], cue: Cue, a: int, b: int) -> Chunk | None:
    """The speaker of a cue verb in the sentence ``toks[a:b]``.

    German main clauses put the finite verb second: everything before it is one constituent. When that
    constituent is a noun phrase in the nominative ("Ein Sprecher der Polizei, Lars Beringer, sagte"), it is the
    subject; otherwise (an adverb, a phrase, a subordinate clause) the subject follows the verb ("Daraufhin
    antwortete der Präsident"). In a subordinate clause the subject follows the conjunction ("wie X mitteilte");
    in a relative clause the antecedent speaks ("ein Kommentar, der … bezeichnet"); in the passive, the agent
    after "von" or "seitens" does.
    """
    k = cue.i
    b = min(b, len(toks))
    if cue.kind == "adj":
        k = _copula_before(toks, k, a)
    elif not cue.finite or _clause_final(toks, k, b):
        k = _finite_before(toks, k, a)  # "hat … formuliert": the auxiliary is the finite verb
        if toks[k].low in _PASSIVE_AUXILIARIES and (cue.verb is None or cue.verb.lemma != "zitieren"):
            return _agent(toks, cue.i, b)  # "wurden von Stolpe als unrealistisch bezeichnet": the agent speaks
    if cue.verb is not None and cue.verb.lemma == "heißen":
        return _document_anywhere(toks, cue.i, a, b)  # "Im Bericht heißt es, …"
    rel = _relative_pronoun(toks, k, a)
    if rel is not None:
        return _antecedent(toks, rel, a, b)
    start = _main_clause_start(toks, k, a)
    if start < k and toks[start].low in lx.SUBORDINATORS and toks[start].low not in lx.RELATIVE_PRONOUNS:
        if not any(toks[j].text == "," for j in range(start, k)) and _clause_final(toks, cue.i, b):
            return chunk_at(toks, start + 1, b) or _agent(toks, cue.i, b)  # verb-final: "wie X mitteilte"
        if _clause_final(toks, cue.i, b):
            first = chunk_at(toks, start + 1, b)  # "Wie der Vorsitzende Richter, Ottmar Breidling, ausführte"
            if first is not None and first.b < k and toks[first.b].text == "," and _only_attributes(toks, first.b, k):
                return _with_apposition(toks, first, k)
        start = k  # "Als …, sagte X": the subordinate clause is the first constituent
    if start < k - 1 and toks[k - 1].text == "," and cue.finite and cue.i == k:
        first = chunk_at(toks, start, b)
        if first is not None and first.b == k - 1 and any(toks[j].text == "," for j in range(first.a, first.b)):
            return first  # a subject with its apposition: "Ein Sprecher der Polizei, Lars Beringer, sagte der Zeitung"
        inserted = chunk_at(toks, k + 1, b)  # "Aber sie, sagte er, hätten sich versteckt": a parenthetical cue
        if inserted is not None and (inserted.b >= b or toks[inserted.b].text in _EDGE):
            return inserted
    if start < k:
        s0 = start + 1 if toks[start].low in FOCUS_PARTICLES or toks[start].low in _OPENING_COORDINATORS else start
        first = chunk_at(toks, s0, b)
        if first is not None and _adverbial(toks, first, k):
            first = None  # "Sinngemäß hofft Musk", "Relativierend fügt Gall hinzu"
        if first is not None and first.kind == "group" and k + 1 < b and toks[k + 1].low in ("er", "sie", "ich", "wir"):
            return chunk_at(toks, k + 1, b)  # object first: "Die Arbeit der Koalition lobte er"
        if first is not None and first.kind == "group" and not _can_speak(first) and cue.i == k:
            j = k + 1
            while j < b and (toks[j].low in _AFTER_VERB_SKIP or lx.is_adverb(toks[j].text)):
                j += 1
            after = chunk_at(toks, j, b)
            if after is not None and after.kind != "pronoun" and _can_speak(after, documents=False):
                return after  # a thing first, a person after the verb: "Jegliche Mitverantwortung weist Hartmann von sich"
        if first is not None and toks[s0].low not in _OBJECT_FIRST and _only_attributes(toks, first.b, k):
            return _with_apposition(toks, first, k)
    for j in range(k - 2, start, -1):  # "Dies war nicht die erste … und die Hongkonger befürchten, …"
        if toks[j].low in ("und", "aber", "oder", "doch", "sondern"):
            ch = chunk_at(toks, j + 1, b)
            if ch is not None and ch.b == k and any(is_finite_verb(t) for t in toks[start:j]):
                return ch
            break
    if k > a and toks[k - 1].low in ("und", "sowie", "oder") and k - 1 > start:
        shared = _shared_subject(toks, k - 1, a, b)
        if shared is not None:
            return shared
    j = k + 1
    while j < b and (toks[j].low in _AFTER_VERB_SKIP or toks[j].low in lx.OBJECT_PRONOUNS or lx.is_adverb(toks[j].text)):
        j += 1
    after = chunk_at(toks, j, b) if j >= b or toks[j].low not in _OBJECT_ARTICLES else None  # not "widerspricht dem Geist"
    if after is None and k > start and toks[k - 1].low in ("und", "oder"):  # "Ich rufe ihn an und sage:"
        return chunk_at(toks, start, b)
    if after is not None and not after.name and after.b < b and toks[after.b].text == ",":
        close = next((m for m in range(after.b + 1, min(b, after.b + 6)) if toks[m].text in (",", "(")), None)
        if close is not None:  # "sagte der zuständige Koordinator, Deftalgne Tessema, gegenüber der BBC"
            after = _with_apposition(toks, after, close + 1)
    return after or _agent(toks, cue.i, b) or _document(toks, start, k, b)


_OPENING_COORDINATORS = frozenset(("aber", "und", "doch", "denn", "oder"))  # "Aber Zeitungen berichteten"
_PASSIVE_AUXILIARIES = frozenset("wird werden wurde wurden worden".split())
_OBJECT_ARTICLES = frozenset("dem den einem einen diesem diesen".split())  # never a subject's
_OBJECT_FIRST = frozenset("den dem einem einen ihm ihn ihnen mir mich uns".split())
_AFTER_VERB_SKIP = frozenset(
    "sich auch aber dabei jedoch nun ebenfalls zudem daraufhin dann damals bereits schon noch heute gestern".split()
)
_DOCUMENT_PREPOSITIONS = frozenset("in im auf laut".split())


_ADVERBIAL_SUFFIXES = (
    "end",
    "lang",
    "gemäß",
    "lich",
    "isch",
    "iell",
    "ell",
    "ig",
    "bar",
    "sam",
    "los",
    "voll",
    "haft",
    "mäßig",
    "iv",
    "weise",
)


def _can_speak(chunk: Chunk, documents: bool = True) -> bool:
    """A person, a body or (``documents``) a document: a possible speaker, unlike "die praktische Anwendung"."""
    if chunk.kind in ("name", "role"):
        return True
    head = chunk.head or ""
    if lx.is_institution_noun(head) or lx.is_people_plural(head):
        return True
    return documents and (lx.is_attribution_noun(head) or lx.is_statement_noun(head))


def _adverbial(toks: list[Tok], chunk: Chunk, k: int) -> bool:
    """A single capitalised word before the verb that is an adjective used as an adverb, not a name."""
    if chunk.b - chunk.a != 1:
        return False
    t = toks[chunk.a]
    if lx.is_first_name(t.text) or lx.is_role_noun(t.text):
        return False
    if t.low in lx.SPEECH_ADJECTIVES and chunk.b == k:  # "Besorgt äußerte sich Kofi Annan"
        return True
    follows = toks[chunk.b].low if chunk.b < len(toks) else ""
    suffix = next((s for s in _ADVERBIAL_SUFFIXES if t.low.endswith(s)), None)
    if suffix is None or len(t.low) - len(suffix) < 3:  # "Glos", "Craig" are names
        return False
    return chunk.b == k or follows in ("für", "zu", "mit", "nach", "auf")


def _shared_subject(toks: list[Tok], und: int, a: int, b: int) -> Chunk | None:
    """The subject of the verb before "und": "Netanyahu befand … und nannte …"."""
    for j in range(und - 1, a - 1, -1):
        if toks[j].text in _EDGE and toks[j].text != ",":
            break
        if is_finite_verb(toks[j]):
            return subject_of(toks, Cue(j, None, "verb"), a, b)
    return None


def is_finite_verb(t: Tok) -> bool:
    """A lower-case word that looks like a finite verb (an auxiliary, or a past or present form of a verb)."""
    return t.word and not t.cap and _finite_form(t.text, t.low)


@lru_cache(maxsize=32768)
def _finite_form(text: str, low: str) -> bool:
    """``is_finite_verb`` of a lower-case word form (it depends on the form alone: learnt once per form)."""
    if low in lx.AUXILIARIES_SET:
        return True
    lem = lx.lemma(text)
    if lem == low or not lem.endswith(("en", "ern", "eln")) or low in lx.DETERMINERS or low in lx.PREPOSITIONS:
        return False
    if lx.is_adverb(text) or low.endswith("end") or (low.startswith("ge") and low.endswith(("t", "en"))):
        return False  # adverbs, present participles, past participles
    return not low.endswith(("e", "es", "em", "er")) or low.endswith(("te", "ste"))  # "sprach", "gab", "wies", "sagte"


def _main_clause_start(toks: list[Tok], k: int, a: int) -> int:
    """Start of the clause whose finite verb is ``k``: after a colon, a sentence mark, a closing quote's comma,
    a spaced dash, or a comma before a coordinating conjunction; commas of appositions do not end it."""
    j = k - 1
    while j >= a:
        t = toks[j].text
        if t in QUOTE_CHARS:
            opening = name_opening(toks, j, a)
            if opening is None:
                return j + 1
            j = opening - 1  # "Die Zeitung „Yemen Observer“ berichtet"
            continue
        if (t in (":", ";", ".", "!", "?", "–", "—") and not ordinal_point(toks, j)) or (
            t == "-" and j > 0 and toks[j - 1].end < toks[j].start
        ):
            return j + 1
        if t == ",":
            if j + 1 < k and toks[j + 1].low in ("und", "aber", "oder", "sondern", "denn", "doch"):
                return j + 2
            if j > a and toks[j - 1].text in QUOTE_CHARS:
                return j + 1
            if _segment_has_verb(toks, j, a):
                return j + 1  # "…wies diese Behauptung zurück, die Sprecherin …, erklärte:"
        j -= 1
    return a


def _segment_has_verb(toks: list[Tok], comma: int, a: int) -> bool:
    """Whether the comma-delimited segment ending at ``comma`` is a clause with a verb (not a relative clause)."""
    j = comma - 1
    while (
        j > a
        and (toks[j - 1].text not in (",", ":", ";", ".") or ordinal_point(toks, j - 1))
        and toks[j - 1].text not in QUOTE_CHARS
    ):
        j -= 1
    seg = toks[j:comma]
    if not seg:
        return False
    after_comma = j > 0 and toks[j - 1].text == ","  # a sentence's first word is an article ("Die Gründung …, die …")
    if after_comma and (
        seg[0].low in lx.RELATIVE_PRONOUNS
        or (len(seg) > 1 and seg[0].low in lx.PREPOSITIONS and seg[1].low in lx.RELATIVE_PRONOUNS)
    ):
        return False
    return any(is_finite_verb(t) for t in seg[1:])


def _relative_pronoun(toks: list[Tok], k: int, a: int) -> int | None:
    """If ``k`` is the last verb of a relative clause ("…, der die Entscheidung … bezeichnet,"), its pronoun."""
    j = k - 1
    while j > a and (toks[j].text not in (",", ":", ".", "(") or ordinal_point(toks, j)) and toks[j].text not in QUOTE_CHARS:
        j -= 1
    if j <= a or toks[j].text != "," or j + 1 >= k:
        return None
    r = j + 1
    if toks[r].low in lx.PREPOSITIONS and r + 1 < k:
        r += 1
    verb_final = k + 1 >= len(toks) or toks[k + 1].text in _EDGE or toks[k + 1].low in lx.AUXILIARIES_SET
    return (
        r
        if (toks[r].low in lx.RELATIVE_PRONOUNS and verb_final and toks[r].low not in ("das",))
        or (
            toks[r].low == "das"
            and verb_final
            and (r + 1 == k or (toks[r + 1].low not in lx.DETERMINERS and not toks[r + 1].cap))
        )
        else None
    )


def _antecedent(toks: list[Tok], rel: int, a: int, b: int) -> Chunk | None:
    comma = rel - 1 if toks[rel - 1].text == "," else rel - 2
    start = _main_clause_start(toks, comma, a)
    best: Chunk | None = None
    i = start
    while i < comma:
        ch = chunk_at(toks, i, b)
        if ch is not None and ch.b <= comma + 1:
            best = ch
            i = ch.b
        else:
            i += 1
    return best


def _only_attributes(toks: list[Tok], j: int, k: int) -> bool:
    """Between the first noun phrase and the verb only attributes: appositions, relative clauses, phrases
    in brackets or after a preposition — nothing with a verb of its own."""
    segment: list[Tok] = []
    for t in [*toks[j:k], toks[k]]:
        if t.text == "," or t.i == k:
            if segment and not _attribute(segment):
                return False
            segment = []
        else:
            segment.append(t)
    return True


def _attribute(seg: list[Tok]) -> bool:
    first = seg[0]
    if first.low in lx.RELATIVE_PRONOUNS or (
        first.low in lx.PREPOSITIONS and len(seg) > 1 and seg[1].low in lx.RELATIVE_PRONOUNS
    ):
        return True  # a relative clause
    return not any(
        is_finite_verb(t) or (t.word and not t.cap and lx.speech_verbs().get(lx.verb_lemma(t.text, t.low) or "")) for t in seg
    )


def _with_apposition(toks: list[Tok], chunk: Chunk, k: int) -> Chunk:
    """ "Ein Sprecher der Polizei, Lars Beringer, sagte": the name given after the role."""
    if chunk.name:
        return chunk
    j = chunk.b
    while j < k:
        if toks[j].text == "," and j + 1 < k:
            names = []
            m = j + 1
            while (
                m < k and toks[m].word and toks[m].cap and not lx.is_role_noun(toks[m].text) and toks[m].low not in lx.DETERMINERS
            ):
                names.append(toks[m])
                m += 1
            if len(names) >= 2 and (m >= k or toks[m].text in (",", "(")):
                return Chunk(chunk.a, m, "name", " ".join(t.text for t in names), chunk.head, toks)
        j += 1
    return chunk


def _agent(toks: list[Tok], k: int, b: int) -> Chunk | None:
    """The agent of a passive ("wurde … von der Polizei mitgeteilt", "seitens der Behörden")."""
    a = k
    while a > 0 and (toks[a - 1].text not in _EDGE or ordinal_point(toks, a - 1)):
        a -= 1
    end = clause_end(toks, k, b)  # the agent stands in the cue's clause, never in the reported content
    if not any(
        toks[j].low in ("wurde", "wurden", "wird", "werden", "worden", "war", "waren")
        for j in range(a, min(end + 1, k + 3, len(toks)))
    ):
        return None
    documents: Chunk | None = None
    for j in range(a, end):
        if toks[j].low in ("von", "vom", "seitens", "durch") and j + 1 < end:
            n = j + 1
            if toks[j].low == "von" and toks[n].low == "seiten" and n + 1 < end:
                n += 1
            ch = chunk_at(toks, n, end)
            if ch is not None:
                return ch
        if documents is None and toks[j].low in ("in", "im") and j + 1 < end:
            ch = chunk_at(toks, j + 1, end)  # "So wird in einer Pressemitteilung der Organisation gefordert"
            if ch is not None and ch.head and (lx.is_attribution_noun(ch.head) or lx.is_statement_noun(ch.head)):
                documents = ch
    return documents


def _document_anywhere(toks: list[Tok], k: int, a: int, b: int) -> Chunk | None:
    """The "in X" or "laut X" phrase of the clause around ``k`` ("Im Bericht heißt es", "heißt es in einer Mitteilung")."""
    start = _main_clause_start(toks, k, a)
    end = clause_end(toks, k, b)
    for j in range(start, end):
        if toks[j].low in ("in", "im", "laut", "von", "vom", "aus", "bei", "beim") and j + 1 < end:
            ch = chunk_at(toks, j + 1, end)
            if ch is not None:
                return ch
    return None


def _document(toks: list[Tok], start: int, k: int, b: int) -> Chunk | None:
    """ "In einer Presseerklärung … wurde verkündet": the document speaks when nobody does."""
    if start < k and toks[start].low in _DOCUMENT_PREPOSITIONS:
        return chunk_at(toks, start + 1, b)
    return None


def _copula_before(toks: list[Tok], k: int, a: int) -> int:
    j = k - 1
    while j >= a and j > k - 6:
        if toks[j].low in lx.COPULAS or toks[j].lemma in ("sein", "zeigen", "geben", "sehen"):
            return j
        j -= 1
    return k


AUXILIARIES = frozenset(
    "hat haben hatte hatten habe hätte hätten ist sind war waren sei seien wäre wären wird werden wurde wurden "
    "würde würden kann können konnte konnten könne könnte muss müssen musste mussten will wollen wollte wollten "
    "soll sollen sollte sollten darf dürfen durfte".split()
)


FOCUS_PARTICLES = frozenset("auch nur sogar selbst gerade besonders ausgerechnet ebenfalls".split())


def _clause_final(toks: list[Tok], k: int, b: int) -> bool:
    """The verb ends its clause, perhaps followed by its auxiliary ("bekanntgegeben hat,")."""
    j = k + 1
    while j < b and toks[j].low in lx.AUXILIARIES_SET:
        j += 1
    return j >= b or toks[j].text in _EDGE


def _finite_before(toks: list[Tok], k: int, a: int) -> int:
    """For a participle or infinitive cue ("hat … formuliert"), the finite auxiliary of its clause."""
    j = k - 1
    depth = 0
    while j >= a and (
        toks[j].text not in _EDGE
        or toks[j].text in "()"
        or depth
        or ordinal_point(toks, j)
        or name_opening(toks, j, a) is not None
    ):
        opening = name_opening(toks, j, a)
        if opening is not None:
            j = opening - 1
            continue
        if toks[j].text == ")":
            depth += 1
        elif toks[j].text == "(":
            depth = max(0, depth - 1)
        elif not depth and toks[j].low in AUXILIARIES:
            return j
        elif not depth and toks[j].low in ("und", "oder", "aber"):
            ch = chunk_at(toks, j + 1, k)
            if ch is not None and ch.b == k:
                return k  # "… und die Taxifahrer befürchten": a clause with its own subject and verb
        j -= 1
    return k


def _clause_start(toks: list[Tok], k: int, a: int) -> int:
    j = k
    while j > a and (toks[j - 1].text not in _EDGE or ordinal_point(toks, j - 1)):
        j -= 1
    return j


def _ends_before(toks: list[Tok], chunk: Chunk, k: int) -> bool:
    j = chunk.b
    while j < k and (toks[j].text == "," or toks[j].low == "und" or not toks[j].word):
        j += 1
    if j == k:
        return True
    nxt = chunk_at(toks, j) if toks[chunk.b].low == "und" or (chunk.b < k and toks[chunk.b].low == "und") else None
    return nxt is not None and nxt.b == k
