"""Mentions in Russian text: capitalised words split into people, places and bodies by their morphology
(pymorphy3's Name, Surn, Patr, Geox and Orgn analyses: "премьер-министр Венгрии Виктор Орбан" is the place
"Венгрия" and the person "Виктор Орбан", titled head of government of Hungary), each given in the nominative so
that "Орбана", "Орбану" and "Орбан" link to one actor; role nouns that stand for a person ("пресс-секретарь
Кремля", "глава МИД России", "президента Белоруссии")."""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.lang.ru import lexicon as ru
from newsprism.lang.ru import morph
from newsprism.lang.ru.tokens import tokenize
from newsprism.lang.tokens import DASHES, QUOTE_MARKS, Token
from newsprism.pipeline.entities.mentions import Mention
from newsprism.registry.actors import ActorRegistry

_OPENERS = QUOTE_MARKS | DASHES | frozenset(":(")
_MAX_ROLE_WORDS = 3


def _capital(t: Token) -> bool:
    """A capitalised word that may be part of a name (a role noun opening a sentence is not: "Пресс-секретарь")."""
    return (
        t.text[:1].isupper()
        and t.text[:1].isalpha()
        and t.low not in ru.FUNCTION_WORDS
        and not (not t.text.isupper() and ru.role_title(morph.lemma(t.text).replace("ё", "е"))[0])
    )


def _opens(toks: Sequence[Token], i: int) -> bool:
    """The word opens its sentence (or a quote, or a clause after a dash or colon): a capital says nothing there."""
    j = i - 1
    while j >= 0 and toks[j].text in _OPENERS:
        j -= 1
    return j < 0 or toks[j].text in ".!?…"


def _initial(toks: Sequence[Token], i: int) -> bool:
    """ "В. Путин": an initial with its dot before a capitalised word."""
    t = toks[i]
    return (
        len(t.text) == 1
        and t.text.isupper()
        and i + 2 < len(toks)
        and toks[i + 1].text == "."
        and toks[i + 1].start == t.end
        and toks[i + 2].text[:1].isupper()
    )


def _word_kind(toks: Sequence[Token], i: int) -> str | None:
    t = toks[i]
    if t.text.isupper() and len(t.text) > 1:
        return "org" if morph.kind(t.text) != "place" else "place"
    return morph.kind(t.text)


def _common(t: Token) -> bool:
    """A word the dictionary knows as something other than a person: "Офиса", "Белгородской", "Совета"."""
    if t.text.isupper() or not morph.is_known(t.text):
        return False
    ps = morph.parses(t.text)
    return bool(ps) and not (ps[0].tag.POS == "NOUN" and "anim" in ps[0].tag)


def _adjective(t: Token) -> bool:
    ps = morph.parses(t.text)
    return bool(ps) and ps[0].tag.POS == "ADJF"


def sentence_mentions(
    text: str,
    start: int,
    end: int,
    registry: ActorRegistry,
    sentence: int = 0,
) -> list[Mention]:
    """The mentions of one Russian sentence ``text[start:end]``."""
    toks = tokenize(text, start, end)
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        if not (_capital(toks[i]) or _initial(toks, i)):
            i += 1
            continue
        j = i
        while j < len(toks) and (
            _capital(toks[j]) or _initial(toks, j) or (toks[j].text == "." and j > i and _initial(toks, j - 1))
        ):
            j += 1
        out.extend(_run(text, toks, i, j, registry, sentence))
        i = j
    out.extend(_role_mentions(text, toks, out, registry, sentence))
    return sorted(out, key=lambda m: m.start)


def _segments(toks: Sequence[Token], a: int, b: int) -> list[tuple[int, int, str | None]]:
    """A run of capitalised words cut where a person's name meets a place or a body: "Венгрии | Виктор Орбан"."""
    out: list[tuple[int, int, str | None]] = []
    for k in range(a, b):
        if toks[k].text == ".":
            continue
        kind = "name" if _initial(toks, k) else _word_kind(toks, k)
        if out:
            s, _e, prev = out[-1]
            joins = (
                (prev == "name" and kind in ("name", None))
                or (prev is None and kind is None)
                or (prev is None and kind == "name" and not any(_common(t) for t in toks[s:k]))
                or (prev is None and kind == "place" and k == s + 1 and _adjective(toks[s]))  # "Южной Кореи"
                or (prev in ("place", "org") and kind is None and toks[k].text[:1].isupper() and not toks[k].text.isupper())
            )
            if joins:
                out[-1] = (s, k + 1, kind if prev is None else prev)
                continue
        out.append((k, k + 1, kind))
    return out


def _run(
    text: str,
    toks: Sequence[Token],
    a: int,
    b: int,
    registry: ActorRegistry,
    sentence: int,
) -> list[Mention]:
    out = []
    for s, e, kind in _segments(toks, a, b):
        if (
            s == a
            and e - s > 1
            and _opens(toks, s)
            and morph.is_known(toks[s].text)
            and not morph.may_be_name(toks[s].text)
            and (kind is None or _common(toks[s]))
        ):
            s += 1  # "Позже Орбану …": the word that opens the sentence is not part of the name
        raw = text[toks[s].start : toks[e - 1].end]
        if s == a and _opens(toks, a) and e - s == 1 and kind is None and morph.is_known(toks[s].text):
            if not morph.may_be_name(toks[s].text):
                continue  # "Накануне", "Говоря": a word that opens the sentence
            kind = "name"  # "Песков: …" (a surname, though the dictionary first reads "песков" as sand)
        if e - s == 1 and kind is None and toks[s].text[:1].isascii() and _opens(toks, s):
            continue
        typ = _type(toks, s, e, kind, raw, registry)
        if typ is None:
            continue
        name = morph.nominative(raw, typ)
        out.append(
            Mention(
                start=toks[s].start,
                end=toks[e - 1].end,
                type=typ,
                kind="name",
                text=raw,
                name=name,
                sentence=sentence,
                token=s,
                follows=toks[s - 1].low if s > 0 else "",
                precedes=toks[e].low if e < len(toks) else "",
                after=" ".join(t.low for t in toks[e : e + 6]),
            )
        )
    return out


def _type(
    toks: Sequence[Token],
    s: int,
    e: int,
    kind: str | None,
    raw: str,
    registry: ActorRegistry,
) -> str | None:
    """PER for a name, else the registry's type for a body or place it knows, else what the morphology says."""
    if kind == "name":
        return "PER"
    hit = registry.by_name(morph.nominative(raw, "ORG")) or registry.by_name(raw)
    if hit:
        return hit[0].type
    if kind == "place":
        return "LOC"
    if kind == "org":
        return "ORG"
    first = morph.parses(toks[s].text)
    prev = toks[s - 1] if s > 0 else None
    if prev is not None and not _common(toks[s]) and ru.role_title(morph.lemma(prev.text))[0]:
        return "PER"  # "эксперт Шатилов", "политолог Светов"
    if first and "anim" in first[0].tag and first[0].tag.POS == "NOUN":
        return "PER"
    if (first and first[0].tag.POS == "NOUN") or not morph.is_known(toks[s].text):
        return "MISC"
    return None


def _role_mentions(
    text: str, toks: Sequence[Token], names: Sequence[Mention], registry: ActorRegistry, sentence: int
) -> list[Mention]:
    """ "пресс-секретарь Кремля", "глава МИД", "президента Белоруссии", "эксперт": a role noun (in any case) and
    the body or country it belongs to. A role right before a person's name titles that name instead."""
    by_start = {m.start: m for m in names}
    out = []
    k = 0
    while k < len(toks):
        t = toks[k]
        if not t.text[:1].islower() or _role_lemma(t, True) not in ru.ROLE_HEADS:
            k += 1
            continue
        found = None
        for n in range(_MAX_ROLE_WORDS, 0, -1):
            words = toks[k : k + n]
            if len(words) < n or any(not w.text[:1].isalpha() for w in words):
                continue
            phrase = " ".join(_role_lemma(w, m == 0) for m, w in enumerate(words))
            is_role, title = ru.role_title(phrase)
            if is_role:
                found = (n, title)
                break
        if found is None:
            k += 1
            continue
        n, title = found
        j = k + n
        of = None
        owner = by_start.get(toks[j].start) if j < len(toks) else None
        if owner is not None and owner.type in ("LOC", "ORG"):
            hit = registry.by_name(owner.name) or registry.by_name(owner.text)
            of = hit[0].id if hit else None
            j = next((x for x in range(j, len(toks)) if toks[x].end >= owner.end), j) + 1
        person = by_start.get(toks[j].start) if j < len(toks) else None
        if person is not None and person.type == "PER":
            person.title, person.of = title, of  # "премьер-министр Венгрии Виктор Орбан"
        else:
            s, e = toks[k].start, toks[j - 1].end
            out.append(
                Mention(
                    start=s,
                    end=e,
                    type="PER",
                    kind="role",
                    text=text[s:e],
                    name=text[s:e],
                    title=title,
                    of=of,
                    sentence=sentence,
                    token=k,
                    follows=toks[k - 1].low if k > 0 else "",
                    precedes=toks[j].low if j < len(toks) else "",
                )
            )
        k = j
    return out


def _role_lemma(tok: Token, head: bool) -> str:
    """A role phrase's words as the lexicon lists them: the head noun in its lemma ("премьер-министра" →
    "премьер-министр"), the words after it as written ("министр иностранных дел", "глава МИД")."""
    if not head:
        return tok.low
    return morph.lemma(tok.text).replace("ё", "е")


def surnames_of_people(mentions: Sequence[Mention]) -> None:
    """A surname alone is the person the article names in full, whatever the dictionary guesses of it ("Шатилов"
    beside "Александр Шатилов" is no plural of "шатил"): typed PER and given in the nominative."""
    people = {
        morph.surname_key(m.name): m.name for m in mentions if m.type == "PER" and m.kind == "name" and len(m.name.split()) > 1
    }
    for m in mentions:
        if m.kind != "name" or len(m.text.split()) != 1 or m.type == "PER":
            continue
        key = morph.surname_key(morph.nominative(m.text, "PER"))
        if key in people and not m.text.isupper():
            m.type = "PER"
            m.name = morph.nominative(m.text, "PER")


__all__ = ["sentence_mentions", "surnames_of_people"]
